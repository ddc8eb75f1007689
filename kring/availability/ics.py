"""Reading busy times from an iCalendar (.ics) file.

Plain Python (no Django): the file is parsed with ``icalendar`` and recurring appointments
are expanded with ``recurring-ical-events``. Only *when* someone is busy comes out, never
what the appointment is: titles, places, descriptions and attendees are not read.

- Times with a time zone (a TZID with its VTIMEZONE, or UTC) keep that zone; "floating"
  times without a zone are taken as local times in the zone the caller passes.
- All-day appointments become whole busy days in the local zone.
- Appointments marked as free (TRANSP:TRANSPARENT) or cancelled are left out of the result,
  but they still count toward every limit below: a file is never read further because its
  repeats are "only" free time.

A calendar file is input from anyone, so reading it is bounded three ways:

- in size: at most ``MAX_EVENTS`` appointments (every VEVENT, whatever its status);
- in work: the repeats that expanding the rules would walk through, estimated before
  expanding, at most ``MAX_EXPANSION_STEPS`` (an appointment repeating every second or
  minute is refused here, before any expansion starts); occurrences are expanded only
  within the window asked for, and at most ``limit`` of them (of any kind) are looked at;
- in time: a deadline, checked between series, and ``read_busy_times_within`` that reads in
  a separate process and stops it at the deadline, because some rules (a day that never
  comes, such as 30 February) make the rule library search for centuries without returning.
"""

from __future__ import annotations

import datetime
import multiprocessing
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

# A generous ceiling: a full working calendar over half a year has about 1,500 appointments.
MAX_BUSY_TIMES = 3000
# An exported year of a busy work calendar has a few thousand appointments.
MAX_EVENTS = 10_000
# A daily appointment since 1970 takes about 21,000 steps to reach today.
MAX_EXPANSION_STEPS = 200_000
# How long reading one file may take.
DEADLINE_SECONDS = 20.0

_STEP_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 28 * 86400,
    "YEARLY": 365 * 86400,
}


class CalendarFileError(ValueError):
    """The file cannot be read as a calendar; ``reason`` says why, for the person."""

    reason = "not_calendar"


class CalendarTooLarge(CalendarFileError):
    """More appointments than a calendar file of a person has."""

    reason = "too_many_events"


class CalendarRepeatsTooOften(CalendarFileError):
    """Expanding the repeats would take more steps than any real calendar needs."""

    reason = "repeats_too_often"


class CalendarTooSlow(CalendarFileError):
    """Reading did not finish before the deadline."""

    reason = "too_slow"


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


def _naive_utc(value: Any, zone: ZoneInfo) -> datetime.datetime | None:
    """A date or time from a property as a naive UTC moment, for estimates only."""
    value = getattr(value, "dt", value)
    if not isinstance(value, datetime.date):
        return None
    return _aware(value, zone).astimezone(datetime.UTC).replace(tzinfo=None)


def _values(prop: Any) -> list[Any]:
    return prop if isinstance(prop, list) else [prop]


def _expansion_steps(event: Any, *, zone: ZoneInfo, end: datetime.datetime) -> int:
    """About how many repeats the rule library walks through, from the appointment's first
    occurrence up to ``end`` (or the rule's UNTIL), to expand this appointment."""
    steps = 1
    for rdate in _values(event.get("RDATE", [])):
        steps += len(getattr(rdate, "dts", [rdate]))
    rules = _values(event.get("RRULE", []))
    if not rules:
        return steps
    first = _naive_utc(event.get("DTSTART"), zone)
    stop = end.astimezone(datetime.UTC).replace(tzinfo=None)
    for rule in rules:
        freq = str((rule.get("FREQ") or ["DAILY"])[0]).upper()
        try:
            interval = max(1, int((rule.get("INTERVAL") or [1])[0]))
        except (TypeError, ValueError):
            interval = 1
        until = _naive_utc((rule.get("UNTIL") or [None])[0], zone)
        last = min(stop, until) if until is not None else stop
        if first is None or last <= first:
            steps += 1
            continue
        seconds = (last - first).total_seconds()
        steps += int(seconds // (_STEP_SECONDS.get(freq, 86400) * interval)) + 1
    return steps


def _check_size(calendar: icalendar.Calendar, *, zone: ZoneInfo, end: datetime.datetime) -> None:
    events = calendar.walk("VEVENT")
    if len(events) > MAX_EVENTS:
        raise CalendarTooLarge(f"{len(events)} appointments")
    steps = 0
    for event in events:
        steps += _expansion_steps(event, zone=zone, end=end)
        if steps > MAX_EXPANSION_STEPS:
            raise CalendarRepeatsTooOften(f"more than {MAX_EXPANSION_STEPS} repeats")


def read_busy_times(
    data: bytes,
    *,
    zone: ZoneInfo,
    start: datetime.datetime,
    end: datetime.datetime,
    limit: int = MAX_BUSY_TIMES,
    seconds: float = DEADLINE_SECONDS,
) -> BusyRead:
    """Busy periods between the aware moments ``start`` and ``end`` from an .ics file. At
    most ``limit`` occurrences are looked at, free and cancelled ones included; beyond that
    the result is marked truncated. Raises CalendarFileError (or one of its kinds) when the
    file cannot be read as a calendar or is beyond the limits."""
    deadline = time.monotonic() + seconds
    calendar = parse_calendar(data)
    _check_size(calendar, zone=zone, end=end)
    result = BusyRead()
    periods: list[BusyPeriod] = []
    seen = 0
    try:
        query = recurring_ical_events.of(calendar, skip_bad_series=True)
        skipped = tuple(query.suppressed_errors)
        for series in query.series:
            if time.monotonic() > deadline:
                raise CalendarTooSlow(f"not read within {seconds} seconds")
            try:
                occurrences = sorted(series.between(start, end))
            except skipped:
                continue
            for occurrence in occurrences:
                seen += 1
                if seen > limit:
                    result.truncated = True
                    break
                period = _period(occurrence.as_component(False), zone)
                if period is not None and period.starts < end and period.ends > start:
                    periods.append(period)
            if result.truncated:
                break
    except CalendarFileError:
        raise
    except Exception as error:  # a broken recurrence rule or date in an otherwise valid file
        raise CalendarFileError(str(error)) from error
    result.periods = _merge(periods)
    return result


def _read_in_child(connection: Connection, data: bytes, options: dict[str, Any]) -> None:
    try:
        outcome: Any = read_busy_times(data, **options)
    except CalendarFileError as error:
        outcome = error
    except Exception as error:  # reported, never raised in the child
        outcome = CalendarFileError(str(error))
    connection.send(outcome)
    connection.close()


def read_busy_times_within(
    data: bytes,
    *,
    zone: ZoneInfo,
    start: datetime.datetime,
    end: datetime.datetime,
    limit: int = MAX_BUSY_TIMES,
    seconds: float = DEADLINE_SECONDS,
) -> BusyRead:
    """``read_busy_times`` in a separate process that is stopped at the deadline: the rule
    library cannot be interrupted from inside, and a hostile rule must not hold the worker."""
    # A fresh process from the fork server: nothing of the worker's threads, locks or
    # database connections is copied into it.
    context: ForkServerContext | SpawnContext = multiprocessing.get_context("spawn")
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
    receiving, sending = context.Pipe(duplex=False)
    options = {"zone": zone, "start": start, "end": end, "limit": limit, "seconds": seconds}
    child = context.Process(target=_read_in_child, args=(sending, data, options), daemon=True)
    child.start()
    sending.close()
    try:
        if not receiving.poll(seconds + 0.5):
            raise CalendarTooSlow(f"not read within {seconds} seconds")
        try:
            outcome = receiving.recv()
        except EOFError as error:  # the child died without an answer
            raise CalendarFileError("the reader stopped") from error
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiving.close()
    if isinstance(outcome, CalendarFileError):
        raise outcome
    if not isinstance(outcome, BusyRead):
        raise CalendarFileError("no answer from the reader")
    return outcome
