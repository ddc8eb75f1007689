"""Background tasks for availability, run by the database-backed task worker. Services
enqueue these; nothing here calls back into services."""

from __future__ import annotations

from django_tasks import task

from kring.availability import work


@task()
def read_calendar_import(import_id: int) -> str:
    """Read an uploaded calendar file; the availability page shows the outcome."""
    record = work.calendar_import_read(import_id)
    return record.status if record is not None else "skipped"
