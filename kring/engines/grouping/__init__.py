"""Grouping engine (Kring feature L2): split a pool of people into learning groups.

Pure Python (stdlib, numpy, ortools); no Django. Entry points: ``cli.main`` (the
``kring group-form`` command) and ``form_groups`` for in-process use.
"""

from __future__ import annotations

from collections.abc import Sequence

from .feasibility import Infeasible, Reason
from .model import (
    Instance,
    MalformedInstance,
    Problem,
    Solution,
    build_problem,
    load_instance,
    parse_instance,
)
from .scoring import Violation, find_violations

__all__ = [
    "Infeasible",
    "Instance",
    "MalformedInstance",
    "Problem",
    "Reason",
    "Solution",
    "Violation",
    "build_problem",
    "check_grouping",
    "form_groups",
    "load_instance",
    "parse_instance",
]


def form_groups(instance: Instance, time_limit: float = 10.0, seed: int = 0) -> Solution:
    """Best valid grouping found within ``time_limit`` seconds; raises Infeasible."""
    from .search import solve

    problem = build_problem(instance)
    result = solve(problem, time_limit=time_limit, seed=seed)
    return problem.group_ids(result.groups)


def check_grouping(problem: Problem | Instance, groups: Sequence[Sequence[str]]) -> list[Violation]:
    """Every rule a grouping breaks, [] when it is valid: the engine's own check (sizes,
    apart and together pairs, manager and report, common slots), for groups of person ids as
    a solution lists them. An id that is not in the pool is a violation ("unknown") too."""
    p = problem if isinstance(problem, Problem) else build_problem(problem)
    unknown: list[Violation] = []
    indexed: list[list[int]] = []
    for g, members in enumerate(groups):
        known = []
        for pid in members:
            k = p.index.get(pid)
            if k is None:
                unknown.append(
                    Violation("unknown", f"{pid!r} in group {g} is not in the pool", (pid,), g)
                )
            else:
                known.append(k)
        indexed.append(known)
    return unknown + find_violations(p, indexed)
