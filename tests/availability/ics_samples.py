"""iCalendar files for the import tests, written the way Outlook and Google export them."""

from __future__ import annotations

import datetime


def _stamp(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def work_calendar(monday: datetime.date) -> bytes:
    """A weekly stand-up in New York time (recurring, four times, one exception removed), a
    floating lunch, a cancelled and a 'free' appointment, and a two-day all-day event."""
    first = _stamp(monday)
    skipped = _stamp(monday + datetime.timedelta(weeks=2))
    wednesday = _stamp(monday + datetime.timedelta(days=2))
    thursday = _stamp(monday + datetime.timedelta(days=3))
    saturday = _stamp(monday + datetime.timedelta(days=5))
    return f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Kring tests//Outlook-like//EN
BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:STANDARD
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:standup@test
SUMMARY:Secret board stand-up
LOCATION:Room 12
DTSTART;TZID=America/New_York:{first}T040000
DTEND;TZID=America/New_York:{first}T050000
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE;TZID=America/New_York:{skipped}T040000
END:VEVENT
BEGIN:VEVENT
UID:lunch@test
SUMMARY:Lunch with Piet
DTSTART:{wednesday}T120000
DTEND:{wednesday}T133000
END:VEVENT
BEGIN:VEVENT
UID:cancelled@test
SUMMARY:Cancelled thing
STATUS:CANCELLED
DTSTART:{wednesday}T150000Z
DTEND:{wednesday}T160000Z
END:VEVENT
BEGIN:VEVENT
UID:free@test
SUMMARY:Focus time (free)
TRANSP:TRANSPARENT
DTSTART:{wednesday}T090000
DTEND:{wednesday}T100000
END:VEVENT
BEGIN:VEVENT
UID:conference@test
SUMMARY:Conference
DTSTART;VALUE=DATE:{thursday}
DTEND;VALUE=DATE:{saturday}
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n").encode()


def next_monday(today: datetime.date, weeks_ahead: int = 1) -> datetime.date:
    return today + datetime.timedelta(days=7 * weeks_ahead - today.weekday())
