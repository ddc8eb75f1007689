"""Serve Kring with gunicorn and run the background task worker beside it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError

from kring.calendars.tasks import schedule_reminders


def private_control_socket() -> Path:
    """Where gunicorn's control socket lives: in a directory under var/ that only Kring's own
    user may enter. Gunicorn's default ($XDG_RUNTIME_DIR or ~/.gunicorn) is shared by every
    gunicorn of that user, so a second instance on the machine would take over the first's."""
    directory = Path(settings.VAR_DIR) / "run"
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    directory.chmod(0o700)
    return directory / "gunicorn.ctl"


def gunicorn_command(*, bind: str, workers: int, control_socket: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "kring.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("KRING_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        "--control-socket",
        str(control_socket),
        "--control-socket-mode",
        "0o600",
    ]


class Command(BaseCommand):
    help = "Serve Kring (gunicorn, static files through WhiteNoise) and start a task worker."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default=os.environ.get("KRING_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("KRING_WEB_CONCURRENCY", "2"))
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the task worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # E-mail reminders re-queue themselves in the task queue; make sure one run waits.
        try:
            schedule_reminders()
        except DatabaseError as error:
            self.stderr.write(f"The reminder task could not be queued: {error}")
        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen(
                [sys.executable, "-m", "kring.cli", "db_worker", "--queue-name", "*"]
            )
        server = subprocess.Popen(
            gunicorn_command(
                bind=options["bind"],
                workers=options["workers"],
                control_socket=private_control_socket(),
            )
        )

        def stop(signum: int, frame: Any) -> None:
            server.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            server.wait()
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
