"""Reads about learning groups, shaped for pages."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from kring import access
from kring.accounts.models import Organisation, User
from kring.core import dates, revisions
from kring.core.models import Revision
from kring.learning import composition, outlook
from kring.learning.models import (
    DEFAULT_ATTENDANCE_SHARE,
    AbsenceNotice,
    AgreementAcknowledgement,
    AgreementVersion,
    Attendance,
    Cycle,
    EvaluationResponse,
    FacilitatorNote,
    FollowUpAnswer,
    Intention,
    Intervention,
    LearningPoint,
    LearningQuestionVersion,
    Meeting,
    Membership,
    SeriesTemplate,
)
from kring.programmes.models import Group, Role

MIN_EVALUATIONS_SHOWN = 3


def standard_template(organisation: Organisation) -> SeriesTemplate:
    """The organisation's standard meeting series: the first template it has, which it was
    given when it was created (``services.standard_template_create``). Only reads."""
    template = organisation.series_templates.order_by("pk").first()
    if template is None:
        raise SeriesTemplate.DoesNotExist(
            f"{organisation} has no meeting-series template; organisations get one when they "
            "are created."
        )
    return template


def memberships(group: Group) -> list[Membership]:
    return list(
        group.memberships.exclude(status__in=[Membership.Status.LEFT, Membership.Status.DECLINED])
        .select_related("person", "manager")
        .order_by("person__full_name")
    )


def group_composition(group: Group) -> tuple[list[Membership], composition.Composition]:
    members = memberships(group)
    cycle = Cycle.objects.filter(group=group).first()
    profiles = [
        composition.MemberProfile(
            id=m.person_id,
            name=m.person.full_name,
            task=m.task,
            work_context=m.work_context,
            layer=m.layer,
            manager_id=m.manager_id,
            confirmed=m.status == Membership.Status.ACTIVE,
        )
        for m in members
    ]
    assessment = composition.assess(
        profiles,
        size_override=bool(cycle and cycle.size_override_reason),
        is_learning_group=group.kind == Group.Kind.LEARNING_GROUP,
    )
    return members, assessment


def meetings(group: Group) -> QuerySet[Meeting]:
    return (
        group.meetings.select_related("room")
        .annotate(
            point_count=Count("learning_points", filter=Q(learning_points__deleted_at__isnull=True))
        )
        .order_by("number")
    )


def next_meeting(group: Group, now: datetime.datetime | None = None) -> Meeting | None:
    """The first planned meeting that has not started yet, by date: a meeting whose time has
    passed is never "next", whatever its number."""
    return (
        group.meetings.select_related("room").ahead(now or timezone.now()).soonest_first().first()
    )


def meetings_under_way_or_unrecorded(
    group: Group, now: datetime.datetime | None = None
) -> list[Meeting]:
    """Meetings that have started and whose attendance has not been recorded yet: what the
    facilitator still has to do, soonest first."""
    return list(
        group.meetings.select_related("room")
        .started_unrecorded(now or timezone.now())
        .soonest_first()
    )


def current_agreements(group: Group) -> AgreementVersion | None:
    return (
        group.agreement_versions.prefetch_related(
            Prefetch(
                "acknowledgements",
                queryset=AgreementAcknowledgement.objects.select_related("person"),
            )
        )
        .order_by("-number")
        .first()
    )


def agreements_history(group: Group) -> QuerySet[AgreementVersion]:
    return group.agreement_versions.select_related("created_by").order_by("-number")


def current_learning_question(group: Group) -> LearningQuestionVersion | None:
    return group.learning_question_versions.order_by("-number").first()


def learning_question_history(group: Group) -> QuerySet[LearningQuestionVersion]:
    return group.learning_question_versions.select_related("created_by").order_by("-number")


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(group_id=meeting.group_id, number__lt=meeting.number)
        .order_by("-number")
        .first()
    )


def intentions_made_at(meeting: Meeting) -> QuerySet[Intention]:
    return meeting.intentions.select_related("person", "recorded_by", "reported_by").order_by(
        "person__full_name", "pk"
    )


def attendance_by_person(meeting: Meeting) -> dict[int, str]:
    return dict(meeting.attendance.values_list("person_id", "status"))


def points(meeting: Meeting) -> QuerySet[LearningPoint]:
    """The meeting's learning points, without the deleted ones."""
    return (
        meeting.learning_points.filter(deleted_at__isnull=True)
        .select_related("author", "updated_by")
        .order_by("created_at", "pk")
    )


def deleted_points(meeting: Meeting) -> QuerySet[LearningPoint]:
    """The meeting's deleted learning points that can still be restored, newest first."""
    return (
        meeting.learning_points.filter(deleted_at__gt=revisions.restorable_since())
        .select_related("deleted_by")
        .order_by("-deleted_at", "-pk")
    )


def point_history(point: LearningPoint) -> QuerySet[Revision]:
    return revisions.history(point)


@dataclass
class FollowThrough:
    name: str
    made: int = 0
    reported: int = 0
    done: int = 0
    partly: int = 0
    not_done: int = 0
    changed: int = 0

    @property
    def share_reported(self) -> float:
        return self.reported / self.made if self.made else 0.0


def follow_through(group: Group) -> tuple[list[FollowThrough], FollowThrough]:
    """Per member and for the group: intentions made, reported on, and how they went."""
    per_person: dict[int, FollowThrough] = {}
    for m in memberships(group):
        per_person[m.person_id] = FollowThrough(name=m.person.full_name)
    total = FollowThrough(name="")
    for intention in Intention.objects.filter(meeting__group=group).select_related("person"):
        row = per_person.setdefault(
            intention.person_id, FollowThrough(name=intention.person.full_name)
        )
        for target in (row, total):
            target.made += 1
            if intention.reported_at:
                target.reported += 1
                setattr(target, intention.outcome, getattr(target, intention.outcome) + 1)
    return sorted(per_person.values(), key=lambda r: r.name), total


def attendance_outlooks(
    group: Group, people: list[int] | None = None, share: int | None = None
) -> dict[int, outlook.AttendanceOutlook]:
    """Per active member (or the given ``people``): can they still attend the share of
    meetings the group agreed?"""
    if people is None:
        people = list(
            group.memberships.filter(status=Membership.Status.ACTIVE).values_list(
                "person_id", flat=True
            )
        )
    meetings = list(
        group.meetings.exclude(status=Meeting.Status.CANCELLED).values_list("pk", "status")
    )
    recorded: dict[tuple[int, int], str] = {
        (meeting_id, person_id): status
        for meeting_id, person_id, status in Attendance.objects.filter(
            meeting__group=group, person_id__in=people
        ).values_list("meeting_id", "person_id", "status")
    }
    return _outlooks(meetings, recorded, people, agreed_share(group) if share is None else share)


def agreed_share(group: Group) -> int:
    cycle = Cycle.objects.filter(group=group).first()
    return cycle.attendance_share if cycle else DEFAULT_ATTENDANCE_SHARE


def _outlooks(
    meetings: list[tuple[int, str]],
    recorded: dict[tuple[int, int], str],
    people: list[int],
    share: int,
) -> dict[int, outlook.AttendanceOutlook]:
    """Cancelled meetings do not count (``meetings`` leaves them out), nor held meetings
    without attendance for someone (they joined later)."""
    result = {}
    for person_id in people:
        attended = missed = counted = 0
        for meeting_id, status in meetings:
            mark = recorded.get((meeting_id, person_id))
            if mark is None and status == Meeting.Status.HELD:
                continue
            counted += 1
            if mark == Attendance.Status.PRESENT:
                attended += 1
            elif mark is not None:
                missed += 1
        result[person_id] = outlook.attendance_outlook(
            meetings=counted, attended=attended, missed=missed, share_percent=share
        )
    return result


@dataclass
class AttendanceRow:
    name: str
    cells: list[str]
    outlook: outlook.AttendanceOutlook


def attendance_overview(
    group: Group, share: int | None = None
) -> tuple[list[Meeting], list[AttendanceRow]]:
    """A grid of members × meetings that have been held or have started (a blank where the
    attendance is still to be recorded), with each member's outlook on the agreed share."""
    now = timezone.now()
    meetings = list(group.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("number"))
    shown = [m for m in meetings if m.status == Meeting.Status.HELD or m.has_started(now)]
    statuses: dict[tuple[int, int], str] = {
        (meeting_id, person_id): status
        for meeting_id, person_id, status in Attendance.objects.filter(
            meeting__in=meetings
        ).values_list("meeting_id", "person_id", "status")
    }
    active = [m for m in memberships(group) if m.status == Membership.Status.ACTIVE]
    outlooks = _outlooks(
        [(m.pk, m.status) for m in meetings],
        statuses,
        [m.person_id for m in active],
        agreed_share(group) if share is None else share,
    )
    rows = [
        AttendanceRow(
            name=m.person.full_name,
            cells=[statuses.get((meeting.pk, m.person_id), "") for meeting in shown],
            outlook=outlooks[m.person_id],
        )
        for m in active
    ]
    return shown, rows


def open_absence_notices(group: Group) -> QuerySet[AbsenceNotice]:
    return AbsenceNotice.objects.filter(
        membership__group=group, resolved_at__isnull=True
    ).select_related("membership__person", "meeting")


def my_notes(group: Group, author: User) -> QuerySet[FacilitatorNote]:
    return FacilitatorNote.objects.filter(group=group, author=author)


def interventions(group: Group) -> QuerySet[Intervention]:
    return group.interventions.select_related("meeting", "author")


@dataclass
class EvaluationSummary:
    count: int
    averages: dict[str, float] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)


def evaluation_summary(group: Group) -> EvaluationSummary:
    """Aggregates only from three responses on; free texts without names, in a fixed order
    that says nothing about who wrote what."""
    responses = list(EvaluationResponse.objects.filter(group=group))
    summary = EvaluationSummary(count=len(responses))
    if len(responses) < MIN_EVALUATIONS_SHOWN:
        return summary
    texts: dict[str, list[str]] = defaultdict(list)
    for name in ("helped", "missing", "facilitator", "self", "group"):
        scores = [getattr(r, f"{name}_score") for r in responses]
        summary.averages[name] = round(sum(scores) / len(scores), 1)
        texts[name] = sorted(t for r in responses if (t := getattr(r, f"{name}_text")))
    summary.texts = dict(texts)
    return summary


def evaluation_points(group: Group) -> QuerySet[LearningPoint]:
    return (
        LearningPoint.objects.filter(
            meeting__group=group, kind=LearningPoint.Kind.EVALUATION, deleted_at__isnull=True
        )
        .select_related("updated_by")
        .order_by("created_at")
    )


@dataclass
class MeetingAttendance:
    """How many members came to one held meeting: counts only, never who or why."""

    meeting: Meeting
    members: int
    present: int = 0
    excused: int = 0
    absent: int = 0

    @property
    def not_recorded(self) -> int:
        return max(self.members - self.present - self.excused - self.absent, 0)


def attendance_figures(group: Group) -> tuple[list[MeetingAttendance], float | None]:
    """Per held meeting, how many of the active members were present, absent with notice or
    absent; and the share present over all held meetings (None before any was held)."""
    held = list(group.meetings.filter(status=Meeting.Status.HELD).order_by("number"))
    members = group.memberships.filter(status=Membership.Status.ACTIVE).count()
    rows = {meeting.pk: MeetingAttendance(meeting=meeting, members=members) for meeting in held}
    counts = (
        Attendance.objects.filter(meeting__in=held)
        .values_list("meeting_id", "status")
        .annotate(n=Count("pk"))
    )
    for meeting_id, status, n in counts:
        # Any other status (none recorded yet) counts as not recorded.
        if status in {
            Attendance.Status.PRESENT,
            Attendance.Status.EXCUSED,
            Attendance.Status.ABSENT,
        }:
            setattr(rows[meeting_id], str(status), n)
    figures = list(rows.values())
    expected = sum(row.members for row in figures)
    share = sum(row.present for row in figures) / expected if expected else None
    return figures, share


def harvest(group: Group, *, shared_only: bool = False) -> dict[str, Any]:
    """Everything the harvest page brings together, in a handful of queries. ``shared_only``
    is the harvest as the programme manager reads it: the learning points the group chose to
    share, figures instead of people's intentions, and no evaluation conversation unless the
    group shared its points."""
    points = LearningPoint.objects.filter(kind=LearningPoint.Kind.MEETING, deleted_at__isnull=True)
    if shared_only:
        points = points.filter(shared=True)
    prefetch: list[Prefetch[Any, Any, Any]] = [
        Prefetch("learning_points", queryset=points.order_by("created_at", "pk"))
    ]
    if not shared_only:
        prefetch.append(
            Prefetch(
                "intentions",
                queryset=Intention.objects.select_related("person", "recorded_by", "reported_by"),
            )
        )
    all_meetings = list(group.meetings.prefetch_related(*prefetch).order_by("number"))
    rows, total = follow_through(group)
    attendance, attendance_share = attendance_figures(group)
    conversation = evaluation_points(group)
    return {
        "learning_question": current_learning_question(group),
        "learning_question_refinements": max(learning_question_history(group).count() - 1, 0),
        "meetings": all_meetings,
        "follow_through": [] if shared_only else rows,
        "follow_through_total": total,
        "attendance": attendance,
        "attendance_share": attendance_share,
        "evaluation": evaluation_summary(group),
        "evaluation_points": conversation.filter(shared=True) if shared_only else conversation,
        "shared_only": shared_only,
    }


def groups_that_have_met(group_ids: Iterable[int]) -> set[int]:
    """Which of these groups have met: a meeting held, or one whose start has passed even if
    its attendance is not recorded yet. From then on a group is fixed and a late joiner needs
    a reason. One query, however many groups."""
    return set(
        Meeting.objects.filter(group_id__in=list(group_ids))
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(Q(status=Meeting.Status.HELD) | Q(starts_at__lte=timezone.now()))
        .values_list("group_id", flat=True)
        .distinct()
    )


# --- Follow-up after the cycle ---

# The follow-up moment comes this many months after the last meeting, unless the facilitator
# chose another date.
FOLLOW_UP_MONTHS = 3
# A follow-up date further back than this is not asked any more (a group that ended long
# before the follow-up existed is not mailed out of the blue).
FOLLOW_UP_ASK_WINDOW_DAYS = 30


def _months_later(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def last_meeting_day(group: Group) -> datetime.date | None:
    """The local date of the group's last meeting that takes place (not cancelled)."""
    last = (
        group.meetings.exclude(status=Meeting.Status.CANCELLED)
        .filter(starts_at__isnull=False)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return _local_day(last)


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    # A date stored before dates were checked (the year 9999) has no day after it.
    return timezone.localdate(moment) if moment and dates.readable(moment) else None


def _follow_up_after(last: datetime.date | None) -> datetime.date | None:
    if last is None or last.year >= datetime.MAXYEAR:
        return None
    return _months_later(last, FOLLOW_UP_MONTHS)


def default_follow_up_date(group: Group) -> datetime.date | None:
    return _follow_up_after(last_meeting_day(group))


def follow_up_date(group: Group, cycle: Cycle | None = None) -> datetime.date | None:
    """When the group's members are asked what stuck: the facilitator's date, or by default
    some months after the last meeting; None while the group has no dated meetings."""
    cycle = cycle if cycle is not None else Cycle.objects.filter(group=group).first()
    if cycle is not None and cycle.follow_up_on is not None:
        return cycle.follow_up_on
    return default_follow_up_date(group)


@dataclass
class FollowUpDue:
    group: Group
    asks_on: datetime.date
    asked: bool = False  # the question went out (by e-mail and in the bell)


def followups_due(user: User, today: datetime.date | None = None) -> list[FollowUpDue]:
    """The follow-up questions ``user`` has still to answer: one per learning group they took
    part in whose follow-up date has come, until they answer. A question nobody was asked (a
    date further back than the ask window) is not brought up. For the dashboard, in one
    query whatever the number of groups."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=FOLLOW_UP_ASK_WINDOW_DAYS)
    own = FollowUpAnswer.objects.filter(group=OuterRef("pk"), person=user)
    groups = (
        Group.objects.filter(role_assignments__person=user, role_assignments__role=Role.PARTICIPANT)
        .annotate(
            last_start=Max(
                "meetings__starts_at",
                filter=~Q(meetings__status=Meeting.Status.CANCELLED),
            ),
            asked=Exists(own),
            answered=Exists(own.filter(answered_at__isnull=False)),
        )
        .select_related("programme", "cycle")
    )
    due = []
    for group in groups:
        if group.answered:
            continue
        cycle = getattr(group, "cycle", None)
        asks_on = (
            cycle.follow_up_on
            if cycle is not None and cycle.follow_up_on is not None
            else _follow_up_after(_local_day(group.last_start))
        )
        if asks_on is None or asks_on > today:
            continue
        if group.asked or asks_on >= since:
            due.append(FollowUpDue(group=group, asks_on=asks_on, asked=group.asked))
    return sorted(due, key=lambda item: item.asks_on)


def follow_up_to_ask(today: datetime.date) -> list[tuple[Group, list[User]]]:
    """Groups whose follow-up date has come (within the ask window), with the active members
    who have not been asked yet."""
    since = today - datetime.timedelta(days=FOLLOW_UP_ASK_WINDOW_DAYS)
    candidates = (
        Group.objects.filter(
            Q(cycle__follow_up_on__range=(since, today))
            | Q(cycle__follow_up_on__isnull=True)
            | Q(cycle__isnull=True),
            meetings__isnull=False,
        )
        .distinct()
        .select_related("programme")
    )
    result = []
    for group in candidates:
        asks_on = follow_up_date(group)
        if asks_on is None or not since <= asks_on <= today:
            continue
        asked = set(group.follow_up_answers.values_list("person_id", flat=True))
        people = [
            m.person
            for m in memberships(group)
            if m.status == Membership.Status.ACTIVE and m.person_id not in asked
        ]
        if people:
            result.append((group, people))
    return result


def follow_up_answers(group: Group) -> QuerySet[FollowUpAnswer]:
    """The members' answers, for the group's facilitators."""
    return group.follow_up_answers.filter(answered_at__isnull=False).select_related("person")


def own_follow_up_answer(group: Group, person: User) -> FollowUpAnswer | None:
    return group.follow_up_answers.filter(person=person).first()


# --- What is due, for the personal overview ----------------------------------------------------


@dataclass
class MyGroups:
    """The groups a person takes part in (active member) and those they facilitate."""

    member: set[int] = field(default_factory=set)
    facilitated: set[int] = field(default_factory=set)

    @property
    def all(self) -> set[int]:
        return self.member | self.facilitated


def my_groups(user: User) -> MyGroups:
    """From the roles loaded once per request; one query more only for someone who
    facilitates a whole programme (all its groups are theirs)."""
    roles = access.roles_of(user)
    found = MyGroups()
    for group_id, held in roles.by_group.items():
        if Role.PARTICIPANT in held:
            found.member.add(group_id)
        if Role.FACILITATOR in held:
            found.facilitated.add(group_id)
    whole = {pid for pid, held in roles.by_programme.items() if Role.FACILITATOR in held}
    if whole:
        found.facilitated |= set(
            Group.objects.filter(programme_id__in=whole).values_list("pk", flat=True)
        )
    return found


def upcoming_meetings(group_ids: set[int], now: datetime.datetime) -> list[Meeting]:
    """Meetings of these groups that have not started yet, soonest first: by the calendar,
    not by status, so a meeting whose date has passed is never the next one."""
    if not group_ids:
        return []
    return list(
        Meeting.objects.filter(
            group_id__in=group_ids, starts_at__gte=now, starts_at__lte=dates.READABLE_UNTIL
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("group__programme", "room")
        .order_by("starts_at", "group__name")
    )


def attendance_to_record(group_ids: set[int], now: datetime.datetime) -> list[Meeting]:
    """Meetings whose start has passed while nobody's attendance is recorded yet."""
    if not group_ids:
        return []
    return list(
        Meeting.objects.filter(
            group_id__in=group_ids,
            status=Meeting.Status.PLANNED,
            starts_at__lt=now,
            starts_at__gte=dates.READABLE_FROM,
        )
        .filter(~Exists(Attendance.objects.filter(meeting_id=OuterRef("pk"))))
        .select_related("group__programme")
        .order_by("starts_at")
    )


def intentions_to_report(person: User, group_ids: set[int]) -> list[Intention]:
    """What ``person`` said they would try and has not told about yet. ``report_meeting_id``
    is the meeting after the one it was made at: its page holds the report form."""
    if not group_ids:
        return []
    following = Meeting.objects.filter(
        group_id=OuterRef("meeting__group_id"), number__gt=OuterRef("meeting__number")
    ).order_by("number")
    return list(
        Intention.objects.filter(
            person=person, reported_at__isnull=True, meeting__group_id__in=group_ids
        )
        .annotate(report_meeting_id=Subquery(following.values("pk")[:1]))
        .select_related("meeting__group")
        .order_by("meeting__starts_at", "pk")
    )


def absence_signals(group_ids: set[int]) -> list[AbsenceNotice]:
    """Open notices (a member missed two of the last three meetings) in these groups."""
    if not group_ids:
        return []
    return list(
        AbsenceNotice.objects.filter(membership__group_id__in=group_ids, resolved_at__isnull=True)
        .select_related("membership__person", "membership__group", "meeting")
        .order_by("membership__group__name", "membership__person__full_name")
    )


def invitations_to_answer(person: User) -> list[Membership]:
    return list(
        Membership.objects.filter(person=person, status=Membership.Status.INVITED)
        .select_related("group__programme")
        .order_by("invited_at")
    )
