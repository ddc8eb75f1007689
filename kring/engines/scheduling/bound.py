"""Exact per-group dynamic programme and the lower bound built from it.

For one group the series is a path through states (meeting index j, week w): each state costs
the cheapest usable slot of that week (absences and the move bonus), each step costs the gap
deviation, and the path may stop early at ``missing_cost`` per meeting not held.  Forward
costs ``D`` and backward completions ``B`` give, for every (j, w) and (j, w, s), the cost of
the best series through it; the solver uses them to prune its CP-SAT domains exactly.

Bound: dropping the coupling rules (a person in two meetings at once, rooms) leaves every group
on its own, so the sum of the per-group optima is always a lower bound of the optimum.  It is
*exact* (equals the optimum) when no two groups share a person and rooms are not binding; in
any other case it is only a relaxation bound.  :func:`component_bound` tightens it by solving
each connected component of shared people exactly (rooms still relaxed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .cost import Tables
from .model import Instance, Solution

INF = np.int64(1 << 50)


class GroupDP:
    """Forward dynamic programme for one group over the usable (week, slot)s; the backward
    completions (needed only for pruning) are computed on first use."""

    def __init__(self, t: Tables, gi: int, usable: np.ndarray | None = None):
        self.t = t
        self.gi = gi
        W = t.W
        if usable is None:
            usable = t.fac_ok[gi]
            sc = t.masked_cost[gi]
        else:
            sc = np.where(usable, t.slot_cost[gi], INF)
        self.usable = usable
        self.masked = sc
        self.best_slot = np.argmin(sc, axis=1)
        self.cw = sc[t.week_index, self.best_slot]
        self.R = R = t.remaining[gi]
        self.start = t.start_cost[gi]
        self.gap_cost = t.gap_cost
        self._B: np.ndarray | None = None

        D = np.full((max(R, 1), W), INF, dtype=np.int64)
        if R > 0:
            D[0] = np.minimum(self.start + self.cw, INF)
            for j in range(1, R):
                prev = D[j - 1]
                best = np.full(W, INF, dtype=np.int64)
                for d, gc in t.gap_cost.items():
                    if d < W:
                        np.minimum(best[d:], prev[: W - d] + gc, out=best[d:])
                np.minimum(best + self.cw, INF, out=D[j])
        self.D = D
        self.empty_cost = t.missing_cost * R
        # best number of new meetings: n (1..R) ending anywhere, or none at all
        self.best_value = self.empty_cost
        self.best_end: tuple[int, int] | None = None
        for j in range(R - 1, -1, -1):  # more meetings first on equal cost
            w = int(np.argmin(D[j]))
            value = int(D[j][w]) + t.missing_cost * (R - j - 1)
            if D[j][w] < INF and value < self.best_value:
                self.best_value = value
                self.best_end = (j, w)

    @property
    def optimum(self) -> int:
        """Scaled cost of the group's best series, constants (past, moves) included."""
        return self.t.const[self.gi] + self.best_value

    @property
    def B(self) -> np.ndarray:
        """(R, W) cheapest completion after new meeting j in week w (stopping allowed)."""
        if self._B is None:
            t, R, W = self.t, self.R, self.t.W
            B = np.full((max(R, 1), W), INF, dtype=np.int64)
            if R > 0:
                B[R - 1] = 0
                for j in range(R - 2, -1, -1):
                    best = np.full(W, t.missing_cost * (R - j - 1), dtype=np.int64)
                    nxt = np.minimum(self.cw + B[j + 1], INF)
                    for d, gc in t.gap_cost.items():
                        if d < W:
                            np.minimum(best[: W - d], nxt[d:] + gc, out=best[: W - d])
                    B[j] = best
            self._B = B
        return self._B

    def through_weeks(self) -> np.ndarray:
        """(R, W) cost of the best series holding new meeting j in week w (no constant)."""
        return self.D + self.B

    def through_slots(self, j: int) -> np.ndarray:
        """(W, S) cost of the best series holding new meeting j at (week, slot)."""
        base = (self.D[j] - self.cw + self.B[j])[:, None]
        return np.where(self.usable & (self.D[j] < INF)[:, None], base + self.masked, INF)

    def chain(self) -> list[tuple[int, int]]:
        """One optimal series of new meetings as (week, slot)s, traced back from its end."""
        if self.best_end is None:
            return []
        t = self.t
        j, w = self.best_end
        weeks = [w]
        # prefer the target gap, then shorter gaps, so equal-cost ties resolve the same way
        order = sorted(t.gap_cost, key=lambda d: (abs(d - t.target), d))
        while j > 0:
            here = self.D[j][w] - self.cw[w]
            for d in order:
                w0 = w - d
                if w0 >= 0 and self.D[j - 1][w0] + t.gap_cost[d] == here:
                    w = w0
                    break
            else:  # pragma: no cover - the forward pass guarantees a predecessor
                raise AssertionError("broken DP trace")
            weeks.append(w)
            j -= 1
        weeks.reverse()
        return [(w, int(self.best_slot[w])) for w in weeks]


@dataclass
class Bound:
    value: float
    exact: bool
    kind: str
    reason: str
    per_group: list[float] = field(default_factory=list)


def shares_people(t: Tables) -> bool:
    return any(len(gs) > 1 for gs in t.person_groups.values())


def dp_bound(instance: Instance, tables: Tables | None = None) -> Bound:
    """Sum of the per-group optima: always a lower bound; exact without coupling."""
    t = tables or Tables(instance)
    per = [GroupDP(t, gi).optimum for gi in range(len(instance.groups))]
    value = sum(per) / t.scale
    shared = shares_people(t)
    rooms_binding = False
    if t.rooms is not None and not shared:
        used: dict[tuple[int, int], int] = {}
        for gi in range(len(instance.groups)):
            for ws in GroupDP(t, gi).chain():
                used[ws] = used.get(ws, 0) + 1
        rooms_binding = any(c > t.rooms for c in used.values())
    elif t.rooms is not None:
        rooms_binding = True  # not checked: the chains may collide anyway
    exact = not shared and not rooms_binding
    if exact:
        reason = "no shared people and rooms not binding: per-group optima are jointly feasible"
    elif shared:
        reason = "groups share people: per-group optima ignore double booking (relaxation)"
    else:
        reason = "rooms bind: per-group optima ignore the room limit (relaxation)"
    return Bound(value, exact, "dp", reason, [p / t.scale for p in per])


def component_bound(
    instance: Instance,
    time_per_component: float = 5.0,
    tables: Tables | None = None,
    hint: Solution | None = None,
) -> Bound:
    """Per-component exact optimum (rooms relaxed): tighter than :func:`dp_bound`.

    Each connected component of shared people is solved with CP-SAT on its own; the proven
    bound of every component is summed.  The result is exact when every component was solved
    to optimality and the combined component optima respect the room limit.
    """
    from .solver import Engine  # local import: the solver imports this module

    t = tables or Tables(instance)
    engine = Engine(instance, t, seed=0)
    total = 0
    proven = True
    chains: dict[int, list[tuple[int, int]]] = {}
    for comp in engine.components:
        lb_sum = sum(engine.dp[gi].optimum for gi in comp)
        if len(comp) == 1:
            gi = comp[0]
            total += lb_sum
            chains[gi] = engine.dp[gi].chain()
            continue
        start = None
        if hint is not None:
            start = {gi: _new_chain(t, instance.groups[gi].id, hint) for gi in comp}
        res = engine.solve_exact_component(comp, time_per_component, start)
        total += max(lb_sum, res.bound)
        proven = proven and res.optimal
        chains.update(res.chains)
    rooms_ok = True
    if t.rooms is not None:
        used: dict[tuple[int, int], int] = {}
        for ch in chains.values():
            for ws in ch:
                used[ws] = used.get(ws, 0) + 1
        rooms_ok = all(c <= t.rooms for c in used.values())
    exact = proven and rooms_ok
    if exact:
        reason = "every component of shared people solved to optimality, rooms not binding"
    elif not proven:
        reason = "some component not proven optimal: proven CP-SAT bound used (relaxation)"
    else:
        reason = "rooms bind: component optima ignore the room limit (relaxation)"
    return Bound(total / t.scale, exact, "component", reason)


def _new_chain(t: Tables, group_id: str, solution: Solution) -> list[tuple[int, int]]:
    """The (week, slot)s of a group's meetings in ``solution`` from ``now_week`` on."""
    ms = sorted((m.number, m.week, m.slot) for m in solution.meetings if m.group == group_id)
    return [(w, s) for _, w, s in ms if w >= t.now]
