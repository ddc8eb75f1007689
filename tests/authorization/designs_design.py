"""Authorization entries for programme designs (D1, D3). The programme manager (and a platform
admin) changes the design; the programme's facilitators and teachers read it and record
observations; participants, the client contact and the team leader see the programme but not
its design (403 with a reason); outsiders do not see it at all (404)."""

from __future__ import annotations

from django.urls import reverse

from kring.designs.models import ChangeProposal, Component, ComponentStaff, Edition, LearningLine
from tests.authorization.common import FORBIDDEN, NOT_FOUND, OK, Entry, outcomes
from tests.conftest import World

DESIGNERS = ["admin", "programme_manager"]
READERS = ["facilitator_a", "facilitator_b", "teacher"]
SEE_PROGRAMME_ONLY = ["participant_a", "participant_b", "client_contact", "team_leader"]


def _expect(designers: str, readers: str) -> dict[str, str]:
    result = outcomes(NOT_FOUND)
    for persona in SEE_PROGRAMME_ONLY:
        result[persona] = FORBIDDEN
    for persona in READERS:
        result[persona] = readers
    for persona in DESIGNERS:
        result[persona] = designers
    return result


READ = _expect(OK, OK)
CHANGE = _expect(OK, FORBIDDEN)


def _edition(world: World) -> Edition:
    edition, _created = Edition.objects.get_or_create(programme=world.trajectory, number=1)
    return edition


def _line(world: World) -> LearningLine:
    line, _created = LearningLine.objects.get_or_create(edition=_edition(world), title="Leerlijn")
    return line


def _component(world: World) -> Component:
    component, _created = Component.objects.get_or_create(
        line=_line(world), title="Gastcollege", work_form="guest_lecture", length="day", week=3
    )
    return component


def _staff(world: World) -> int:
    return ComponentStaff.objects.create(
        component=_component(world), kind="guest_teacher", note="nog te vinden"
    ).pk


def _proposal(world: World) -> int:
    return ChangeProposal.objects.create(edition=_edition(world), text="Later").pk


def url(name: str, target) -> callable:
    return lambda w: reverse(f"designs_design:{name}", args=[target(w)])


EDITION = lambda w: _edition(w).pk  # noqa: E731
LINE = lambda w: _line(w).pk  # noqa: E731
COMPONENT = lambda w: _component(w).pk  # noqa: E731
PROGRAMME = lambda w: w.trajectory.pk  # noqa: E731

ENTRIES = {
    "designs_design:editions": Entry(url=url("editions", PROGRAMME), expect=READ),
    "designs_design:edition_create": Entry(url=url("edition_create", PROGRAMME), expect=CHANGE),
    "designs_design:compare": Entry(url=url("compare", PROGRAMME), expect=READ),
    "designs_design:edition": Entry(url=url("edition", EDITION), expect=READ),
    "designs_design:edition_edit": Entry(url=url("edition_edit", EDITION), expect=CHANGE),
    "designs_design:line_create": Entry(url=url("line_create", EDITION), expect=CHANGE),
    "designs_design:versions": Entry(url=url("versions", EDITION), expect=READ),
    "designs_design:observations": Entry(url=url("observations", EDITION), expect=READ),
    "designs_design:proposal_create": Entry(url=url("proposal_create", EDITION), expect=CHANGE),
    "designs_design:line_edit": Entry(url=url("line_edit", LINE), expect=CHANGE),
    "designs_design:line_delete": Entry(url=url("line_delete", LINE), expect=CHANGE),
    "designs_design:line_move": Entry(url=url("line_move", LINE), expect=CHANGE),
    "designs_design:component_create": Entry(url=url("component_create", LINE), expect=CHANGE),
    "designs_design:component": Entry(url=url("component", COMPONENT), expect=READ),
    "designs_design:component_edit": Entry(url=url("component_edit", COMPONENT), expect=CHANGE),
    "designs_design:component_delete": Entry(url=url("component_delete", COMPONENT), expect=CHANGE),
    "designs_design:component_move": Entry(url=url("component_move", COMPONENT), expect=CHANGE),
    "designs_design:staff_add": Entry(url=url("staff_add", COMPONENT), expect=CHANGE),
    "designs_design:staff_remove": Entry(url=url("staff_remove", _staff), expect=CHANGE),
    "designs_design:proposal_decline": Entry(url=url("proposal_decline", _proposal), expect=CHANGE),
}
