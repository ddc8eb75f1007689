#!/usr/bin/env python3
"""Robustness sweep of the staffing engine over the shared generator's whole option space.

    python bench/staffing_sweep.py [--instances 200] [--large 6] [--workers 2] [--seed 9]

Every instance comes from the shared ``staffing/generate.py`` with options drawn at random:
cohorts 0-30 (0-80 for the large ones), sessions 1-14, workshops, teachers (from very few to
many), skills per teacher 0.5-4, teacher and facilitator availability 0.1-1, away rate 0-0.3,
rooms (none or 1-8 a day), weeks 8-52, guest share 0-0.5, and a third of them re-planning
instances with a random now_day and penalties. The engine runs as a subprocess with a short
time limit and the shared ``staffing/evaluate.py`` judges its output:

- valid: exit 0 and the evaluator says valid;
- invalid: exit 0 with a solution that breaks a rule;
- crashed: any other exit status, output that is not JSON, or still running long after the
  time limit (hung);
- skipped: the generator itself could not make the instance (its own limits).

The generator plants a complete plan, so "unplaced" and "missing" count sessions the engine
left out or short within the time limit (a quality figure; not a failure). Target: 0 crashed
and 0 invalid. Failing instances are listed with the generator options that make them again.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.staffing import MODULE, benchmarks_dir, load_module  # noqa: E402

SMALL_LIMIT = 2.0
LARGE_LIMIT = 5.0


@dataclass
class Outcome:
    options: list[str]
    limit: float
    sessions: int = 0
    status: str = ""
    detail: str = ""
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def draw_options(rng: random.Random, seed: int, large: bool) -> list[str]:
    cohorts = rng.randint(10, 80) if large else rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 30])
    weeks = rng.choice([8, 12, 20, 30, 40, 40, 52])
    max_sessions = max(1, (weeks * 5 - 10) // 3 + 1)
    sessions = min(max_sessions, rng.choice([1, 2, 3, 5, 8, 10, 12, 14]))
    workshops = rng.choice([None, 0, 1, 3, 8]) if cohorts else rng.choice([1, 3, 8])
    options = ["--cohorts", str(cohorts), "--sessions", str(sessions), "--weeks", str(weeks)]
    options += ["--seed", str(seed)]
    if workshops is not None:
        options += ["--workshops", str(workshops)]
    if rng.random() < 0.4:
        units = cohorts + (workshops if workshops is not None else cohorts // 3)
        options += ["--teachers", str(max(4, round(units * rng.uniform(0.3, 4))))]
    options += ["--skills-per-teacher", f"{rng.choice([0.5, 1, 1.5, 2, 3, 4]):g}"]
    options += ["--density", f"{rng.uniform(0.1, 1):.2f}"]
    options += ["--facilitator-density", f"{rng.uniform(0.1, 1):.2f}"]
    options += ["--away-rate", f"{rng.choice([0, 0.01, 0.03, 0.1, 0.3]):g}"]
    # the generator needs two core (not guest) teachers a skill: more guests than half fails
    options += ["--guest-share", f"{rng.choice([0, 0.1, 0.2, 0.3, 0.5]):g}"]
    if rng.random() < 0.4:
        options += ["--rooms", str(rng.randint(1, 8))]
    if rng.random() < 0.35:
        options.append("--replan")
        if rng.random() < 0.5:
            options += ["--now-day", str(rng.randint(1, max(1, weeks * 5 - 11)))]
        options += ["--move-penalty", str(rng.choice([0, 10, 50, 200]))]
        options += ["--swap-penalty", str(rng.choice([0, 5, 20, 100]))]
    return options


def hung_after(limit: float) -> float:
    """When a run counts as hung: far past its limit, as a machine shared with other work can
    take many seconds just to start Python."""
    return 10 * limit + 60


def run_one(case: Outcome, gen: Any, ev: Any, work: Path, index: int) -> Outcome:
    try:
        args = gen.parse_args(case.options)
        data, _plant = gen.build(args)
    except (SystemExit, Exception) as exc:  # the generator's own limits
        case.status, case.detail = "skipped", f"{type(exc).__name__}: {exc}"[:120]
        return case
    data = json.loads(json.dumps(data))
    case.sessions = sum(len(c["sessions"]) for c in data["cohorts"])
    path = work / f"inst-{index:04d}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    cmd = [sys.executable, "-m", MODULE, str(path), "--time-limit", str(case.limit)]
    start = time.monotonic()
    try:
        proc = subprocess.run(
            cmd, cwd=REPO, capture_output=True, text=True, timeout=hung_after(case.limit)
        )
    except subprocess.TimeoutExpired:
        case.status, case.detail = "crashed", "hung"
        return case
    case.seconds = time.monotonic() - start
    if proc.returncode != 0:
        case.status = "crashed"
        case.detail = f"exit {proc.returncode}: {proc.stderr.strip()[-200:]}"
        return case
    try:
        verdict = ev.evaluate(ev.load_instance(data), json.loads(proc.stdout))
    except json.JSONDecodeError as exc:
        case.status, case.detail = "crashed", f"not JSON: {exc}"
        return case
    if verdict["valid"]:
        case.status = "valid"
        case.extra = {"unplaced": verdict["unplaced"], "missing": verdict["missing_teachers"]}
    else:
        case.status, case.detail = "invalid", "; ".join(verdict["violations"][:3])
    return case


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--instances", type=int, default=200, help="instances of 0-30 cohorts")
    ap.add_argument("--large", type=int, default=6, help="instances of 10-80 cohorts")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--small-limit", type=float, default=SMALL_LIMIT)
    ap.add_argument("--large-limit", type=float, default=LARGE_LIMIT)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    root = benchmarks_dir() / "staffing"
    if not (root / "generate.py").exists():
        print(f"cannot find {root / 'generate.py'}; set KRING_BENCHMARKS_DIR", file=sys.stderr)
        return 2
    gen = load_module(root / "generate.py", "kring_sweep_staffing_generate")
    ev = load_module(root / "evaluate.py", "kring_sweep_staffing_evaluate")
    rng = random.Random(args.seed)
    cases = []
    for k in range(args.instances + args.large):
        large = k >= args.instances
        options = draw_options(rng, 1000 * args.seed + k, large)
        cases.append(Outcome(options, args.large_limit if large else args.small_limit))
    work = Path(tempfile.mkdtemp(prefix="kring-staffing-sweep-"))
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, args.workers)) as pool:
        futures = [pool.submit(run_one, c, gen, ev, work, k) for k, c in enumerate(cases)]
        done = []
        for k, future in enumerate(futures):
            case = future.result()
            done.append(case)
            if args.verbose:
                print(
                    f"  {k:4d} {case.sessions:5d} sessions {case.seconds:5.1f} s "
                    f"{case.status} {case.detail[:100]}",
                    flush=True,
                )
    elapsed = time.monotonic() - started
    count = Counter(c.status for c in done)
    ran = [c for c in done if c.status != "skipped"]
    print(
        f"staffing sweep: {len(done)} generated instances ({len(ran)} made by the generator), "
        f"{args.workers} engines at a time, limits {args.small_limit:g}/{args.large_limit:g} s"
    )
    for status in ("valid", "invalid", "crashed", "skipped"):
        print(f"  {status:<8} {count.get(status, 0):>5}")
    valid = [c for c in done if c.status == "valid"]
    if valid:
        sizes = sorted(c.sessions for c in ran)
        print(
            f"  sessions per instance {sizes[0]}..{sizes[-1]}; slowest run "
            f"{max(c.seconds for c in ran):.1f} s; "
            f"left out {sum(c.extra['unplaced'] for c in valid)}"
            f", teachers missing {sum(c.extra['missing'] for c in valid)} over all valid plans"
        )
    print(f"  wall time {elapsed:.0f} s")
    skipped = Counter(c.detail.split(":")[0] for c in done if c.status == "skipped")
    if skipped:
        print(
            "skipped (the generator could not make the instance): "
            + ", ".join(f"{n} x {r}" for r, n in skipped.most_common())
        )
    failures = [c for c in done if c.status in ("invalid", "crashed")]
    for c in failures:
        print(f"  {c.status}: {c.detail}\n    generate.py {' '.join(c.options)}")
    ok = not failures
    print(f"target 0 crashed and 0 invalid: {'MET' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
