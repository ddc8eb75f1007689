"""The private calendar feed, fetched as a calendar app would (no login) and read back with
the icalendar library."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from kring.calendars import services
from kring.calendars.models import CalendarSettings, hash_feed_token
from kring.learning import services as learning_services
from kring.learning.models import Meeting
from tests.reflection.factories import AssignmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _fetch(client, token):
    response = client.get(reverse("calendars:feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _events(calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=AMSTERDAM)


@pytest.fixture
def meetings(world):
    first = MeetingFactory(
        group=world.group_a,
        number=1,
        title="Start en contracteren",
        starts_at=_at(10, 14),
        duration_minutes=120,
        location="Zaal 3, Den Haag",
    )
    second = MeetingFactory(
        group=world.group_a,
        number=2,
        title="Verdieping",
        starts_at=_at(60, 10),
        online_url="https://meet.example.org/leergroep-a",
    )
    other_group = MeetingFactory(group=world.group_b, number=1, title="Andere groep")
    return first, second, other_group


def test_the_feed_round_trips_through_a_calendar_library(world, client, meetings):
    first, second, other_group = meetings
    token = services.feed_token_issue(actor=world.participant_a)
    calendar = _fetch(client, token)
    events = _events(calendar)
    assert set(events) == {f"meeting-{first.pk}@127.0.0.1", f"meeting-{second.pk}@127.0.0.1"}

    event = events[f"meeting-{first.pk}@127.0.0.1"]
    assert str(event["SUMMARY"]) == "Start en contracteren · Leergroep A"
    assert str(event["LOCATION"]) == "Zaal 3, Den Haag"
    start = event.decoded("DTSTART")
    assert start == first.starts_at
    assert start.tzinfo.key == "Europe/Amsterdam"
    assert (start.hour, start.minute) == (14, 0)
    assert event.decoded("DTEND") - start == datetime.timedelta(minutes=120)
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    # The time zone travels with the feed.
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]

    online = events[f"meeting-{second.pk}@127.0.0.1"]
    assert str(online["LOCATION"]) == "https://meet.example.org/leergroep-a"
    assert "https://meet.example.org/leergroep-a" in str(online["DESCRIPTION"])


def test_a_moved_meeting_shows_its_new_time_with_a_higher_sequence(world, client, meetings):
    first, _second, _other = meetings
    token = services.feed_token_issue(actor=world.participant_a)
    before = _events(_fetch(client, token))[f"meeting-{first.pk}@127.0.0.1"]

    learning_services.meeting_update(
        actor=world.facilitator_a,
        meeting=first,
        expected_version=first.version,
        starts_at=_at(12, 9),
    )
    after = _events(_fetch(client, token))[f"meeting-{first.pk}@127.0.0.1"]

    assert str(after["UID"]) == str(before["UID"])
    assert after.decoded("DTSTART") == _at(12, 9)
    assert after["SEQUENCE"] > before["SEQUENCE"]
    first.refresh_from_db()
    assert after.decoded("LAST-MODIFIED") == first.updated_at.replace(microsecond=0)
    assert after.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")
    # Fetching again without a change keeps it: calendar apps see nothing new.
    again = _events(_fetch(client, token))[f"meeting-{first.pk}@127.0.0.1"]
    assert again.decoded("LAST-MODIFIED") == after.decoded("LAST-MODIFIED")


def test_a_cancelled_meeting_is_marked_cancelled(world, client, meetings):
    first, _second, _other = meetings
    token = services.feed_token_issue(actor=world.participant_a)
    learning_services.meeting_update(
        actor=world.facilitator_a,
        meeting=first,
        expected_version=first.version,
        status=Meeting.Status.CANCELLED,
    )
    event = _events(_fetch(client, token))[f"meeting-{first.pk}@127.0.0.1"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_the_facilitator_gets_their_groups_meetings_and_texts_in_their_language(
    world, client, meetings
):
    first, _second, other_group = meetings
    world.facilitator_b.language = "en"
    world.facilitator_b.save()
    token = services.feed_token_issue(actor=world.facilitator_b)
    calendar = _fetch(client, token)
    events = _events(calendar)
    assert set(events) == {f"meeting-{other_group.pk}@127.0.0.1"}
    assert str(calendar["X-WR-CALNAME"]) == "Kring: my meetings"
    assert "Meeting 1 of Leergroep B" in str(
        events[f"meeting-{other_group.pk}@127.0.0.1"]["DESCRIPTION"]
    )


def test_assignment_due_dates_are_in_the_feed_unless_switched_off(world, client, meetings):
    first, _second, _other = meetings
    assignment = AssignmentFactory(meeting=first, title="Een lastig gesprek")
    token = services.feed_token_issue(actor=world.participant_a)
    event = _events(_fetch(client, token))[f"assignment-{assignment.pk}@127.0.0.1"]
    assert str(event["SUMMARY"]) == "Inleveren: Een lastig gesprek · Leergroep A"
    assert event.decoded("DTSTART") == assignment.due_at.replace(microsecond=0)
    services.feed_options_set(actor=world.participant_a, include_assignments=False)
    assert f"assignment-{assignment.pk}@127.0.0.1" not in _events(_fetch(client, token))


def test_only_the_hash_of_the_token_is_stored(world):
    token = services.feed_token_issue(actor=world.participant_a)
    stored = CalendarSettings.objects.get(user=world.participant_a)
    assert stored.feed_token_hash == hash_feed_token(token)
    assert token not in str(list(CalendarSettings.objects.values()))


def test_a_reset_or_switched_off_token_gives_404(world, client, meetings):
    old = services.feed_token_issue(actor=world.participant_a)
    new = services.feed_token_issue(actor=world.participant_a)
    assert client.get(reverse("calendars:feed", args=[old])).status_code == 404
    assert client.get(reverse("calendars:feed", args=[new])).status_code == 200
    services.feed_turn_off(actor=world.participant_a)
    assert client.get(reverse("calendars:feed", args=[new])).status_code == 404
    assert client.get(reverse("calendars:feed", args=["made-up-token"])).status_code == 404


def test_the_feed_of_someone_no_longer_active_gives_404(world, client, meetings):
    token = services.feed_token_issue(actor=world.participant_a)
    world.participant_a.is_active = False
    world.participant_a.save()
    assert client.get(reverse("calendars:feed", args=[token])).status_code == 404


def test_a_member_who_left_no_longer_sees_the_groups_meetings(world, client, meetings):
    token = services.feed_token_issue(actor=world.participant_a)
    world.participant_a.role_assignments.filter(group=world.group_a).delete()
    assert _events(_fetch(client, token)) == {}
