"""Dates far in the past or future: refused wherever they come in, and harmless where they
were stored before that (9999-12-31 has no local time after UTC, 0001-01-01 none before)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kring.availability import services as availability_services
from kring.calendars import reminders
from kring.calendars import services as calendar_services
from kring.core import dates
from kring.learning import services as learning_services
from kring.learning.models import Meeting
from kring.programmes import services as programme_services
from kring.reflection import services as reflection_services
from tests.reflection.factories import AssignmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# What a form once stored for 9999-12-31 23:59 and 0001-01-01 00:00.
FAR_FUTURE = datetime.datetime(9999, 12, 31, 22, 59, tzinfo=UTC)
FAR_PAST = datetime.datetime(1, 1, 1, 0, 0, tzinfo=UTC)


def test_the_planned_span_runs_from_a_year_back_to_five_years_ahead():
    today = datetime.date(2027, 3, 1)
    assert dates.PLANNED.bounds(today) == (datetime.date(2026, 3, 1), datetime.date(2032, 3, 1))
    assert dates.PLANNED.bounds(datetime.date(2028, 2, 29))[1] == datetime.date(2033, 2, 28)
    assert dates.PROGRAMME.bounds(today)[0] == datetime.date(2017, 3, 1)


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(9999, 12, 31),
        datetime.date(1, 1, 1),
        FAR_FUTURE,
        FAR_PAST,
        timezone.now() + datetime.timedelta(days=6 * 366),
        timezone.now() - datetime.timedelta(days=400),
    ],
)
def test_a_date_outside_the_span_is_refused_with_the_span(value):
    with pytest.raises(ValidationError) as raised:
        dates.check_dates(due_at=value)
    assert "Kies een datum tussen" in raised.value.message_dict["due_at"][0]


def test_a_date_inside_the_span_is_accepted():
    dates.check_dates(due_at=timezone.now() + datetime.timedelta(days=4 * 365), day=None)


@pytest.fixture
def far_meetings(world):
    """Meetings and an assignment with the dates the audit stored, written past the checks."""
    ordinary = MeetingFactory(group=world.group_a, number=1, title="Gewoon")
    future = MeetingFactory(group=world.group_a, number=2, title="Ver weg")
    past = MeetingFactory(group=world.group_a, number=3, title="Lang geleden")
    Meeting.objects.filter(pk=future.pk).update(starts_at=FAR_FUTURE)
    Meeting.objects.filter(pk=past.pk).update(starts_at=FAR_PAST)
    AssignmentFactory(meeting=ordinary, due_at=FAR_FUTURE, title="Opdracht ver weg")
    return ordinary, future, past


def test_pages_still_open_with_a_far_date_stored(world, as_user, far_meetings):
    future = far_meetings[1]
    client = as_user(world.participant_a)
    for meeting in far_meetings:
        assert client.get(reverse("learning:meeting", args=[meeting.pk])).status_code == 200
    for name in ("learning:cycle", "learning:meetings"):
        assert client.get(reverse(name, args=[world.group_a.pk])).status_code == 200
    assert client.get(reverse("site:dashboard")).status_code == 200
    facilitator = as_user(world.facilitator_a)
    assert facilitator.get(reverse("learning:meeting", args=[future.pk])).status_code == 200
    manager = as_user(world.programme_manager)
    planning = reverse("planning:programme", args=[world.trajectory.pk])
    assert manager.get(planning).status_code == 200
    assert manager.get(reverse("availability:group", args=[world.group_a.pk])).status_code == 200


def test_the_calendar_feed_leaves_out_what_cannot_be_a_date(world, client, far_meetings):
    ordinary, future, past = far_meetings
    calendar_services.feed_options_set(actor=world.participant_a, include_assignments=True)
    token = calendar_services.feed_token_issue(actor=world.participant_a)
    response = client.get(reverse("calendars:feed", args=[token]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"meeting-{ordinary.pk}@" in body
    assert f"meeting-{future.pk}@" not in body
    assert f"meeting-{past.pk}@" not in body
    assert "Opdracht ver weg" not in body


def test_reminders_pass_over_far_dates(world, far_meetings):
    reminders.send_due_reminders()


def test_services_refuse_far_dates(world):
    meeting = MeetingFactory(group=world.group_a, number=1)
    for value in (FAR_FUTURE, FAR_PAST):
        with pytest.raises(ValidationError) as raised:
            learning_services.meeting_update(
                actor=world.facilitator_a,
                meeting=meeting,
                expected_version=meeting.version,
                starts_at=value,
            )
        assert "starts_at" in raised.value.message_dict
        with pytest.raises(ValidationError):
            reflection_services.assignment_create(
                actor=world.facilitator_a,
                meeting=meeting,
                title="Opdracht",
                instructions="Doe iets.",
                due_at=value,
                effort_minutes=60,
            )
    with pytest.raises(ValidationError):
        availability_services.away_period_add(
            actor=world.participant_a,
            starts_on=timezone.localdate(),
            ends_on=datetime.date(9999, 12, 31),
        )
    with pytest.raises(ValidationError):
        programme_services.programme_update(
            actor=world.programme_manager,
            programme=world.trajectory,
            expected_version=world.trajectory.version,
            ends_on=datetime.date(9999, 12, 31),
        )
    meeting.refresh_from_db()
    assert meeting.starts_at.year < 9999
    world.trajectory.refresh_from_db()
    assert world.trajectory.ends_on != datetime.date(9999, 12, 31)


def test_an_old_date_does_not_stop_editing_something_else(world):
    meeting = MeetingFactory(group=world.group_a, number=1)
    long_ago = timezone.now() - datetime.timedelta(days=3 * 365)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=long_ago)
    meeting.refresh_from_db()
    learning_services.meeting_update(
        actor=world.facilitator_a,
        meeting=meeting,
        expected_version=meeting.version,
        starts_at=meeting.starts_at,
        title="Nieuwe titel",
    )
    meeting.refresh_from_db()
    assert meeting.title == "Nieuwe titel"


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59", "0001-01-01T00:00", "0001-01-01", "275760-09-13T00:00"]
)
def test_the_meeting_form_refuses_far_moments(world, as_user, value):
    meeting = MeetingFactory(group=world.group_a, number=1, title="Start")
    client = as_user(world.facilitator_a)
    response = client.post(
        reverse("learning:meeting_edit", args=[meeting.pk]),
        {
            "title": "Start",
            "starts_at": value,
            "duration_minutes": 120,
            "status": "planned",
            "version": meeting.version,
        },
    )
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.starts_at.year not in (1, 9999)
