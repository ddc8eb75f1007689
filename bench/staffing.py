"""Benchmark of Kring's staffing engine against the shared `kring-staffing/1` tools.

    python bench/staffing.py [--quick] [--time-limit 10] [--reference-limit 120] [--seed 0]
                             [--cpu-clock] [--keep DIR]

The shared tools (FORMAT.md, generate.py, evaluate.py) are found through the environment
variable KRING_BENCHMARKS_DIR, by default ``<repo root>/../shared/benchmarks``. Every instance
is solved by the engine as a subprocess (``python -m kring.engines.staffing``) so that time
and peak memory are honest, and judged by the shared ``staffing/evaluate.py``. The greedy
baseline and the lower bound are computed in-process and are not timed.

Columns: ses = sessions, T = teachers; cost and its parts (unpl = unplaced sessions, miss =
missing teachers, cont = continuity cost, guest = guest days, load = load deviation, npref =
non-preferred days, gap = gap deviation, mov/swp = moved sessions and dropped teachers of
`current`), s = wall seconds, cpu = CPU seconds of the engine process, MB = peak RSS;
greedy = the greedy baseline's cost (and its unplaced sessions); LB = lower bound (bound.py),
LB% = (cost - LB) / LB; ref = the engine's own result with --reference-limit seconds (the
better of it and the run itself), ref% = (cost - ref) / ref. The 2 % target is met on an
instance when LB% <= 2 or ref% <= 2.

--cpu-clock runs the engine with its clock patched to ``time.process_time`` (CPU seconds of
the engine's process instead of wall seconds): on a machine shared with other work this
measures the quality the engine reaches with its own share of CPU. The table says which clock
was used. --quick: the examples and the small generated instances, no reference runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kring.engines.staffing import greedy, lower_bound, parse_instance, solution_json  # noqa: E402

TIME_MARGIN = 1.0  # seconds the engine may overrun its limit (interpreter start-up, output)
MEMORY_TARGET_MB = 1024  # "well under 2 GiB"
GAP_TARGET = 2.0  # percent
MODULE = "kring.engines.staffing"
CPU_CLOCK_SHIM = (
    "import runpy, sys, time; time.monotonic = time.process_time; "
    "import kring.engines.staffing.cli as cli; "
    "cli._seconds_since_process_start = time.process_time; "
    f"sys.argv = ['{MODULE}'] + sys.argv[1:]; runpy.run_module('{MODULE}', run_name='__main__')"
)


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


@dataclass
class Case:
    name: str
    path: Path
    kind: str  # "example", "generated", "replan", "extra"


# (name, generator options, kind): every size from the examples' 3 cohorts to 80
GENERATED: list[tuple[str, list[str], str]] = [
    (name, options.split(), kind)
    for name, options, kind in [
        ("c3x6-s11", "--cohorts 3 --sessions 6 --seed 11", "generated"),
        ("c12x8-s11", "--cohorts 12 --sessions 8 --seed 11", "generated"),
        ("c25x10-s11", "--cohorts 25 --sessions 10 --seed 11", "generated"),
        ("c40x12-s11", "--cohorts 40 --sessions 12 --seed 11", "generated"),
        ("c60x12-s11", "--cohorts 60 --sessions 12 --seed 11", "generated"),
        ("c20x10-s12-replan", "--cohorts 20 --sessions 10 --seed 12 --replan", "replan"),
        (
            "c30x10-r3-k13-s14",
            "--cohorts 30 --sessions 10 --rooms 3 --skills-per-teacher 1.3 --seed 14",
            "extra",
        ),
    ]
]
QUICK = {"c3x6-s11", "c12x8-s11", "c20x10-s12-replan"}


def make_cases(tools: Path, out: Path, quick: bool) -> list[Case]:
    cases = [Case(p.stem, p, "example") for p in sorted((tools / "examples").glob("*.json"))]
    for name, args, kind in GENERATED:
        if quick and name not in QUICK:
            continue
        path = out / f"{name}.json"
        if not path.exists():
            text = subprocess.run(
                [sys.executable, str(tools / "generate.py"), *args],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            path.write_text(text, encoding="utf-8")
        cases.append(Case(name, path, kind))
    return cases


@dataclass
class Run:
    code: int
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str
    cpu: float = 0.0


def _hwm_mb(pid: int) -> float | None:
    """Peak resident set of a running process (VmHWM), in MB."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


def run_engine(instance: Path, time_limit: float, seed: int, cpu_clock: bool = False) -> Run:
    """The engine as a child process; its own VmHWM is polled for the peak memory."""
    head = ["-c", CPU_CLOCK_SHIM] if cpu_clock else ["-m", MODULE]
    cmd = [sys.executable, *head, str(instance), "--time-limit", str(time_limit)]
    cmd += ["--seed", str(seed)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=err)
        peak = 0.0
        while True:
            hwm = _hwm_mb(proc.pid)
            if hwm is not None:
                peak = max(peak, hwm)
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(proc.returncode, seconds, peak, out.read().decode(), err.read().decode(), cpu)


def judge(evaluator: ModuleType, inst_eval: Any, run: Run) -> dict[str, Any]:
    if run.code != 0:
        return {
            "valid": False,
            "cost": None,
            "violations": [f"exit {run.code}: {run.stderr[-200:]}"],
        }
    try:
        return evaluator.evaluate(inst_eval, json.loads(run.stdout))
    except json.JSONDecodeError as exc:
        return {"valid": False, "cost": None, "violations": [f"output is not JSON: {exc}"]}


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def pct(cost: float | None, ref: float | None) -> float | None:
    if cost is None or ref is None:
        return None
    if ref <= 0:
        return 0.0 if cost <= 0 else float("inf")
    return 100.0 * (cost - ref) / ref


def main(argv: list[str] | None = None) -> int:  # noqa: C901 - a report
    parser = argparse.ArgumentParser(prog="bench/staffing.py", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small instances, no reference runs")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--reference-limit", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cpu-clock", action="store_true", help="engine clock = process_time")
    parser.add_argument("--only", default=None, help="only instances whose name contains this")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="instances solved at the same time (use with "
        "--cpu-clock: the wall clock of parallel runs is not a fair measure)",
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep instances and solutions")
    args = parser.parse_args(argv)

    tools = benchmarks_dir() / "staffing"
    if not (tools / "evaluate.py").exists():
        print(f"shared tools not found in {tools} (set KRING_BENCHMARKS_DIR)", file=sys.stderr)
        return 2
    evaluator = load_module(tools / "evaluate.py", "kring_bench_staffing_evaluate")
    tmp = None
    if args.keep is None:
        tmp = tempfile.TemporaryDirectory(prefix="kring-bench-staffing-")
        work = Path(tmp.name)
    else:
        work = args.keep
        work.mkdir(parents=True, exist_ok=True)
    cases = make_cases(tools, work, args.quick)
    if args.only:
        cases = [c for c in cases if args.only in c.name]
    reference = not args.quick and args.reference_limit > 0

    clock = "CPU time of the engine (process_time)" if args.cpu_clock else "wall clock"
    print(
        f"time limit {args.time_limit:g} s ({clock}), seed {args.seed}, "
        f"reference {args.reference_limit:g} s" + ("" if reference else " (not run)")
    )
    header = (
        f"{'instance':<28} {'ses':>4} {'T':>4} {'cost':>7} {'unpl':>4} {'miss':>4} {'cont':>5} "
        f"{'guest':>5} {'load':>4} {'npref':>5} {'gap':>4} {'mov':>3} {'swp':>3} {'s':>5} "
        f"{'cpu':>5} "
        f"{'MB':>4} | {'greedy':>7} {'unpl':>4} | {'LB':>6} {'LB%':>6} | {'ref':>6} {'ref%':>5}"
        f" | {'2%':>3} {'valid':>5}"
    )
    print(header)
    print("-" * len(header))
    rows: list[dict[str, Any]] = []
    pool = ThreadPoolExecutor(max_workers=max(1, args.workers))
    runs = {
        c.name: pool.submit(run_engine, c.path, args.time_limit, args.seed, args.cpu_clock)
        for c in cases
    }
    refs = {}
    if reference:
        refs = {
            c.name: pool.submit(run_engine, c.path, args.reference_limit, args.seed, args.cpu_clock)
            for c in cases
        }
    for case in cases:
        data = json.loads(case.path.read_text(encoding="utf-8"))
        inst_eval = evaluator.load_instance(data)
        run = runs[case.name].result()
        res = judge(evaluator, inst_eval, run)
        if args.keep is not None:
            (work / f"{case.name}.solution.json").write_text(run.stdout, encoding="utf-8")
        instance = parse_instance(data)
        g_res = evaluator.evaluate(inst_eval, solution_json(instance, greedy(instance)))
        bound = lower_bound(instance).value
        ref_cost = None
        if reference:
            ref_run = refs[case.name].result()
            ref_res = judge(evaluator, inst_eval, ref_run)
            ref_cost = ref_res["cost"] if ref_res["valid"] else None
        cost = res["cost"] if res["valid"] else None
        lb_pct = pct(cost, bound)
        ref_pct = pct(
            cost, min(ref_cost, cost) if ref_cost is not None and cost is not None else None
        )
        target = (lb_pct is not None and lb_pct <= GAP_TARGET) or (
            ref_pct is not None and ref_pct <= GAP_TARGET
        )
        teachers = sum(1 for p in instance.people.values() if p.teacher)
        get = res.get
        print(
            f"{case.name:<28} {len(instance.sessions):>4} {teachers:>4} {fmt(cost):>7} "
            f"{get('unplaced', 0):>4} {get('missing_teachers', 0):>4} "
            f"{fmt(get('continuity', 0)):>5} "
            f"{get('guest_days', 0):>5} {get('load_deviation', 0):>4} "
            f"{get('non_preferred_days', 0):>5} {get('gap_deviation', 0):>4} {get('moved', 0):>3} "
            f"{get('swapped', 0):>3} {run.seconds:>5.1f} {run.cpu:>5.1f} {run.peak_mb:>4.0f} | "
            f"{fmt(g_res['cost']):>7} {g_res['unplaced']:>4} | {fmt(bound):>6} "
            f"{'-' if lb_pct is None else f'{lb_pct:.1f}':>6} | {fmt(ref_cost):>6} "
            f"{'-' if ref_pct is None else f'{ref_pct:.1f}':>5} | "
            f"{('yes' if target else 'NO') if reference or lb_pct is not None else '-':>3} "
            f"{'yes' if res['valid'] else 'NO':>5}",
            flush=True,
        )
        if not res["valid"]:
            for v in res["violations"][:5]:
                print(f"    violation: {v}")
        rows.append(
            {
                "case": case,
                "res": res,
                "run": run,
                "greedy": g_res,
                "target": target,
                "sessions": len(instance.sessions),
                "current": instance.current,
                "now": instance.now_day,
            }
        )

    pool.shutdown()
    # determinism: the largest instance once more with the same seed
    biggest = max(rows, key=lambda r: r["sessions"])
    again = run_engine(biggest["case"].path, args.time_limit, args.seed, args.cpu_clock)
    deterministic = again.code == 0 and again.stdout == biggest["run"].stdout

    print()
    all_valid = all(r["res"]["valid"] for r in rows)
    better = all(
        r["res"]["cost"] is not None
        and r["greedy"]["cost"] is not None
        and r["res"]["cost"] < r["greedy"]["cost"]
        for r in rows
    )
    eng_total = sum(r["res"]["cost"] or 0 for r in rows)
    gr_total = sum(r["greedy"]["cost"] or 0 for r in rows)
    within = all(r["target"] for r in rows)
    replans = [r for r in rows if r["current"]]
    moved = sum(r["res"].get("moved", 0) for r in replans)
    future = sum(sum(1 for d, _ in r["current"].values() if d >= r["now"]) for r in replans)
    swapped = sum(r["res"].get("swapped", 0) for r in replans)
    peak = max(r["run"].peak_mb for r in rows)
    slowest = max(r["run"].seconds for r in rows)
    slowest_cpu = max(r["run"].cpu for r in rows)

    def line(ok: bool, text: str) -> None:
        print(f"{'met   ' if ok else 'MISSED'}  {text}")

    line(all_valid, f"always valid: {sum(r['res']['valid'] for r in rows)}/{len(rows)} valid")
    if reference:
        line(
            within,
            f"within {GAP_TARGET:g}% of the lower bound or of the {args.reference_limit:g}-s"
            f" result on every instance ({sum(r['target'] for r in rows)}/{len(rows)})",
        )
    line(
        better,
        f"strictly better than greedy on every instance: total {fmt(eng_total)} vs "
        f"{fmt(gr_total)} ({100.0 * eng_total / max(gr_total, 1):.1f}%)",
    )
    line(
        all_valid,
        f"re-planning: the past kept (valid); moved {moved}/{future} future sessions "
        f"of current, {swapped} teachers dropped",
    )
    line(peak < MEMORY_TARGET_MB, f"memory: peak RSS {peak:.0f} MB (target < {MEMORY_TARGET_MB})")
    used = slowest_cpu if args.cpu_clock else slowest
    line(
        used <= args.time_limit + TIME_MARGIN,
        f"time: slowest run {slowest:.1f} s wall, {slowest_cpu:.1f} s CPU "
        f"(limit {args.time_limit:g} s + {TIME_MARGIN:g} on the {clock})",
    )
    line(
        deterministic,
        f"deterministic: {biggest['case'].name} solved twice with seed "
        f"{args.seed}: {'identical' if deterministic else 'DIFFERENT'}",
    )
    if tmp is not None:
        tmp.cleanup()
    return 0 if all_valid and better and deterministic and (within or not reference) else 1


if __name__ == "__main__":
    sys.exit(main())
