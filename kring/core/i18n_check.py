"""Fails when the Dutch or English catalogue has untranslated or fuzzy entries, or when a
compiled .mo file does not match its .po file (run ``make messages``)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def main() -> int:
    problems = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        mo = po.with_suffix(".mo")
        compiled = Path(tempfile.mkstemp(suffix=".mo")[1])
        result = subprocess.run(
            ["msgfmt", "--check", "--statistics", "-o", str(compiled), str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
        stats = result.stderr.strip()
        if result.returncode != 0 or "untranslated" in stats or "fuzzy" in stats:
            problems.append(f"{po.relative_to(LOCALE)}: {stats}")
        if not mo.exists() or mo.read_bytes() != compiled.read_bytes():
            problems.append(f"{mo.relative_to(LOCALE)} is missing or out of date")
        compiled.unlink()
    if problems:
        print("Translation catalogues are incomplete:\n  " + "\n  ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
