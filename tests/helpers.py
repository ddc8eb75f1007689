"""Test helpers shared across areas."""

from __future__ import annotations

from unittest import mock

from django.core.management import call_command


def run_queued_tasks() -> None:
    """Run everything in the database task queue with the real worker, as `kring db_worker
    --batch` does. The worker closes "old" connections between tasks; inside a test's
    transaction that would close the test's own connection (PostgreSQL notices), so that one
    call is neutralised here."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, queue_name="*", startup_delay=False, verbosity=0)
