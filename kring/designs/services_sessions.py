"""Writing sessions: instantiating a design for a cohort, changing a session's date, place and
staff, keeping a component's runbook, and what happens in a session (live mode's current
activity, learning points, deviations) up to turning a deviation into an observation. Every
function asks the permission policy for its actor, validates, writes in a transaction and
records who did what."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import User
from kring.audit.services import audit_record
from kring.core.locking import save_versioned
from kring.designs import selectors_sessions as selectors
from kring.designs.models import (
    Cohort,
    Component,
    Deviation,
    Edition,
    Observation,
    RunbookActivity,
    Session,
    SessionPoint,
    SessionStaff,
)
from kring.programmes.models import Group
from kring.programmes.services import _group_create
from kring.rooms.models import Room

M = TypeVar("M", bound=Model)


def _save_new(obj: M, *, actor: User, action: str) -> M:
    """Validate and save something new, and record who made it."""
    obj.full_clean()
    with transaction.atomic():
        obj.save()
        audit_record(actor=actor, action=action, obj=obj)
    return obj


def cohort_for(
    *,
    actor: User,
    edition: Edition,
    starts_on: datetime.date,
    cohort: Cohort | None = None,
    group: Group | None = None,
    new_group_name: str = "",
) -> Cohort:
    """The cohort that follows ``edition`` from ``starts_on``: an existing one (its first day
    moves when it changed), a cohort group of the programme that follows no edition yet, or a
    new cohort group."""
    access.require(actor, access.DesignAction.PLAN_SESSIONS, edition)
    if cohort is not None:
        if cohort.edition_id != edition.pk:
            raise ValidationError(_("This cohort follows another edition."))
        if cohort.starts_on != starts_on:
            cohort.starts_on = starts_on
            cohort.save(update_fields=["starts_on"])
        return cohort
    if group is None:
        name = new_group_name.strip()
        if not name:
            raise ValidationError(
                {"new_group_name": _("Choose a cohort, or give the name of a new one.")}
            )
        group = _group_create(
            actor=actor, programme=edition.programme, name=name, kind=Group.Kind.COHORT
        )
    elif group.programme_id != edition.programme_id or hasattr(group, "cohort"):
        raise ValidationError({"group": _("This group cannot follow this edition.")})
    cohort = Cohort(edition=edition, group=group, starts_on=starts_on)
    return _save_new(cohort, actor=actor, action="cohort.create")


def sessions_instantiate(
    *,
    actor: User,
    edition: Edition,
    starts_on: datetime.date,
    cohort: Cohort | None = None,
    group: Group | None = None,
    new_group_name: str = "",
    default_start: datetime.time = selectors.DEFAULT_START,
    room: Room | None = None,
    location: str = "",
) -> tuple[Cohort, list[Session]]:
    """Create a cohort's sessions from the edition's design: one per dated component, on the
    date its week gives from the cohort's first day, with the staff its staffing names. A
    component the cohort already has a session of gets none again, so planning twice never
    duplicates. Learning-group meetings and intervision are left to the learning cycle."""
    access.require(actor, access.DesignAction.PLAN_SESSIONS, edition)
    with transaction.atomic():
        cohort = cohort_for(
            actor=actor,
            edition=edition,
            starts_on=starts_on,
            cohort=cohort,
            group=group,
            new_group_name=new_group_name,
        )
        plan = selectors.session_plan(
            edition=edition, starts_on=cohort.starts_on, cohort=cohort, default_start=default_start
        )
        created: list[Session] = []
        for item in plan.new:
            session = Session(
                cohort=cohort,
                component=item.component,
                title=item.component.title,
                starts_at=item.starts_at,
                ends_at=item.ends_at,
                room=room,
                location="" if room else location.strip(),
            )
            session.full_clean()
            session.save()
            SessionStaff.objects.bulk_create(
                SessionStaff(session=session, person=s.person, role=s.role, status=s.status)
                for s in item.staff
            )
            created.append(session)
        audit_record(
            actor=actor, action="cohort.sessions_plan", obj=cohort, detail={"created": len(created)}
        )
    return cohort, created


SESSION_FIELDS = ["title", "starts_at", "ends_at", "room", "location", "status"]


def session_update(
    *, actor: User, session: Session, expected_version: int, **changes: Any
) -> Session:
    """Change a session's date, times, place or status. Someone who saved in the meantime is
    never overwritten silently (EditConflict)."""
    access.require(actor, access.Action.CHANGE, session)
    for name in SESSION_FIELDS:
        if name in changes:
            value = changes[name]
            setattr(session, name, value.strip() if isinstance(value, str) else value)
    if session.room_id:
        session.location = ""
    session.full_clean()
    with transaction.atomic():
        save_versioned(session, expected_version=expected_version, fields=SESSION_FIELDS)
        audit_record(actor=actor, action="session.update", obj=session)
    return session


def session_staff_add(*, actor: User, session: Session, person: User, role: str) -> SessionStaff:
    """Put someone on a session's staff, or change their role when they already are."""
    access.require(actor, access.Action.CHANGE, session)
    with transaction.atomic():
        staff, _created = SessionStaff.objects.update_or_create(
            session=session, person=person, defaults={"role": role}
        )
        audit_record(actor=actor, action="session.staff_add", obj=staff)
    return staff


def session_staff_remove(*, actor: User, staff: SessionStaff) -> None:
    access.require(actor, access.Action.CHANGE, staff)
    with transaction.atomic():
        audit_record(actor=actor, action="session.staff_remove", obj=staff)
        staff.delete()


# --- The runbook of a component ----------------------------------------------------------------

ACTIVITY_FIELDS = ["day", "starts_at", "minutes", "title", "method", "lead", "materials", "notes"]


def _fill_activity(activity: RunbookActivity, changes: dict[str, Any]) -> None:
    for name in ACTIVITY_FIELDS:
        if name in changes:
            value = changes[name]
            setattr(activity, name, value.strip() if isinstance(value, str) else value)
    if activity.day > activity.component.days:
        raise ValidationError({"day": _("This component lasts one day.")})


def activity_create(*, actor: User, component: Component, **fields: Any) -> RunbookActivity:
    """Add a timed activity to a component's runbook, shared by every cohort of the design."""
    access.require(actor, access.Action.CHANGE, component)
    activity = RunbookActivity(component=component)
    _fill_activity(activity, fields)
    return _save_new(activity, actor=actor, action="runbook.add")


def activity_update(
    *, actor: User, activity: RunbookActivity, expected_version: int, **fields: Any
) -> RunbookActivity:
    """Change a runbook activity. Someone who saved it in the meantime is never overwritten
    silently (EditConflict)."""
    access.require(actor, access.Action.CHANGE, activity)
    _fill_activity(activity, fields)
    activity.full_clean()
    with transaction.atomic():
        save_versioned(activity, expected_version=expected_version, fields=ACTIVITY_FIELDS)
        audit_record(actor=actor, action="runbook.update", obj=activity)
    return activity


def activity_delete(*, actor: User, activity: RunbookActivity) -> None:
    access.require(actor, access.Action.DELETE, activity)
    with transaction.atomic():
        audit_record(actor=actor, action="runbook.delete", obj=activity)
        activity.delete()


# --- In the session: live mode, learning points, deviations ------------------------------------


def session_go_to(
    *, actor: User, session: Session, activity: RunbookActivity | None
) -> RunbookActivity | None:
    """Live mode moves the session to ``activity`` (None: the session is over, or not begun),
    from now on. Only an activity of the session's own runbook."""
    access.require(actor, access.Action.RUN, session)
    if activity is not None and activity.component_id != session.component_id:
        raise ValidationError(_("This activity is not in the session's runbook."))
    session.current_activity = activity
    session.current_since = timezone.now() if activity is not None else None
    session.save(update_fields=["current_activity", "current_since"])
    return activity


def session_advance(*, actor: User, session: Session) -> RunbookActivity | None:
    """Move live mode to the runbook's next activity (the first when it has not begun)."""
    activities = selectors.runbook(session.component) if session.component else []
    following: RunbookActivity | None = activities[0] if activities else None
    if session.current_activity_id is not None:
        ids = [a.pk for a in activities]
        at = ids.index(session.current_activity_id) if session.current_activity_id in ids else -1
        following = activities[at + 1] if at + 1 < len(activities) else None
    return session_go_to(actor=actor, session=session, activity=following)


def session_point_add(*, actor: User, session: Session, text: str) -> SessionPoint:
    """Capture a learning point during a session (quick capture in live mode)."""
    access.require(actor, access.Action.RUN, session)
    point = SessionPoint(session=session, text=text.strip(), author=actor)
    return _save_new(point, actor=actor, action="session.point_add")


def deviation_record(
    *,
    actor: User,
    session: Session,
    what: str,
    why: str,
    activity: RunbookActivity | None = None,
) -> Deviation:
    """Record where the group's session went another way than the runbook, and why: a
    disruption takes precedence."""
    access.require(actor, access.Action.RUN, session)
    if activity is not None and activity.component_id != session.component_id:
        raise ValidationError({"activity": _("This activity is not in the session's runbook.")})
    deviation = Deviation(
        session=session, activity=activity, what=what.strip(), why=why.strip(), recorded_by=actor
    )
    return _save_new(deviation, actor=actor, action="deviation.record")


def deviation_observe(*, actor: User, deviation: Deviation, kind: str, text: str) -> Observation:
    """Turn a deviation into an observation of the edition, for the design's next changes.
    A deviation becomes one observation at most."""
    edition = deviation.session.cohort.edition
    access.require(actor, access.DesignAction.CHANGE, edition)
    if deviation.observation_id is not None:
        raise ValidationError(_("This deviation is already an observation."))
    component = deviation.session.component
    observation = Observation(
        edition=edition,
        component=component,
        component_key=component.key if component else None,
        kind=kind,
        text=text.strip(),
        author=actor,
    )
    observation.full_clean()
    with transaction.atomic():
        observation.save()
        deviation.observation = observation
        deviation.save(update_fields=["observation"])
        audit_record(actor=actor, action="deviation.observe", obj=deviation)
    return observation
