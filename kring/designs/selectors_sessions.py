"""Reading sessions: the plan that instantiating a design for a cohort would make (dates from
the components' weeks, times from their length and runbook, staff from their staffing), the
rules of thumb that warn about it, and the sessions each person sees in their overview and
calendar."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kring import access
from kring.accounts.models import User
from kring.designs.models import (
    Cohort,
    Component,
    ComponentStaff,
    Deviation,
    Edition,
    RunbookActivity,
    Session,
    SessionStaff,
)
from kring.programmes.models import Group, Role, RoleAssignment

# Components that are not sessions of the cohort as a whole: learning-group meetings and
# intervision keep their own cycle and the scheduling engine; an online environment and a
# buddy check-in have no date of their own.
LEARNING_CYCLE_FORMS = frozenset(
    {Component.WorkForm.LEARNING_GROUP_MEETING, Component.WorkForm.INTERVISION}
)
UNDATED_FORMS = frozenset({Component.WorkForm.ONLINE, Component.WorkForm.BUDDY_CHECK_IN})

DEFAULT_START = datetime.time(9, 30)
# How long a session of each length lasts when its runbook does not say otherwise.
LENGTH_HOURS = {
    Component.Length.HALF_DAY: 3.5,
    Component.Length.DAY: 7.0,
    Component.Length.TWO_DAYS: 7.0,
}

STAFF_ROLES = {
    ComponentStaff.Kind.FACILITATOR: SessionStaff.Role.FACILITATOR,
    ComponentStaff.Kind.FIXED_TEACHER: SessionStaff.Role.TEACHER,
    ComponentStaff.Kind.RETURNING_TEACHER: SessionStaff.Role.TEACHER,
    ComponentStaff.Kind.GUEST_TEACHER: SessionStaff.Role.GUEST_TEACHER,
}

SESSIONS = Session.objects.select_related(
    "cohort__group__programme", "cohort__edition__programme", "component__line", "room"
)


@dataclass
class StaffPlan:
    person: Any
    role: str
    status: str

    @property
    def role_label(self) -> str:
        return str(SessionStaff.Role(self.role).label)


@dataclass
class PlannedSession:
    component: Component
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    staff: list[StaffPlan] = field(default_factory=list)
    # Staffing in the design without a person yet (a guest still to be found).
    open_staffing: list[ComponentStaff] = field(default_factory=list)
    existing: Session | None = None

    @property
    def title(self) -> str:
        return self.component.title


@dataclass
class Skipped:
    component: Component
    learning_cycle: bool


@dataclass
class Warning:
    code: str  # "close", "before_edition", "after_edition", "unstaffed"
    title: str
    other: str = ""
    days: int = 0


@dataclass
class SessionPlan:
    edition: Edition
    starts_on: datetime.date
    planned: list[PlannedSession] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    @property
    def new(self) -> list[PlannedSession]:
        return [item for item in self.planned if item.existing is None]

    @property
    def already(self) -> list[PlannedSession]:
        return [item for item in self.planned if item.existing is not None]


def session_day(starts_on: datetime.date, week: int, *, days: int = 1) -> datetime.date:
    """The day a component of week ``week`` falls on for a cohort whose first day is
    ``starts_on``: the same weekday, ``week - 1`` weeks later. A weekend day moves to the
    Monday after it; a two-day session that would run into the weekend starts a day earlier."""
    day = starts_on + datetime.timedelta(weeks=week - 1)
    if day.weekday() >= 5:
        day += datetime.timedelta(days=7 - day.weekday())
    if days == 2 and day.weekday() == 4:
        day -= datetime.timedelta(days=1)
    return day


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def session_times(
    component: Component,
    activities: list[RunbookActivity],
    day: datetime.date,
    default_start: datetime.time = DEFAULT_START,
) -> tuple[datetime.datetime, datetime.datetime]:
    """When a session of ``component`` on ``day`` starts and ends. The runbook decides when
    it has activities (from the first one's start to the last one's end); otherwise the
    length does, from ``default_start``: half a day, a day, two days, or the number of hours."""
    last_day = day + datetime.timedelta(days=component.days - 1)
    if activities:
        first = min(activities, key=lambda a: (a.day, a.starts_at))
        last = max(
            activities,
            key=lambda a: (a.day, datetime.datetime.combine(day, a.starts_at) + _minutes(a)),
        )
        starts_at = _aware(day + datetime.timedelta(days=first.day - 1), first.starts_at)
        ends_at = _aware(day + datetime.timedelta(days=last.day - 1), last.starts_at) + _minutes(
            last
        )
        if ends_at > starts_at:
            return starts_at, ends_at
    starts_at = _aware(day, default_start)
    if component.length == Component.Length.HOURS:
        hours = float(component.hours or 1)
    else:
        hours = LENGTH_HOURS[Component.Length(component.length)]
    ends_at = _aware(last_day, default_start) + datetime.timedelta(hours=hours)
    return starts_at, ends_at


def _minutes(activity: RunbookActivity) -> datetime.timedelta:
    return datetime.timedelta(minutes=activity.minutes)


def design_components(edition: Edition) -> list[Component]:
    return list(
        Component.objects.filter(line__edition=edition)
        .select_related("line")
        .prefetch_related(
            Prefetch("staff", queryset=ComponentStaff.objects.select_related("person")),
            "activities",
        )
        .order_by("week", "line__order", "order", "pk")
    )


def session_plan(
    *,
    edition: Edition,
    starts_on: datetime.date,
    cohort: Cohort | None = None,
    default_start: datetime.time = DEFAULT_START,
) -> SessionPlan:
    """What instantiating ``edition``'s design for a cohort starting on ``starts_on`` makes:
    a session per dated component (those the cohort already has are marked, not made again),
    the components that are not sessions, and the rules of thumb that warn."""
    existing: dict[int, Session] = {}
    if cohort is not None:
        existing = {s.component_id: s for s in cohort.sessions.all() if s.component_id is not None}
    plan = SessionPlan(edition=edition, starts_on=starts_on)
    for component in design_components(edition):
        if component.work_form in LEARNING_CYCLE_FORMS or component.work_form in UNDATED_FORMS:
            plan.skipped.append(
                Skipped(component, learning_cycle=component.work_form in LEARNING_CYCLE_FORMS)
            )
            continue
        found = existing.get(component.pk)
        if found is not None:
            starts_at, ends_at = found.starts_at, found.ends_at
        else:
            day = session_day(starts_on, component.week, days=component.days)
            starts_at, ends_at = session_times(
                component, list(component.activities.all()), day, default_start
            )
        item = PlannedSession(component, starts_at, ends_at, existing=found)
        seen: set[int] = set()
        for staffing in component.staff.all():
            if staffing.person is None:
                item.open_staffing.append(staffing)
            elif staffing.person_id not in seen:
                seen.add(staffing.person.pk)
                role = STAFF_ROLES[ComponentStaff.Kind(staffing.kind)]
                status = (
                    SessionStaff.Status.PROPOSED
                    if role == SessionStaff.Role.GUEST_TEACHER
                    else SessionStaff.Status.CONFIRMED
                )
                item.staff.append(StaffPlan(staffing.person, role, status))
        plan.planned.append(item)
    plan.planned.sort(key=lambda p: p.starts_at)
    plan.warnings = rules_of_thumb(
        edition, [(p.title, p.starts_at, p.ends_at) for p in plan.planned]
    )
    plan.warnings += [
        Warning("unstaffed", p.title, other=s.note or str(s.get_kind_display()))
        for p in plan.new
        for s in p.open_staffing
    ]
    return plan


def rules_of_thumb(
    edition: Edition, sessions: list[tuple[str, datetime.datetime, datetime.datetime]]
) -> list[Warning]:
    """Warnings, never blocks: sessions closer together than the edition's spacing, and
    sessions on a date outside the edition."""
    warnings: list[Warning] = []
    ordered = sorted(sessions, key=lambda s: s[1])
    if edition.spacing_days:
        for (title, starts, _e), (next_title, next_starts, _n) in zip(
            ordered, ordered[1:], strict=False
        ):
            gap = (timezone.localtime(next_starts).date() - timezone.localtime(starts).date()).days
            if gap < edition.spacing_days:
                warnings.append(Warning("close", next_title, other=title, days=gap))
    for title, starts, ends in ordered:
        if edition.starts_on and timezone.localtime(starts).date() < edition.starts_on:
            warnings.append(Warning("before_edition", title))
        if edition.ends_on and timezone.localtime(ends).date() > edition.ends_on:
            warnings.append(Warning("after_edition", title))
    return warnings


def cohort_warnings(cohort: Cohort, sessions: list[Session]) -> list[Warning]:
    return rules_of_thumb(
        cohort.edition,
        [
            (s.title, s.starts_at, s.ends_at)
            for s in sessions
            if s.status != Session.Status.CANCELLED
        ],
    )


def cohort_sessions(cohort: Cohort) -> list[Session]:
    return list(
        cohort.sessions.select_related("room", "component")
        .prefetch_related(Prefetch("staff", queryset=SessionStaff.objects.select_related("person")))
        .order_by("starts_at", "pk")
    )


def cohorts_of(edition: Edition) -> QuerySet[Cohort]:
    return edition.cohorts.select_related("group").order_by("starts_on", "group__name")


def free_cohort_groups(edition: Edition) -> QuerySet[Group]:
    """The programme's cohort groups that follow no edition yet."""
    return Group.objects.filter(
        programme=edition.programme, kind=Group.Kind.COHORT, cohort__isnull=True
    ).order_by("name")


def runbook(component: Component) -> list[RunbookActivity]:
    return list(component.activities.select_related("method").order_by("day", "starts_at", "pk"))


def activity_ends(activity: RunbookActivity, day: datetime.date) -> datetime.time:
    return (datetime.datetime.combine(day, activity.starts_at) + _minutes(activity)).time()


def edition_deviations(edition: Edition) -> list[Deviation]:
    """Every deviation recorded in the sessions of the edition's cohorts, newest first."""
    return list(
        Deviation.objects.filter(session__cohort__edition=edition)
        .select_related(
            "session__cohort__group", "session__component", "activity", "recorded_by", "observation"
        )
        .order_by("-recorded_at", "-pk")
    )


def session_deviations(session: Session) -> list[Deviation]:
    return list(
        session.deviations.select_related("activity", "recorded_by").order_by("recorded_at", "pk")
    )


# --- Sessions per person: overview and calendar ----------------------------------------------

# Whose sessions are theirs through their group: the cohort's participants and its staff.
ATTENDING_ROLES = (Role.PARTICIPANT, Role.FACILITATOR, Role.TEACHER, Role.GUEST_TEACHER)


def sessions_of(user: User) -> QuerySet[Session]:
    """Sessions of the cohorts this person takes part in or staffs, and the sessions they are
    on the staff of (unless they declined)."""
    group_ids = RoleAssignment.objects.filter(
        person=user, group__isnull=False, role__in=ATTENDING_ROLES
    ).values("group_id")
    staffed = SessionStaff.objects.filter(person=user).exclude(status=SessionStaff.Status.DECLINED)
    return SESSIONS.filter(
        Q(cohort__group_id__in=group_ids) | Q(pk__in=staffed.values("session_id"))
    ).distinct()


# Live mode is offered on the overview from this long before a session starts.
LIVE_FROM = datetime.timedelta(hours=2)


@dataclass
class NextSession:
    session: Session
    role: str  # "participant", or a SessionStaff role, or "facilitator" of the cohort
    runs: bool
    now: datetime.datetime

    @property
    def live_now(self) -> bool:
        return self.runs and self.session.starts_at - LIVE_FROM <= self.now


def upcoming_sessions(user: User, now: datetime.datetime, limit: int = 5) -> list[NextSession]:
    """The next planned session of each cohort this person takes part in or staffs (for a
    teacher who flies in: the next one they teach), soonest first."""
    found = list(
        sessions_of(user)
        .filter(ends_at__gte=now, status=Session.Status.PLANNED)
        .order_by("starts_at", "pk")[:50]
    )
    staffed = dict(
        SessionStaff.objects.filter(person=user, session__in=found)
        .exclude(status=SessionStaff.Status.DECLINED)
        .values_list("session_id", "role")
    )
    result: list[NextSession] = []
    seen: set[int] = set()
    roles = access.roles_of(user)
    for session in found:
        if session.cohort_id in seen:
            continue
        seen.add(session.cohort_id)
        role = staffed.get(session.pk)
        # Who runs it, as the policy's RUN says, read from what is loaded already (a fixed
        # number of queries): its staff and the cohort's facilitators.
        runs = role is not None or Role.FACILITATOR in roles.in_group(session.cohort.group_id)
        result.append(
            NextSession(session, role or ("facilitator" if runs else "participant"), runs, now)
        )
        if len(result) >= limit:
            break
    return result


def feed_sessions(user: User) -> list[Session]:
    """Every session for the person's calendar feed, cancelled ones included (so calendar apps
    take them out)."""
    return list(sessions_of(user).order_by("starts_at", "pk"))
