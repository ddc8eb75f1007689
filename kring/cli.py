"""The ``kring`` command: Django's management commands plus the engines' own commands."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run ``kring <command> …``; engine commands run without loading Django."""
    args = sys.argv[1:] if argv is None else list(argv)
    # Whatever Kring writes (the database, uploads, the task worker's and gunicorn's files) is
    # for Kring's own user alone; public static files get their mode from their storage.
    os.umask(0o077)
    if args and args[0] == "group-form":
        from kring.engines.grouping.cli import main as group_form

        return group_form(args[1:])
    if args and args[0] == "schedule":
        from kring.engines.scheduling.cli import main as schedule

        return schedule(args[1:])
    if args and args[0] == "staff":
        from kring.engines.staffing.cli import main as staff

        return staff(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kring", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
