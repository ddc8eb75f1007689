"""Grouping engine (Kring feature L2): split a pool of people into learning groups.

Pure Python (stdlib, numpy, ortools); no Django. Entry points: ``cli.main`` (the
``kring group-form`` command) and ``form_groups`` for in-process use.
"""

from __future__ import annotations

from .feasibility import Infeasible, Reason
from .model import (
    Instance,
    MalformedInstance,
    Solution,
    build_problem,
    load_instance,
    parse_instance,
)

__all__ = [
    "Infeasible",
    "Instance",
    "MalformedInstance",
    "Reason",
    "Solution",
    "build_problem",
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
