"""Authorization entries for rooms. An organisation's rooms are kept by its organisation-wide
programme managers (and support staff) and platform admins. Colleagues who see the
organisation are refused (403); people of other organisations do not see its rooms (404)."""

from __future__ import annotations

from django.urls import reverse

from kring.rooms.models import Room
from tests.authorization.common import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Entry, outcomes
from tests.conftest import World

ROOM_KEEPERS = ["admin", "programme_manager"]
PROVIDER_COLLEAGUES = ["facilitator_a", "facilitator_b", "teacher"]


def _room(world: World) -> int:
    return Room.objects.create(organisation=world.provider, name="Zaal 1", capacity=8).pk


def _keepers(ok: str, colleagues: str, others: str) -> dict[str, str]:
    result = outcomes(others)
    for persona in PROVIDER_COLLEAGUES:
        result[persona] = colleagues
    for persona in ROOM_KEEPERS:
        result[persona] = ok
    return result


ENTRIES = {
    "rooms:home": Entry(
        url=lambda w: reverse("rooms:home"), expect=_keepers(REDIRECT, FORBIDDEN, FORBIDDEN)
    ),
    "rooms:list": Entry(
        url=lambda w: reverse("rooms:list", args=[w.provider.pk]),
        expect=_keepers(OK, FORBIDDEN, NOT_FOUND),
    ),
    "rooms:edit": Entry(
        url=lambda w: reverse("rooms:edit", args=[_room(w)]),
        expect=_keepers(OK, NOT_FOUND, NOT_FOUND),
    ),
    "rooms:archive": Entry(
        url=lambda w: reverse("rooms:archive", args=[_room(w)]),
        method="post",
        expect=_keepers(REDIRECT, NOT_FOUND, NOT_FOUND),
    ),
}
