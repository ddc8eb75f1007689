"""Reads for teachers who fly in and out (D7) and for a group's staff constellation (D5).

A briefing brings together what a teacher needs before a session and nothing more: who is in
the group (names, organisations, roles), where the group stands (its learning question, its
themes, the learning points it chose to share, attendance figures), what came before and
after, the runbook and the facilitator's note. It never reads cases, submissions, journals,
facilitator notes or learning points the group kept to itself."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from kring import access
from kring.accounts.models import User
from kring.designs.models import (
    BriefingNote,
    Component,
    Constellation,
    DuoAgreement,
    NoteBack,
    RunbookActivity,
    Session,
    SessionStaff,
)
from kring.designs.services_teachers import DUO_ROLES
from kring.learning import selectors as learning
from kring.learning.models import LearningPoint, LearningQuestionVersion
from kring.programmes.models import Group, RoleAssignment

TEACHING = [SessionStaff.Role.TEACHER, SessionStaff.Role.GUEST_TEACHER]
# Rule of thumb: a guest teacher gets the facilitator's note at least this long beforehand.
GUEST_BRIEFING_DAYS = 3
# Briefing notes to write are listed for sessions this far ahead.
BRIEFING_HORIZON_DAYS = 42
NOTES_BACK_RECENT_DAYS = 30
SHARED_POINTS_SHOWN = 12


@dataclass
class PersonInGroup:
    """Someone in the group as a briefing shows them: never contact details or work."""

    name: str
    organisation: str
    roles: list[str]


@dataclass
class Briefing:
    session: Session
    group: Group
    staff: list[SessionStaff]
    people: list[PersonInGroup]
    learning_question: LearningQuestionVersion | None
    themes: list[str]
    shared_points: list[LearningPoint]
    meetings_held: int
    attendance_share: float | None
    previous_component: Component | None
    next_component: Component | None
    previous_session: Session | None
    next_session: Session | None
    earlier_tips: list[NoteBack]
    runbook: list[RunbookActivity]
    note: BriefingNote | None
    notes_back: list[NoteBack]
    warning: bool

    @property
    def attendance_percent(self) -> int | None:
        return None if self.attendance_share is None else round(self.attendance_share * 100)


def sessions() -> QuerySet[Session]:
    return Session.objects.select_related(
        "cohort__group__programme", "cohort__edition", "component__line", "room"
    )


def _people(group: Group, roles: Sequence[str] | None = None) -> list[PersonInGroup]:
    """Everyone with a role in ``group`` (or one of ``roles``), once each, with their roles."""
    found: dict[int, PersonInGroup] = {}
    assignments = (
        RoleAssignment.objects.filter(group=group)
        .select_related("person__organisation")
        .order_by("person__full_name", "role")
    )
    if roles is not None:
        assignments = assignments.filter(role__in=roles)
    for assignment in assignments:
        person = assignment.person
        entry = found.setdefault(
            person.pk,
            PersonInGroup(
                name=person.full_name,
                organisation=person.organisation.name if person.organisation else "",
                roles=[],
            ),
        )
        entry.roles.append(str(assignment.get_role_display()))
    return list(found.values())


def _neighbour_components(component: Component | None) -> tuple[Component | None, ...]:
    if component is None:
        return None, None
    siblings = list(Component.objects.filter(line_id=component.line_id))
    index = next(i for i, c in enumerate(siblings) if c.pk == component.pk)
    before = siblings[index - 1] if index > 0 else None
    after = siblings[index + 1] if index + 1 < len(siblings) else None
    return before, after


def guest_without_briefing(
    session: Session, staff: list[SessionStaff], has_note: bool, now: datetime.datetime
) -> bool:
    """Rule of thumb, never a block: a guest lecture whose guest teacher has no briefing note
    from the facilitator three days before the session."""
    return (
        not has_note
        and session.status != Session.Status.CANCELLED
        and session.component is not None
        and session.component.work_form == Component.WorkForm.GUEST_LECTURE
        and any(
            s.role == SessionStaff.Role.GUEST_TEACHER and s.status != SessionStaff.Status.DECLINED
            for s in staff
        )
        and now < session.starts_at <= now + datetime.timedelta(days=GUEST_BRIEFING_DAYS)
    )


def briefing(session: Session, now: datetime.datetime | None = None) -> Briefing:
    """Everything a teacher reads before ``session``, in a fixed number of queries."""
    now = now or timezone.now()
    group = session.cohort.group
    staff = list(
        session.staff.exclude(status=SessionStaff.Status.DECLINED)
        .select_related("person__organisation")
        .order_by("role", "person__full_name")
    )
    question = learning.current_learning_question(group)
    themes = [line for line in (question.aspects.splitlines() if question else []) if line.strip()]
    shared = list(
        LearningPoint.objects.filter(meeting__group=group, shared=True, deleted_at__isnull=True)
        .select_related("meeting")
        .order_by("-created_at")[:SHARED_POINTS_SHOWN]
    )
    held, share = learning.attendance_figures(group)
    before, after = _neighbour_components(session.component)
    cohort_sessions = (
        sessions().filter(cohort=session.cohort).exclude(status=Session.Status.CANCELLED)
    )
    previous_session = (
        cohort_sessions.filter(starts_at__lt=session.starts_at).order_by("-starts_at").first()
    )
    next_session = (
        cohort_sessions.filter(starts_at__gt=session.starts_at).order_by("starts_at").first()
    )
    earlier_tips = list(
        NoteBack.objects.filter(
            session__cohort=session.cohort, session__starts_at__lt=session.starts_at
        )
        .exclude(tips="")
        .select_related("teacher", "session")
        .order_by("-session__starts_at", "created_at")
    )
    note = BriefingNote.objects.filter(session=session).select_related("written_by").first()
    runbook = (
        list(session.component.activities.select_related("method").all())
        if session.component
        else []
    )
    return Briefing(
        session=session,
        group=group,
        staff=staff,
        people=_people(group),
        learning_question=question,
        themes=themes,
        shared_points=shared,
        meetings_held=len(held),
        attendance_share=share,
        previous_component=before,
        next_component=after,
        previous_session=previous_session,
        next_session=next_session,
        earlier_tips=earlier_tips,
        runbook=runbook,
        note=note,
        notes_back=list(session.notes_back.select_related("teacher").order_by("created_at")),
        warning=guest_without_briefing(session, staff, note is not None, now),
    )


# --- Constellation and duo agreement -------------------------------------------------------


@dataclass
class Staffing:
    group: Group
    constellation: Constellation | None
    duo: list[PersonInGroup]
    current: DuoAgreement | None
    history: list[DuoAgreement]

    @property
    def revisit_due(self) -> bool:
        return bool(
            self.current
            and self.current.revisit_on
            and self.current.revisit_on <= timezone.localdate()
        )


def staffing(group: Group) -> Staffing:
    history = list(
        DuoAgreement.objects.filter(group=group).select_related("created_by").order_by("-number")
    )
    return Staffing(
        group=group,
        constellation=Constellation.objects.filter(group=group).select_related("third").first(),
        duo=_people(group, roles=DUO_ROLES),
        current=history[0] if history else None,
        history=history,
    )


def current_duo_agreement(group: Group) -> DuoAgreement | None:
    return DuoAgreement.objects.filter(group=group).order_by("-number").first()


# --- The overview ----------------------------------------------------------------------------


@dataclass
class BriefingToWrite:
    session: Session
    urgent: bool


@dataclass
class Teaching:
    """What the overview shows of sessions, briefings, notes back and duo agreements."""

    upcoming: list[SessionStaff] = field(default_factory=list)
    notes_back_due: list[SessionStaff] = field(default_factory=list)
    briefings_to_write: list[BriefingToWrite] = field(default_factory=list)
    notes_back_received: list[NoteBack] = field(default_factory=list)
    duo_revisits: list[DuoAgreement] = field(default_factory=list)

    @property
    def has_anything(self) -> bool:
        return any(
            (
                self.upcoming,
                self.notes_back_due,
                self.briefings_to_write,
                self.notes_back_received,
                self.duo_revisits,
            )
        )


def _my_staffing(user: User, now: datetime.datetime) -> list[SessionStaff]:
    """In one query: the sessions ``user`` teaches that have not ended or still wait for their
    note back (``written`` says whether it is there), and the coming sessions they facilitate."""
    written = NoteBack.objects.filter(session=OuterRef("session"), teacher=user)
    teaching = Q(role__in=TEACHING) & (
        Q(session__ends_at__gte=now) | Q(session__starts_at__lte=now, written=False)
    )
    facilitating = Q(role=SessionStaff.Role.FACILITATOR, session__starts_at__gt=now)
    return list(
        SessionStaff.objects.filter(person=user)
        .exclude(status=SessionStaff.Status.DECLINED)
        .exclude(session__status=Session.Status.CANCELLED)
        .annotate(written=Exists(written))
        .filter(teaching | facilitating)
        .select_related(
            "session__cohort__group__programme", "session__room", "session__briefing_note"
        )
        .order_by("session__starts_at", "pk")
    )


def briefings_to_write(
    user: User, facilitated: set[int], now: datetime.datetime
) -> list[BriefingToWrite]:
    """Coming sessions with a teacher, in groups ``user`` facilitates (or on whose staff they
    are the facilitator), that have no briefing note yet; the guest lectures that break the
    rule of thumb first."""
    where = Q(cohort__group_id__in=facilitated) | Q(
        staff__person=user, staff__role=SessionStaff.Role.FACILITATOR
    )
    found = list(
        sessions()
        .filter(where)
        .filter(
            starts_at__gt=now,
            starts_at__lte=now + datetime.timedelta(days=BRIEFING_HORIZON_DAYS),
            briefing_note__isnull=True,
            # One staff row: a teacher who has not declined.
            staff__role__in=TEACHING,
            staff__status__in=[SessionStaff.Status.PROPOSED, SessionStaff.Status.CONFIRMED],
        )
        .exclude(status=Session.Status.CANCELLED)
        .prefetch_related("staff")
        .distinct()
        .order_by("starts_at")
    )
    items = [
        BriefingToWrite(
            session=s,
            urgent=guest_without_briefing(s, list(s.staff.all()), False, now),
        )
        for s in found
    ]
    return sorted(items, key=lambda item: not item.urgent)


def notes_back_received(
    user: User, facilitated: set[int], managed: set[int], now: datetime.datetime
) -> list[NoteBack]:
    if not facilitated and not managed:
        return []
    return list(
        NoteBack.objects.filter(
            Q(session__cohort__group_id__in=facilitated)
            | Q(session__cohort__group__programme_id__in=managed),
            created_at__gte=now - datetime.timedelta(days=NOTES_BACK_RECENT_DAYS),
        )
        .exclude(teacher=user)
        .select_related("teacher", "session__cohort__group")
        .order_by("-created_at")[:8]
    )


def duo_revisits_due(user: User, today: datetime.date) -> list[DuoAgreement]:
    """The current duo agreements of ``user``'s groups whose revisit date has come."""
    groups = RoleAssignment.objects.filter(
        person=user, role__in=DUO_ROLES, group__isnull=False
    ).values("group_id")
    latest: dict[int, DuoAgreement] = {}
    for agreement in (
        DuoAgreement.objects.filter(group_id__in=groups)
        .select_related("group")
        .order_by("group_id", "-number")
    ):
        latest.setdefault(agreement.group_id, agreement)
    return [a for a in latest.values() if a.revisit_on is not None and a.revisit_on <= today]


def teaching_for(
    user: User,
    *,
    facilitated: set[int],
    managed: set[int],
    now: datetime.datetime | None = None,
) -> Teaching:
    """The teacher's sessions across programmes (coming first) and the notes back they still
    owe; the facilitator's briefing notes to write and notes back received; a duo's
    agreement whose revisit date has come."""
    now = now or timezone.now()
    staffing = _my_staffing(user, now)
    teaching = [s for s in staffing if s.role in TEACHING]
    facilitates_sessions = len(teaching) < len(staffing)
    in_duo = any(set(DUO_ROLES) & held for held in access.roles_of(user).by_group.values())
    return Teaching(
        upcoming=[s for s in teaching if s.session.ends_at >= now][:12],
        notes_back_due=[
            s
            for s in reversed(teaching)
            if s.session.starts_at <= now and not getattr(s, "written", False)
        ],
        briefings_to_write=briefings_to_write(user, facilitated, now)
        if facilitated or facilitates_sessions
        else [],
        notes_back_received=notes_back_received(user, facilitated, managed, now),
        duo_revisits=duo_revisits_due(user, timezone.localdate(now)) if in_duo else [],
    )
