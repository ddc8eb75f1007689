"""The private iCalendar feed of one person: their meetings and, if they like, the due dates
of their assignments, in a form every calendar app can subscribe to.

Each meeting keeps one UID for its whole life; its SEQUENCE (from the meeting's version) and
LAST-MODIFIED rise when it changes, so that a subscribed calendar moves it. A cancelled
meeting stays in the feed with STATUS:CANCELLED, so that calendar apps remove it.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kring.accounts.models import User
from kring.designs.models import Session
from kring.learning.models import Meeting
from kring.reflection.models import Assignment

PRODID = "-//Kring//Kring calendar feed//EN"


def _host() -> str:
    return urlparse(settings.BASE_URL).hostname or "kring"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{_host()}"


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@{_host()}"


def assignment_uid(assignment: Assignment) -> str:
    return f"assignment-{assignment.pk}@{_host()}"


def _link(name: str, pk: int) -> str:
    return settings.BASE_URL + reverse(name, args=[pk])


def _meeting_event(meeting: Meeting, *, zone: ZoneInfo, now: datetime.datetime) -> icalendar.Event:
    assert meeting.starts_at is not None and meeting.ends_at is not None
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", now)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add(
        "summary",
        _("%(title)s · %(group)s") % {"title": meeting.title, "group": meeting.group.name},
    )
    page = _link("learning:meeting", meeting.pk)
    lines = [
        _("Meeting %(number)s of %(group)s (%(programme)s)")
        % {
            "number": meeting.number,
            "group": meeting.group.name,
            "programme": meeting.group.programme.name,
        }
    ]
    if meeting.online_url:
        lines.append(_("Online: %(link)s") % {"link": meeting.online_url})
    lines.append(_("In Kring: %(link)s") % {"link": page})
    event.add("description", "\n".join(lines))
    place = meeting.place or meeting.online_url
    if place:
        event.add("location", place)
    event.add("url", meeting.online_url or page)
    event.add("sequence", max(0, meeting.version - 1))
    event.add("last-modified", meeting.updated_at)
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def _session_event(session: Session, *, zone: ZoneInfo, now: datetime.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", now)
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    group = session.cohort.group
    event.add("summary", _("%(title)s · %(group)s") % {"title": session.title, "group": group.name})
    page = _link("designs_sessions:session", session.pk)
    lines = [
        _("Session of %(group)s (%(programme)s)")
        % {"group": group.name, "programme": group.programme.name},
        _("In Kring: %(link)s") % {"link": page},
    ]
    event.add("description", "\n".join(lines))
    place = session.room.name if session.room else session.location
    if place:
        event.add("location", place)
    event.add("url", page)
    event.add("sequence", max(0, session.version - 1))
    cancelled = session.status == Session.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def _assignment_event(
    assignment: Assignment, *, zone: ZoneInfo, now: datetime.datetime
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", assignment_uid(assignment))
    event.add("dtstamp", now)
    # A moment, not a block of time: without DTEND the event ends where it starts.
    event.add("dtstart", assignment.due_at.astimezone(zone))
    event.add(
        "summary",
        _("Due: %(title)s · %(group)s")
        % {"title": assignment.title, "group": assignment.meeting.group.name},
    )
    event.add(
        "description",
        _("Assignment for meeting %(number)s. In Kring: %(link)s")
        % {
            "number": assignment.meeting.number,
            "link": _link("reflection:assignment_detail", assignment.pk),
        },
    )
    event.add("url", _link("reflection:assignment_detail", assignment.pk))
    event.add("sequence", max(0, assignment.version - 1))
    event.add("last-modified", assignment.updated_at)
    event.add("transp", "TRANSPARENT")
    return event


def build_feed(
    user: User | AnonymousUser,
    *,
    meetings: list[Meeting],
    assignments: list[Assignment] | None = None,
    sessions: list[Session] | None = None,
) -> bytes:
    """The feed as iCalendar bytes, with texts in the person's language and times in the
    installation's time zone (with its VTIMEZONE)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    now = timezone.now().replace(microsecond=0)
    with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", _("Kring: my meetings"))
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        # Calendar apps that honour these fetch the feed again every hour.
        calendar.add(
            "refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"}
        )
        calendar.add("x-published-ttl", "PT1H")
        for meeting in meetings:
            calendar.add_component(_meeting_event(meeting, zone=zone, now=now))
        for assignment in assignments or []:
            calendar.add_component(_assignment_event(assignment, zone=zone, now=now))
        for session in sessions or []:
            calendar.add_component(_session_event(session, zone=zone, now=now))
        # The zone's rules for the years the feed covers, not every year since 1970.
        moments = (
            [m.starts_at for m in meetings if m.starts_at]
            + [a.due_at for a in assignments or []]
            + [s.starts_at for s in sessions or []]
        )
        first = min([*moments, now]).date() - datetime.timedelta(days=366)
        last = max([*moments, now]).date() + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()
