"""GroupAL-style greedy baseline.

Groups are built one at a time (largest first). Each group is seeded with the person who is
hardest to place (fewest compatible partners: people they may share a group with and share
enough slots with), then the candidate that adds the most similarity per person is added
while the hard rules allow it. Together-components are added as a whole. Whatever the greedy
cannot place legally is placed anyway and then fixed by the feasibility phase.
"""

from __future__ import annotations

import random
import time

import numpy as np

from .feasibility import pack_units, repair
from .model import Problem
from .scoring import availability_matrix


def compatible_counts(p: Problem, avail: np.ndarray, block: int = 1024) -> np.ndarray:
    """For every person, how many others they could share a group with (slots and conflicts)."""
    n = p.n
    need = p.min_common
    counts = np.zeros(n, dtype=np.int64)
    for r0 in range(0, n, block):
        r1 = min(n, r0 + block)
        ok = (avail[r0:r1] @ avail.T) >= need if need else np.ones((r1 - r0, n), dtype=bool)
        counts[r0:r1] = ok.sum(axis=1)
    for k in range(n):
        counts[k] -= 1 + len(p.conflicts[k])  # self, and conflicts (approximately: all share)
    return counts


def greedy_groups(p: Problem, sim: np.ndarray) -> list[list[int]]:
    """The greedy grouping; it keeps units whole and respects the sizes, but may break other
    rules when it runs out of legal candidates (callers repair).

    Candidates are scored per person (a person stands for their unit when it is the unit's
    first member); the few multi-person units are corrected in a short Python loop, so one
    step is a handful of O(n) numpy operations."""
    n = p.n
    if n == 0:
        return [[] for _ in p.sizes]
    units = p.units
    unit_of = p.unit_of
    usize = np.asarray([len(units[unit_of[k]]) for k in range(n)], dtype=np.int64)
    rep = np.asarray([units[unit_of[k]][0] == k for k in range(n)], dtype=bool)
    multi = [u for u, members in enumerate(units) if len(members) > 1]
    avail = availability_matrix(p)
    avail_bool = avail > 0
    need = p.min_common
    unit_av = {u: np.logical_and.reduce(avail_bool[units[u]], axis=0) for u in multi}
    # multi-person units as padded index rows (padding repeats the first member, which
    # leaves means, "any" and slot intersections unchanged)
    width = max((len(units[u]) for u in multi), default=1)
    multi_rows = np.asarray(
        [units[u] + [units[u][0]] * (width - len(units[u])) for u in multi], dtype=np.int64
    ).reshape(len(multi), width)
    multi_lead = np.asarray([units[u][0] for u in multi], dtype=np.int64)
    multi_len = np.asarray([len(units[u]) for u in multi], dtype=np.float64)
    multi_mask = np.zeros((len(multi), width), dtype=bool)
    for r, u in enumerate(multi):
        multi_mask[r, : len(units[u])] = True
    multi_av = np.asarray([unit_av[u] for u in multi], dtype=bool).reshape(
        len(multi), avail.shape[1]
    )
    hardness = compatible_counts(p, avail).astype(np.float64)
    for u in multi:
        hardness[units[u][0]] = hardness[units[u]].mean()
    free = rep.copy()  # free unit representatives
    order = sorted(range(len(p.sizes)), key=lambda g: -p.sizes[g])
    groups: list[list[int]] = [[] for _ in p.sizes]
    for gi, g in enumerate(order):
        cap = p.sizes[g]
        last = gi == len(order) - 1
        fits = free & (usize <= cap)
        if not fits.any():
            return pack_units(p, random.Random(0)) or groups
        # seed: hardest to place, larger units first on ties
        seed = int(np.argmin(np.where(fits, hardness - 0.5 * usize, np.inf)))
        members: list[int] = []
        fit = np.zeros(n, dtype=np.float64)
        blocked = np.zeros(n, dtype=bool)
        slot_ok = np.ones(avail.shape[1], dtype=bool)
        k0 = seed
        while True:
            u = unit_of[k0]
            free[k0] = False
            for k in units[u]:
                members.append(k)
                fit += sim[k]
                for c in p.conflicts[k]:
                    blocked[c] = True
            slot_ok &= unit_av[u] if u in unit_av else avail_bool[k0]
            room = cap - len(members)
            if room <= 0:
                break
            cand = free & (usize <= room)
            if not cand.any():
                break
            gain = fit.copy()
            legal = cand & ~blocked
            if need:
                legal &= (avail @ slot_ok.astype(np.float32)) >= need
            if len(multi):
                gain[multi_lead] = (fit[multi_rows] * multi_mask).sum(axis=1) / multi_len
                ok = ~blocked[multi_rows].any(axis=1)
                if need:
                    ok &= (multi_av & slot_ok).sum(axis=1) >= need
                legal[multi_lead] = cand[multi_lead] & ok
            if last:
                legal = cand  # the last group takes whoever is left
            pool = legal if legal.any() else cand
            k0 = int(np.argmax(np.where(pool, gain, -np.inf)))
        groups[g] = members
    placed = sum(len(g) for g in groups)
    if placed != n or any(len(groups[g]) != p.sizes[g] for g in range(len(groups))):
        # units could not be fitted greedily; fall back to a packing that fits
        return pack_units(p, random.Random(0)) or groups
    return groups


def greedy_solution(
    p: Problem, sim: np.ndarray, deadline: float, seed: int = 0
) -> tuple[list[list[int]], int]:
    """Greedy grouping made valid by the feasibility phase. Returns (groups, violations left)."""
    groups = greedy_groups(p, sim)
    return repair(p, groups, random.Random(seed), deadline)


def run(p: Problem, sim: np.ndarray, time_limit: float = 10.0) -> list[list[int]]:
    groups, _ = greedy_solution(p, sim, time.monotonic() + time_limit)
    return groups
