"""Background work for availability, run by the database-backed task worker."""

from __future__ import annotations

from django_tasks import task

from kring.availability import services


@task()
def read_calendar_import(import_id: int) -> str:
    """Read an uploaded calendar file; the availability page shows the outcome."""
    record = services.calendar_import_read(import_id)
    return record.status if record is not None else "skipped"
