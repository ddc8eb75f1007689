#!/usr/bin/env python3
"""Robustness sweep of the grouping engine over the shared generator's whole option space.

    python bench/grouping_sweep.py [--pools 250] [--large 8] [--workers 2] [--seed 9]

Every pool comes from the shared ``grouping/generate.py`` with options drawn at random:
availability density 0.25-0.9, apart ratio 0-0.5, together pairs 0-10, target group size
4-7 with exact or ranged sizes, random weights (some zero), ``min_common_slots`` 1-2, the
manager share, the number of slots and tasks. The generator plants a valid grouping, so
every pool is feasible. The engine runs as a subprocess with a short time limit and the
shared ``grouping/evaluate.py`` judges its output:

- valid: exit 0 and the evaluator says valid;
- infeasible: exit 1 with the engine's reason (an honest "not found in time" on a feasible
  pool); an exit 1 without it (a Python traceback) is a crash;
- invalid: exit 0 with a grouping that breaks a rule, or a *proof* of infeasibility on a
  pool whose planted grouping the evaluator accepts (a wrong proof);
- crashed: any other exit status, or still running long after the time limit (hung).

"repaired" counts valid results for which the engine's own final check caught a broken
grouping from the search and repaired it (a search bug that did not reach the user).

The target is 0 crashed and 0 invalid. Failing pools are listed with the generator options
that make them again.
"""

from __future__ import annotations

import argparse
import json
import random
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

from bench.grouping import TIMEOUT_EXIT, benchmarks_dir, load_module, run_engine  # noqa: E402

SMALL = (8, 60)  # most pools: sizes drawn from this range
LARGE = (200, 2000)
SMALL_LIMIT = 2.0  # seconds per small pool
LARGE_LIMIT = 5.0
BANDS = ((8, 24), (25, 60), (200, 2000))
NO_GROUPING = "kring group-form: no valid grouping: "  # exit 1 with this: infeasible


@dataclass
class Outcome:
    n: int
    options: list[str]
    limit: float
    status: str = ""  # valid, infeasible, invalid, crashed, skipped
    detail: str = ""
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def draw_options(rng: random.Random, n: int, seed: int, gen: Any) -> list[str] | None:
    """Generator options for one pool of n people, or None when the sizes cannot work."""
    target = rng.randint(4, 7)
    if rng.random() < 0.3:
        # exact sizes: every group has the target size, so n must be a multiple of it
        n = target * (n // target) if n >= 8 + target - 1 else target * -(-n // target)
        low = high = target
    else:
        low = max(2, target - rng.choice((0, 1, 1, 2)))
        high = target + rng.choice((0, 1, 1, 2))
        if low == high:
            high += 1
    try:
        sizes = gen.balanced_group_sizes(n, target, low, high)
    except gen.GenerationError:
        return None
    pairs_room = sum(s // 2 for s in sizes)
    weights = [rng.choice((0, 0, 0.5, 1, 2, 3, 5)) for _ in range(4)]
    if not any(weights):
        weights[rng.randrange(4)] = 1
    options = [
        "--n",
        str(n),
        "--seed",
        str(seed),
        "--target-size",
        str(target),
        "--min-size",
        str(low),
        "--max-size",
        str(high),
        "--density",
        f"{rng.uniform(0.25, 0.9):.2f}",
        "--apart-ratio",
        f"{rng.choice((0.0, 0.05, 0.1, 0.2, 0.3, 0.5)):.2f}",
        "--together",
        str(min(rng.randint(0, 10), pairs_room)),
        "--manager-share",
        f"{rng.uniform(0.0, 1.0):.2f}",
        "--min-common-slots",
        str(rng.choice((1, 1, 2))),
        "--slots",
        str(rng.choice((8, 10, 15, 15, 20))),
        "--tasks",
        str(rng.randint(2, 12)),
        "--weight-task",
        str(weights[0]),
        "--weight-context",
        str(weights[1]),
        "--weight-position",
        str(weights[2]),
        "--weight-availability",
        str(weights[3]),
    ]
    if rng.random() < 0.1:
        options.append("--allow-manager-and-report")
    return options


def run_one(
    case: Outcome, gen: Any, evaluate: Any, work: Path, index: int
) -> Outcome:  # pragma: no cover - a benchmark
    args = gen.parse_args(case.options)
    try:
        data, plant = gen.build(args)
    except gen.GenerationError as exc:
        case.status, case.detail = "skipped", str(exc)
        return case
    case.n = len(data["people"])
    path = work / f"pool-{index:04d}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    run = run_engine(path, case.limit, seed=0, timeout=timeout_for(case.limit))
    case.seconds = run["seconds"]
    inst = evaluate.load_instance(data)
    stderr_last = run["stderr"].splitlines()[-1] if run["stderr"] else ""
    if run["code"] == 0 and run["solution"] is not None:
        verdict = evaluate.evaluate(inst, run["solution"])
        if verdict["valid"]:
            case.status = "valid"
            # the engine's own guard caught a broken result: valid output, but a search bug
            case.extra["repaired"] = "kring group-form: warning:" in run["stderr"]
        else:
            case.status, case.detail = "invalid", "; ".join(verdict["violations"][:3])
    elif run["code"] == 1 and stderr_last.startswith(NO_GROUPING):
        plant_ok = evaluate.evaluate(inst, {"groups": plant})["valid"]
        reason = stderr_last.removeprefix(NO_GROUPING)
        if "proven" in reason and plant_ok:
            case.status, case.detail = "invalid", f"wrong proof: {reason}"
        else:
            case.status, case.detail = "infeasible", reason
    else:
        case.status = "crashed"
        if run["code"] == TIMEOUT_EXIT:
            case.detail = f"still running after {timeout_for(case.limit):g} s"
        else:
            case.detail = f"exit {run['code']}: {stderr_last[:200]}"
    return case


def timeout_for(limit: float) -> float:
    """When a run counts as hung: far past the limit, as a busy machine can slow start-up."""
    return 3 * limit + 10


def band_of(n: int) -> str:
    for low, high in BANDS:
        if low <= n <= high:
            return f"{low}-{high}"
    return "other"


def reason_kind(detail: str) -> str:
    """The reason without the people and numbers, so that reports can be counted."""
    words = []
    for word in detail.split():
        if any(ch.isdigit() for ch in word):
            continue
        words.append(word)
    return " ".join(words)[:90]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pools", type=int, default=250, help="pools of 8-60 people")
    ap.add_argument("--large", type=int, default=8, help="pools of 200-2,000 people")
    ap.add_argument("--workers", type=int, default=2, help="engines run at the same time")
    ap.add_argument("--seed", type=int, default=9, help="seed of the option draws")
    ap.add_argument("--small-limit", type=float, default=SMALL_LIMIT)
    ap.add_argument("--large-limit", type=float, default=LARGE_LIMIT)
    ap.add_argument("--verbose", action="store_true", help="one line per pool as it ends")
    args = ap.parse_args(argv)

    root = benchmarks_dir() / "grouping"
    if not (root / "generate.py").exists():
        print(f"cannot find {root / 'generate.py'}; set KRING_BENCHMARKS_DIR", file=sys.stderr)
        return 2
    gen = load_module(root / "generate.py", "kring_bench_grouping_generate")
    evaluate = load_module(root / "evaluate.py", "kring_bench_grouping_evaluate")

    rng = random.Random(args.seed)
    cases: list[Outcome] = []
    seed = 1000 * args.seed
    while len(cases) < args.pools + args.large:
        seed += 1
        large = len(cases) >= args.pools
        if large:
            # spread the few large pools over the range, on a log scale
            k = len(cases) - args.pools
            frac = k / max(1, args.large - 1)
            n = round(LARGE[0] * (LARGE[1] / LARGE[0]) ** frac)
        else:
            n = rng.randint(*SMALL)
        options = draw_options(rng, n, seed, gen)
        if options is None:
            continue
        limit = args.large_limit if large else args.small_limit
        cases.append(Outcome(n=n, options=options, limit=limit))

    work = Path(tempfile.mkdtemp(prefix="kring-grouping-sweep-"))
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, args.workers)) as pool:
        futures = [
            pool.submit(run_one, case, gen, evaluate, work, k) for k, case in enumerate(cases)
        ]
        done = []
        for k, future in enumerate(futures):
            case = future.result()
            done.append(case)
            if args.verbose:
                print(
                    f"  pool-{k:04d} {case.n:>5} people {case.seconds:6.2f} s {case.status}"
                    f" {case.detail[:100]}",
                    flush=True,
                )
    elapsed = time.monotonic() - started

    statuses = ("valid", "infeasible", "invalid", "crashed", "skipped")
    header = (
        f"{'people':<12}{'pools':>6}"
        + "".join(f"{s:>11}" for s in statuses)
        + f"{'repaired':>10}{'limit s':>9}{'max s':>8}"
    )
    print(f"grouping sweep: {len(done)} generated pools, {args.workers} engines at a time")
    print(header)
    print("-" * len(header))
    bands = [f"{low}-{high}" for low, high in BANDS]
    for band in [*bands, "all"]:
        rows = [c for c in done if band == "all" or band_of(c.n) == band]
        if not rows:
            continue
        count = Counter(c.status for c in rows)
        limits = sorted({c.limit for c in rows})
        limit_text = "/".join(f"{x:g}" for x in limits)
        if band == "all":
            print("-" * len(header))
        print(
            f"{band:<12}{len(rows):>6}"
            + "".join(f"{count.get(s, 0):>11}" for s in statuses)
            + f"{sum(bool(c.extra.get('repaired')) for c in rows):>10}"
            + f"{limit_text:>9}{max(c.seconds for c in rows):>8.2f}"
        )
    print(f"sweep wall time {elapsed:.0f} s")

    infeasible = Counter(reason_kind(c.detail) for c in done if c.status == "infeasible")
    if infeasible:
        print("\ninfeasible, by reason:")
        for reason, times in infeasible.most_common():
            print(f"  {times:>4} x {reason}")
        # every generated pool has a planted valid grouping: these are misses, not proofs
        for c in done:
            if c.status == "infeasible":
                print(f"    generate.py {' '.join(c.options)}  (--time-limit {c.limit:g})")
    skipped = Counter(reason_kind(c.detail) for c in done if c.status == "skipped")
    if skipped:
        print("\nskipped (the generator could not make the pool):")
        for reason, times in skipped.most_common():
            print(f"  {times:>4} x {reason}")
    failures = [c for c in done if c.status in ("invalid", "crashed")]
    if failures:
        print("\ncrashed or invalid (make again with generate.py and these options):")
        for c in failures:
            print(f"  {c.status}: {c.detail}")
            print(f"    generate.py {' '.join(c.options)}  (--time-limit {c.limit:g})")
    ok = not failures
    print(f"\ntarget 0 crashed and 0 invalid: {'MET' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
