"""Random baseline: a random assignment (units kept whole) repaired by the feasibility phase."""

from __future__ import annotations

import random

from .feasibility import Infeasible, pack_units, repair
from .model import Problem


def random_solution(p: Problem, rng: random.Random, deadline: float) -> tuple[list[list[int]], int]:
    """A random grouping made valid as far as the deadline allows: (groups, violations left)."""
    groups = pack_units(p, rng)
    if groups is None:
        raise Infeasible("the together-components cannot be packed into the group sizes")
    return repair(p, groups, rng, deadline)
