"""Reading busy times from .ics files (pure Python, no database)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from kring.availability.ics import BusyPeriod, CalendarFileError, read_busy_times
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
