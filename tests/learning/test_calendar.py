"""The cycle follows the calendar: which meeting is next, what a meeting's status is, and
when attendance can be recorded. "Now" is fixed (the ``clock`` fixture): Saturday
5 December 2026."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kring.learning import selectors, services
from kring.learning.models import AbsenceNotice, Attendance, Cycle, Meeting
from kring.library.selectors import meetings_to_prepare
from kring.planning.selectors import readiness
from kring.programmes.models import RoleAssignment
from tests.factories import UserFactory
from tests.helpers import run_queued_tasks
from tests.learning.factories import MeetingFactory, MembershipFactory

DAY = datetime.date


@pytest.fixture
def december(world, clock):
    """Group A with participant A; meeting 1 on 1 December (over, attendance not recorded),
    meeting 2 on 19 January, meeting 3 on 9 March."""
    MembershipFactory(group=world.group_a, person=world.participant_a)
    meetings = [
        MeetingFactory(group=world.group_a, number=number, starts_at=clock.at(day, 14))
        for number, day in ((1, DAY(2026, 12, 1)), (2, DAY(2027, 1, 19)), (3, DAY(2027, 3, 9)))
    ]
    return world, meetings


def test_a_meeting_whose_time_has_passed_is_never_the_next_one(december):
    world, (first, second, _third) = december
    assert selectors.next_meeting(world.group_a) == second
    assert first.phase == Meeting.Phase.AWAITING_ATTENDANCE
    assert first.phase_label == "Wacht op aanwezigheid"
    assert second.phase == Meeting.Phase.PLANNED


def test_the_next_meeting_goes_by_date_not_by_number(december, clock):
    world, (_first, second, third) = december
    Meeting.objects.filter(pk=third.pk).update(starts_at=clock.at(DAY(2026, 12, 10), 9))
    undated = MeetingFactory(group=world.group_a, number=4, starts_at=None)
    assert selectors.next_meeting(world.group_a) == third
    Meeting.objects.filter(pk__in=[second.pk, third.pk]).update(status=Meeting.Status.CANCELLED)
    assert selectors.next_meeting(world.group_a) == undated


def test_a_meeting_is_under_way_from_its_start_until_its_end(december, clock):
    _world, (first, *_rest) = december
    start = first.starts_at
    assert first.phase_at(start - datetime.timedelta(minutes=1)) == Meeting.Phase.PLANNED
    assert first.phase_at(start) == Meeting.Phase.UNDER_WAY
    assert first.phase_at(start + datetime.timedelta(minutes=119)) == Meeting.Phase.UNDER_WAY
    assert first.phase_at(first.ends_at) == Meeting.Phase.AWAITING_ATTENDANCE
    first.status = Meeting.Status.HELD
    assert first.phase_at(start) == Meeting.Phase.HELD
    first.status = Meeting.Status.CANCELLED
    assert first.phase_at(start) == Meeting.Phase.CANCELLED


def test_the_facilitator_sees_the_meetings_still_waiting_for_attendance(december):
    world, (first, *_rest) = december
    assert selectors.meetings_under_way_or_unrecorded(world.group_a) == [first]


def test_a_late_joiner_brings_re_contracting_to_the_meeting_ahead(december):
    world, (first, second, _third) = december
    # Meeting 1 was on 1 December: the group has met, even before attendance is recorded.
    assert services.first_meeting_held(world.group_a)

    def add(reason: str = "") -> None:
        services.member_add(
            actor=world.facilitator_a,
            group=world.group_a,
            person=UserFactory(),
            task="beleidsadvies",
            work_context="Ministerie / DG Wonen",
            layer=1,
            late_join_reason=reason,
        )

    with pytest.raises(ValidationError):
        add()
    add("Vervangt een collega die vertrok")
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.recontracting and not first.recontracting


# --- Recording attendance ---


def test_attendance_before_the_start_is_refused_and_nothing_changes(december):
    world, (_first, second, _third) = december
    with pytest.raises(ValidationError) as caught:
        services.attendance_record(
            actor=world.facilitator_a,
            meeting=second,
            statuses={world.participant_a.pk: Attendance.Status.PRESENT},
        )
    assert caught.value.messages == [
        "Deze bijeenkomst begint op dinsdag 19 januari 2027 om 14:00. Je legt de aanwezigheid "
        "vast zodra ze begonnen is."
    ]
    assert not Attendance.objects.exists()
    second.refresh_from_db()
    assert second.status == Meeting.Status.PLANNED


def test_attendance_without_a_date_or_for_a_cancelled_meeting_is_refused(december):
    world, (first, *_rest) = december
    undated = MeetingFactory(group=world.group_a, number=9, starts_at=None)
    Meeting.objects.filter(pk=first.pk).update(status=Meeting.Status.CANCELLED)
    first.refresh_from_db()
    for meeting in (undated, first):
        with pytest.raises(ValidationError):
            services.attendance_record(
                actor=world.facilitator_a,
                meeting=meeting,
                statuses={world.participant_a.pk: Attendance.Status.PRESENT},
            )
    assert not Attendance.objects.exists()


def test_the_meeting_is_held_once_everyones_attendance_is_recorded(december):
    world, (first, *_rest) = december
    other = UserFactory(full_name="Bram Bos")
    MembershipFactory(group=world.group_a, person=other)
    result = services.attendance_record(
        actor=world.facilitator_a,
        meeting=first,
        statuses={world.participant_a.pk: Attendance.Status.PRESENT, other.pk: ""},
    )
    assert not result.held and result.still_open == ["Bram Bos"]
    first.refresh_from_db()
    assert first.phase == Meeting.Phase.AWAITING_ATTENDANCE
    result = services.attendance_record(
        actor=world.facilitator_a, meeting=first, statuses={other.pk: Attendance.Status.ABSENT}
    )
    assert result.held and result.still_open == []
    first.refresh_from_db()
    assert first.phase == Meeting.Phase.HELD
    assert selectors.attendance_by_person(first) == {
        world.participant_a.pk: "present",
        other.pk: "absent",
    }


def test_saving_without_choosing_anyone_is_refused(december):
    world, (first, *_rest) = december
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=world.facilitator_a, meeting=first, statuses={world.participant_a.pk: ""}
        )
    assert not Attendance.objects.exists()


def test_a_meeting_is_not_marked_held_by_hand(december):
    world, (_first, second, _third) = december
    with pytest.raises(ValidationError):
        services.meeting_update(
            actor=world.facilitator_a,
            meeting=second,
            expected_version=second.version,
            status=Meeting.Status.HELD,
        )
    second.refresh_from_db()
    assert second.status == Meeting.Status.PLANNED


# --- Looking ahead: the agreed share of meetings ---


def _eight_meetings(world, clock) -> list[Meeting]:
    """A cycle of eight weekly meetings, the first four already over."""
    MembershipFactory(group=world.group_a, person=world.participant_a)
    start = clock.at(DAY(2026, 11, 7), 14)
    return [
        MeetingFactory(
            group=world.group_a,
            number=number,
            starts_at=start + datetime.timedelta(weeks=number - 1),
        )
        for number in range(1, 9)
    ]


def test_a_member_who_can_no_longer_reach_the_agreed_share_is_signalled_once(
    world, clock, django_capture_on_commit_callbacks
):
    meetings = _eight_meetings(world, clock)
    member = world.participant_a
    for meeting, status in zip(meetings[:3], ["absent", "present", "excused"], strict=True):
        services.attendance_record(
            actor=world.facilitator_a, meeting=meeting, statuses={member.pk: status}
        )
    assert not AbsenceNotice.objects.filter(kind=AbsenceNotice.Kind.OUT_OF_REACH).exists()
    # Two missed of eight: six are still possible, exactly the 75 % agreed.
    assert selectors.attendance_outlooks(world.group_a)[member.pk].margin == 0
    with django_capture_on_commit_callbacks(execute=True):
        result = services.attendance_record(
            actor=world.facilitator_a, meeting=meetings[3], statuses={member.pk: "absent"}
        )
    kinds = {notice.kind for notice in result.notices}
    assert AbsenceNotice.Kind.OUT_OF_REACH in kinds
    mail.outbox.clear()
    run_queued_tasks()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert member.email in recipients and world.facilitator_a.email in recipients
    to_member = next(m for m in mail.outbox if m.to == [member.email])
    assert "je bent nog steeds welkom" in to_member.body
    # Out of reach stays out of reach: no second signal at the next meeting.
    clock.set(meetings[4].starts_at + datetime.timedelta(minutes=5))
    result = services.attendance_record(
        actor=world.facilitator_a, meeting=meetings[4], statuses={member.pk: "absent"}
    )
    assert AbsenceNotice.Kind.OUT_OF_REACH not in {n.kind for n in result.notices}
    assert AbsenceNotice.objects.filter(kind=AbsenceNotice.Kind.OUT_OF_REACH).count() == 1


def test_the_agreed_share_is_the_groups_own(world, clock):
    meetings = _eight_meetings(world, clock)
    member = world.participant_a
    services.attendance_share_set(actor=world.facilitator_a, group=world.group_a, share=50)
    for meeting in meetings[:4]:
        services.attendance_record(
            actor=world.facilitator_a, meeting=meeting, statuses={member.pk: "absent"}
        )
    outlook = selectors.attendance_outlooks(world.group_a)[member.pk]
    assert (outlook.needed, outlook.best_possible, outlook.reachable) == (4, 4, True)
    assert Cycle.objects.get(group=world.group_a).attendance_share == 50


def test_only_a_facilitator_sets_the_agreed_share_and_only_a_percentage(world):
    with pytest.raises(PermissionDenied):
        services.attendance_share_set(actor=world.participant_a, group=world.group_a, share=50)
    with pytest.raises(ValidationError):
        services.attendance_share_set(actor=world.facilitator_a, group=world.group_a, share=0)
    assert not Cycle.objects.filter(group=world.group_a, attendance_share=0).exists()


def test_held_meetings_before_someone_joined_do_not_count_against_them(world, clock):
    meetings = _eight_meetings(world, clock)
    services.attendance_record(
        actor=world.facilitator_a,
        meeting=meetings[0],
        statuses={world.participant_a.pk: "present"},
    )
    late = UserFactory()
    MembershipFactory(group=world.group_a, person=late)
    RoleAssignment.objects.create(
        person=late, role="participant", programme=world.trajectory, group=world.group_a
    )
    outlook = selectors.attendance_outlooks(world.group_a)[late.pk]
    assert outlook.meetings == 7 and outlook.needed == 6


def test_planning_counts_a_past_unrecorded_meeting_as_waiting_not_planned(december):
    world, _meetings = december
    (item,) = readiness([world.group_a])
    assert (item.held, item.awaiting, item.planned) == (0, 1, 2)


def test_library_prepares_only_meetings_still_ahead(december):
    world, (first, second, third) = december
    assert meetings_to_prepare(world.facilitator_a) == [second, third]


def test_a_meeting_that_took_place_may_have_its_date_corrected(december, clock):
    world, (first, second, _third) = december
    services.meeting_update(
        actor=world.facilitator_a,
        meeting=first,
        expected_version=first.version,
        starts_at=clock.at(DAY(2026, 12, 2), 10),
    )
    with pytest.raises(ValidationError):
        services.meeting_update(
            actor=world.facilitator_a,
            meeting=second,
            expected_version=second.version,
            starts_at=clock.at(DAY(2026, 12, 2), 10),
        )
