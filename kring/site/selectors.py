"""What is due for one person, gathered from every area for the personal overview. Each area
reads its own part (``due``-style selectors in learning, reflection, formation, planning,
programmes, invitations); this module only puts them together, in a number of queries that
does not grow with the number of groups, meetings or programmes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from kring import access
from kring.accounts.models import User
from kring.designs import selectors_teachers as teaching
from kring.formation import selectors as formation
from kring.formation.models import Pool, PoolEntry
from kring.invitations import selectors as invitations
from kring.invitations.models import Invitation
from kring.learning import selectors as learning
from kring.learning.models import AbsenceNotice, Intention, Meeting, Membership
from kring.library import selectors as library
from kring.library.models import MeetingResource
from kring.planning import selectors as planning
from kring.planning.models import Plan
from kring.programmes import selectors as programmes
from kring.programmes.models import Group, Role
from kring.reflection import selectors as reflection
from kring.reflection.models import Assignment

CALENDAR_WEEKS = 8

# Roles whose part of Kring is still to come: their overview says so honestly.
CLIENT_ROLES: frozenset[str] = frozenset({Role.CLIENT_CONTACT, Role.STEERING_MEMBER})
TEACHING_ROLES: frozenset[str] = frozenset({Role.TEACHER, Role.GUEST_TEACHER})
WORKING_ROLES: frozenset[str] = frozenset(
    {Role.PARTICIPANT, Role.FACILITATOR, Role.PROGRAMME_MANAGER}
)


@dataclass
class NextMeeting:
    meeting: Meeting
    facilitating: bool
    assignments: list[Assignment] = field(default_factory=list)
    resources: list[MeetingResource] = field(default_factory=list)


@dataclass
class CalendarItem:
    at: datetime.datetime
    kind: str  # "meeting" or "due"
    title: str
    group: Group
    target: Meeting | Assignment


@dataclass
class CalendarWeek:
    monday: datetime.date
    items: list[CalendarItem] = field(default_factory=list)


@dataclass
class Dashboard:
    attendance_to_record: list[Meeting] = field(default_factory=list)
    overdue: list[Assignment] = field(default_factory=list)
    open_assignments: list[Assignment] = field(default_factory=list)
    memberships_to_answer: list[Membership] = field(default_factory=list)
    pools_to_answer: list[PoolEntry] = field(default_factory=list)
    absence_signals: list[AbsenceNotice] = field(default_factory=list)
    next_meetings: list[NextMeeting] = field(default_factory=list)
    intentions: list[Intention] = field(default_factory=list)
    follow_ups: list[learning.FollowUpDue] = field(default_factory=list)
    replan: list[planning.SuggestionView] = field(default_factory=list)
    pools_needing_staff: list[Pool] = field(default_factory=list)
    plans_to_review: list[Plan] = field(default_factory=list)
    groups_without_facilitator: list[Group] = field(default_factory=list)
    sign_ups: list[formation.MySignUp] = field(default_factory=list)
    open_pools: list[Pool] = field(default_factory=list)
    invitations_sent: list[Invitation] = field(default_factory=list)
    invitations_sent_total: int = 0
    calendar: list[CalendarWeek] = field(default_factory=list)
    teaching: teaching.Teaching = field(default_factory=teaching.Teaching)
    roles: set[str] = field(default_factory=set)

    @property
    def for_manager(self) -> bool:
        return bool(self.pools_needing_staff or self.plans_to_review)

    @property
    def has_anything(self) -> bool:
        return any(
            (
                self.attendance_to_record,
                self.overdue,
                self.open_assignments,
                self.memberships_to_answer,
                self.pools_to_answer,
                self.absence_signals,
                self.next_meetings,
                self.intentions,
                self.follow_ups,
                self.replan,
                self.pools_needing_staff,
                self.plans_to_review,
                self.groups_without_facilitator,
                self.sign_ups,
                self.open_pools,
                self.invitations_sent,
                self.teaching.has_anything,
            )
        )

    @property
    def role_to_come(self) -> bool:
        """Holds a role whose part of the overview is still to be built, or (a teacher) whose
        part is empty for now."""
        return (
            self.is_client
            or self.is_team_leader
            or (self.is_teacher and not self.teaching.has_anything)
        )

    @property
    def shows_roles_to_come(self) -> bool:
        """Say what will appear later when nothing is due, or when those roles are all this
        person has in Kring (someone who also facilitates sees their own work instead)."""
        if not self.has_anything:
            return True
        return self.role_to_come and not WORKING_ROLES & self.roles

    @property
    def is_client(self) -> bool:
        return bool(CLIENT_ROLES & self.roles)

    @property
    def is_team_leader(self) -> bool:
        return Role.TEAM_LEADER in self.roles

    @property
    def is_teacher(self) -> bool:
        return bool(TEACHING_ROLES & self.roles)


def _roles_held(user: User) -> set[str]:
    roles = access.roles_of(user)
    held = set(roles.organisation_wide)
    for found in (*roles.by_programme.values(), *roles.by_group.values()):
        held |= found
    return held


def _next_per_group(
    meetings: list[Meeting], groups: learning.MyGroups, user: User
) -> list[NextMeeting]:
    seen: set[int] = set()
    chosen: list[NextMeeting] = []
    for meeting in meetings:
        if meeting.group_id in seen:
            continue
        seen.add(meeting.group_id)
        chosen.append(
            NextMeeting(meeting=meeting, facilitating=meeting.group_id in groups.facilitated)
        )
    meeting_ids = {item.meeting.pk for item in chosen}
    assignments = reflection.assignments_of_meetings(meeting_ids, user)
    resources = library.resources_of_meetings(meeting_ids)
    for item in chosen:
        item.assignments = assignments.get(item.meeting.pk, [])
        item.resources = resources.get(item.meeting.pk, [])
    return chosen


def calendar_weeks(
    meetings: list[Meeting], assignments: list[Assignment], now: datetime.datetime
) -> list[CalendarWeek]:
    """The coming weeks from this week's Monday (local time), with meetings and due dates;
    weeks without anything are left out."""
    today = timezone.localtime(now).date()
    first_monday = today - datetime.timedelta(days=today.weekday())
    until = first_monday + datetime.timedelta(weeks=CALENDAR_WEEKS)
    items: list[CalendarItem] = [
        CalendarItem(m.starts_at, "meeting", m.title, m.group, m)
        for m in meetings
        if m.starts_at is not None
    ]
    items += [
        CalendarItem(a.due_at, "due", a.title, a.meeting.group, a)
        for a in assignments
        if a.due_at >= now
    ]
    weeks: dict[datetime.date, CalendarWeek] = {}
    for item in sorted(items, key=lambda i: i.at):
        day = timezone.localtime(item.at).date()
        if day >= until:
            continue
        monday = day - datetime.timedelta(days=day.weekday())
        weeks.setdefault(monday, CalendarWeek(monday=monday)).items.append(item)
    return list(weeks.values())


def dashboard_for(user: User, now: datetime.datetime | None = None) -> Dashboard:
    """Everything that is due for ``user``, in the order the overview shows it."""
    now = now or timezone.now()
    groups = learning.my_groups(user)
    dash = Dashboard(roles=_roles_held(user))

    dash.attendance_to_record = learning.attendance_to_record(groups.facilitated, now)
    to_do = reflection.assignments_to_do(user, groups.member)
    dash.overdue = [a for a in to_do if a.due_at < now]
    dash.open_assignments = [a for a in to_do if a.due_at >= now]
    dash.memberships_to_answer = learning.invitations_to_answer(user)
    dash.pools_to_answer = formation.pools_to_answer(user)
    dash.absence_signals = learning.absence_signals(groups.facilitated)
    upcoming = learning.upcoming_meetings(groups.all, now)
    dash.next_meetings = _next_per_group(upcoming, groups, user)
    dash.intentions = learning.intentions_to_report(user, groups.member)
    if Role.PARTICIPANT in dash.roles:
        dash.follow_ups = learning.followups_due(user, timezone.localdate(now))
    dash.replan = planning.suggestion_views(planning.open_suggestions_for(user))

    managed = programmes.managed_programme_ids(user)
    dash.pools_needing_staff = formation.pools_needing_staff(managed)
    dash.plans_to_review = planning.plans_to_review(managed)
    dash.groups_without_facilitator = programmes.groups_without_facilitator(managed)

    dash.sign_ups = formation.my_sign_ups(user)
    dash.open_pools = formation.pools_open_to(user)
    if access.can(user, access.Action.LIST, Invitation):
        dash.invitations_sent, dash.invitations_sent_total = invitations.open_invitations_sent(user)
    dash.calendar = calendar_weeks(upcoming, to_do, now)
    dash.teaching = teaching.teaching_for(
        user, facilitated=groups.facilitated, managed=managed, now=now
    )
    return dash
