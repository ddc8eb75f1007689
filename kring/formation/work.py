"""Forming groups in the background worker (``tasks.form_groups``): claim a queued run, let
the grouping engine search with its progress written on the run for the page that polls it,
check its grouping against the pool's rules, and store the proposal as ``compose`` reads it
back, or why no grouping exists. Any failure ends the run, so that the pool is never blocked."""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import Any

from django.db.models import F
from django.utils import timezone

from kring.formation import compose
from kring.formation.models import FormationRun

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.5  # seconds between progress writes during a run


class _ProgressWriter:
    """Stores the engine's progress on the run, at most twice a second, for the page that
    polls it."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.last = 0.0

    def __call__(self, phase: str, score: float) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_INTERVAL and phase == "improved":
            return
        self.last = now
        FormationRun.objects.filter(pk=self.run_id).update(
            phase=phase, best_score=score if score > 0 else None
        )


def run_execute(run_id: int) -> str:
    """Run the grouping engine for a queued run (in the background worker) and store the
    proposal, or the reason why no grouping exists. Returns the run's new status."""
    # Imported when a run starts: a web process that never runs the engine does not load it
    # (with numpy), and tests can stand in for its search.
    from kring.engines.grouping import Infeasible, build_problem, parse_instance
    from kring.engines.grouping.scoring import find_violations, score
    from kring.engines.grouping.search import solve

    claimed = FormationRun.objects.filter(pk=run_id, status=FormationRun.Status.QUEUED).update(
        status=FormationRun.Status.RUNNING, started_at=timezone.now(), phase="started"
    )
    run = FormationRun.objects.get(pk=run_id)
    if not claimed:
        return run.status
    try:
        problem = build_problem(parse_instance(run.instance))
        result = solve(
            problem, time_limit=run.time_limit, seed=run.seed, progress=_ProgressWriter(run_id)
        )
    except Infeasible as exc:
        if exc.reason is not None and exc.reason.code == "engine_fault":
            # The engine caught its own result breaking rules and could not mend it.
            broken: list[dict[str, Any]] = [
                {"kind": rule, "people": list(people)} for rule, people in exc.reason.rules
            ]
            return _fail_invalid(run_id, broken, str(exc))
        reason = dataclasses.asdict(exc.reason) if exc.reason else {"code": "unknown"}
        FormationRun.objects.filter(pk=run_id).update(
            status=FormationRun.Status.INFEASIBLE,
            reason=reason,
            message=str(exc),
            finished_at=timezone.now(),
        )
        return FormationRun.Status.INFEASIBLE
    except Exception as exc:  # any failure must end the run, or the pool stays blocked
        logger.exception("Formation run %s failed", run_id)
        FormationRun.objects.filter(pk=run_id).update(
            status=FormationRun.Status.FAILED, message=str(exc), finished_at=timezone.now()
        )
        return FormationRun.Status.FAILED
    violations = find_violations(problem, result.groups)
    if violations:
        # The engine certifies its own result; reaching this is a bug in it. A grouping that
        # breaks a rule is never offered to a facilitator as a proposal.
        broken = [
            {"kind": v.rule, "people": list(v.people), "group": v.group, "numbers": v.numbers}
            for v in violations
        ]
        return _fail_invalid(run_id, broken, "; ".join(v.message for v in violations))
    groups = compose.display_order(run.instance, problem.group_ids(result.groups).groups)
    value = score(problem, result.groups)
    FormationRun.objects.filter(pk=run_id).update(
        status=FormationRun.Status.PROPOSED,
        engine_groups=groups,
        groups=groups,
        engine_score=value,
        best_score=value,
        phase="done",
        finished_at=timezone.now(),
        version=F("version") + 1,
    )
    return FormationRun.Status.PROPOSED


def _fail_invalid(run_id: int, broken: list[dict[str, Any]], message: str) -> str:
    """End a run whose grouping breaks rules: failed, with the rules kept for the page that
    names them, and the fault logged for whoever maintains the engine."""
    logger.error("Formation run %s: the engine's grouping breaks rules: %s", run_id, message)
    FormationRun.objects.filter(pk=run_id).update(
        status=FormationRun.Status.FAILED,
        reason={"code": "invalid_result", "broken": broken},
        message=message,
        finished_at=timezone.now(),
    )
    return FormationRun.Status.FAILED
