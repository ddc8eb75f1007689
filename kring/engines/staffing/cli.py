"""``kring staff INSTANCE.json [--time-limit S] [--seed N]``: solution JSON on stdout."""

from __future__ import annotations

import argparse
import json
import sys
import time

from kring.engines.cli_support import positive_float, seconds_since_process_start

from .model import MalformedInstance, dumps, parse_instance

EXIT_OK = 0
EXIT_BAD_INPUT = 2
FRESH_PROCESS_SECONDS = 20.0  # a busy machine can take seconds to start Python


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kring staff",
        description="Plan the sessions of programme cohorts and their teachers "
        "(format kring-staffing/1).",
    )
    parser.add_argument("instance", help="instance JSON file (kring-staffing/1)")
    parser.add_argument(
        "--time-limit",
        type=positive_float,
        default=10.0,
        help="seconds to spend, start-up and parsing included (default 10)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    return parser


def _seconds_since_process_start() -> float:
    return seconds_since_process_start(FRESH_PROCESS_SECONDS)


def main(argv: list[str] | None = None) -> int:
    start = time.monotonic() - _seconds_since_process_start()
    args = build_parser().parse_args(argv)
    try:
        with open(args.instance, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        print(f"kring staff: cannot read {args.instance}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        print(f"kring staff: {args.instance} is not valid JSON: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        instance = parse_instance(data)
    except MalformedInstance as exc:
        print(f"kring staff: malformed instance {args.instance}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT

    from .solver import solve  # after validation: keeps error paths fast

    result = solve(instance, args.time_limit, args.seed, deadline=start + args.time_limit)
    sys.stdout.write(dumps(instance, result.plan) + "\n")
    sys.stdout.flush()
    for sid, message in result.explanations.items():
        print(f"kring staff: {sid}: {message}", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
