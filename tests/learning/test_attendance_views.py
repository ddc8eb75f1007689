"""Pages of a date-aware cycle: the overview, the meeting list and the attendance page, on
Saturday 5 December 2026 (the ``clock`` fixture). Meeting 1 was on 1 December and its
attendance is not recorded; meeting 2 is on 19 January."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from kring.learning import services
from kring.learning.models import AbsenceNotice, Attendance, Cycle, Meeting
from tests.factories import UserFactory
from tests.learning.factories import MeetingFactory, MembershipFactory

DAY = datetime.date


@pytest.fixture
def december(world, clock):
    MembershipFactory(group=world.group_a, person=world.participant_a)
    other = UserFactory(full_name="Bram Bos")
    MembershipFactory(group=world.group_a, person=other)
    first = MeetingFactory(
        group=world.group_a, number=1, title="Start", starts_at=clock.at(DAY(2026, 12, 1), 14)
    )
    second = MeetingFactory(
        group=world.group_a,
        number=2,
        title="Verdieping",
        starts_at=clock.at(DAY(2027, 1, 19), 14),
    )
    return world, first, second, other


def _attendance(meeting: Meeting) -> str:
    return reverse("learning:attendance", args=[meeting.pk])


def test_the_overview_shows_the_meeting_ahead_and_the_attendance_to_record(december, as_user):
    world, first, second, _other = december
    page = as_user(world.facilitator_a).get(reverse("learning:cycle", args=[world.group_a.pk]))
    text = page.content.decode()
    next_card = text[text.index('id="next-heading"') :]
    assert "2. Verdieping" in next_card and "1. Start" not in next_card
    assert "Aanwezigheid vast te leggen" in text
    assert _attendance(first) in text and _attendance(second) not in text


def test_a_member_sees_the_started_meeting_without_the_attendance_button(december, as_user):
    world, first, *_ = december
    page = as_user(world.participant_a).get(reverse("learning:cycle", args=[world.group_a.pk]))
    text = page.content.decode()
    assert "Begonnen bijeenkomsten" in text and "Wacht op aanwezigheid" in text
    assert _attendance(first) not in text


def test_the_meeting_list_shows_the_derived_status(december, as_user):
    world, *_ = december
    page = as_user(world.participant_a).get(reverse("learning:meetings", args=[world.group_a.pk]))
    text = page.content.decode()
    assert text.count("Wacht op aanwezigheid") == 1 and "Gepland" in text


def test_attendance_for_a_future_meeting_is_refused_in_words_and_nothing_changes(december, as_user):
    world, _first, second, _other = december
    client = as_user(world.facilitator_a)
    page = client.get(_attendance(second))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nog niet mogelijk" in text and "begint op dinsdag 19 januari 2027 om 14:00" in text
    assert 'type="radio"' not in text
    response = client.post(_attendance(second), {f"person_{world.participant_a.pk}": "present"})
    assert response.status_code == 400
    assert "begint op dinsdag 19 januari 2027" in response.content.decode()
    assert not Attendance.objects.exists()
    second.refresh_from_db()
    assert second.status == Meeting.Status.PLANNED


def test_nobody_is_present_until_the_facilitator_chooses(december, as_user):
    world, first, _second, _other = december
    page = as_user(world.facilitator_a).get(_attendance(first))
    form = page.context["form"]
    assert {field.initial for field in form} == {""}
    text = page.content.decode()
    assert text.count("Nog niet vastgelegd") == 2
    assert "Zet iedereen die nog openstaat op aanwezig" in text


def test_all_present_only_fills_in_the_choices(december, as_user):
    world, first, _second, _other = december
    page = as_user(world.facilitator_a).get(_attendance(first) + "?fill=present")
    assert {field.initial for field in page.context["form"]} == {"present"}
    assert "Er is nog niets opgeslagen" in page.content.decode()
    assert not Attendance.objects.exists()


def test_attendance_person_by_person_makes_the_meeting_held_once_complete(december, as_user):
    world, first, _second, other = december
    client = as_user(world.facilitator_a)
    response = client.post(
        _attendance(first), {f"person_{world.participant_a.pk}": "present"}, follow=True
    )
    assert "Nog vast te leggen: Bram Bos." in response.content.decode()
    first.refresh_from_db()
    assert first.status == Meeting.Status.PLANNED
    # The one already recorded keeps its choice; "not recorded" is no longer offered there.
    page = client.get(_attendance(first))
    assert page.context["form"][f"person_{world.participant_a.pk}"].initial == "present"
    response = client.post(_attendance(first), {f"person_{other.pk}": "excused"}, follow=True)
    assert "De bijeenkomst telt als geweest." in response.content.decode()
    first.refresh_from_db()
    assert first.status == Meeting.Status.HELD


def test_saving_with_everyone_open_is_refused_and_keeps_the_form(december, as_user):
    world, first, *_ = december
    response = as_user(world.facilitator_a).post(_attendance(first), {})
    assert response.status_code == 400
    assert "Kies voor minstens één lid" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_meeting_form_does_not_offer_held(december, as_user):
    world, _first, second, _other = december
    page = as_user(world.facilitator_a).get(reverse("learning:meeting_edit", args=[second.pk]))
    values = [value for value, _label in page.context["form"].fields["status"].choices]
    assert values == ["planned", "cancelled"]


def test_the_meeting_page_says_when_attendance_can_be_recorded(december, as_user):
    world, first, second, _other = december
    client = as_user(world.facilitator_a)
    future = client.get(reverse("learning:meeting", args=[second.pk])).content.decode()
    assert "zodra ze begonnen is" in future and _attendance(second) not in future
    past = client.get(reverse("learning:meeting", args=[first.pk])).content.decode()
    assert "Vastgelegd voor 0 van de 2 leden." in past and _attendance(first) in past


def test_the_agreed_share_is_set_on_the_facilitation_page(december, as_user):
    world, *_ = december
    client = as_user(world.facilitator_a)
    url = reverse("learning:attendance_share", args=[world.group_a.pk])
    assert client.post(url, {"share": "150"}).status_code == 400
    assert client.post(url, {"share": "80"}).status_code == 302
    assert Cycle.objects.get(group=world.group_a).attendance_share == 80
    page = client.get(reverse("learning:facilitation", args=[world.group_a.pk]))
    assert "Afspraak 80%" in page.content.decode()


def test_a_member_out_of_reach_is_told_kindly_on_the_cycle_page(world, clock, as_user):
    MembershipFactory(group=world.group_a, person=world.participant_a)
    start = clock.at(DAY(2026, 11, 7), 14)
    meetings = [
        MeetingFactory(
            group=world.group_a, number=n, starts_at=start + datetime.timedelta(weeks=n - 1)
        )
        for n in range(1, 5)
    ]
    for meeting in meetings[:2]:
        services.attendance_record(
            actor=world.facilitator_a,
            meeting=meeting,
            statuses={world.participant_a.pk: "absent"},
        )
    assert AbsenceNotice.objects.filter(kind=AbsenceNotice.Kind.OUT_OF_REACH).exists()
    page = as_user(world.participant_a).get(reverse("learning:cycle", args=[world.group_a.pk]))
    text = page.content.decode()
    assert "Je aanwezigheid" in text and "bij 3 van de 4 bijeenkomsten" in text
    facilitation = as_user(world.facilitator_a).get(
        reverse("learning:facilitation", args=[world.group_a.pk])
    )
    assert "niet meer haalbaar" in facilitation.content.decode()
