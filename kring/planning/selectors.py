"""Reads for planning: the groups someone may plan and how ready they are, the data an engine
instance is built from, proposals and re-plan suggestions as the pages show them."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from kring import access
from kring.accounts.models import User
from kring.availability.selectors import unavailable_slots, weekly_slots_of
from kring.availability.slots import monday_of, slots_overlapping
from kring.core import dates
from kring.learning.models import Meeting, Membership, SeriesTemplate
from kring.planning import compose, explain
from kring.planning.models import Plan, ReplanSuggestion
from kring.programmes.models import Group, Programme, Role, RoleAssignment
from kring.rooms.selectors import usable_rooms

# Groups whose meetings form a series that can be planned.
PLANNABLE_KINDS = (Group.Kind.LEARNING_GROUP, Group.Kind.INTERVISION)
TAKING_PART = (Membership.Status.ACTIVE, Membership.Status.INVITED)
# How far ahead a change of availability is compared with planned meetings.
LOOK_AHEAD_WEEKS = 104


def plannable_groups(user: User | AnonymousUser, programme: Programme) -> list[Group]:
    """The programme's learning groups this person may plan, by name."""
    groups = Group.objects.filter(programme=programme, kind__in=PLANNABLE_KINDS).select_related(
        "programme"
    )
    return [g for g in groups.order_by("name") if access.can(user, access.PlanningAction.PLAN, g)]


def facilitators_of(group_ids: Iterable[int]) -> dict[int, list[User]]:
    found: dict[int, list[User]] = defaultdict(list)
    for assignment in (
        RoleAssignment.objects.filter(role=Role.FACILITATOR, group_id__in=list(group_ids))
        .select_related("person")
        .order_by("person__full_name")
    ):
        if assignment.group_id is not None and assignment.person.is_active:
            found[assignment.group_id].append(assignment.person)
    return found


def members_of(group_ids: Iterable[int]) -> dict[int, list[User]]:
    """Active and invited members: an invited colleague's availability counts already."""
    found: dict[int, list[User]] = defaultdict(list)
    for membership in Membership.objects.filter(
        group_id__in=list(group_ids), status__in=TAKING_PART, person__is_active=True
    ).select_related("person"):
        found[membership.group_id].append(membership.person)
    return found


@dataclass
class GroupReadiness:
    """Where a group stands before planning, and what keeps it from being planned."""

    group: Group
    facilitators: list[User]
    members: list[User]
    held: int
    planned: int  # still ahead
    awaiting: int = 0  # started, attendance not recorded yet
    no_grid: list[User] = field(default_factory=list)  # not filled in the weekly grid
    empty_grid: list[User] = field(default_factory=list)  # filled in, but no moment at all
    suggestion: ReplanSuggestion | None = None

    @property
    def problems(self) -> list[str]:
        """What stops planning this group, in words."""
        return explain.readiness_problems(
            group=self.group,
            facilitators=self.facilitators,
            has_members=bool(self.members),
            empty_grid=self.empty_grid,
        )

    @property
    def ready(self) -> bool:
        return not self.problems


def readiness(groups: Sequence[Group]) -> list[GroupReadiness]:
    """Per group: facilitators, members, meetings held and planned, whose availability is
    missing, and an open re-plan suggestion. A fixed number of queries."""
    ids = [g.pk for g in groups]
    facilitators = facilitators_of(ids)
    members = members_of(ids)
    people = {p.pk for ps in (*facilitators.values(), *members.values()) for p in ps}
    grids = weekly_slots_of(people)
    # By the calendar: a planned meeting whose start has passed waits for its attendance.
    counts: dict[tuple[int, str], int] = defaultdict(int)
    now = timezone.now()
    for meeting in Meeting.objects.filter(group_id__in=ids).only(
        "group_id", "status", "starts_at", "duration_minutes"
    ):
        counts[(meeting.group_id, meeting.phase_at(now))] += 1
    suggestions = {
        s.group_id: s for s in ReplanSuggestion.objects.filter(group_id__in=ids, resolved_at=None)
    }
    result = []
    for group in groups:
        everyone = facilitators[group.pk] + [
            m for m in members[group.pk] if m not in facilitators[group.pk]
        ]
        result.append(
            GroupReadiness(
                group=group,
                facilitators=facilitators[group.pk],
                members=[m for m in members[group.pk] if m not in facilitators[group.pk]],
                held=counts[(group.pk, Meeting.Phase.HELD)],
                planned=counts[(group.pk, Meeting.Phase.PLANNED)],
                awaiting=counts[(group.pk, Meeting.Phase.UNDER_WAY)]
                + counts[(group.pk, Meeting.Phase.AWAITING_ATTENDANCE)],
                no_grid=[p for p in everyone if p.pk not in grids],
                empty_grid=[p for p in everyone if p.pk in grids and not grids[p.pk]],
                suggestion=suggestions.get(group.pk),
            )
        )
    return result


def templates_for(programme: Programme) -> QuerySet[SeriesTemplate]:
    return SeriesTemplate.objects.filter(organisation=programme.provider)


def recent_plans(user: User | AnonymousUser, programme: Programme, limit: int = 8) -> list[Plan]:
    plans = (
        Plan.objects.filter(programme=programme)
        .select_related("created_by", "programme")
        .prefetch_related("groups__programme")
    )[: limit * 3]
    return [p for p in plans if access.can(user, access.Action.VIEW, p)][:limit]


def last_accepted(group: Group) -> Plan | None:
    """The most recent accepted proposal for this group: a re-plan keeps its rules."""
    return (
        Plan.objects.filter(groups=group, status=Plan.Status.ACCEPTED)
        .order_by("-decided_at", "-id")
        .first()
    )


# --- The data an engine instance is built from ----------------------------------------------


@dataclass
class Inputs:
    groups: list[compose.GroupInput]
    people: dict[str, compose.PersonInput]
    horizon: compose.Horizon
    snapshot: dict[str, dict[str, int]]
    rooms: list[compose.RoomInput] = field(default_factory=list)


def _key(user_id: int) -> str:
    return f"u{user_id}"


def planning_inputs(
    groups: Sequence[Group],
    *,
    weeks: int,
    titles: Sequence[str] = (),
    today: datetime.date | None = None,
) -> Inputs:
    """Everything the engine needs about these groups: facilitators and members with their
    availability (weekly grid, periods away, calendar), the groups' own meetings (the current
    plan) and, as busy times, the meetings of other groups these people are in."""
    zone = timezone.get_current_timezone()
    today = today or timezone.localdate()
    ids = [g.pk for g in groups]
    facilitators = facilitators_of(ids)
    members = members_of(ids)
    meetings: dict[int, list[Meeting]] = defaultdict(list)
    snapshot: dict[str, dict[str, int]] = {str(g): {} for g in ids}
    for meeting in Meeting.objects.filter(group_id__in=ids).order_by("number"):
        snapshot[str(meeting.group_id)][str(meeting.pk)] = meeting.version
        if meeting.status == Meeting.Status.CANCELLED:
            continue
        if meeting.starts_at is not None and dates.date_error(meeting.starts_at, today=today):
            # A date outside the planned span (stored before dates were checked, such as
            # the year 9999) would stretch the horizon over centuries: a held meeting that
            # long ago no longer counts in the spacing, a planned one is planned anew.
            if meeting.status == Meeting.Status.HELD:
                continue
            meeting.starts_at = None
        meetings[meeting.group_id].append(meeting)
    for group_meetings in meetings.values():
        group_meetings.sort(key=lambda m: (m.starts_at is None, m.starts_at or 0, m.number))
    dated = [m for ms in meetings.values() for m in ms if m.starts_at is not None]
    horizon = compose.horizon_for(
        today=today,
        weeks=weeks,
        meeting_days=[timezone.localtime(m.starts_at, zone).date() for m in dated],
        held_days=[
            timezone.localtime(m.starts_at, zone).date()
            for m in dated
            if m.status == Meeting.Status.HELD
        ],
    )
    users: dict[int, User] = {}
    for people in (*facilitators.values(), *members.values()):
        for person in people:
            users[person.pk] = person
    programmes = {g.programme_id for g in groups}
    people_inputs = _people(users, horizon, exclude_groups=ids, programmes=programmes)
    group_inputs = []
    for group in groups:
        fac_keys = [_key(p.pk) for p in facilitators[group.pk]]
        group_inputs.append(
            compose.GroupInput(
                id=group.pk,
                name=group.name,
                facilitators=fac_keys,
                members=[_key(p.pk) for p in members[group.pk] if _key(p.pk) not in fac_keys],
                meetings=[
                    compose.ExistingMeeting(
                        id=m.pk,
                        number=m.number,
                        title=m.title,
                        starts=compose.local_naive(m.starts_at, zone) if m.starts_at else None,
                        minutes=m.duration_minutes,
                        status=m.status,
                        version=m.version,
                        room_id=m.room_id,
                        place=m.location,
                    )
                    for m in meetings[group.pk]
                ],
                titles=list(titles),
            )
        )
    return Inputs(
        groups=group_inputs,
        people=people_inputs,
        horizon=horizon,
        snapshot=snapshot,
        rooms=_rooms(groups, horizon),
    )


def _rooms(groups: Sequence[Group], horizon: compose.Horizon) -> list[compose.RoomInput]:
    """The rooms of the programmes' providers and clients that are in use, each with the
    (week, slot)s at which a meeting of a group not being planned takes place there."""
    organisations = {o for g in groups for o in (g.programme.provider_id, g.programme.client_id)}
    rooms = list(usable_rooms(organisations))
    if not rooms:
        return []
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(horizon.week_start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(horizon.monday(horizon.weeks), datetime.time.min, tzinfo=zone)
    busy: dict[int, set[compose.Pair]] = defaultdict(set)
    for room_id, starts_at, minutes in (
        Meeting.objects.filter(
            room__in=rooms, starts_at__gte=start - datetime.timedelta(days=1), starts_at__lt=end
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .exclude(group__in=groups)
        .values_list("room_id", "starts_at", "duration_minutes")
    ):
        assert starts_at is not None and room_id is not None  # filtered on both
        begins = compose.local_naive(starts_at, zone)
        ends = begins + datetime.timedelta(minutes=minutes)
        busy[room_id] |= set(slots_overlapping(horizon.week_start, horizon.weeks, begins, ends))
    return [
        compose.RoomInput(id=r.pk, name=r.name, capacity=r.capacity, busy=frozenset(busy[r.pk]))
        for r in rooms
    ]


def availability_of(
    users: dict[int, User], horizon: compose.Horizon
) -> dict[str, compose.PersonInput]:
    """These people's own availability over the horizon (without their other meetings)."""
    return _people(users, horizon, exclude_groups=None, programmes=set())


def _people(
    users: dict[int, User],
    horizon: compose.Horizon,
    *,
    exclude_groups: Sequence[int] | None,
    programmes: set[int],
) -> dict[str, compose.PersonInput]:
    """Availability per person; with ``exclude_groups`` also the meetings of every other
    group they are in."""
    ids = list(users)
    grids = weekly_slots_of(ids)
    taken = unavailable_slots(ids, horizon.week_start, horizon.weeks)
    others: dict[int, dict[compose.Pair, str]] = defaultdict(dict)
    if exclude_groups is not None:
        others = _other_meetings(ids, horizon, exclude_groups=exclude_groups, programmes=programmes)
    return {
        _key(uid): compose.PersonInput(
            key=_key(uid),
            user_id=uid,
            name=user.full_name or user.email,
            weekly=tuple(grids[uid]) if uid in grids else None,
            away=taken[uid].away,
            calendar=taken[uid].busy,
            meetings=others[uid],
        )
        for uid, user in users.items()
    }


def _other_meetings(
    user_ids: Sequence[int],
    horizon: compose.Horizon,
    *,
    exclude_groups: Sequence[int],
    programmes: set[int],
) -> dict[int, dict[compose.Pair, str]]:
    """The (week, slot)s in which these people are in a meeting of a group not being planned
    (as member or facilitator), with that group's name when it belongs to a programme being
    planned: that someone is in a group elsewhere is theirs to tell."""
    zone = timezone.get_current_timezone()
    in_group: dict[int, set[int]] = defaultdict(set)
    for person_id, group_id in (
        Membership.objects.filter(person_id__in=user_ids, status__in=TAKING_PART)
        .exclude(group_id__in=exclude_groups)
        .values_list("person_id", "group_id")
    ):
        in_group[group_id].add(person_id)
    for person_id, group_id in (
        RoleAssignment.objects.filter(
            person_id__in=user_ids, role=Role.FACILITATOR, group__isnull=False
        )
        .exclude(group_id__in=exclude_groups)
        .values_list("person_id", "group_id")
    ):
        if group_id is not None:
            in_group[group_id].add(person_id)
    found: dict[int, dict[compose.Pair, str]] = defaultdict(dict)
    if not in_group:
        return found
    start = datetime.datetime.combine(horizon.week_start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(horizon.monday(horizon.weeks), datetime.time.min, tzinfo=zone)
    for meeting in (
        Meeting.objects.filter(
            group_id__in=list(in_group),
            starts_at__gte=start - datetime.timedelta(days=1),
            starts_at__lt=end,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("group")
    ):
        assert meeting.starts_at is not None
        begins = compose.local_naive(meeting.starts_at, zone)
        ends = begins + datetime.timedelta(minutes=meeting.duration_minutes)
        for pair in slots_overlapping(horizon.week_start, horizon.weeks, begins, ends):
            for person_id in in_group[meeting.group_id]:
                found[person_id][pair] = (
                    meeting.group.name if meeting.group.programme_id in programmes else ""
                )
    return found


# --- Re-plan suggestions ----------------------------------------------------------------------


def open_suggestions_for(user: User) -> list[ReplanSuggestion]:
    """Open re-plan suggestions for the groups this person facilitates or whose programme
    they manage (platform admins are not bothered with them). Two queries at most."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles = access.roles_of(user)
    facilitated = {gid for gid, held in roles.by_group.items() if Role.FACILITATOR in held}
    programmes = {
        pid
        for pid, held in roles.by_programme.items()
        if Role.PROGRAMME_MANAGER in held or Role.FACILITATOR in held
    }
    condition = Q(group_id__in=facilitated) | Q(group__programme_id__in=programmes)
    if Role.PROGRAMME_MANAGER in roles.organisation_wide:
        condition |= Q(group__programme__provider_id=user.organisation_id)
    if not (facilitated or programmes or Role.PROGRAMME_MANAGER in roles.organisation_wide):
        return []
    return list(
        ReplanSuggestion.objects.filter(condition, resolved_at=None)
        .select_related("group__programme")
        .order_by("group__programme__name", "group__name")
    )


@dataclass
class SuggestionView:
    suggestion: ReplanSuggestion
    reasons: list[str]


def suggestion_views(suggestions: Sequence[ReplanSuggestion]) -> list[SuggestionView]:
    """Each suggestion with its reasons in words (two queries for any number)."""
    person_ids = {r["person"] for s in suggestions for r in s.reasons if r.get("person")}
    meeting_ids = {m for s in suggestions for r in s.reasons for m in r.get("meetings", [])}
    meeting_ids |= {r["meeting"] for s in suggestions for r in s.reasons if r.get("meeting")}
    names = dict(User.objects.filter(pk__in=person_ids).values_list("pk", "full_name"))
    numbers = dict(Meeting.objects.filter(pk__in=meeting_ids).values_list("pk", "number"))
    return [
        SuggestionView(s, [explain.reason_line(r, names, numbers) for r in s.reasons])
        for s in suggestions
    ]


def monday_after(day: datetime.date) -> datetime.date:
    return monday_of(day) + datetime.timedelta(weeks=1)


def plans_to_review(programme_ids: set[int]) -> list[Plan]:
    """Proposals that are worked out and wait for someone to accept or discard them."""
    if not programme_ids:
        return []
    return list(
        Plan.objects.filter(programme_id__in=programme_ids, status=Plan.Status.READY)
        .select_related("programme")
        .order_by("created_at")
    )
