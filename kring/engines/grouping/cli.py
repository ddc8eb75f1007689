"""``kring group-form INSTANCE.json [--time-limit SECONDS] [--seed N]``.

Prints the solution JSON on standard output and exits 0; a malformed instance (or an
unreadable file) exits 2, and an instance without a valid grouping exits 1; both explain the
problem on standard error.
"""

from __future__ import annotations

import time

_T0 = time.monotonic()  # as early as possible: the time limit counts from process start

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402


def _process_start() -> float:
    """Monotonic time at which this process started (Linux /proc), else module import."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat, counted after the ")" of comm
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        age = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
        if 0.0 <= age < 60.0:
            return min(_T0, time.monotonic() - age)
    except (OSError, ValueError, IndexError):
        pass
    return _T0


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def main(argv: list[str] | None = None) -> int:
    start = _process_start() if argv is None else time.monotonic()
    parser = argparse.ArgumentParser(
        prog="kring group-form",
        description="Split a pool of people into learning groups (format kring-grouping/1).",
    )
    parser.add_argument("instance", help="instance JSON file")
    parser.add_argument(
        "--time-limit", type=_positive, default=10.0, help="seconds to use (default: 10)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)

    from .feasibility import Infeasible
    from .model import MalformedInstance, build_problem, load_instance

    try:
        instance = load_instance(args.instance)
    except MalformedInstance as exc:
        print(f"kring group-form: malformed instance: {exc}", file=sys.stderr)
        return 2
    problem = build_problem(instance)

    from .search import solve

    try:
        result = solve(problem, time_limit=args.time_limit, seed=args.seed, start=start)
    except Infeasible as exc:
        print(f"kring group-form: no valid grouping: {exc}", file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"kring group-form: warning: {note}", file=sys.stderr)
    solution = problem.group_ids(result.groups)
    sys.stdout.write(json.dumps(solution.to_json()) + "\n")
    sys.stdout.flush()
    return 0
