"""What the engines' command lines share: argument checks and the time already spent starting
the interpreter, which counts against an engine's time limit."""

from __future__ import annotations

import argparse
import os


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {text}")
    return value


def seconds_since_process_start(fresh_process_seconds: float) -> float:
    """Interpreter start-up and imports count against the time limit too (Linux only). An age
    above ``fresh_process_seconds`` means a long-running process (a worker calling main()),
    whose age says nothing about this run: 0 then."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        age = uptime - started
    except (OSError, ValueError, IndexError):
        return 0.0
    return age if 0.0 <= age <= fresh_process_seconds else 0.0
