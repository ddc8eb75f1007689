"""Authorization entries for planning. The programme manager (and a platform admin) plans all
of a programme's groups, a facilitator their own; everyone else who sees the programme is
refused (403), and a proposal or re-plan suggestion for group A is not even visible (404) to
anyone who may not plan group A."""

from __future__ import annotations

from django.urls import reverse

from kring.planning.models import Plan, ReplanSuggestion
from tests.authorization.common import (
    FORBIDDEN,
    GROUP_A_MANAGERS,
    NOT_FOUND,
    OK,
    REDIRECT,
    TRAJECTORY_VIEWERS,
    Entry,
    outcomes,
)
from tests.conftest import World


def _plan(world: World) -> Plan:
    plan = Plan.objects.create(
        programme=world.trajectory,
        weeks=52,
        meetings=6,
        min_gap_weeks=6,
        max_gap_weeks=8,
        target_gap_weeks=7,
        first_within_weeks=4,
        created_by=world.programme_manager,
    )
    plan.groups.set([world.group_a])
    return plan


def _suggestion(world: World) -> ReplanSuggestion:
    return ReplanSuggestion.objects.create(
        group=world.group_a, reasons=[{"key": "availability:1", "kind": "availability"}]
    )


def _plan_url(name: str):
    return lambda w: reverse(f"planning:{name}", args=[_plan(w).pk])


def _suggestion_url(name: str):
    return lambda w: reverse(f"planning:{name}", args=[_suggestion(w).pk])


PROGRAMME_PLANNERS = ["admin", "programme_manager", "facilitator_a", "facilitator_b"]


def _programme_page() -> dict[str, str]:
    result = outcomes(NOT_FOUND)
    for persona in TRAJECTORY_VIEWERS:
        result[persona] = FORBIDDEN
    for persona in PROGRAMME_PLANNERS:
        result[persona] = OK
    return result


def _group_a_planners(ok: str) -> dict[str, str]:
    result = outcomes(NOT_FOUND)
    for persona in GROUP_A_MANAGERS:
        result[persona] = ok
    return result


ENTRIES: dict[str, Entry] = {
    "planning:programme": Entry(
        lambda w: reverse("planning:programme", args=[w.trajectory.pk]), _programme_page()
    ),
    "planning:plan": Entry(_plan_url("plan"), _group_a_planners(OK)),
    "planning:plan_accept": Entry(_plan_url("plan_accept"), _group_a_planners(REDIRECT), "post"),
    "planning:plan_discard": Entry(_plan_url("plan_discard"), _group_a_planners(REDIRECT), "post"),
    "planning:suggestion_replan": Entry(
        _suggestion_url("suggestion_replan"), _group_a_planners(REDIRECT), "post"
    ),
    "planning:suggestion_dismiss": Entry(
        _suggestion_url("suggestion_dismiss"), _group_a_planners(REDIRECT), "post"
    ),
}
