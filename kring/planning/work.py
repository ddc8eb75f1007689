"""Working out a proposal, in the background worker (``tasks.run_plan``): the selectors gather
groups and people, ``compose`` turns them into engine instances and reads the engine's answer
back as rows, and the plan shows its progress (started, solving since) to the page that polls
it. Any failure is recorded on the plan; no meeting is touched."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from kring.engines.scheduling import MalformedInstance, parse_instance, solve
from kring.planning import compose, selectors
from kring.planning.models import Plan

logger = logging.getLogger(__name__)


def plan_run(plan_id: int) -> Plan | None:
    """Build the engine instances, solve them and store the proposal with its preview. A plan
    that is no longer waiting (discarded, or taken by another worker) is left alone."""
    with transaction.atomic():
        plan = (
            Plan.objects.select_for_update().filter(pk=plan_id, status=Plan.Status.QUEUED).first()
        )
        if plan is None:
            return None
        plan.status = Plan.Status.RUNNING
        plan.started_at = timezone.now()
        plan.save(update_fields=["status", "started_at"])
    try:
        _work_out(plan)
    except Exception as error:
        logger.exception("Planning proposal %s failed", plan.pk)
        detail = str(error) if isinstance(error, MalformedInstance) else error.__class__.__name__
        Plan.objects.filter(pk=plan.pk).update(
            status=Plan.Status.FAILED, error=detail[:2000], finished_at=timezone.now()
        )
    plan.refresh_from_db()
    return plan


def _work_out(plan: Plan) -> None:
    zone = timezone.get_current_timezone()
    rules = plan.rules
    groups = list(plan.groups.select_related("programme").order_by("name"))
    titles: list[str] = []
    if plan.template is not None:
        titles = [m.title for m in plan.template.meetings.order_by("number")]
    inputs = selectors.planning_inputs(groups, weeks=rules.weeks, titles=titles)
    plan.solving_since = timezone.now()
    Plan.objects.filter(pk=plan.pk).update(solving_since=plan.solving_since)
    batches = compose.batches(inputs.groups, rules.meetings)
    seconds = max(0.5, plan.time_limit / max(1, len(batches)))
    taken: dict[str, set[compose.Pair]] = defaultdict(set)
    instances: list[dict[str, Any]] = []
    rows: list[compose.GroupRow] = []
    cost = 0.0
    for batch in batches:
        data = compose.compose_instance(
            groups=batch,
            people=inputs.people,
            horizon=inputs.horizon,
            rules=rules,
            meetings=batch[0].series_length(rules.meetings),
            move_penalty=plan.move_penalty,
            taken=taken,
            rooms=inputs.rooms,
            name=f"kring-plan-{plan.pk}",
        )
        instance = parse_instance(data)
        outcome = solve(instance, time_limit=seconds, seed=plan.pk)
        cost += outcome.cost
        for meeting in outcome.solution.meetings:
            if meeting.week >= inputs.horizon.now_week:
                for key in instance.group(meeting.group).persons:
                    taken[key].add((meeting.week, meeting.slot))
        rows += compose.read_solution(
            instance=instance,
            solution=outcome.solution,
            groups=batch,
            people=inputs.people,
            horizon=inputs.horizon,
            zone=zone,
        )
        instances.append(data)
    # The engine kept the number of meetings side by side within the rooms; which room each
    # one gets is decided over all batches at once, around the rooms' other meetings.
    compose.assign_rooms(rows, inputs.groups, inputs.rooms)
    rows.sort(key=lambda row: row.name)
    summary = compose.summarise(rows, rules.target_gap)
    summary.cost = cost
    result = compose.PlanResult(
        groups=rows,
        summary=summary,
        no_grid=sorted(p.name for p in inputs.people.values() if not p.grid_known),
        first_day=inputs.horizon.first_day,
        last_day=inputs.horizon.last_day,
    )
    Plan.objects.filter(pk=plan.pk, status=Plan.Status.RUNNING).update(
        status=Plan.Status.READY,
        instances=instances,
        result=result.to_json(),
        snapshot=inputs.snapshot,
        finished_at=timezone.now(),
    )
