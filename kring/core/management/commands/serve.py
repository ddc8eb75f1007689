"""Serve Kring with gunicorn and run the background task worker beside it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from kring.calendars.tasks import schedule_reminders


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
            [
                sys.executable,
                "-m",
                "gunicorn",
                "kring.wsgi:application",
                "--bind",
                options["bind"],
                "--workers",
                str(options["workers"]),
                "--access-logfile",
                "-",
                "--forwarded-allow-ips",
                os.environ.get("KRING_FORWARDED_ALLOW_IPS", "127.0.0.1"),
            ]
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
