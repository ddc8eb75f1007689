"""The personal overview: every persona sees what is due for them, and nothing of others."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.formation.models import FormationRun, FormedGroup, PoolEntry
from kring.learning.models import AbsenceNotice, Attendance, Intention, Meeting, Membership
from kring.planning.models import Plan, ReplanSuggestion
from kring.programmes.models import Group, Role
from kring.rooms.models import Room
from kring.site.selectors import dashboard_for
from tests.factories import GroupFactory, RoleFactory, UserFactory
from tests.formation.factories import PoolFactory, entry
from tests.invitations.factories import InvitationFactory
from tests.learning.factories import MeetingFactory, MembershipFactory
from tests.reflection.factories import AssignmentFactory, SubmissionFactory

DASHBOARD = "site:dashboard"


def _days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def _cycle_in_progress(group: Group, member, facilitator) -> dict:
    """A group whose first meeting was held, whose second started yesterday without attendance,
    and whose third is ahead; with an overdue and an open assignment and an unreported
    intention for ``member``."""
    MembershipFactory(group=group, person=member)
    held = MeetingFactory(
        group=group, number=1, title="Start", starts_at=_days(-30), status=Meeting.Status.HELD
    )
    Attendance.objects.create(meeting=held, person=member, status="present")
    passed = MeetingFactory(group=group, number=2, title="Verdieping", starts_at=_days(-1))
    room, _created = Room.objects.get_or_create(
        organisation=group.programme.provider, name="Zaal 4.12", defaults={"capacity": 8}
    )
    ahead = MeetingFactory(group=group, number=3, title="Oogsten", starts_at=_days(10), room=room)
    overdue = AssignmentFactory(meeting=passed, title="Een lastig gesprek", due_at=_days(-4))
    upcoming = AssignmentFactory(meeting=ahead, title="Wat leerde ik?", due_at=_days(7))
    intention = Intention.objects.create(meeting=held, person=member, text="Eerst luisteren")
    return {
        "held": held,
        "passed": passed,
        "ahead": ahead,
        "overdue": overdue,
        "upcoming": upcoming,
        "intention": intention,
    }


@pytest.fixture
def due(world):
    return world, _cycle_in_progress(world.group_a, world.participant_a, world.facilitator_a)


def _page(as_user, person) -> str:
    response = as_user(person).get(reverse(DASHBOARD))
    assert response.status_code == 200
    return response.content.decode()


def test_participant_sees_overdue_and_open_assignments_with_links(due, as_user):
    world, cycle = due
    page = _page(as_user, world.participant_a)
    assert reverse("reflection:assignment_detail", args=[cycle["overdue"].pk]) in page
    assert reverse("reflection:assignment_detail", args=[cycle["upcoming"].pk]) in page
    assert "Te laat" in page
    # Someone who handed in no longer sees it as to do.
    SubmissionFactory(assignment=cycle["overdue"], author=world.participant_a)
    page = _page(as_user, world.participant_a)
    assert "Een lastig gesprek" not in page.split("my-programmes")[0].split("due-meetings")[0]


def test_participant_next_meeting_is_by_date_not_by_status(due, as_user):
    world, cycle = due
    dash = dashboard_for(world.participant_a)
    assert [item.meeting for item in dash.next_meetings] == [cycle["ahead"]]
    assert [a.title for a in dash.next_meetings[0].assignments] == ["Wat leerde ik?"]
    page = _page(as_user, world.participant_a)
    assert reverse("learning:meeting", args=[cycle["ahead"].pk]) in page
    assert "Zaal 4.12" in page  # the room as its place
    assert "Ter voorbereiding" in page


def test_participant_is_asked_to_report_on_intentions_at_the_following_meeting(due, as_user):
    world, cycle = due
    page = _page(as_user, world.participant_a)
    assert "Eerst luisteren" in page
    assert reverse("learning:meeting", args=[cycle["passed"].pk]) + "#follow-up" in page
    cycle["intention"].reported_at = timezone.now()
    cycle["intention"].outcome = "done"
    cycle["intention"].save()
    assert "Eerst luisteren" not in _page(as_user, world.participant_a)


def test_participant_does_not_see_facilitator_work(due, as_user):
    world, cycle = due
    dash = dashboard_for(world.participant_a)
    assert dash.attendance_to_record == [] and dash.absence_signals == []
    assert 'id="due-attendance"' not in _page(as_user, world.participant_a)


def test_facilitator_sees_attendance_to_record_and_absence_signals(due, as_user):
    world, cycle = due
    membership = Membership.objects.get(group=world.group_a, person=world.participant_a)
    AbsenceNotice.objects.create(membership=membership, meeting=cycle["held"])
    page = _page(as_user, world.facilitator_a)
    to_record = page.split('id="due-attendance"')[1].split("</section>")[0]
    assert reverse("learning:attendance", args=[cycle["passed"].pk]) in to_record
    signals = page.split('id="due-absence"')[1].split("</section>")[0]
    assert "Participant A" in signals
    assert "Was bij twee van de laatste drie bijeenkomsten afwezig" in signals
    assert reverse("learning:facilitation", args=[world.group_a.pk]) in page
    assert "Jij begeleidt" in page
    # A meeting in the future is never one whose attendance is due.
    assert reverse("learning:meeting", args=[cycle["ahead"].pk]) not in to_record
    # Recorded attendance takes it off the list.
    Attendance.objects.create(meeting=cycle["passed"], person=world.participant_a, status="absent")
    assert dashboard_for(world.facilitator_a).attendance_to_record == []


def test_facilitator_sees_attendance_that_is_out_of_reach(due, as_user):
    world, cycle = due
    membership = Membership.objects.get(group=world.group_a, person=world.participant_a)
    AbsenceNotice.objects.create(
        membership=membership, meeting=cycle["held"], kind=AbsenceNotice.Kind.OUT_OF_REACH
    )
    AbsenceNotice.objects.create(membership=membership, meeting=cycle["held"])
    page = _page(as_user, world.facilitator_a)
    signals = page.split('id="due-absence"')[1].split("</section>")[0]
    # Both signals about one member stand together, under their name once.
    assert signals.count("Participant A") == 1
    assert "Haalt de aanwezigheid die de groep afsprak niet meer" in signals
    assert "Was bij twee van de laatste drie bijeenkomsten afwezig" in signals


def test_facilitator_of_another_group_sees_none_of_it(due, as_user):
    world, cycle = due
    dash = dashboard_for(world.facilitator_b)
    assert not (dash.attendance_to_record or dash.next_meetings or dash.absence_signals)
    assert "Verdieping" not in _page(as_user, world.facilitator_b)


def test_facilitator_sees_replan_suggestions(due, as_user):
    world, _cycle = due
    ReplanSuggestion.objects.create(
        group=world.group_a, reasons=[{"key": "x", "kind": "meeting_cancelled", "meeting": None}]
    )
    page = _page(as_user, world.facilitator_a)
    assert "Voorstellen om te herplannen" in page
    assert reverse("planning:programme", args=[world.trajectory.pk]) in page


def test_programme_manager_sees_what_needs_them(world, as_user):
    unstaffed = GroupFactory(programme=world.trajectory, name="Leergroep C")
    pool = PoolFactory(programme=world.trajectory, name="Ronde twee")
    entry(pool, world.participant_b)
    plan = Plan.objects.create(
        programme=world.trajectory,
        status=Plan.Status.READY,
        weeks=12,
        meetings=6,
        min_gap_weeks=6,
        max_gap_weeks=8,
        target_gap_weeks=7,
        first_within_weeks=4,
    )
    page = _page(as_user, world.programme_manager)
    assert "Voor je programma's" in page
    assert "Leergroep C heeft nog geen leerbegeleider." in page
    assert reverse("programmes:group_detail", args=[unstaffed.pk]) in page
    assert "De aanmelding Ronde twee is open: 1 persoon aangemeld." in page
    assert reverse("planning:plan", args=[plan.pk]) in page
    # Groups with a facilitator are not mentioned; nor is anything to a facilitator.
    assert "Leergroep A heeft nog geen" not in page
    assert dashboard_for(world.facilitator_a).groups_without_facilitator == []


def test_invitee_sees_invitations_waiting_for_an_answer(world, as_user):
    invited = MembershipFactory(
        group=world.group_b, person=world.outsider, status=Membership.Status.INVITED
    )
    pool = PoolFactory(programme=world.trajectory)
    entry(pool, world.outsider, status=PoolEntry.Status.INVITED, slots=None)
    page = _page(as_user, world.outsider)
    assert "Wacht op je antwoord" in page
    assert reverse("learning:membership_respond", args=[invited.pk]) in page
    assert reverse("formation:pool", args=[pool.pk]) in page


def test_sender_sees_invitations_still_open(world, as_user):
    InvitationFactory(invited_by=world.facilitator_a, full_name="Nieuwe Collega")
    page = _page(as_user, world.facilitator_a)
    assert "Uitnodigingen die je stuurde" in page and "Nieuwe Collega" in page
    assert "Nieuwe Collega" not in _page(as_user, world.facilitator_b)


def test_pool_sign_up_stays_visible_with_its_status(world, as_user):
    pool = PoolFactory(programme=world.trajectory, name="Ronde twee")
    person = UserFactory(organisation=world.client)
    entry(pool, person, slots=None)
    page = _page(as_user, person)
    assert "Je hebt je aangemeld voor Ronde twee. De groepen worden nu samengesteld" in page
    # Once the proposal is accepted, it says which group.
    run = FormationRun.objects.create(pool=pool, number=1, status=FormationRun.Status.ACCEPTED)
    group = GroupFactory(programme=world.trajectory, name="Leergroep Ronde twee 1")
    FormedGroup.objects.create(run=run, number=1, group=group)
    MembershipFactory(group=group, person=person)
    page = _page(as_user, person)
    assert "bent ingedeeld in Leergroep Ronde twee 1" in page
    assert reverse("learning:cycle", args=[group.pk]) in page


@pytest.mark.parametrize(
    ("persona", "says"),
    [
        ("client_contact", "Als opdrachtgever zie je hier straks"),
        ("team_leader", "Als teamleider zie je hier straks"),
        ("teacher", "Als docent zie je hier je sessies"),
        ("outsider", "verschijnen hier zodra ze er zijn"),
    ],
)
def test_roles_without_work_yet_get_an_honest_empty_state(world, as_user, persona, says):
    page = _page(as_user, world.persona(persona))
    assert says in page


def test_calendar_block_shows_the_coming_weeks(due, as_user):
    world, cycle = due
    page = _page(as_user, world.participant_a)
    calendar = page.split('id="coming-weeks"')[1]
    assert "Oogsten" in calendar and "Wat leerde ik?" in calendar
    # The overdue one is on the to-do list, not in the calendar ahead.
    assert "Een lastig gesprek" not in calendar


def test_the_english_overview_speaks_english(due, as_user):
    world, _cycle = due
    world.participant_a.language = "en"
    world.participant_a.save(update_fields=["language"])
    page = _page(as_user, world.participant_a)
    assert "Assignments to hand in" in page and "Overdue" in page


def _queries(as_user, person) -> int:
    client = as_user(person)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(DASHBOARD)).status_code == 200
    return len(captured.captured_queries)


def _more_groups(world, count: int) -> None:
    for number in range(count):
        group = GroupFactory(programme=world.trajectory, name=f"Extra {number}")
        RoleFactory(person=world.facilitator_a, role=Role.FACILITATOR, group=group)
        RoleFactory(person=world.participant_a, role=Role.PARTICIPANT, group=group)
        _cycle_in_progress(group, world.participant_a, world.facilitator_a)
        member = Membership.objects.get(group=group, person=world.participant_a)
        AbsenceNotice.objects.create(membership=member, meeting=group.meetings.get(number=1))
        ReplanSuggestion.objects.create(group=group, reasons=[])


@pytest.mark.parametrize("persona", ["participant_a", "facilitator_a", "programme_manager"])
def test_overview_queries_do_not_grow_with_groups(due, as_user, persona):
    world, _cycle = due
    person = world.persona(persona)
    few = _queries(as_user, person)
    _more_groups(world, 5)
    assert _queries(as_user, person) == few


def test_the_administrator_hears_where_their_work_is(world, as_user):
    page = _page(as_user, world.admin)
    assert "Als beheerder vind je alle programma's onder Programma's" in page
    assert "Als beheerder" not in _page(as_user, world.teacher)
