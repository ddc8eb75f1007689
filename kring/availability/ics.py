"""Reading busy times from an iCalendar (.ics) file.

Plain Python (no Django): the file is parsed with ``icalendar`` and recurring appointments
are expanded with ``recurring-ical-events``. Only *when* someone is busy comes out, never
what the appointment is: titles, places, descriptions and attendees are not read.

- Times with a time zone (a TZID with its VTIMEZONE, or UTC) keep that zone; "floating"
  times without a zone are taken as local times in the zone the caller passes.
- All-day appointments become whole busy days in the local zone.
- Appointments marked as free (TRANSP:TRANSPARENT) or cancelled are left out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

# A generous ceiling: a full working calendar over half a year has about 1,500 appointments.
MAX_BUSY_TIMES = 3000


class CalendarFileError(ValueError):
    """The file is not an iCalendar file that can be read."""


@dataclass(frozen=True, order=True)
class BusyPeriod:
    """Aware start and end (end exclusive); ``all_day`` for whole days."""

    starts: datetime.datetime
    ends: datetime.datetime
    all_day: bool = False


@dataclass
class BusyRead:
    periods: list[BusyPeriod] = field(default_factory=list)
    truncated: bool = False

    @property
    def busy_count(self) -> int:
        return sum(1 for period in self.periods if not period.all_day)

    @property
    def day_count(self) -> int:
        return sum(
            round((period.ends - period.starts).total_seconds() / 86400)
            for period in self.periods
            if period.all_day
        )


def parse_calendar(data: bytes) -> icalendar.Calendar:
    """The calendar in ``data``; CalendarFileError when it is not an iCalendar file."""
    if not data.strip():
        raise CalendarFileError("empty file")
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:  # the parser raises several kinds on garbage
        raise CalendarFileError(str(error)) from error
    if getattr(calendar, "name", None) != "VCALENDAR":
        raise CalendarFileError("not a VCALENDAR")
    return calendar


def _aware(value: datetime.date | datetime.datetime, zone: ZoneInfo) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return datetime.datetime.combine(value, datetime.time.min, tzinfo=zone)


def _period(event: Any, zone: ZoneInfo) -> BusyPeriod | None:
    """The busy period of one occurrence (an icalendar Event), or None when it is free time."""
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return None
    if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
        return None
    try:
        start = event.start
        end = event.end
    except (KeyError, ValueError, TypeError, icalendar.InvalidCalendar):
        return None
    all_day = not isinstance(start, datetime.datetime)
    starts = _aware(start, zone)
    ends = _aware(end, zone)
    if all_day and ends <= starts:
        ends = _aware(start + datetime.timedelta(days=1), zone)
    if ends <= starts:
        return None
    utc = datetime.UTC
    return BusyPeriod(starts.astimezone(utc), ends.astimezone(utc), all_day)


def _merge(periods: list[BusyPeriod]) -> list[BusyPeriod]:
    """Overlapping periods of the same kind become one: fewer rows, same busy time."""
    merged: list[BusyPeriod] = []
    for kind in (False, True):
        current: BusyPeriod | None = None
        for period in sorted(p for p in periods if p.all_day is kind):
            if current is not None and period.starts <= current.ends:
                if period.ends > current.ends:
                    current = BusyPeriod(current.starts, period.ends, kind)
                continue
            if current is not None:
                merged.append(current)
            current = period
        if current is not None:
            merged.append(current)
    return sorted(merged)


def read_busy_times(
    data: bytes,
    *,
    zone: ZoneInfo,
    start: datetime.datetime,
    end: datetime.datetime,
    limit: int = MAX_BUSY_TIMES,
) -> BusyRead:
    """Busy periods between the aware moments ``start`` and ``end`` from an .ics file.
    Raises CalendarFileError when the file cannot be read as a calendar."""
    calendar = parse_calendar(data)
    result = BusyRead()
    periods: list[BusyPeriod] = []
    try:
        occurrences = recurring_ical_events.of(calendar, skip_bad_series=True).after(start)
        for event in occurrences:
            period = _period(event, zone)
            if period is None:
                continue
            if period.starts >= end:
                break
            if period.ends <= start:
                continue
            if len(periods) >= limit:
                result.truncated = True
                break
            periods.append(period)
    except CalendarFileError:
        raise
    except Exception as error:  # a broken recurrence rule or date in an otherwise valid file
        raise CalendarFileError(str(error)) from error
    result.periods = _merge(periods)
    return result
