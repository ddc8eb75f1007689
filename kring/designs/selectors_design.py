"""Reads about a programme's design: editions, the design itself, its versions in words, and
the observations behind its changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, Prefetch, Q, QuerySet, When
from django.utils.translation import gettext_lazy as _

from kring.designs.models import (
    ChangeProposal,
    Component,
    ComponentStaff,
    DesignVersion,
    Edition,
    LearningLine,
    Observation,
    Session,
)
from kring.engines.design import PHRASES, Change, Warning, design_warnings, diff_designs, in_words
from kring.programmes.models import Programme

# The sentences of the design diff, in the reader's language (keys as in the engine's PHRASES).
DESIGN_PHRASES = {
    "spacing_changed": _("Days between sessions at least: %(new)s instead of %(old)s"),
    "lines_reordered": _("The learning lines are in another order"),
    "line_added": _("Learning line “%(line)s” added"),
    "line_removed": _("Learning line “%(line)s” removed"),
    "line_renamed": _("Learning line “%(old)s” renamed to “%(new)s”"),
    "line_described": _("Description of learning line “%(line)s” changed"),
    "components_reordered": _("Components of learning line “%(line)s” are in another order"),
    "component_added": _("%(form)s “%(title)s” added to “%(line)s”, %(when)s"),
    "component_removed": _("%(form)s “%(title)s” removed from “%(line)s”"),
    "component_renamed": _("%(form)s “%(old)s” renamed to “%(new)s”"),
    "component_moved": _("%(form)s “%(title)s” moved from %(old)s to %(new)s"),
    "component_line": _("%(form)s “%(title)s” moved from learning line “%(old)s” to “%(new)s”"),
    "component_work_form": _("“%(title)s”: work form %(new)s instead of %(old)s"),
    "component_length": _("%(form)s “%(title)s” now takes %(new)s instead of %(old)s"),
    "component_described": _("Description of %(form)s “%(title)s” changed"),
    "component_staff_added": _("%(who)s added to the staff of “%(title)s”"),
    "component_staff_removed": _("%(who)s no longer on the staff of “%(title)s”"),
    "component_material_added": _("Material “%(material)s” added to “%(title)s”"),
    "component_material_removed": _("Material “%(material)s” removed from “%(title)s”"),
    "component_runbook": _("Runbook of %(form)s “%(title)s” changed"),
    "when_week": _("week %(week)s"),
    "when_window": _("weeks %(week)s–%(until)s"),
    "length_hours": _("%(hours)s hours"),
    "staff_person": _("%(name)s (%(kind)s)"),
    "staff_open": _("%(kind)s still to be found (%(note)s)"),
    "staff_open_plain": _("%(kind)s still to be found"),
    "none": _("none"),
}
assert DESIGN_PHRASES.keys() == PHRASES.keys()


def design_labels() -> dict[str, str]:
    return {
        str(code): str(label)
        for choices in (
            Component.WorkForm.choices,
            Component.Length.choices,
            ComponentStaff.Kind.choices,
        )
        for code, label in choices
    }


def words(changes: Iterable[Change]) -> list[str]:
    return in_words(
        list(changes),
        phrases={key: str(value) for key, value in DESIGN_PHRASES.items()},
        labels=design_labels(),
    )


def change_words(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed from design ``old`` to ``new``, in sentences in the reader's language."""
    return words(diff_designs(old, new))


# --- Editions ---------------------------------------------------------------------------------


def programme_editions(programme: Programme) -> QuerySet[Edition]:
    return programme.editions.annotate(
        cohort_count=Count("cohorts", distinct=True),
        version_count=Count("versions", distinct=True),
        observation_count=Count("observations", distinct=True),
    ).order_by("-number")


def edition_lines(edition: Edition) -> QuerySet[LearningLine]:
    """The design of an edition, ready to show: lines with their components, staffing and
    materials."""
    return edition.lines.prefetch_related(
        Prefetch(
            "components",
            queryset=Component.objects.order_by("order", "pk").prefetch_related(
                Prefetch("staff", queryset=ComponentStaff.objects.select_related("person")),
                "materials",
            ),
        )
    ).order_by("order", "pk")


def latest_version(edition: Edition) -> DesignVersion | None:
    return edition.versions.order_by("-number").first()


def unbriefed_guest_lectures(edition: Edition) -> dict[str, int]:
    """Per guest-lecture component: its planned sessions without a briefing note yet."""
    rows = (
        Session.objects.filter(
            component__line__edition=edition,
            component__work_form=Component.WorkForm.GUEST_LECTURE,
            status=Session.Status.PLANNED,
            briefing_note__isnull=True,
        )
        .values("component__key")
        .annotate(n=Count("pk"))
    )
    return {str(row["component__key"]): row["n"] for row in rows}


def warnings(edition: Edition, snapshot: dict[str, Any]) -> list[Warning]:
    return design_warnings(snapshot, unbriefed=unbriefed_guest_lectures(edition))


# --- Versions ---------------------------------------------------------------------------------


def previous_version(version: DesignVersion) -> DesignVersion | None:
    """The version before ``version``: in its edition, or for an edition's first version the
    last version of the edition it was copied from."""
    before = (
        DesignVersion.objects.filter(edition_id=version.edition_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    if before is None and version.edition.copied_from_id:
        before = (
            DesignVersion.objects.filter(edition_id=version.edition.copied_from_id)
            .order_by("-number")
            .first()
        )
    return before


@dataclass
class VersionRow:
    version: DesignVersion
    words: list[str] = field(default_factory=list)


def edition_versions(edition: Edition) -> list[VersionRow]:
    """Every version of an edition, newest first, each with what changed in words."""
    versions = list(
        edition.versions.select_related("created_by", "proposal")
        .prefetch_related("observations__author")
        .order_by("number")
    )
    rows: list[VersionRow] = []
    # A first version without a parent edition begins the design: its summary says so.
    before: dict[str, Any] | None = None
    if versions and versions[0].number == 1 and edition.copied_from_id:
        first_parent = (
            DesignVersion.objects.filter(edition_id=edition.copied_from_id)
            .order_by("-number")
            .first()
        )
        before = first_parent.snapshot if first_parent else None
    for version in versions:
        found = change_words(before, version.snapshot) if before is not None else []
        rows.append(VersionRow(version, found))
        before = version.snapshot
    rows.reverse()
    return rows


def programme_versions(programme: Programme) -> QuerySet[DesignVersion]:
    """Every version of every edition, for choosing two to compare."""
    return (
        DesignVersion.objects.filter(edition__programme=programme)
        .select_related("edition", "created_by")
        .order_by("-edition__number", "-number")
    )


def default_comparison(programme: Programme) -> tuple[DesignVersion, DesignVersion] | None:
    """What to compare first: the newest version with the last one of the edition before it
    (what changed between editions), or within one edition the two newest."""
    newest = programme_versions(programme).first()
    if newest is None:
        return None
    copied_from = newest.edition.copied_from_id
    if copied_from:
        before = DesignVersion.objects.filter(edition_id=copied_from).order_by("-number").first()
    else:
        before = previous_version(newest)
    return (before, newest) if before else None


def component_history(component: Component) -> list[dict[str, Any]]:
    """The versions, across the programme's editions, that changed this component (matched by
    its lasting key), each with why and the observations behind it; oldest first."""
    key = str(component.key)
    programme_id = component.line.edition.programme_id
    versions = list(
        DesignVersion.objects.filter(edition__programme_id=programme_id)
        .select_related("edition", "created_by", "proposal")
        .prefetch_related("observations__author", "observations__edition")
        .order_by("edition__number", "number")
    )
    history: list[dict[str, Any]] = []
    before: dict[str, Any] = {}
    for version in versions:
        changes = [c for c in diff_designs(before, version.snapshot) if c.component_key == key]
        before = version.snapshot
        if changes:
            history.append({"version": version, "words": words(changes)})
    return history


def component_observations(component: Component) -> QuerySet[Observation]:
    """Observations about this component in any edition of its programme."""
    return (
        Observation.objects.filter(
            edition__programme_id=component.line.edition.programme_id,
            component_key=component.key,
        )
        .select_related("author", "edition")
        .order_by("-created_at")
    )


# --- Observations and proposals ---------------------------------------------------------------


def edition_observations(edition: Edition) -> QuerySet[Observation]:
    return (
        edition.observations.select_related("author", "component")
        .prefetch_related("proposals", "versions__edition")
        .order_by("-created_at")
    )


def linkable_observations(edition: Edition) -> QuerySet[Observation]:
    """Observations a change of ``edition`` may answer: its own and its predecessor's."""
    return (
        Observation.objects.filter(Q(edition=edition) | Q(edition_id=edition.copied_from_id))
        .select_related("edition", "author")
        .order_by("-edition__number", "-created_at")
    )


def open_proposals(edition: Edition) -> QuerySet[ChangeProposal]:
    return (
        ChangeProposal.objects.filter(
            Q(edition=edition) | Q(edition_id=edition.copied_from_id),
            status=ChangeProposal.Status.OPEN,
        )
        .select_related("edition")
        .order_by("-created_at")
    )


def edition_proposals(edition: Edition) -> QuerySet[ChangeProposal]:
    return (
        ChangeProposal.objects.filter(edition=edition)
        .select_related("created_by")
        .prefetch_related("observations__author", "versions__edition")
        .annotate(open_first=Case(When(status=ChangeProposal.Status.OPEN, then=0), default=1))
        .order_by("open_first", "-created_at")
    )
