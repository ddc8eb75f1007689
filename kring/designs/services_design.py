"""Writes about a programme's design (D1, D3): editions, learning lines, components, their
staffing and materials, versions, observations and change proposals.

Every change to a design is one transaction that (1) checks that nobody changed the design
since the editor read it (the edition's ``version``), (2) makes the change, and (3) keeps the
whole design as a new numbered ``DesignVersion`` with who, why and what the change answers.
Once a cohort follows an edition, a change must say why: people are learning from this design.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import User
from kring.audit.services import audit_record
from kring.core.locking import save_versioned
from kring.designs.models import (
    ChangeProposal,
    Component,
    ComponentStaff,
    DesignVersion,
    Edition,
    LearningLine,
    Observation,
    RunbookActivity,
)
from kring.library.models import LibraryItem
from kring.programmes.models import Programme

# --- The design as data -----------------------------------------------------------------------


def design_snapshot(edition: Edition) -> dict[str, Any]:
    """The whole design of ``edition`` as JSON: what a version keeps and the diff compares."""
    lines = edition.lines.prefetch_related(
        "components__staff__person", "components__materials", "components__activities"
    ).order_by("order", "pk")
    return {
        "edition": edition.number,
        "spacing_days": edition.spacing_days,
        "lines": [
            {
                "key": str(line.key),
                "title": line.title,
                "description": line.description,
                "components": [
                    _component_data(component)
                    for component in sorted(line.components.all(), key=lambda c: (c.order, c.pk))
                ],
            }
            for line in lines
        ],
    }


def _component_data(component: Component) -> dict[str, Any]:
    return {
        "key": str(component.key),
        "title": component.title,
        "work_form": component.work_form,
        "custom_work_form": component.custom_work_form,
        "length": component.length,
        "hours": str(component.hours) if component.hours is not None else None,
        "week": component.week,
        "week_until": component.week_until,
        "description": component.description,
        "staff": [
            {
                "kind": staff.kind,
                "person": staff.person_id,
                "name": staff.person.full_name if staff.person else "",
                "note": staff.note,
            }
            for staff in sorted(component.staff.all(), key=lambda s: (s.kind, s.pk))
        ],
        "materials": [
            {"id": item.pk, "title": item.title}
            for item in sorted(component.materials.all(), key=lambda m: m.pk)
        ],
        "activities": [
            {
                "day": activity.day,
                "starts_at": activity.starts_at.strftime("%H:%M"),
                "minutes": activity.minutes,
                "title": activity.title,
                "method": activity.method_id,
                "lead": activity.lead,
                "materials": activity.materials,
                "notes": activity.notes,
            }
            for activity in sorted(
                component.activities.all(), key=lambda a: (a.day, a.starts_at, a.pk)
            )
        ],
    }


# --- Why a change is made ---------------------------------------------------------------------


@dataclass
class Why:
    """Why a design changes and what the change answers: an observation, a decision, a
    learning question. ``proposal`` is the change proposal it adopts, if any."""

    reason: str = ""
    answers: str = ""
    answers_detail: str = ""
    observations: list[Observation] = field(default_factory=list)
    proposal: ChangeProposal | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Why:
        return cls(
            reason=(data.get("reason") or "").strip(),
            answers=data.get("answers") or "",
            answers_detail=(data.get("answers_detail") or "").strip(),
            observations=list(data.get("observations") or []),
            proposal=data.get("proposal"),
        )


def why_required(edition: Edition) -> bool:
    """Once a cohort follows the edition, people learn from this design: every change to it
    says why. Before that, designing is free (every change is still kept as a version)."""
    return edition.cohorts.exists()


def structure_fixed(edition: Edition) -> bool:
    """An open programme keeps its main structure within an edition once a cohort has begun;
    a change is then better made in the next edition (a warning, never a block)."""
    return (
        edition.programme.kind == Programme.Kind.OPEN
        and edition.cohorts.filter(starts_on__lte=timezone.localdate()).exists()
    )


def _check_why(edition: Edition, why: Why) -> None:
    if why_required(edition) and not why.reason:
        raise ValidationError(
            {"reason": _("A cohort follows this edition: say why the design changes.")}
        )
    if why.answers_detail and not why.answers:
        raise ValidationError({"answers": _("Say what kind of thing this change answers.")})
    if why.proposal is not None:
        if why.proposal.status != ChangeProposal.Status.OPEN:
            raise ValidationError({"proposal": _("This proposal has already been decided.")})
        if why.proposal.edition.programme_id != edition.programme_id:
            raise ValidationError({"proposal": _("Choose a proposal of this programme.")})
    for observation in why.observations:
        if observation.edition.programme_id != edition.programme_id:
            raise ValidationError({"observations": _("Choose observations of this programme.")})


def _lock(edition: Edition, expected_version: int) -> None:
    """Nobody changed the design since the editor read it (or EditConflict)."""
    save_versioned(edition, expected_version=expected_version, fields=[])


def _record_version(*, actor: User, edition: Edition, why: Why, summary: str = "") -> DesignVersion:
    from kring.designs.selectors_design import change_words

    previous = edition.versions.order_by("-number").first()
    snapshot = design_snapshot(edition)
    if not summary:
        before = previous.snapshot if previous else {}
        summary = "\n".join(change_words(before, snapshot))
    version = DesignVersion.objects.create(
        edition=edition,
        number=(previous.number + 1) if previous else 1,
        snapshot=snapshot,
        summary=summary,
        reason=why.reason,
        answers=why.answers,
        answers_detail=why.answers_detail,
        proposal=why.proposal,
        created_by=actor,
    )
    observations = set(why.observations)
    if why.proposal is not None:
        observations |= set(why.proposal.observations.all())
        why.proposal.status = ChangeProposal.Status.ADOPTED
        why.proposal.version += 1
        why.proposal.save(update_fields=["status", "version"])
        audit_record(actor=actor, action="design.proposal_adopt", obj=why.proposal)
    if observations:
        version.observations.set(observations)
    audit_record(
        actor=actor,
        action="design.change",
        obj=version,
        detail={"reason": why.reason} if why.reason else None,
    )
    return version


def _change(
    *, actor: User, edition: Edition, expected_version: int, why: Why, apply: Any
) -> DesignVersion:
    """The shape of every design change: policy, why, lock, change, version."""
    access.require(actor, access.DesignAction.CHANGE, edition)
    _check_why(edition, why)
    with transaction.atomic():
        _lock(edition, expected_version)
        apply()
        return _record_version(actor=actor, edition=edition, why=why)


# --- Editions --------------------------------------------------------------------------------


def edition_create(
    *,
    actor: User,
    programme: Programme,
    name: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    spacing_days: int | None = None,
) -> Edition:
    """Start an edition. An open programme runs in numbered editions, each a copy of the last
    one's design (lines, components, staffing, materials, runbooks; the lasting keys stay, so
    editions can be compared). An in-company trajectory has one edition: its run, whose design
    adapts while it runs."""
    access.require(actor, access.DesignAction.CHANGE, programme)
    with transaction.atomic():
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        last = programme.editions.order_by("-number").first()
        if last is not None and programme.kind == Programme.Kind.IN_COMPANY:
            raise ValidationError(
                _(
                    "An in-company trajectory has one edition, its run: change its design "
                    "while it runs instead."
                )
            )
        if starts_on and ends_on and ends_on < starts_on:
            raise ValidationError({"ends_on": _("The end date lies before the start date.")})
        edition = Edition(
            programme=programme,
            number=(last.number + 1) if last else 1,
            name=name.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            spacing_days=(
                spacing_days if spacing_days is not None else (last.spacing_days if last else None)
            ),
            copied_from=last,
            created_by=actor,
        )
        edition.full_clean()
        edition.save()
        if last is not None:
            _copy_design(last, edition)
            summary = _("Copied from edition %(number)s.") % {"number": last.number}
        else:
            summary = _("The edition begins with an empty design.")
        _record_version(
            actor=actor,
            edition=edition,
            why=Why(answers=DesignVersion.Answers.DECISION if last else ""),
            summary=summary,
        )
        audit_record(actor=actor, action="design.edition_create", obj=edition)
    return edition


def _copy_design(source: Edition, target: Edition) -> None:
    for line in source.lines.prefetch_related(
        "components__staff", "components__materials", "components__activities"
    ):
        new_line = LearningLine.objects.create(
            edition=target,
            key=line.key,
            title=line.title,
            description=line.description,
            order=line.order,
        )
        for component in line.components.all():
            materials = list(component.materials.all())
            staff = list(component.staff.all())
            activities = list(component.activities.all())
            component.pk = None
            # The prefetched relations belong to the original: forget them for the copy.
            component._prefetched_objects_cache = {}  # type: ignore[attr-defined]
            component.line = new_line
            component._state.adding = True
            component.save()
            component.materials.set(materials)
            ComponentStaff.objects.bulk_create(
                ComponentStaff(component=component, kind=s.kind, person_id=s.person_id, note=s.note)
                for s in staff
            )
            for activity in activities:
                activity.pk = None
                activity.component = component
                activity._state.adding = True
            RunbookActivity.objects.bulk_create(activities)


EDITION_FIELDS = ["name", "starts_on", "ends_on", "spacing_days"]


def edition_update(
    *,
    actor: User,
    edition: Edition,
    expected_version: int,
    why: Why,
    name: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    spacing_days: int | None = None,
) -> DesignVersion:
    def apply() -> None:
        edition.name = name.strip()
        edition.starts_on, edition.ends_on = starts_on, ends_on
        edition.spacing_days = spacing_days
        edition.full_clean()
        edition.save(update_fields=EDITION_FIELDS)

    return _change(
        actor=actor, edition=edition, expected_version=expected_version, why=why, apply=apply
    )


# --- Learning lines ---------------------------------------------------------------------------


def line_create(
    *,
    actor: User,
    edition: Edition,
    expected_version: int,
    why: Why,
    title: str,
    description: str = "",
) -> DesignVersion:
    def apply() -> None:
        order = (edition.lines.aggregate(m=Max("order"))["m"] or 0) + 1
        line = LearningLine(
            edition=edition, title=title.strip(), description=description, order=order
        )
        line.full_clean()
        line.save()

    return _change(
        actor=actor, edition=edition, expected_version=expected_version, why=why, apply=apply
    )


def line_update(
    *,
    actor: User,
    line: LearningLine,
    expected_version: int,
    why: Why,
    title: str,
    description: str = "",
) -> DesignVersion:
    def apply() -> None:
        line.title, line.description = title.strip(), description
        line.full_clean()
        line.save(update_fields=["title", "description"])

    return _change(
        actor=actor, edition=line.edition, expected_version=expected_version, why=why, apply=apply
    )


def line_delete(
    *, actor: User, line: LearningLine, expected_version: int, why: Why
) -> DesignVersion:
    """Take a learning line out of the design, with its components, unless sessions were
    planned from them (those stay in the cohorts' calendars)."""

    def apply() -> None:
        if Component.objects.filter(line=line, sessions__isnull=False).exists():
            raise ValidationError(
                _("Sessions have been planned from this line's components; move them first.")
            )
        line.delete()

    return _change(
        actor=actor, edition=line.edition, expected_version=expected_version, why=why, apply=apply
    )


# --- Components -------------------------------------------------------------------------------

COMPONENT_FIELDS = [
    "title",
    "work_form",
    "custom_work_form",
    "length",
    "hours",
    "week",
    "week_until",
    "description",
]


def _component_fields(
    component: Component,
    *,
    title: str,
    work_form: str,
    length: str,
    week: int,
    custom_work_form: str = "",
    hours: Decimal | None = None,
    week_until: int | None = None,
    description: str = "",
) -> None:
    component.title = title.strip()
    component.work_form = work_form
    component.custom_work_form = (
        custom_work_form.strip() if work_form == Component.WorkForm.CUSTOM else ""
    )
    component.length = length
    component.hours = hours if length == Component.Length.HOURS else None
    component.week = week
    component.week_until = week_until if week_until != week else None
    component.description = description
    errors: dict[str, str] = {}
    if work_form == Component.WorkForm.CUSTOM and not component.custom_work_form:
        errors["custom_work_form"] = _("Name the work form.")
    if length == Component.Length.HOURS and not hours:
        errors["hours"] = _("Give the number of hours.")
    if week_until is not None and week_until < week:
        errors["week_until"] = _("The window ends before it starts.")
    if errors:
        raise ValidationError(errors)
    component.full_clean(exclude=["line"])


def component_create(
    *,
    actor: User,
    line: LearningLine,
    expected_version: int,
    why: Why,
    materials: list[LibraryItem] | None = None,
    **fields: Any,
) -> DesignVersion:
    def apply() -> None:
        component = Component(line=line)
        _component_fields(component, **fields)
        # In its place in time: before the first component of the line that comes later.
        siblings = list(line.components.order_by("order", "pk"))
        place = next((i for i, c in enumerate(siblings) if c.week > component.week), len(siblings))
        siblings.insert(place, component)
        component.order = place + 1
        component.save()
        for order, sibling in enumerate(siblings, start=1):
            if sibling.pk != component.pk and sibling.order != order:
                sibling.order = order
                sibling.save(update_fields=["order"])
        component.materials.set(materials or [])

    return _change(
        actor=actor, edition=line.edition, expected_version=expected_version, why=why, apply=apply
    )


def component_update(
    *,
    actor: User,
    component: Component,
    expected_version: int,
    why: Why,
    materials: list[LibraryItem] | None = None,
    line: LearningLine | None = None,
    **fields: Any,
) -> DesignVersion:
    edition = component.line.edition

    def apply() -> None:
        update = list(COMPONENT_FIELDS)
        if line is not None and line.pk != component.line_id:
            if line.edition_id != edition.pk:
                raise ValidationError({"line": _("Choose a learning line of this edition.")})
            component.line = line
            component.order = (line.components.aggregate(m=Max("order"))["m"] or 0) + 1
            update += ["line", "order"]
        _component_fields(component, **fields)
        component.save(update_fields=update)
        if materials is not None:
            component.materials.set(materials)

    return _change(
        actor=actor, edition=edition, expected_version=expected_version, why=why, apply=apply
    )


def component_delete(
    *, actor: User, component: Component, expected_version: int, why: Why
) -> DesignVersion:
    def apply() -> None:
        if component.sessions.exists():
            raise ValidationError(
                _("Sessions have been planned from this component; it stays in the design.")
            )
        component.delete()

    return _change(
        actor=actor,
        edition=component.line.edition,
        expected_version=expected_version,
        why=why,
        apply=apply,
    )


def _one_place(siblings: list[Any], moved: Any, *, up: bool, at_end: str) -> None:
    """Move ``moved`` one place earlier or later among ``siblings`` (in their order) and
    number them again from 1."""
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == moved.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        raise ValidationError(at_end)
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for order, sibling in enumerate(siblings, start=1):
        if sibling.order != order:
            sibling.order = order
            sibling.save(update_fields=["order"])


def component_move(
    *, actor: User, component: Component, expected_version: int, why: Why, up: bool
) -> DesignVersion:
    """One place earlier or later within its learning line."""

    def apply() -> None:
        _one_place(
            list(component.line.components.order_by("order", "pk")),
            component,
            up=up,
            at_end=_("This component is already at that end of its line."),
        )

    return _change(
        actor=actor,
        edition=component.line.edition,
        expected_version=expected_version,
        why=why,
        apply=apply,
    )


def line_move(
    *, actor: User, line: LearningLine, expected_version: int, why: Why, up: bool
) -> DesignVersion:
    """One place earlier or later among the design's learning lines."""

    def apply() -> None:
        _one_place(
            list(line.edition.lines.order_by("order", "pk")),
            line,
            up=up,
            at_end=_("This learning line is already at that end of the design."),
        )

    return _change(
        actor=actor, edition=line.edition, expected_version=expected_version, why=why, apply=apply
    )


def staff_add(
    *,
    actor: User,
    component: Component,
    expected_version: int,
    why: Why,
    kind: str,
    person: User | None = None,
    note: str = "",
) -> DesignVersion:
    """Staff a component with a person, or with a role still to be filled (a guest teacher not
    yet found: no person, a note)."""

    def apply() -> None:
        if person is None and not note.strip():
            raise ValidationError({"note": _("Choose a person, or say who is still to be found.")})
        if person is not None and component.staff.filter(person=person, kind=kind).exists():
            raise ValidationError({"person": _("This person already has this place.")})
        ComponentStaff.objects.create(
            component=component, kind=kind, person=person, note=note.strip()
        )

    return _change(
        actor=actor,
        edition=component.line.edition,
        expected_version=expected_version,
        why=why,
        apply=apply,
    )


def staff_remove(
    *, actor: User, staff: ComponentStaff, expected_version: int, why: Why
) -> DesignVersion:
    return _change(
        actor=actor,
        edition=staff.component.line.edition,
        expected_version=expected_version,
        why=why,
        apply=staff.delete,
    )


# --- Observations and change proposals --------------------------------------------------------


def observation_create(
    *,
    actor: User,
    edition: Edition,
    kind: str,
    text: str,
    component: Component | None = None,
) -> Observation:
    """What a facilitator or teacher noticed in an edition, optionally about one component."""
    access.require(actor, access.DesignAction.OBSERVE, edition)
    if component is not None and component.line.edition_id != edition.pk:
        raise ValidationError({"component": _("Choose a component of this edition.")})
    with transaction.atomic():
        observation = Observation(
            edition=edition,
            component=component,
            component_key=component.key if component else None,
            kind=kind,
            text=text.strip(),
            author=actor,
        )
        observation.full_clean()
        observation.save()
        audit_record(actor=actor, action="design.observation", obj=observation)
    return observation


def proposal_create(
    *, actor: User, edition: Edition, text: str, observations: list[Observation]
) -> ChangeProposal:
    """A change the programme manager proposes, from observations of this edition (or of the
    one it was copied from)."""
    access.require(actor, access.DesignAction.CHANGE, edition)
    allowed = {edition.pk, edition.copied_from_id}
    if any(o.edition_id not in allowed for o in observations):
        raise ValidationError({"observations": _("Choose observations of this edition.")})
    with transaction.atomic():
        proposal = ChangeProposal(edition=edition, text=text.strip(), created_by=actor)
        proposal.full_clean()
        proposal.save()
        proposal.observations.set(observations)
        audit_record(actor=actor, action="design.proposal_create", obj=proposal)
    return proposal


def proposal_decline(
    *, actor: User, proposal: ChangeProposal, expected_version: int, decision_note: str
) -> ChangeProposal:
    """Decline a proposal, saying why; it stays readable with its observations."""
    access.require(actor, access.Action.DECIDE, proposal)
    if proposal.status != ChangeProposal.Status.OPEN:
        raise ValidationError(_("This proposal has already been decided."))
    with transaction.atomic():
        proposal.status = ChangeProposal.Status.DECLINED
        proposal.decision_note = decision_note.strip()
        save_versioned(
            proposal, expected_version=expected_version, fields=["status", "decision_note"]
        )
        audit_record(
            actor=actor,
            action="design.proposal_decline",
            obj=proposal,
            detail={"reason": proposal.decision_note},
        )
    return proposal
