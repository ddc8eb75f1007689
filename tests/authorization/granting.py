"""Granting roles, persona by persona: who may give which role where, through the invitation
form and the role forms of a programme and a group. Each entry posts one grant and says, for
every persona, the outcome of the request and whether the role was granted in the end.

The rule: nobody grants a role they may not assign directly. A programme's manager staffs the
whole programme; a group's facilitator invites participants, teachers and guest teachers into
their own group and makes a colleague from their own organisation co-facilitator there; only a
platform admin grants organisation-wide roles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from kring.invitations.models import Invitation
from kring.programmes.models import Role, RoleAssignment
from tests.authorization.common import (
    FORBIDDEN,
    GROUP_A_VIEWERS,
    NOT_FOUND,
    OK,
    REDIRECT,
    TRAJECTORY_VIEWERS,
    group_page,
    outcomes,
)
from tests.conftest import World

INVITERS = ["admin", "programme_manager", "facilitator_a", "facilitator_b"]
NEW_ADDRESS = "nieuw@example.org"


@dataclass
class Grant:
    url: Callable[[World], str]
    data: Callable[[World], dict[str, object]]
    held: Callable[[World], bool]
    expect: dict[str, str]
    granted: list[str]


def _invitation(programme: str | None, group: str | None, role: str):
    def data(world: World) -> dict[str, object]:
        sent: dict[str, object] = {
            "full_name": "Nieuwe Collega",
            "email": NEW_ADDRESS,
            "language": "nl",
            "role": role,
        }
        if programme:
            sent["programme"] = getattr(world, programme).pk
        if group:
            sent["group"] = getattr(world, group).pk
        return sent

    return data


def _invited(role: str) -> Callable[[World], bool]:
    return lambda w: Invitation.objects.filter(email=NEW_ADDRESS, role=role).exists()


def _held(email: str, role: str, group: bool) -> Callable[[World], bool]:
    def check(world: World) -> bool:
        held = RoleAssignment.objects.filter(person__email=email, role=role)
        if group:
            return held.filter(group=world.group_a).exists()
        return held.filter(programme=world.trajectory, group__isnull=True).exists()

    return check


def _invite(**results: str) -> dict[str, str]:
    """Non-inviters are refused the form; the inviters' outcomes are given."""
    return outcomes(FORBIDDEN, **results)


def _in_group_a(ok: str, **results: str) -> dict[str, str]:
    result = outcomes(NOT_FOUND)
    result.update(dict.fromkeys(GROUP_A_VIEWERS, FORBIDDEN))
    result.update(dict.fromkeys(["admin", "programme_manager", "facilitator_a"], ok))
    result.update(results)
    return group_page(result)


def _in_trajectory() -> dict[str, str]:
    result = outcomes(NOT_FOUND)
    result.update(dict.fromkeys(TRAJECTORY_VIEWERS, FORBIDDEN))
    result.update(dict.fromkeys(["admin", "programme_manager"], REDIRECT))
    return result


INVITATION_URL = lambda w: reverse("invitations:invitation_create")  # noqa: E731
GROUP_A_ADD = lambda w: reverse("invitations:group_person_add", args=[w.group_a.pk])  # noqa: E731
TRAJECTORY_ADD = lambda w: reverse(  # noqa: E731
    "invitations:programme_person_add", args=[w.trajectory.pk]
)
REFUSED = "400"

GRANTS: dict[str, Grant] = {
    "invite a programme manager of the trajectory": Grant(
        INVITATION_URL,
        _invitation("trajectory", None, Role.PROGRAMME_MANAGER),
        _invited(Role.PROGRAMME_MANAGER),
        _invite(admin=REDIRECT, programme_manager=REDIRECT, facilitator_a=OK, facilitator_b=OK),
        ["admin", "programme_manager"],
    ),
    "invite a facilitator for the whole trajectory": Grant(
        INVITATION_URL,
        _invitation("trajectory", None, Role.FACILITATOR),
        _invited(Role.FACILITATOR),
        _invite(admin=REDIRECT, programme_manager=REDIRECT, facilitator_a=OK, facilitator_b=OK),
        ["admin", "programme_manager"],
    ),
    "invite a facilitator into group A": Grant(
        INVITATION_URL,
        _invitation("trajectory", "group_a", Role.FACILITATOR),
        _invited(Role.FACILITATOR),
        _invite(admin=REDIRECT, programme_manager=REDIRECT, facilitator_a=OK, facilitator_b=OK),
        ["admin", "programme_manager"],
    ),
    "invite a participant into group A": Grant(
        INVITATION_URL,
        _invitation("trajectory", "group_a", Role.PARTICIPANT),
        _invited(Role.PARTICIPANT),
        _invite(
            admin=REDIRECT, programme_manager=REDIRECT, facilitator_a=REDIRECT, facilitator_b=OK
        ),
        ["admin", "programme_manager", "facilitator_a"],
    ),
    "invite someone as support staff of the whole organisation": Grant(
        INVITATION_URL,
        _invitation(None, None, Role.SUPPORT_STAFF),
        _invited(Role.SUPPORT_STAFF),
        _invite(admin=REDIRECT, programme_manager=OK, facilitator_a=OK, facilitator_b=OK),
        ["admin"],
    ),
    "make a colleague co-facilitator of group A": Grant(
        GROUP_A_ADD,
        lambda w: {"person": w.teacher.pk, "role": Role.FACILITATOR},
        _held("teacher@example.org", Role.FACILITATOR, group=True),
        _in_group_a(REDIRECT),
        ["admin", "programme_manager", "facilitator_a"],
    ),
    "make someone of another organisation facilitator of group A": Grant(
        GROUP_A_ADD,
        lambda w: {"person": w.outsider.pk, "role": Role.FACILITATOR},
        _held("outsider@example.org", Role.FACILITATOR, group=True),
        _in_group_a(REDIRECT, facilitator_a=REFUSED),
        ["admin", "programme_manager"],
    ),
    "make someone programme manager of the trajectory": Grant(
        TRAJECTORY_ADD,
        lambda w: {"person": w.teacher.pk, "role": Role.PROGRAMME_MANAGER},
        _held("teacher@example.org", Role.PROGRAMME_MANAGER, group=False),
        _in_trajectory(),
        ["admin", "programme_manager"],
    ),
    "make someone facilitator of the whole trajectory": Grant(
        TRAJECTORY_ADD,
        lambda w: {"person": w.teacher.pk, "role": Role.FACILITATOR},
        _held("teacher@example.org", Role.FACILITATOR, group=False),
        _in_trajectory(),
        ["admin", "programme_manager"],
    ),
    "invite a new address as facilitator of group A on the add-person page": Grant(
        GROUP_A_ADD,
        lambda w: {
            "email": NEW_ADDRESS,
            "full_name": "Nieuwe Collega",
            "language": "nl",
            "role": Role.FACILITATOR,
        },  # fmt: skip
        _invited(Role.FACILITATOR),
        _in_group_a(REDIRECT, facilitator_a=REFUSED),
        ["admin", "programme_manager"],
    ),
    "invite a new address as participant of group A on the add-person page": Grant(
        GROUP_A_ADD,
        lambda w: {
            "email": NEW_ADDRESS,
            "full_name": "Nieuwe Collega",
            "language": "nl",
            "role": Role.PARTICIPANT,
        },  # fmt: skip
        _invited(Role.PARTICIPANT),
        _in_group_a(REDIRECT),
        ["admin", "programme_manager", "facilitator_a"],
    ),
}
