"""Importing a calendar file in tests the way the site does: the upload is stored, the task
worker reads it."""

from __future__ import annotations

from typing import Any

from django.test import TestCase

from kring.availability import services
from kring.availability.models import CalendarImport
from tests.helpers import run_queued_tasks


def import_calendar(person: Any, data: bytes, file_name: str = "werk.ics") -> CalendarImport:
    """Upload ``data`` as ``person`` and let the worker read it; the import as it ended."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        record = services.calendar_import(actor=person, file_name=file_name, data=data)
    with TestCase.captureOnCommitCallbacks(execute=True):
        run_queued_tasks()
    record.refresh_from_db()
    return record
