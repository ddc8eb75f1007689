"""Reading busy times from .ics files (pure Python, no database)."""

from __future__ import annotations

import datetime
import time
from zoneinfo import ZoneInfo

import pytest

from kring.availability import ics
from kring.availability.ics import (
    BusyPeriod,
    CalendarFileError,
    CalendarRepeatsTooOften,
    CalendarTooLarge,
    CalendarTooSlow,
    read_busy_times,
    read_busy_times_within,
)
from tests.availability.ics_samples import work_calendar

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC
MONDAY = datetime.date(2027, 1, 4)  # New York and Amsterdam are both on winter time


def _read(data: bytes, **kwargs):
    start = datetime.datetime(2027, 1, 1, tzinfo=AMSTERDAM)
    end = datetime.datetime(2027, 7, 1, tzinfo=AMSTERDAM)
    return read_busy_times(data, zone=AMSTERDAM, start=start, end=end, **kwargs)


def test_a_recurring_appointment_counts_every_time_in_its_own_time_zone():
    read = _read(work_calendar(MONDAY))
    timed = [p for p in read.periods if not p.all_day]
    standups = [p for p in timed if p.starts.hour == 9]  # 04:00 in New York is 09:00 UTC
    assert [p.starts for p in standups] == [
        datetime.datetime(2027, 1, 4, 9, 0, tzinfo=UTC),
        datetime.datetime(2027, 1, 11, 9, 0, tzinfo=UTC),
        # 18 January is an exception (EXDATE)
        datetime.datetime(2027, 1, 25, 9, 0, tzinfo=UTC),
    ]
    assert all(p.ends - p.starts == datetime.timedelta(hours=1) for p in standups)


def test_a_time_without_a_zone_is_local_time():
    read = _read(work_calendar(MONDAY))
    lunch = BusyPeriod(
        datetime.datetime(2027, 1, 6, 11, 0, tzinfo=UTC),  # 12:00 in Amsterdam
        datetime.datetime(2027, 1, 6, 12, 30, tzinfo=UTC),
    )
    assert lunch in read.periods


def test_cancelled_and_free_appointments_are_left_out():
    read = _read(work_calendar(MONDAY))
    wednesday = [
        p for p in read.periods if not p.all_day and p.starts.date() == datetime.date(2027, 1, 6)
    ]
    assert len(wednesday) == 1  # only the lunch


def test_an_all_day_appointment_becomes_whole_local_days():
    read = _read(work_calendar(MONDAY))
    days = [p for p in read.periods if p.all_day]
    assert days == [
        BusyPeriod(
            datetime.datetime(2027, 1, 7, 0, 0, tzinfo=AMSTERDAM).astimezone(UTC),
            datetime.datetime(2027, 1, 9, 0, 0, tzinfo=AMSTERDAM).astimezone(UTC),
            all_day=True,
        )
    ]
    assert read.day_count == 2
    assert read.busy_count == 4


def test_only_the_window_is_read():
    start = datetime.datetime(2027, 1, 10, tzinfo=AMSTERDAM)
    end = datetime.datetime(2027, 1, 20, tzinfo=AMSTERDAM)
    read = read_busy_times(work_calendar(MONDAY), zone=AMSTERDAM, start=start, end=end)
    assert [p.starts.date() for p in read.periods] == [datetime.date(2027, 1, 11)]


def test_overlapping_appointments_are_merged():
    data = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//t//EN\r
BEGIN:VEVENT\r
UID:a\r
DTSTART:20270104T090000Z\r
DTEND:20270104T100000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:b\r
DTSTART:20270104T093000Z\r
DTEND:20270104T110000Z\r
END:VEVENT\r
END:VCALENDAR\r
"""
    read = _read(data)
    assert read.periods == [
        BusyPeriod(
            datetime.datetime(2027, 1, 4, 9, 0, tzinfo=UTC),
            datetime.datetime(2027, 1, 4, 11, 0, tzinfo=UTC),
        )
    ]


def test_a_calendar_with_endless_repeats_is_cut_off():
    data = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//t//EN\r
BEGIN:VEVENT\r
UID:a\r
DTSTART:20270104T090000Z\r
DTEND:20270104T091000Z\r
RRULE:FREQ=HOURLY\r
END:VEVENT\r
END:VCALENDAR\r
"""
    read = _read(data, limit=50)
    assert read.truncated
    assert len(read.periods) == 50


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"Just some text, not a calendar.",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Piet\r\nEND:VCARD\r\n",
    ],
)
def test_what_is_not_a_calendar_is_refused(data):
    with pytest.raises(CalendarFileError):
        _read(data)


# --- Hostile files: every one is refused or cut off quickly ------------------------------------


def _calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{event.strip()}\r\nEND:VEVENT\r\n" for event in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n".encode()


def _event(uid: str, rule: str = "", start: str = "20270104T090000Z", extra: str = "") -> str:
    lines = [f"UID:{uid}", f"DTSTART:{start}", f"DTEND:{start[:-5]}3000Z"]
    if rule:
        lines.append(f"RRULE:{rule}")
    if extra:
        lines.append(extra)
    return "\r\n".join(lines)


@pytest.fixture
def quickly():
    """Fails the test when what it runs takes more than a few seconds."""
    started = time.monotonic()
    yield
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY",
        "FREQ=MINUTELY",
        "FREQ=SECONDLY;COUNT=2000000000",
        "FREQ=MINUTELY;INTERVAL=1;UNTIL=20991231T000000Z",
        "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30;UNTIL=20270201T000000Z",
    ],
)
def test_an_appointment_repeating_every_second_or_minute_is_refused(rule, quickly):
    # A free (transparent) appointment counts as much as a busy one: it is expanded too.
    data = _calendar(_event("a", rule, extra="TRANSP:TRANSPARENT"))
    with pytest.raises(CalendarRepeatsTooOften) as raised:
        _read(data)
    assert raised.value.reason == "repeats_too_often"


def test_the_audit_calendar_of_181_bytes_is_refused_at_once(quickly):
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20270104T090000Z\r\n"
        b"DTEND:20270104T090001Z\r\nTRANSP:TRANSPARENT\r\nRRULE:FREQ=SECONDLY\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(CalendarRepeatsTooOften):
        _read(data)


def test_a_huge_count_is_read_only_within_the_window(quickly):
    read = _read(_calendar(_event("a", "FREQ=DAILY;COUNT=2000000000")))
    assert len(read.periods) == 178  # every day from 4 January until 30 June 2027
    assert not read.truncated


def test_a_daily_appointment_since_1970_is_still_read(quickly):
    read = _read(_calendar(_event("a", "FREQ=DAILY", start="19700105T090000Z")))
    assert len(read.periods) == 181


def test_more_appointments_than_a_calendar_has_are_refused(monkeypatch, quickly):
    monkeypatch.setattr(ics, "MAX_EVENTS", 20)
    cancelled = [_event(f"c{n}", extra="STATUS:CANCELLED") for n in range(21)]
    with pytest.raises(CalendarTooLarge):
        _read(_calendar(*cancelled))
    _read(_calendar(*cancelled[:20]))  # at the limit it is still read


def test_free_and_cancelled_occurrences_count_toward_the_limit(quickly):
    free = _event("free", "FREQ=HOURLY", extra="TRANSP:TRANSPARENT")
    busy = _event("busy", "FREQ=DAILY", start="20270601T090000Z")
    read = _read(_calendar(free, busy), limit=100)
    assert read.truncated
    assert read.periods == []  # the 100 occurrences looked at were all free


def test_many_repeating_appointments_together_are_refused(quickly):
    hourly = [_event(f"h{n}", "FREQ=HOURLY", start="20200101T090000Z") for n in range(5)]
    with pytest.raises(CalendarRepeatsTooOften):
        _read(_calendar(*hourly))


def test_reading_is_stopped_at_the_deadline(quickly):
    # 30 February never comes: the rule library searches until the year 9999 for it.
    never = [_event(f"n{n}", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30") for n in range(3)]
    start = datetime.datetime(2027, 1, 1, tzinfo=AMSTERDAM)
    end = datetime.datetime(2027, 7, 1, tzinfo=AMSTERDAM)
    with pytest.raises(CalendarTooSlow):
        read_busy_times_within(_calendar(*never), zone=AMSTERDAM, start=start, end=end, seconds=1)


def test_reading_in_a_separate_process_gives_the_same_result():
    start = datetime.datetime(2027, 1, 1, tzinfo=AMSTERDAM)
    end = datetime.datetime(2027, 7, 1, tzinfo=AMSTERDAM)
    data = work_calendar(MONDAY)
    within = read_busy_times_within(data, zone=AMSTERDAM, start=start, end=end)
    assert within == read_busy_times(data, zone=AMSTERDAM, start=start, end=end)
    with pytest.raises(CalendarFileError):
        read_busy_times_within(b"garbage", zone=AMSTERDAM, start=start, end=end)
