"""Authorization entries for forming learning groups from a pool.

The pool's staff are the trajectory's programme manager (and facilitators named for the whole
trajectory, who are not among the personas) and platform admins: they manage the pool, see
every entry and form the groups. The colleagues of the client organisation (participant_a and
_b, the client contact, the team leader) may open an open pool and sign up; they are refused
(403) on the staff's pages and see no one's entry but their own (404). The facilitators of one
group (facilitator_a, facilitator_b), the teacher (provider staff) and the outsider do not see
the pool at all (404); they may open the programme, so starting a pool is refused (403).
"""

from __future__ import annotations

from django.urls import reverse

from kring.formation.compose import instance_build
from kring.formation.models import FormationRun, PairRule, Pool, PoolEntry
from tests.authorization.common import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Entry, outcomes
from tests.conftest import World
from tests.factories import UserFactory

STAFF = ["admin", "programme_manager"]
GROUP_FACILITATORS = ["facilitator_a", "facilitator_b"]
COLLEAGUES = ["participant_a", "participant_b", "client_contact", "team_leader"]


def _pool(world: World) -> Pool:
    pool, created = Pool.objects.get_or_create(
        programme=world.trajectory, name="Leergroepen", defaults={"status": Pool.Status.OPEN}
    )
    if created:
        for person in (
            world.participant_a,
            *[UserFactory(organisation=world.client) for _ in range(3)],
        ):
            PoolEntry.objects.create(
                pool=pool,
                person=person,
                task="beleidsadvies",
                work_context="Ministerie / DG Wonen",
                status=PoolEntry.Status.SIGNED_UP,
            )
    return pool


def _run(world: World) -> FormationRun:
    pool = _pool(world)
    instance, snapshot = instance_build(pool)
    groups = [[p["id"] for p in instance["people"]]]
    return FormationRun.objects.create(
        pool=pool,
        number=1,
        status=FormationRun.Status.PROPOSED,
        instance=instance,
        limits=snapshot,
        groups=groups,
        engine_groups=groups,
        engine_score=0.5,
    )


def _pool_url(name: str):
    return lambda w: reverse(f"formation:{name}", args=[_pool(w).pk])


def _run_url(name: str):
    return lambda w: reverse(f"formation:{name}", args=[_run(w).pk])


def _entry_url(name: str):
    def build(world: World) -> str:
        own = PoolEntry.objects.get(pool=_pool(world), person=world.participant_a)
        return reverse(f"formation:{name}", args=[own.pk])

    return build


def _pair_remove(world: World) -> str:
    pool = _pool(world)
    first, second = [e.person for e in pool.entries.order_by("pk")[:2]]
    rule = PairRule.objects.create(
        pool=pool, kind=PairRule.Kind.TOGETHER, first=first, second=second
    )
    return reverse("formation:pair_remove", args=[rule.pk])


def staff_pages(ok: str = OK) -> dict[str, str]:
    """The staff succeed, the colleagues who see the pool are refused, the rest see nothing."""
    result = outcomes(NOT_FOUND)
    for persona in COLLEAGUES:
        result[persona] = FORBIDDEN
    for persona in STAFF:
        result[persona] = ok
    return result


def staff_objects(ok: str = OK) -> dict[str, str]:
    """Runs and pairing rules exist for the staff alone."""
    result = outcomes(NOT_FOUND)
    for persona in STAFF:
        result[persona] = ok
    return result


ENTRIES: dict[str, Entry] = {
    "formation:pool_create": Entry(
        lambda w: reverse("formation:pool_create", args=[w.trajectory.pk]),
        {**staff_pages(), **dict.fromkeys(["teacher", *GROUP_FACILITATORS], FORBIDDEN)},
    ),
    "formation:pool": Entry(
        _pool_url("pool"),
        outcomes(NOT_FOUND, **dict.fromkeys(STAFF + COLLEAGUES, OK)),
    ),
    "formation:pool_edit": Entry(_pool_url("pool_edit"), staff_pages()),
    "formation:sign_up": Entry(
        _pool_url("sign_up"),
        outcomes(NOT_FOUND, **dict.fromkeys(STAFF, FORBIDDEN), **dict.fromkeys(COLLEAGUES, OK)),
    ),
    "formation:withdraw": Entry(
        _pool_url("withdraw"),
        outcomes(NOT_FOUND, **dict.fromkeys(STAFF + COLLEAGUES, REDIRECT)),
        "post",
    ),
    "formation:entry_add": Entry(_pool_url("entry_add"), staff_pages()),
    # Posted empty: the staff get the pool's page back with what to fill in.
    "formation:pair_add": Entry(_pool_url("pair_add"), staff_pages(ok="400"), "post"),
    "formation:pair_people": Entry(_pool_url("pair_people"), staff_pages()),
    "formation:form_groups": Entry(_pool_url("form_groups"), staff_pages()),
    "formation:sizes_preview": Entry(_pool_url("sizes_preview"), staff_pages()),
    "formation:entry_edit": Entry(
        _entry_url("entry_edit"),
        outcomes(NOT_FOUND, **dict.fromkeys(STAFF, OK), participant_a=REDIRECT),
    ),
    "formation:entry_remove": Entry(
        _entry_url("entry_remove"),
        outcomes(NOT_FOUND, **dict.fromkeys(STAFF, REDIRECT), participant_a=FORBIDDEN),
        "post",
    ),
    "formation:pair_remove": Entry(_pair_remove, staff_objects(ok=REDIRECT), "post"),
    "formation:run": Entry(_run_url("run"), staff_objects()),
    "formation:run_move": Entry(_run_url("run_move"), staff_objects(ok=REDIRECT), "post"),
    "formation:run_swap": Entry(_run_url("run_swap"), staff_objects(ok=REDIRECT), "post"),
    "formation:run_reset": Entry(_run_url("run_reset"), staff_objects(ok=REDIRECT), "post"),
    "formation:run_accept": Entry(_run_url("run_accept"), staff_objects()),
}
