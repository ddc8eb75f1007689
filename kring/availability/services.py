"""Changing availability. Every change sends ``availability_changed`` once it is committed, so
that planning can propose a re-plan for the groups this person is in."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import User
from kring.audit.services import audit_record
from kring.availability.models import AwayPeriod, CalendarImport, WeeklyAvailability
from kring.availability.signals import changed_on_commit
from kring.availability.slots import clean_slots
from kring.availability.tasks import read_calendar_import
from kring.core import dates
from kring.core.locking import save_versioned

# Files of one person waiting to be read at the same time.
MAX_WAITING_IMPORTS = 3
# A period away longer than a year is almost always a typing error in the year.
MAX_AWAY_DAYS = 366


@transaction.atomic
def set_weekly_slots(
    user: User | AnonymousUser, slots: Iterable[int], *, expected_version: int | None = None
) -> WeeklyAvailability:
    """Store the person's weekly slots. With ``expected_version``, refuse (EditConflict) when
    the grid was saved elsewhere in the meantime. An empty grid is allowed: it says that this
    person cannot be planned at all (see ``weekly_grid_warnings``)."""
    cleaned = clean_slots(slots)
    row, created = WeeklyAvailability.objects.get_or_create(user=user)
    row.slots = cleaned
    row.updated_at = timezone.now()
    if expected_version is None or created:
        row.version = row.version if created else row.version + 1
        row.save()
    else:
        save_versioned(row, expected_version=expected_version, fields=["slots", "updated_at"])
    changed_on_commit(user, WeeklyAvailability)
    return row


def weekly_grid_warnings(slots: Iterable[int]) -> list[str]:
    """Saving is never refused, but a grid without a single slot cannot be planned."""
    if not list(slots):
        return [
            _(
                "You have not ticked a single moment. Planning cannot find any time for you "
                "until you tick the moments at which you can usually meet."
            )
        ]
    return []


# --- Periods away ----------------------------------------------------------------------------


def away_period_add(
    *, actor: User, starts_on: datetime.date, ends_on: datetime.date, note: str = ""
) -> AwayPeriod:
    """Record days on which this person cannot meet at all. A period lies ahead (it may begin
    today), ends on or after its first day, and spans at most a year."""
    dates.check_dates(starts_on=starts_on, ends_on=ends_on)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if starts_on < today:
        errors["starts_on"] = _("This day has already passed. Start today or later.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The last day cannot be before the first day.")
    elif (ends_on - starts_on).days >= MAX_AWAY_DAYS:
        errors["ends_on"] = _("A period away can last at most a year. Check the year.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        period = AwayPeriod(user=actor, starts_on=starts_on, ends_on=ends_on, note=note.strip())
        period.full_clean()
        period.save()
        audit_record(actor=actor, action="availability.away_add", obj=period)
        changed_on_commit(actor, AwayPeriod)
    return period


def away_period_remove(*, actor: User, period: AwayPeriod) -> None:
    """Only the person themselves removes their period away."""
    if not access.can(actor, access.Action.REMOVE, period):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=actor, action="availability.away_remove", obj=period)
        period.delete()
        changed_on_commit(actor, AwayPeriod)


# --- Calendar files ----------------------------------------------------------------------------


def _looks_like_calendar(data: bytes) -> bool:
    """A quick look at the first bytes, so that a file that is plainly no calendar (a PDF, a
    spreadsheet) is refused at once; the real reading happens in the background."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    return head == b"BEGIN:VCALENDAR"


def calendar_import(*, actor: User, file_name: str, data: bytes) -> CalendarImport:
    """Take in the person's own calendar file to fill in their busy times for the coming
    months. The file is kept and read in the background (``work.calendar_import_read``): reading
    is work that a web request must not wait for. A file that is plainly not a calendar
    changes nothing. An earlier upload of the same name that is still waiting or failed is
    replaced by this one; with a few files of other names still waiting, the person waits
    for those first (nobody fills the worker's queue)."""
    if not _looks_like_calendar(data):
        raise ValidationError(
            {"file": CalendarImport.FAILURES["not_calendar"]}, code="not_calendar"
        )
    waiting = CalendarImport.objects.filter(user=actor, status=CalendarImport.Status.PENDING)
    if waiting.exclude(file_name=file_name.strip()[:200]).count() >= MAX_WAITING_IMPORTS:
        busy = _(
            "Your earlier calendar files are still being read. Wait until they are done, then "
            "import this one."
        )
        raise ValidationError({"file": ValidationError(busy, code="busy")})
    name = (file_name or "calendar.ics").strip()[:200] or "calendar.ics"
    with transaction.atomic():
        CalendarImport.objects.filter(user=actor, file_name=name).exclude(
            status=CalendarImport.Status.DONE
        ).delete()
        record = CalendarImport.objects.create(
            user=actor, file_name=name, status=CalendarImport.Status.PENDING, data=data
        )
        audit_record(actor=actor, action="availability.calendar_upload", obj=record)
        transaction.on_commit(lambda: read_calendar_import.enqueue(record.pk))
    return record


def calendar_import_remove(*, actor: User, record: CalendarImport) -> None:
    """Remove an imported calendar file and every busy time it brought in."""
    if not access.can(actor, access.Action.REMOVE, record):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=actor, action="availability.calendar_remove", obj=record)
        record.delete()
        changed_on_commit(actor, CalendarImport)
