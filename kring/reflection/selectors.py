"""Reads about assignments, submissions and journals, shaped for pages. Each one answers only
with what the permission policy lets the reader see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from kring import access
from kring.accounts.models import User
from kring.learning.models import Meeting
from kring.programmes.models import Group, Role, RoleAssignment
from kring.reflection.models import Assignment, JournalEntry, JournalExcerpt, Submission


@dataclass
class AssignmentCard:
    """One assignment as a reader sees it: their own submission, and for a facilitator how
    many members have handed in."""

    assignment: Assignment
    mine: Submission | None = None
    submitted: int = 0
    members: int = 0


@dataclass
class MeetingAssignments:
    """What ``reflection/meeting_assignments.html`` shows for one meeting."""

    meeting: Meeting
    cards: list[AssignmentCard] = field(default_factory=list)
    may_view: bool = False
    may_give: bool = False
    is_facilitator: bool = False
    is_member: bool = False


def _members(group: Group) -> QuerySet[User]:
    """The group's active members: those who hold the participant role in it."""
    return User.objects.filter(
        role_assignments__group=group, role_assignments__role=Role.PARTICIPANT
    ).order_by("full_name", "email")


def _member_count(group: Group) -> int:
    return RoleAssignment.objects.filter(group=group, role=Role.PARTICIPANT).count()


def _assignments_by_meeting(
    meetings: list[Meeting], user: User, group: Group
) -> list[MeetingAssignments]:
    """Assignments of several meetings of one group in a constant number of queries."""
    may_view = access.can(user, access.ReflectionAction.VIEW, group)
    is_facilitator = access.facilitates(user, group)
    is_member = access.is_active_member(user, group)
    may_give = access.can(user, access.ReflectionAction.GIVE_ASSIGNMENT, group)
    result = [
        MeetingAssignments(
            meeting=meeting,
            may_view=may_view,
            may_give=may_give and meeting.status != Meeting.Status.HELD,
            is_facilitator=is_facilitator,
            is_member=is_member,
        )
        for meeting in meetings
    ]
    if not may_view or not meetings:
        return result
    by_meeting = {item.meeting.pk: item for item in result}
    assignments = (
        Assignment.objects.filter(meeting__in=[m.pk for m in meetings])
        .annotate(submission_count=Count("submissions", distinct=True))
        .order_by("due_at", "id")
    )
    mine = {
        submission.assignment_id: submission
        for submission in Submission.objects.filter(
            assignment__meeting__in=[m.pk for m in meetings], author=user
        )
    }
    members = _member_count(group) if is_facilitator else 0
    for assignment in assignments:
        item = by_meeting[assignment.meeting_id]
        # Reuse the meeting already loaded, so that the cards need no query of their own.
        assignment.meeting = item.meeting
        item.cards.append(
            AssignmentCard(
                assignment=assignment,
                mine=mine.get(assignment.pk),
                submitted=assignment.submission_count,
                members=members,
            )
        )
    return result


def assignments_for_meeting(meeting: Meeting, user: User) -> MeetingAssignments:
    """The assignments for one meeting, for the meeting page. Someone outside the group's
    insiders gets an empty result, which the partial does not show."""
    return _assignments_by_meeting([meeting], user, meeting.group)[0]


def assignments_for_group(group: Group, user: User) -> list[MeetingAssignments]:
    meetings = list(Meeting.objects.filter(group=group).order_by("number"))
    for meeting in meetings:
        meeting.group = group
    return _assignments_by_meeting(meetings, user, group)


def visible_submissions(assignment: Assignment, user: User | AnonymousUser) -> list[Submission]:
    """The submissions to this assignment that ``user`` may read, with the same outcome as
    ``can(user, access.Action.VIEW, submission)`` for each."""
    group = assignment.meeting.group
    submissions = Submission.objects.filter(assignment=assignment).select_related("author")
    own = Q(author_id=user.pk)
    if access.facilitates(user, group):
        condition = Q()
    elif access.is_active_member(user, group):
        condition = own | Q(visibility=Submission.Visibility.GROUP)
    else:
        condition = own
    result = list(submissions.filter(condition).order_by("author__full_name", "id"))
    for submission in result:
        submission.assignment = assignment
    return result


@dataclass
class Progress:
    """Who has handed in and who has not yet, for the facilitator."""

    submitted: list[User]
    missing: list[User]
    late: set[int] = field(default_factory=set)  # who handed in late


def submission_progress(assignment: Assignment) -> Progress:
    submissions = list(Submission.objects.filter(assignment=assignment))
    for submission in submissions:
        submission.assignment = assignment
    authors = {s.author_id for s in submissions}
    members = list(_members(assignment.meeting.group))
    return Progress(
        submitted=[m for m in members if m.pk in authors],
        missing=[m for m in members if m.pk not in authors],
        late={s.author_id for s in submissions if s.is_late},
    )


def my_journal(group: Group, user: User | AnonymousUser) -> QuerySet[JournalEntry]:
    """A member's own journal entries in one group, each with what they shared from it."""
    return (
        JournalEntry.objects.filter(group=group, author_id=user.pk)
        .prefetch_related(
            Prefetch("excerpts", queryset=JournalExcerpt.objects.order_by("-shared_at", "-id"))
        )
        .order_by("-created_at", "-id")
    )


def shared_excerpts(group: Group, user: User | AnonymousUser) -> list[JournalExcerpt]:
    """Excerpts shared in the group, for its insiders; nothing for anyone else."""
    if not access.can(user, access.ReflectionAction.VIEW, group):
        return []
    return list(
        JournalExcerpt.objects.filter(group=group)
        .select_related("author")
        .order_by("-shared_at", "-id")
    )


@dataclass
class GroupOverview:
    group: Group
    open_assignments: int
    is_member: bool


def my_reflection_groups(user: User) -> list[GroupOverview]:
    """The groups where ``user`` is an insider (member or facilitator), with the number of
    assignments whose meeting is still ahead. Three queries, however many groups."""
    group_ids = set(
        RoleAssignment.objects.filter(
            person=user,
            group__isnull=False,
            role__in=[Role.PARTICIPANT, Role.FACILITATOR],
        ).values_list("group_id", flat=True)
    )
    programme_ids = set(
        RoleAssignment.objects.filter(
            person=user, group__isnull=True, role=Role.FACILITATOR
        ).values_list("programme_id", flat=True)
    )
    groups = (
        Group.objects.filter(Q(pk__in=group_ids) | Q(programme_id__in=programme_ids))
        .select_related("programme")
        .annotate(
            open_assignments=Count(
                "meetings__assignments",
                # Meetings still ahead by the calendar, not merely by their stored status.
                filter=Q(meetings__status=Meeting.Status.PLANNED)
                & (Q(meetings__starts_at__isnull=True) | Q(meetings__starts_at__gt=timezone.now())),
                distinct=True,
            )
        )
        .order_by("programme__name", "name")
    )
    return [
        GroupOverview(
            group=group,
            open_assignments=group.open_assignments,
            is_member=access.is_active_member(user, group),
        )
        for group in groups
    ]


def assignments_to_do(person: User, group_ids: set[int]) -> list[Assignment]:
    """Assignments in these groups that ``person`` has not handed in, while their meeting is
    still to be held (what was discussed there is past), the earliest due first."""
    if not group_ids:
        return []
    return list(
        Assignment.objects.filter(meeting__group_id__in=group_ids)
        .exclude(meeting__status__in=[Meeting.Status.HELD, Meeting.Status.CANCELLED])
        .exclude(submissions__author=person)
        .select_related("meeting__group")
        .order_by("due_at", "pk")
    )


def assignments_of_meetings(meeting_ids: set[int], person: User) -> dict[int, list[Assignment]]:
    """The assignments given for these meetings, by meeting, each with ``handed_in``: whether
    ``person`` handed it in. One query."""
    found: dict[int, list[Assignment]] = {}
    if not meeting_ids:
        return found
    assignments = (
        Assignment.objects.filter(meeting_id__in=meeting_ids)
        .annotate(
            handed_in=Exists(
                Submission.objects.filter(assignment_id=OuterRef("pk"), author_id=person.pk)
            )
        )
        .order_by("due_at", "pk")
    )
    for assignment in assignments:
        found.setdefault(assignment.meeting_id, []).append(assignment)
    return found
