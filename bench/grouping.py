#!/usr/bin/env python3
"""Benchmark of the grouping engine against the shared contract (``grouping/FORMAT.md``).

    python bench/grouping.py [--quick] [--sizes 12,24,100] [--no-examples]

The shared tools are found via ``KRING_BENCHMARKS_DIR`` (default: ``<repo>/../shared/benchmarks``);
``grouping/evaluate.py`` from there judges every solution and ``grouping/generate.py`` makes
the generated pools. The engine runs as a subprocess (``python -m kring.engines.grouping``),
so its wall-clock time and peak memory (RSS, from ``os.wait4``) are honest. Greedy and random
baselines run in-process; the proven optimum (pools of at most 24 people) comes from the
CP-SAT model with a time cap.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kring.engines.grouping.exact import solve_exact  # noqa: E402
from kring.engines.grouping.greedy import greedy_solution  # noqa: E402
from kring.engines.grouping.model import build_problem, parse_instance  # noqa: E402
from kring.engines.grouping.random_baseline import random_solution  # noqa: E402
from kring.engines.grouping.scoring import similarity_matrix  # noqa: E402

SIZES = (12, 24, 100, 500, 1000, 5000)
SEED_BASE = 40  # generated pool of n people uses seed SEED_BASE + index of n in SIZES
# Pools like real ones: full diaries, and many colleagues to keep apart or together.
HARD = (
    ("sparse", 200, 46, ("--density", "0.35")),
    ("pairs", 200, 47, ("--apart-ratio", "0.5", "--together", "10")),
)
FAST_LIMIT = 5.0
SLOW_LIMIT = 60.0
BIG_LIMIT = 30.0  # the 5,000-people target: a valid grouping within 30 s
PROOF_CAP = 180.0  # CP-SAT time cap for the proven optimum
MEMORY_CAP_MB = 2048
OPTIMUM_MAX_PEOPLE = 30  # proven optimum computed up to this size (the target is for <= 24)


def benchmarks_dir() -> Path:
    env = os.environ.get("KRING_BENCHMARKS_DIR")
    return Path(env) if env else REPO.parent / "shared" / "benchmarks"


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# A small launcher measures the engine's peak RSS: a child forked straight from this (big)
# benchmark process would inherit its resident pages in the high-water mark.
# It also stops an engine that overruns a timeout (exit status TIMEOUT_EXIT).
TIMEOUT_EXIT = 124
LAUNCHER = (
    "import resource, subprocess, sys\n"
    "limit = float(sys.argv[2]) or None\n"
    "try:\n"
    "    code = subprocess.call(sys.argv[3:], timeout=limit)\n"
    f"except subprocess.TimeoutExpired:\n    code = {TIMEOUT_EXIT}\n"
    "with open(sys.argv[1], 'w') as fh:\n"
    "    fh.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


def run_engine(
    instance: Path, time_limit: float, seed: int = 0, timeout: float | None = None
) -> dict[str, Any]:
    """Run the engine as a subprocess; returns exit code, wall time, peak RSS and solution.
    With ``timeout`` (seconds), an engine still running then is stopped (TIMEOUT_EXIT)."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile(suffix=".rss") as rss,
    ):
        cmd = [
            sys.executable,
            "-m",
            "kring.engines.grouping",
            str(instance),
            "--time-limit",
            str(time_limit),
            "--seed",
            str(seed),
        ]
        start = time.monotonic()
        code = subprocess.call(
            [sys.executable, "-c", LAUNCHER, rss.name, str(timeout or 0), *cmd],
            cwd=REPO,
            stdout=out,
            stderr=err,
        )
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode()
        stderr = err.read().decode()
        try:
            rss_kb = float(Path(rss.name).read_text() or 0)
        except (OSError, ValueError):
            rss_kb = 0.0
    solution = None
    if code == 0:
        try:
            solution = json.loads(stdout)
        except json.JSONDecodeError:
            solution = None
    return {
        "code": code,
        "seconds": seconds,
        "rss_mb": rss_kb / 1024.0,  # Linux reports KiB
        "solution": solution,
        "stderr": stderr.strip(),
    }


def judge(evaluate: ModuleType, inst: Any, solution: Any) -> dict[str, Any]:
    if solution is None:
        return {"valid": False, "score": 0.0, "violations": ["no solution"]}
    return evaluate.evaluate(inst, solution)


def fmt(x: float | None, digits: int = 4) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="no 60 s runs, shorter proofs")
    ap.add_argument(
        "--sizes",
        default=",".join(str(s) for s in SIZES),
        help="generated pool sizes, comma separated (default: %(default)s)",
    )
    ap.add_argument("--no-examples", action="store_true", help="skip the examples/ instances")
    ap.add_argument(
        "--hard",
        default=",".join(name for name, *_ in HARD),
        help="hard pools (sparse availability, many pairs), comma separated, '' for none "
        "(default: %(default)s)",
    )
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    hard = [h for h in HARD if h[0] in {x.strip() for x in args.hard.split(",")}]

    root = benchmarks_dir() / "grouping"
    if not (root / "evaluate.py").exists():
        print(f"cannot find {root / 'evaluate.py'}; set KRING_BENCHMARKS_DIR", file=sys.stderr)
        return 2
    evaluate = load_module(root / "evaluate.py", "kring_bench_grouping_evaluate")

    work = Path(tempfile.mkdtemp(prefix="kring-grouping-bench-"))
    instances: list[Path] = []
    if not args.no_examples:
        instances += sorted((root / "examples").glob("*.json"), key=lambda p: p.stat().st_size)
    for k, n in enumerate(sizes):
        seed = SEED_BASE + (SIZES.index(n) if n in SIZES else k)
        path = work / f"gen-n{n}-s{seed}.json"
        with open(path, "w", encoding="utf-8") as fh:
            subprocess.run(
                [sys.executable, str(root / "generate.py"), "--n", str(n), "--seed", str(seed)],
                stdout=fh,
                check=True,
            )
        instances.append(path)
    for name, n, seed, options in hard:
        path = work / f"gen-n{n}-{name}-s{seed}.json"
        command = [sys.executable, str(root / "generate.py"), "--n", str(n), "--seed", str(seed)]
        command += [*options, "--name", f"n{n}-{name}"]
        with open(path, "w", encoding="utf-8") as fh:
            subprocess.run(command, stdout=fh, check=True)
        instances.append(path)

    header = (
        f"{'instance':<16}{'people':>7}{'score@5s':>10}{'sec':>7}{'score@60s':>11}{'ratio':>8}"
        f"{'greedy':>9}{'g.sec':>7}{'random':>9}{'optimum':>10}{'proven':>8}{'peakMB':>8}"
        f"{'valid':>7}"
    )
    print(header)
    print("-" * len(header))
    rows = []
    for path in instances:
        data = json.loads(path.read_text(encoding="utf-8"))
        inst = evaluate.load_instance(data)
        n = inst.n
        fast = run_engine(path, FAST_LIMIT)
        fast_eval = judge(evaluate, inst, fast["solution"])
        slow_eval = None
        slow = None
        if not args.quick and n < 5000:
            slow = run_engine(path, SLOW_LIMIT)
            slow_eval = judge(evaluate, inst, slow["solution"])
        big = None
        if n >= 5000 and not args.quick:
            big = run_engine(path, BIG_LIMIT)
            big["eval"] = judge(evaluate, inst, big["solution"])

        problem = build_problem(parse_instance(data))
        sim = similarity_matrix(problem)
        t = time.monotonic()
        greedy_groups, _ = greedy_solution(problem, sim, time.monotonic() + 60.0)
        greedy_sec = time.monotonic() - t
        greedy_eval = judge(evaluate, inst, problem.group_ids(greedy_groups).to_json())
        rnd_groups, _ = random_solution(problem, random.Random(1), time.monotonic() + 60.0)
        rnd_eval = judge(evaluate, inst, problem.group_ids(rnd_groups).to_json())

        optimum = None
        proven = None
        if n <= OPTIMUM_MAX_PEOPLE:
            cap = 60.0 if args.quick else PROOF_CAP
            hint = None
            if fast["solution"] is not None:
                hint = [[problem.index[x] for x in g] for g in fast["solution"]["groups"]]
            res = solve_exact(problem, sim, cap, hint=hint, max_memory_mb=8000)
            if res is not None:
                opt_eval = judge(evaluate, inst, problem.group_ids(res.groups).to_json())
                optimum = opt_eval["score"]
                proven = res.proven_optimal
        del sim

        ratio = None
        if slow_eval and slow_eval["valid"] and slow_eval["score"] > 0:
            ratio = fast_eval["score"] / slow_eval["score"]
        peak = max(r["rss_mb"] for r in (fast, slow, big) if r is not None)
        valid = fast_eval["valid"] and (slow_eval is None or slow_eval["valid"])
        valid = valid and (big is None or big["eval"]["valid"])
        row = {
            "name": inst.name or path.stem,
            "n": n,
            "fast": fast_eval["score"] if fast_eval["valid"] else None,
            "fast_sec": fast["seconds"],
            "slow": slow_eval["score"] if slow_eval and slow_eval["valid"] else None,
            "ratio": ratio,
            "greedy": greedy_eval["score"] if greedy_eval["valid"] else None,
            "greedy_sec": greedy_sec,
            "random": rnd_eval["score"] if rnd_eval["valid"] else None,
            "optimum": optimum,
            "proven": proven,
            "peak": peak,
            "valid": valid,
            "big": big,
        }
        rows.append(row)
        print(
            f"{row['name']:<16}{n:>7}{fmt(row['fast']):>10}{fast['seconds']:>7.2f}"
            f"{fmt(row['slow']):>11}{fmt(ratio, 5):>8}{fmt(row['greedy']):>9}"
            f"{greedy_sec:>7.2f}{fmt(row['random']):>9}{fmt(optimum):>10}"
            f"{'-' if proven is None else ('yes' if proven else 'no'):>8}{peak:>8.0f}"
            f"{'yes' if valid else 'NO':>7}",
            flush=True,
        )
        if not valid:
            for r in (fast, slow, big):
                if r is not None and r["code"] != 0:
                    print(f"    engine exit {r['code']}: {r['stderr'][:300]}")
        if big is not None:
            print(
                f"    {n} people @{BIG_LIMIT:.0f}s: score {fmt(big['eval']['score'])}, "
                f"{big['seconds']:.2f} s, peak {big['rss_mb']:.0f} MB, "
                f"valid {'yes' if big['eval']['valid'] else 'NO'}"
            )

    # --- targets -------------------------------------------------------------------------
    def verdict(ok: bool) -> str:
        return "MET" if ok else "MISSED"

    all_valid = all(r["valid"] for r in rows)
    small = [r for r in rows if r["n"] <= 24]
    opt_ok = all(
        r["optimum"] is not None
        and r["proven"]
        and r["fast"] is not None
        and r["fast"] >= r["optimum"] - 1e-9
        for r in small
    )
    mid = [r for r in rows if r["n"] <= 1000]
    ratio_ok = all(r["ratio"] is not None and r["ratio"] >= 0.995 for r in mid)
    greedy_ok = all(
        r["fast"] is not None and r["greedy"] is not None and r["fast"] > r["greedy"] for r in mid
    )
    huge = [r for r in rows if r["n"] >= 5000]
    huge_ok = all(
        (r["fast"] is not None and r["fast_sec"] <= BIG_LIMIT)
        or (r["big"] is not None and r["big"]["eval"]["valid"] and r["big"]["seconds"] <= BIG_LIMIT)
        for r in huge
    )
    peak = max((r["peak"] for r in rows), default=0.0)
    print()
    print(f"target valid on every instance: {verdict(all_valid)}")
    if small:
        print(f"target proven optimum reached (<= 24 people): {verdict(opt_ok)}")
    if mid:
        if args.quick:
            print("target score@5s >= 99.5% of score@60s (<= 1,000 people): not measured (--quick)")
        else:
            worst = min((r["ratio"] or 0.0) for r in mid)
            print(
                f"target score@5s >= 99.5% of score@60s (<= 1,000 people): {verdict(ratio_ok)} "
                f"(worst ratio {worst:.5f})"
            )
        print(
            f"target score@5s strictly better than greedy (<= 1,000 people): {verdict(greedy_ok)}"
        )
    if huge:
        print(f"target 5,000 people valid within {BIG_LIMIT:.0f} s: {verdict(huge_ok)}")
    print(
        f"target peak memory well under 2 GiB: {verdict(peak < MEMORY_CAP_MB / 2)} ({peak:.0f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
