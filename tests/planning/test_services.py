"""Planning services: building the engine instance from Kring's data, the preview, accepting
(creating and moving meetings without overwriting anything), re-plan suggestions and the
e-mail to exactly those whose meetings moved."""

from __future__ import annotations

import datetime
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kring.availability.services import set_weekly_slots
from kring.engines.scheduling import parse_instance
from kring.learning.models import Meeting
from kring.learning.selectors import standard_template
from kring.learning.services import meeting_update
from kring.planning import compose, explain, selectors, services, work
from kring.planning.models import Plan, ReplanSuggestion
from kring.programmes.models import Role, RoleAssignment
from tests.factories import GroupFactory, RoleFactory, UserFactory
from tests.helpers import run_queued_tasks
from tests.learning.factories import MeetingFactory, MembershipFactory

from .conftest import TUESDAY_AFTERNOON, at, away, busy, grid, members, monday, series

RULES = {
    "weeks": 20,
    "meetings": 3,
    "min_gap_weeks": 2,
    "max_gap_weeks": 4,
    "target_gap_weeks": 3,
    "first_within_weeks": 2,
}


def propose(world, groups, actor=None, kind=Plan.Kind.PLAN, capture=None, **overrides) -> Plan:
    values = {**RULES, **overrides}
    template = standard_template(world.provider)
    rules = compose.SeriesRules.from_json(values)
    if capture is None:
        plan = services.plan_request(
            actor=actor or world.programme_manager,
            programme=world.trajectory,
            groups=groups,
            kind=kind,
            template=template,
            rules=rules,
        )
        work.plan_run(plan.pk)
    else:
        with capture(execute=True):
            plan = services.plan_request(
                actor=actor or world.programme_manager,
                programme=world.trajectory,
                groups=groups,
                kind=kind,
                template=template,
                rules=rules,
            )
        run_queued_tasks()
    plan.refresh_from_db()
    return plan


def rows(plan: Plan, group) -> list[dict]:
    return next(g for g in plan.result["groups"] if g["group"] == group.pk)["meetings"]


# --- Building the instance ---------------------------------------------------------------------


def test_meetings_map_to_slots_in_amsterdam_time_across_daylight_saving(world, group_a):
    zone = timezone.get_current_timezone()
    # Tuesday 14:00 in winter and in summer time, around 28 March 2027.
    for number, day in enumerate([datetime.date(2027, 3, 23), datetime.date(2027, 3, 30)], 1):
        MeetingFactory(
            group=group_a,
            number=number,
            starts_at=datetime.datetime.combine(day, datetime.time(14), tzinfo=zone),
        )
    inputs = selectors.planning_inputs([group_a], weeks=10, today=datetime.date(2027, 3, 10))
    data = compose.compose_instance(
        groups=inputs.groups,
        people=inputs.people,
        horizon=inputs.horizon,
        rules=compose.SeriesRules(2, 1, 3, 2, 2),
        meetings=2,
        move_penalty=50,
    )
    assert inputs.horizon.week_start == datetime.date(2027, 3, 15)
    assert data["current"] == [
        {"group": f"g{group_a.pk}", "number": 1, "week": 1, "slot": TUESDAY_AFTERNOON},
        {"group": f"g{group_a.pk}", "number": 2, "week": 2, "slot": TUESDAY_AFTERNOON},
    ]
    summer = inputs.horizon.moment(2, TUESDAY_AFTERNOON, zone)
    assert summer.utcoffset() == datetime.timedelta(hours=2) and summer.hour == 14
    parse_instance(data)  # a valid kring-schedule/1 instance


def test_held_meetings_are_fixed_and_other_groups_meetings_are_busy_times(world, group_a):
    series(group_a, [-6, -3, 2, 5], held=2)
    other = GroupFactory(programme=world.open_programme, name="Intervisie Noord")
    MembershipFactory(group=other, person=world.participant_a)
    MeetingFactory(group=other, number=1, starts_at=at(8))
    inputs = selectors.planning_inputs([group_a], weeks=20)
    data = compose.compose_instance(
        groups=inputs.groups,
        people=inputs.people,
        horizon=inputs.horizon,
        rules=compose.SeriesRules(4, 2, 4, 3, 2),
        meetings=4,
        move_penalty=50,
    )
    assert inputs.horizon.week_start == monday(-6)
    assert data["now_week"] == 7  # next Monday, counted from the first meeting's week
    weeks = [m["week"] for m in data["current"]]
    assert weeks == [0, 3, 8, 11]
    participant = data["people"][f"u{world.participant_a.pk}"]
    assert [14, TUESDAY_AFTERNOON] in participant["away"]
    # A group in another programme is not named: that someone is in it is theirs to tell.
    assert inputs.people[f"u{world.participant_a.pk}"].reason(14, TUESDAY_AFTERNOON) == (
        compose.OTHER_MEETING,
        "",
    )
    assert explain.reason_text(compose.OTHER_MEETING) == "dan in een andere bijeenkomst"


# --- Proposals and their preview -----------------------------------------------------------------


def test_a_proposal_runs_in_the_background_and_explains_who_cannot_come(
    world, group_a, django_capture_on_commit_callbacks
):
    never_then, on_leave, booked, busy_person = members(world, group_a, 4, slots=[0, 1, 2, 3, 4, 5])
    grid(never_then, [0])
    away(on_leave, monday(1), monday(30))
    for week in range(1, 25):
        busy(busy_person, at(week))
    other = GroupFactory(programme=world.trajectory, name="Leergroep C")
    MembershipFactory(group=other, person=booked)
    for number, week in enumerate(range(1, 25), 1):
        MeetingFactory(group=other, number=number, starts_at=at(week))
    grid(world.facilitator_a, [TUESDAY_AFTERNOON])

    plan = propose(world, [group_a], capture=django_capture_on_commit_callbacks)

    assert plan.status == Plan.Status.READY
    preview = explain.preview(plan)
    group = preview.groups[0]
    assert group.new_series and len(group.upcoming) == 3
    reasons = {a.name: a.reason for a in group.upcoming[0].absent}
    assert reasons == {
        never_then.full_name: "op dit moment niet beschikbaar volgens het eigen weekrooster",
        on_leave.full_name: "die week afwezig",
        booked.full_name: "dan in een bijeenkomst van Leergroep C",
        busy_person.full_name: "bezet in de eigen agenda",
    }
    assert all(m.new and m.new.hour == 14 and m.new.weekday() == 1 for m in group.upcoming)
    assert any("Aanwezigheid" in line for line in preview.summary)


def test_someone_without_a_grid_is_planned_as_free_with_a_warning(world, group_a):
    newcomer = UserFactory(full_name="Nog Niet Ingevuld", organisation=world.client)
    MembershipFactory(group=group_a, person=newcomer)
    plan = propose(world, [group_a])
    assert plan.result["no_grid"] == ["Nog Niet Ingevuld"]
    assert "Nog Niet Ingevuld" in explain.preview(plan).warnings[0]


def test_an_engine_failure_is_explained_and_changes_nothing(world, group_a):
    planned = series(group_a, [2, 5, 8])
    with mock.patch("kring.planning.work.solve", side_effect=RuntimeError("boom")):
        plan = propose(world, [group_a])
    assert plan.status == Plan.Status.FAILED
    assert plan.error == "RuntimeError"
    for meeting in planned:
        fresh = Meeting.objects.get(pk=meeting.pk)
        assert (fresh.starts_at, fresh.version) == (meeting.starts_at, meeting.version)


# --- Bad input -----------------------------------------------------------------------------------


def test_a_series_that_cannot_fit_in_the_horizon_is_refused_with_the_numbers(world, group_a):
    with pytest.raises(ValidationError) as caught:
        propose(
            world,
            [group_a],
            weeks=10,
            meetings=6,
            min_gap_weeks=6,
            max_gap_weeks=8,
            target_gap_weeks=7,
        )
    assert "31" in caught.value.message_dict["weeks"][0]
    assert not Plan.objects.exists()


def test_inconsistent_spacing_is_refused(world, group_a):
    with pytest.raises(ValidationError) as caught:
        propose(world, [group_a], min_gap_weeks=5, max_gap_weeks=3)
    assert "max_gap_weeks" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        propose(world, [group_a], target_gap_weeks=9)
    assert "target_gap_weeks" in caught.value.message_dict


def test_groups_without_facilitator_or_members_or_with_an_empty_facilitator_grid(world, group_a):
    RoleAssignment.objects.filter(group=world.group_b, role=Role.FACILITATOR).delete()
    with pytest.raises(ValidationError) as caught:
        propose(world, [world.group_b])
    messages = " ".join(caught.value.message_dict["groups"])
    assert "geen leerbegeleider" in messages and "geen leden" in messages
    grid(world.facilitator_a, [])
    with pytest.raises(ValidationError) as caught:
        propose(world, [group_a])
    assert "geen enkel moment" in caught.value.message_dict["groups"][0]


def test_a_facilitator_may_plan_only_their_own_groups(world, group_a):
    members(world, world.group_b, 2)
    with pytest.raises(PermissionDenied):
        propose(world, [group_a, world.group_b], actor=world.facilitator_a)
    for persona in ("participant_a", "client_contact", "teacher"):
        with pytest.raises(PermissionDenied):
            propose(world, [group_a], actor=getattr(world, persona))
    assert propose(world, [group_a], actor=world.facilitator_a).status == Plan.Status.READY


# --- Accepting ---------------------------------------------------------------------------------


def test_accepting_creates_the_series_from_the_template(world, group_a):
    plan = propose(world, [group_a])
    outcome = services.plan_accept(
        actor=world.facilitator_a, plan=plan, expected_version=plan.version
    )
    assert outcome.accepted and outcome.created == 3 and outcome.moved == 0
    template_titles = [m.title for m in standard_template(world.provider).meetings.all()][:3]
    created = list(group_a.meetings.order_by("number"))
    assert [m.title for m in created] == template_titles
    assert all(m.purpose and m.agenda for m in created)
    proposed = [datetime.datetime.fromisoformat(r["new"]) for r in rows(plan, group_a)]
    assert [m.starts_at for m in created] == proposed
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACCEPTED and plan.decided_by == world.facilitator_a


def test_accepting_moves_planned_meetings_and_never_touches_held_ones(world, group_a):
    held = series(group_a, [-6, -3], held=2)
    # The planned meetings lie on Thursday afternoons, which nobody can make any more.
    planned = [
        MeetingFactory(group=group_a, number=n, starts_at=at(w, weekday=3), title=f"B{n}")
        for n, w in [(3, 1), (4, 4)]
    ]
    plan = propose(world, [group_a], meetings=4)
    changes = [r["change"] for r in rows(plan, group_a)]
    assert changes[:2] == ["past", "past"] and changes[2:] == ["moved", "moved"]
    outcome = services.plan_accept(actor=world.programme_manager, plan=plan, expected_version=1)
    assert outcome.moved == 2
    for meeting in held:
        fresh = Meeting.objects.get(pk=meeting.pk)
        assert (fresh.starts_at, fresh.version, fresh.status) == (
            meeting.starts_at,
            meeting.version,
            Meeting.Status.HELD,
        )
    for meeting in planned:
        fresh = Meeting.objects.get(pk=meeting.pk)
        local = timezone.localtime(fresh.starts_at)
        assert (local.weekday(), local.hour) in {(0, 14), (1, 14), (2, 14)}  # slots 2, 5, 8
        assert fresh.version == meeting.version + 1
    assert group_a.meetings.count() == 4  # nothing added


def test_accepting_refuses_when_a_meeting_was_edited_since_the_preview(world, group_a):
    planned = [
        MeetingFactory(group=group_a, number=n, starts_at=at(w, weekday=3))
        for n, w in [(1, 1), (2, 4), (3, 7)]
    ]
    plan = propose(world, [group_a])
    edited = planned[1]
    meeting_update(
        actor=world.facilitator_a,
        meeting=edited,
        expected_version=edited.version,
        location="Elders",
    )
    outcome = services.plan_accept(actor=world.facilitator_a, plan=plan, expected_version=1)
    assert not outcome.accepted
    assert any("Bijeenkomst 2" in change or "2 van" in change for change in outcome.changes)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.OUTDATED
    for meeting in planned:
        assert Meeting.objects.get(pk=meeting.pk).starts_at == meeting.starts_at
    with pytest.raises(ValidationError):
        services.plan_accept(actor=world.facilitator_a, plan=plan, expected_version=plan.version)


def test_a_proposal_is_decided_once_and_only_by_who_may_plan_all_its_groups(world, group_a):
    plan = propose(world, [group_a])
    with pytest.raises(PermissionDenied):
        services.plan_accept(actor=world.facilitator_b, plan=plan, expected_version=1)
    services.plan_discard(actor=world.facilitator_a, plan=plan, expected_version=1)
    assert not group_a.meetings.exists()
    from kring.core.exceptions import EditConflict

    with pytest.raises(EditConflict):
        services.plan_accept(actor=world.facilitator_a, plan=plan, expected_version=1)


# --- Re-planning ---------------------------------------------------------------------------------


def test_an_availability_change_suggests_a_replan_and_the_replan_moves_only_what_it_must(
    world, group_a, django_capture_on_commit_callbacks
):
    # Spaced by the standard template (six to eight weeks), which a re-plan without an earlier
    # accepted plan follows.
    held = series(group_a, [-14, -7], held=2)
    planned = [
        MeetingFactory(group=group_a, number=n, starts_at=at(w), title=f"B{n}")
        for n, w in [(3, 1), (4, 8), (5, 15)]
    ]
    with django_capture_on_commit_callbacks(execute=True):
        away(world.participant_a, monday(8), monday(8) + datetime.timedelta(days=4))
        set_weekly_slots(world.participant_a, [TUESDAY_AFTERNOON, 2, 8])  # sends the signal
    suggestion = ReplanSuggestion.objects.get(group=group_a, resolved_at=None)
    assert suggestion.affected_meeting_ids() == {planned[1].pk}
    lines = selectors.suggestion_views([suggestion])[0].reasons
    assert world.participant_a.full_name in lines[0] and "4" in lines[0]

    with django_capture_on_commit_callbacks(execute=True):
        plan = services.replan_request(actor=world.facilitator_a, suggestion=suggestion)
    run_queued_tasks()
    plan.refresh_from_db()
    assert plan.kind == Plan.Kind.REPLAN and plan.move_penalty == services.REPLAN_MOVE_PENALTY
    changes = {r["meeting"]: r["change"] for r in rows(plan, group_a)}
    assert changes[held[0].pk] == changes[held[1].pk] == "past"
    assert changes[planned[0].pk] == "kept"
    assert changes[planned[1].pk] == "moved"
    assert changes[planned[2].pk] == "kept"
    moved = next(r for r in rows(plan, group_a) if r["meeting"] == planned[1].pk)
    assert [(a["person"], a["reason"]) for a in moved["was_absent"]] == [
        (world.participant_a.pk, compose.AWAY_WEEK)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_accept(actor=world.facilitator_a, plan=plan, expected_version=1)
    suggestion.refresh_from_db()
    assert suggestion.resolution == ReplanSuggestion.Resolution.REPLANNED
    assert Meeting.objects.get(pk=planned[0].pk).starts_at == planned[0].starts_at


def test_a_change_that_affects_nothing_settles_the_suggestion(
    world, group_a, django_capture_on_commit_callbacks
):
    series(group_a, [1, 4, 7])
    with django_capture_on_commit_callbacks(execute=True):
        set_weekly_slots(world.participant_a, [0])
    assert ReplanSuggestion.objects.get(group=group_a).is_open
    with django_capture_on_commit_callbacks(execute=True):
        set_weekly_slots(world.participant_a, [TUESDAY_AFTERNOON])
    suggestion = ReplanSuggestion.objects.get(group=group_a)
    assert suggestion.resolution == ReplanSuggestion.Resolution.SETTLED


def test_a_new_facilitator_who_cannot_lead_the_meetings_suggests_a_replan(
    world, group_a, django_capture_on_commit_callbacks
):
    planned = series(group_a, [1, 4, 7])
    newcomer = UserFactory(full_name="Nieuwe Begeleider", organisation=world.provider)
    grid(newcomer, [0, 1])
    with django_capture_on_commit_callbacks(execute=True):
        RoleAssignment.objects.filter(group=group_a, role=Role.FACILITATOR).delete()
    suggestion = ReplanSuggestion.objects.get(group=group_a, resolved_at=None)
    assert (
        suggestion.reasons[0]["kind"] == "facilitator" and suggestion.reasons[0]["meetings"] == []
    )
    with django_capture_on_commit_callbacks(execute=True):
        RoleFactory(person=newcomer, role=Role.FACILITATOR, group=group_a)
    suggestion.refresh_from_db()
    assert suggestion.affected_meeting_ids() == {m.pk for m in planned}
    line = selectors.suggestion_views([suggestion])[0].reasons[0]
    assert "Nieuwe Begeleider" in line


def test_a_cancelled_meeting_that_leaves_too_long_a_gap_suggests_a_replan(
    world, group_a, django_capture_on_commit_callbacks
):
    meetings = series(group_a, [-2, 5, 12, 19], held=1)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(
            actor=world.facilitator_a,
            meeting=meetings[1],
            expected_version=meetings[1].version,
            status=Meeting.Status.CANCELLED,
        )
    suggestion = ReplanSuggestion.objects.get(group=group_a, resolved_at=None)
    assert suggestion.affected_meeting_ids() == {meetings[2].pk, meetings[3].pk}
    assert "vervallen" in selectors.suggestion_views([suggestion])[0].reasons[0]
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(
            actor=world.facilitator_a,
            meeting=meetings[1],
            expected_version=meetings[1].version,
            status=Meeting.Status.PLANNED,
        )
    suggestion.refresh_from_db()
    assert not suggestion.is_open


def test_dismissing_a_suggestion_keeps_the_meetings(
    world, group_a, django_capture_on_commit_callbacks
):
    planned = series(group_a, [1, 4, 7])
    with django_capture_on_commit_callbacks(execute=True):
        set_weekly_slots(world.participant_a, [0])
    suggestion = ReplanSuggestion.objects.get(group=group_a)
    with pytest.raises(PermissionDenied):
        services.suggestion_dismiss(actor=world.participant_a, suggestion=suggestion)
    services.suggestion_dismiss(actor=world.programme_manager, suggestion=suggestion)
    assert suggestion.resolution == ReplanSuggestion.Resolution.DISMISSED
    assert [Meeting.objects.get(pk=m.pk).starts_at for m in planned] == [
        m.starts_at for m in planned
    ]


# --- Who hears of it -----------------------------------------------------------------------------


def test_only_the_people_whose_meetings_moved_get_an_email_in_their_language(
    world, group_a, django_capture_on_commit_callbacks
):
    english = UserFactory(
        email="english@example.org",
        full_name="English Member",
        language="en",
        organisation=world.client,
    )
    MembershipFactory(group=group_a, person=english)
    grid(english, [TUESDAY_AFTERNOON, 2, 8])
    grid(world.facilitator_a, [TUESDAY_AFTERNOON])
    moved = [
        MeetingFactory(group=group_a, number=n, starts_at=at(w, weekday=3), title=f"A{n}")
        for n, w in [(1, 1), (2, 4), (3, 7)]
    ]
    grid(world.facilitator_b, [TUESDAY_AFTERNOON])
    b_members = members(world, world.group_b, 2)
    for n, w in [(1, 1), (2, 4), (3, 7)]:
        MeetingFactory(group=world.group_b, number=n, starts_at=at(w), title=f"B{n}")
    invited = UserFactory(email="invited@example.org", organisation=world.client)
    MembershipFactory(group=group_a, person=invited, status="invited")

    plan = propose(world, [group_a, world.group_b], meetings=3)
    assert {r["change"] for r in rows(plan, world.group_b)} == {"kept"}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_accept(actor=world.programme_manager, plan=plan, expected_version=1)
    run_queued_tasks()

    recipients = sorted(m.to[0] for m in mail.outbox)
    expected = sorted(
        [world.facilitator_a.email, world.participant_a.email, english.email]
        + [m.person.email for m in group_a.memberships.filter(status="active")]
    )
    assert recipients == sorted(set(expected))
    assert not {p.email for p in b_members} & set(recipients)
    assert world.facilitator_b.email not in recipients and invited.email not in recipients
    dutch = next(m for m in mail.outbox if m.to == [world.participant_a.email])
    assert dutch.subject == "3 bijeenkomsten van jou hebben een nieuwe datum"
    assert "was: donderdag" in dutch.body and "nu: dinsdag" in dutch.body
    assert dutch.alternatives[0][1] == "text/html"
    in_english = next(m for m in mail.outbox if m.to == [english.email])
    assert in_english.subject == "3 of your meetings have a new date"
    assert "was: Thursday" in in_english.body and "now: Tuesday" in in_english.body
    assert moved[0].title in in_english.body


def test_groups_of_different_lengths_share_people_without_double_booking(world, group_a):
    planned = series(group_a, [1, 4, 7])
    Meeting.objects.filter(pk=planned[1].pk).update(status=Meeting.Status.CANCELLED)
    grid(world.facilitator_b, [TUESDAY_AFTERNOON])
    members(world, world.group_b, 2, slots=[TUESDAY_AFTERNOON])
    MembershipFactory(group=world.group_b, person=world.participant_a)
    plan = propose(world, [group_a, world.group_b], meetings=3)
    a_rows, b_rows = rows(plan, group_a), rows(plan, world.group_b)
    assert len(a_rows) == 2  # a cancelled meeting does not come back
    assert len(b_rows) == 3 and all(r["change"] == "new" for r in b_rows)
    a_times = {r["new"] for r in a_rows}
    assert not a_times & {r["new"] for r in b_rows}  # participant A is in both groups


def test_a_re_plan_gives_a_meeting_stored_in_the_year_9999_a_new_date(world, group_a):
    meetings = series(group_a, [2, 5, 8])
    Meeting.objects.filter(pk=meetings[2].pk).update(
        starts_at=datetime.datetime(9999, 12, 31, 22, 59, tzinfo=datetime.UTC)
    )
    started = time.monotonic()
    plan = propose(world, [group_a], kind=Plan.Kind.REPLAN)
    assert time.monotonic() - started < 30
    assert plan.status == Plan.Status.READY, plan.error
    # The meeting in the year 9999 is planned anew, within the weeks asked for.
    proposed = {row["meeting"]: row for row in rows(plan, group_a)}
    assert proposed[meetings[2].pk]["new"] is not None
