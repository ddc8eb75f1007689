"""Reading an uploaded calendar file, in the background worker (``tasks.read_calendar_import``):
the file is input from anyone, so it is read within the limits of ``ics`` and in a separate
process stopped at a deadline. Nothing here calls back into services."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kring.audit.services import audit_record
from kring.availability.ics import CalendarFileError, read_busy_times_within
from kring.availability.models import BusyTime, CalendarImport
from kring.availability.signals import changed_on_commit

# How far ahead an imported calendar is read: the planning horizon of a half-year cycle.
IMPORT_HORIZON_DAYS = 183


def import_window(
    now: datetime.datetime | None = None,
) -> tuple[datetime.datetime, datetime.datetime]:
    """From the start of today until the end of the planning horizon, in local time."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate(now or timezone.now(), zone)
    start = datetime.datetime.combine(today, datetime.time.min, tzinfo=zone)
    end = start + datetime.timedelta(days=IMPORT_HORIZON_DAYS)
    return start, end


def calendar_import_read(import_id: int) -> CalendarImport | None:
    """Read a waiting calendar file (in the task worker). Recurring appointments count at
    every occurrence; whole-day appointments become busy days. Only the times are kept,
    never what an appointment was about, and the file itself is dropped once read. When the
    file cannot be read, or is beyond the limits, the import fails with the reason and the
    busy times of an earlier import of that file stay as they were."""
    record = CalendarImport.objects.filter(
        pk=import_id, status=CalendarImport.Status.PENDING
    ).first()
    if record is None:
        return None
    start, end = import_window()
    zone = ZoneInfo(str(timezone.get_current_timezone()))
    try:
        read = read_busy_times_within(bytes(record.data), zone=zone, start=start, end=end)
    except CalendarFileError as error:
        CalendarImport.objects.filter(pk=record.pk, status=CalendarImport.Status.PENDING).update(
            status=CalendarImport.Status.FAILED,
            failure=error.reason,
            data=b"",
            finished_at=timezone.now(),
        )
        record.refresh_from_db()
        return record
    now = timezone.now()
    with transaction.atomic():
        record = (
            CalendarImport.objects.select_for_update()
            .filter(pk=import_id, status=CalendarImport.Status.PENDING)
            .first()
        )
        if record is None:  # removed while it was being read
            return None
        CalendarImport.objects.filter(
            user_id=record.user_id,
            file_name=record.file_name,
            status=CalendarImport.Status.DONE,
        ).delete()
        record.status = CalendarImport.Status.DONE
        record.data = b""
        record.finished_at = now
        record.imported_at = now
        record.busy_count = read.busy_count
        record.day_count = read.day_count
        record.horizon_end = (end - datetime.timedelta(days=1)).date()
        record.truncated = read.truncated
        record.save()
        BusyTime.objects.bulk_create(
            [
                BusyTime(
                    user_id=record.user_id,
                    starts_at=period.starts,
                    ends_at=period.ends,
                    source=record.file_name,
                    imported_at=now,
                    calendar_import=record,
                    all_day=period.all_day,
                )
                for period in read.periods
            ],
            batch_size=500,
        )
        audit_record(
            actor=record.user,
            action="availability.calendar_import",
            obj=record,
            detail={"busy": read.busy_count, "days": read.day_count},
        )
        changed_on_commit(record.user, CalendarImport)
    return record
