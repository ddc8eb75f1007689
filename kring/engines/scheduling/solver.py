"""The scheduling engine: exact per-group DP, CP-SAT per component, ruin-and-recreate and
CP-SAT large-neighbourhood search for what still couples groups (shared people, rooms).

Plan (deterministic for a given seed: CP-SAT runs single-threaded under a deterministic-time
limit, ruin-and-recreate has a move budget; the wall clock is only a safety net):

1. every group's own optimum by dynamic programming (the bound, see :mod:`.bound`);
2. a construction, component by component: groups one after another, each taking its exact
   best series around what is already booked (people and rooms);
3. components above the sum of their groups' optima are re-solved with CP-SAT, exactly when
   rooms are unlimited.  The model is a network flow per group (LP-exact for one group) and
   its domains are pruned exactly with the DP costs: a candidate whose best series costs more
   than the slack allows cannot be optimal, and of a week's slots only the best
   ``1 + neighbours`` can be needed while rooms do not bind;
4. ruin and recreate: a group above its own optimum is lifted with the groups in its way and
   all are put back one by one with the DP;
5. everything still open in one CP-SAT model, when the pruned model is small;
6. large-neighbourhood search with CP-SAT around groups still above their own optimum.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from .bound import INF, GroupDP
from .cost import Tables, absent_members
from .model import Instance, Meeting, Solution

Chain = list[tuple[int, int]]

# Budget: CP-SAT deterministic time per second of time limit.  One unit takes 1-4 s of wall
# time on a slow, shared core, so this leaves room for Python work and a loaded machine.
DET_PER_SECOND = 0.2
# Model building in Python is not in CP-SAT's deterministic time; charge it per solve and per
# variable (about 60 us of wall time each, i.e. some 3e-5 units).
SOLVE_OVERHEAD = 0.005
DET_PER_VAR = 3e-5
BUILD_SECONDS_PER_VAR = 100e-6  # Python model building, on a slow and loaded shared core
# Components of shared people up to this size are solved at once in step 3.
MAX_EXACT_GROUPS = 40
# Step 4: ruin-and-recreate moves per second of time limit, groups lifted per move.
RR_MOVES_PER_SECOND = 100
RR_MAX_GROUPS = 6
RR_TIME_SHARE = 0.4  # safety net only: the move budget normally ends it much earlier
# Step 5: size limit (slot variables) and share of the remaining budget.
GLOBAL_MAX_VARS = 15000
GLOBAL_SHARE = 0.8
# Step 6: neighbourhood sizes (groups), model size limit, and how much worse than its own
# optimum (or its current series) a group may get inside a neighbourhood.
NEIGHBOURHOOD_GROUPS = 12
MIN_NEIGHBOURHOOD = 4
MAX_NEIGHBOURHOOD = 60
LNS_MAX_VARS = 6000
LNS_SLACK = 30


@dataclass
class SubResult:
    chains: dict[int, Chain]
    value: int  # scaled objective without group constants
    bound: int  # scaled, group constants included
    optimal: bool
    det_time: float
    skipped: bool = False  # the model would have been too large
    n_vars: int = 0

    def work(self) -> float:
        """Deterministic cost of the call: CP-SAT's own plus the Python model building."""
        return self.det_time + SOLVE_OVERHEAD + DET_PER_VAR * self.n_vars


@dataclass
class Result:
    solution: Solution
    cost: float
    bound: float
    bound_exact: bool
    explanations: dict[str, str] = field(default_factory=dict)
    stats: dict[str, float] = field(default_factory=dict)


class Engine:
    """The working state: every group's current series plus who and what it occupies.

    ``place``/``lift`` keep the per-person busy counts and the per-slot room counts in step,
    so that ``usable`` can tell a group where it may go given all the others.
    """

    def __init__(self, instance: Instance, tables: Tables, seed: int = 0):
        self.inst = instance
        self.t = tables
        self.seed = seed
        n = len(instance.groups)
        self.n = n
        self.dp = [GroupDP(tables, gi) for gi in range(n)]
        self.persons = [instance.groups[gi].persons for gi in range(n)]
        # Only people in two or more groups can be double-booked.
        self.shared = {p for p, gs in tables.person_groups.items() if len(gs) > 1}
        self.neighbours: list[set[int]] = [set() for _ in range(n)]
        for p in self.shared:
            gs = tables.person_groups[p]
            for g in gs:
                self.neighbours[g].update(h for h in gs if h != g)
        self.components = self._components()
        self.comp_of = [0] * n
        for ci, comp in enumerate(self.components):
            for g in comp:
                self.comp_of[g] = ci
        W, S = tables.W, tables.S
        self.busy = {p: np.zeros((W, S), dtype=np.int16) for p in self.shared}
        self.room_count = np.zeros((W, S), dtype=np.int32)
        self.chains: list[Chain | None] = [None] * n
        self.at: dict[tuple[int, int], set[int]] = {}  # groups placed at each (week, slot)
        self._wish: list[Chain | None] = [None] * n
        self.costs = [0] * n

    def _components(self) -> list[list[int]]:
        seen = [False] * self.n
        comps = []
        for g in range(self.n):
            if seen[g]:
                continue
            stack, comp = [g], []
            seen[g] = True
            while stack:
                x = stack.pop()
                comp.append(x)
                for y in self.neighbours[x]:
                    if not seen[y]:
                        seen[y] = True
                        stack.append(y)
            comps.append(sorted(comp))
        return comps

    # -- state -------------------------------------------------------------------------------

    def place(self, g: int, chain: Chain) -> None:
        assert self.chains[g] is None
        self.chains[g] = chain
        self.costs[g] = self.t.group_cost(g, chain)
        for w, s in chain:
            self.at.setdefault((w, s), set()).add(g)
            self.room_count[w, s] += 1
            for p in self.persons[g]:
                if p in self.shared:
                    self.busy[p][w, s] += 1

    def lift(self, g: int) -> None:
        chain = self.chains[g]
        if chain is None:
            return
        for w, s in chain:
            self.at[(w, s)].discard(g)
            self.room_count[w, s] -= 1
            for p in self.persons[g]:
                if p in self.shared:
                    self.busy[p][w, s] -= 1
        self.chains[g] = None

    def blockers(self, g: int) -> set[int]:
        """Groups holding a (week, slot) of ``g``'s own best series that ``g`` cannot share."""
        out: set[int] = set()
        wish = self._wish[g]
        if wish is None:
            wish = self._wish[g] = self.dp[g].chain()
        for ws in wish:
            for h in self.at.get(ws, ()):
                if h != g and (self.t.rooms is not None or h in self.neighbours[g]):
                    out.add(h)
        return out

    def usable(self, g: int, rooms: bool = True) -> np.ndarray:
        """Slots group ``g`` may take given every group currently placed."""
        u = self.t.fac_ok[g].copy()
        for p in self.persons[g]:
            if p in self.shared:
                u &= self.busy[p] == 0
        if rooms and self.t.rooms is not None:
            u &= self.room_count < self.t.rooms
        return u

    def total(self) -> int:
        return sum(self.costs)

    # -- construction ------------------------------------------------------------------------

    def construct(self, order: list[int]) -> None:
        for g in order:
            if self.chains[g] is not None:
                continue
            u = self.usable(g)
            if not self.neighbours[g] and (
                self.t.rooms is None or bool(np.array_equal(u, self.t.fac_ok[g]))
            ):
                chain = self.dp[g].chain()
            else:
                chain = GroupDP(self.t, g, u).chain()
            self.place(g, chain)

    def difficulty_order(self, groups: list[int]) -> list[int]:
        """Most constrained first: fewest facilitator slots, then most neighbours."""
        return sorted(
            groups,
            key=lambda g: (int(self.t.fac_ok[g].sum()), -len(self.neighbours[g]), g),
        )

    # -- CP-SAT sub-problem ------------------------------------------------------------------

    def solve_sub(
        self,
        groups: list[int],
        det_limit: float,
        wall_limit: float,
        rooms: bool = True,
        use_hint: bool = True,
        max_vars: int | None = None,
        slack_cap: int | None = None,
    ) -> SubResult:
        """Re-solve ``groups`` optimally around every other group as currently placed.

        The groups' current chains (if any) are the hint and the upper bound for pruning.
        The groups are lifted during the call and put back (with the better series).
        Without ``slack_cap`` the pruning is exact; with it a group may only get
        ``slack_cap`` worse than its own best (or than its hint), a heuristic that keeps
        neighbourhoods around badly placed groups small.
        """
        t = self.t
        gset = set(groups)
        old = {g: self.chains[g] for g in groups}
        for g in groups:
            self.lift(g)
        have_hint = use_hint and all(old[g] is not None for g in groups)
        dps = {g: GroupDP(t, g, self.usable(g, rooms)) for g in groups}
        lb = {g: dps[g].best_value for g in groups}
        if have_hint:
            hint_val = {g: t.group_cost(g, old[g] or []) - t.const[g] for g in groups}
        else:
            hint_val = {g: dps[g].best_value + t.missing_cost * t.M for g in groups}
        slack = sum(hint_val.values()) - sum(lb.values())

        def threshold(g: int) -> int:
            if slack_cap is None:
                return lb[g] + slack
            return lb[g] + min(slack, max(slack_cap * t.scale, hint_val[g] - lb[g]))

        room_model = rooms and t.rooms is not None
        sub_rooms_cap = None
        if room_model:
            sub_rooms_cap = int(t.rooms or 0) - self.room_count  # residual after the others
        if max_vars is not None:
            extra = 3 if room_model else 0
            estimate = 0
            for g in groups:
                k_top = 1 + len(self.neighbours[g] & gset) + extra
                thr = threshold(g)
                for j in range(dps[g].R):
                    fits = (dps[g].through_slots(j) <= thr).sum(axis=1)
                    estimate += int(np.minimum(fits, k_top).sum())
            if estimate > max_vars or estimate * BUILD_SECONDS_PER_VAR > 0.5 * wall_limit:
                for g in groups:
                    self.place(g, old[g] or [])
                return SubResult({}, 0, 0, False, 0.0, skipped=True)

        # Network-flow model per group: nodes (meeting j, week w), arcs between consecutive
        # meetings carrying the gap cost, a slot choice under every node.  Its LP relaxation
        # is exact for one group, so CP-SAT's bound starts at the DP bound and only the
        # coupling rules (people, rooms) remain to be fought over.
        model = cp_model.CpModel()
        obj: list[tuple[cp_model.IntVar, int]] = []
        at_slot: dict[tuple[int, int], list[cp_model.IntVar]] = {}
        person_slot: dict[tuple[str, int, int], list[cp_model.IntVar]] = {}
        xs: dict[int, list[list[tuple[int, int, cp_model.IntVar]]]] = {}
        const_obj = 0
        for g in groups:
            dp = dps[g]
            R = dp.R
            thr = threshold(g)
            # Of a week's slots only the best 1 + (neighbours in the model) can be needed while
            # rooms do not bind; with rooms a few more are kept (heuristic, not exact).
            k_top = 1 + len(self.neighbours[g] & gset) + (3 if room_model else 0)
            hint = (old[g] or []) if have_hint else None
            hint_weeks = [w for w, _ in hint] if hint is not None else []
            shared_persons = [p for p in self.persons[g] if p in self.shared]
            tw = dp.through_weeks() if R > 0 else None
            nodes: list[dict[int, cp_model.IntVar]] = []
            per_j: list[list[tuple[int, int, cp_model.IntVar]]] = []
            for j in range(R):
                assert tw is not None
                weeks = set(np.nonzero(tw[j] <= thr)[0].tolist())
                if j < len(hint_weeks):
                    weeks.add(hint_weeks[j])
                layer: dict[int, cp_model.IntVar] = {}
                cand: list[tuple[int, int, cp_model.IntVar]] = []
                ts = dp.through_slots(j)
                for w in sorted(weeks):
                    if dp.D[j][w] >= INF:
                        continue
                    row = ts[w]
                    order = np.argsort(row, kind="stable")[:k_top]
                    chosen = [int(x) for x in order if row[x] <= thr]
                    in_hint = hint is not None and j < len(hint_weeks) and hint_weeks[j] == w
                    if in_hint and hint is not None and hint[j][1] not in chosen:
                        chosen.append(hint[j][1])
                    if not chosen:
                        continue
                    y = model.new_bool_var(f"y{g}_{j}_{w}")
                    layer[w] = y
                    base = int(dp.start[w]) if j == 0 else 0
                    if base:
                        obj.append((y, base))
                    hint_here = hint is not None and j < len(hint_weeks) and hint_weeks[j] == w
                    if hint is not None:
                        model.add_hint(y, int(hint_here))
                    if len(chosen) == 1:
                        slot_vars = [(chosen[0], y)]
                    else:
                        slot_vars = [(x, model.new_bool_var(f"x{g}_{j}_{w}_{x}")) for x in chosen]
                        model.add(sum(v for _, v in slot_vars) == y)
                    for x, v in slot_vars:
                        c = int(dp.masked[w, x])
                        if c:
                            obj.append((v, c))
                        cand.append((w, x, v))
                        at_slot.setdefault((w, x), []).append(v)
                        for p in shared_persons:
                            person_slot.setdefault((p, w, x), []).append(v)
                        if hint is not None and v is not y:
                            model.add_hint(v, int(hint_here and hint[j][1] == x))
                nodes.append(layer)
                per_j.append(cand)
                if not layer:
                    break
            # flow: start -> first layer (or nothing), arcs between layers, stops
            empty_ok = t.missing_cost * R <= thr or (hint is not None and not hint)
            first = list(nodes[0].values()) if nodes else []
            if empty_ok and R > 0:
                empty = model.new_bool_var(f"e{g}")
                model.add(sum(first) + empty == 1)
                obj.append((empty, t.missing_cost * R))
                if hint is not None:
                    model.add_hint(empty, int(not hint))
            elif first:
                model.add(sum(first) == 1)
            elif R > 0:
                const_obj += t.missing_cost * R
            for j in range(len(nodes)):
                layer = nodes[j]
                nxt = nodes[j + 1] if j + 1 < len(nodes) else {}
                incoming: dict[int, list[cp_model.IntVar]] = {w: [] for w in nxt}
                for w, y in layer.items():
                    outs: list[cp_model.IntVar] = []
                    for d, gc in dp.gap_cost.items():
                        w2 = w + d
                        if w2 not in nxt:
                            continue
                        through = dp.D[j][w] + gc + dp.cw[w2] + dp.B[j + 1][w2]
                        in_hint = (
                            j + 1 < len(hint_weeks)
                            and hint_weeks[j] == w
                            and hint_weeks[j + 1] == w2
                        )
                        if through > thr and not in_hint:
                            continue
                        a = model.new_bool_var(f"a{g}_{j}_{w}_{w2}")
                        outs.append(a)
                        incoming[w2].append(a)
                        if gc:
                            obj.append((a, gc))
                        if hint is not None:
                            model.add_hint(a, int(in_hint))
                    if j < R - 1:
                        stop_cost = t.missing_cost * (R - j - 1)
                        in_hint = (
                            hint is not None and len(hint_weeks) == j + 1 and hint_weeks[j] == w
                        )
                        if dp.D[j][w] + stop_cost <= thr or in_hint:
                            stop = model.new_bool_var(f"s{g}_{j}_{w}")
                            outs.append(stop)
                            obj.append((stop, stop_cost))
                            if hint is not None:
                                model.add_hint(stop, int(in_hint))
                    if j < R - 1:
                        model.add(sum(outs) == y)
                for w2, ins in incoming.items():
                    model.add(sum(ins) == nxt[w2])
            xs[g] = per_j
        for vs in person_slot.values():
            if len(vs) > 1:
                model.add_at_most_one(vs)
        if room_model and sub_rooms_cap is not None:
            for (w, x), vs in at_slot.items():
                cap = int(sub_rooms_cap[w, x])
                if len(vs) > cap:
                    model.add(sum(vs) <= cap)
        model.minimize(sum(c * v for v, c in obj) + const_obj)

        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.seed
        # The flow structure only pays off when CP-SAT keeps the whole LP (level 2); with the
        # default level the bound stays far below the DP bound and nothing gets proven.
        solver.parameters.linearization_level = 2
        solver.parameters.max_deterministic_time = max(0.01, det_limit)
        solver.parameters.max_time_in_seconds = max(0.05, wall_limit)
        status = solver.solve(model)
        det = solver.response_proto.deterministic_time
        const_groups = sum(t.const[g] for g in groups)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            chains: dict[int, Chain] = {}
            for g in groups:
                ch: Chain = []
                for cand in xs[g]:
                    hit = [(w, s) for w, s, v in cand if solver.boolean_value(v)]
                    if not hit:
                        break
                    ch.append(hit[0])
                chains[g] = ch
            value = int(round(solver.objective_value))
            bound = int(np.ceil(solver.best_objective_bound - 1e-6)) + const_groups
            optimal = status == cp_model.OPTIMAL
        else:
            chains = {g: list(old[g] or []) for g in groups}
            value = sum(hint_val.values())
            bound = sum(lb.values()) + const_groups
            optimal = False
        new_val = sum(t.group_cost(g, chains[g]) - t.const[g] for g in groups)
        keep_new = status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and (
            not have_hint or new_val < sum(hint_val.values())
        )
        for g in groups:
            self.place(g, chains[g] if keep_new or old[g] is None else (old[g] or []))
        return SubResult(
            {g: self.chains[g] or [] for g in groups},
            value,
            bound,
            optimal,
            det,
            n_vars=len(model.proto.variables),
        )

    def solve_exact_component(
        self, comp: list[int], time_limit: float, start: dict[int, Chain] | None = None
    ) -> SubResult:
        """Optimum of one component on its own (rooms relaxed); used by the bound."""
        for g in comp:
            self.lift(g)
        if start is not None:
            for g in comp:
                self.place(g, start[g])
        else:
            self.construct(self.difficulty_order(comp))
        res = self.solve_sub(comp, det_limit=time_limit, wall_limit=time_limit, rooms=False)
        for g in comp:
            self.lift(g)
        return res


def _explain(engine: Engine, g: int) -> str | None:
    t = engine.t
    inst = engine.inst
    group = inst.groups[g]
    chain = engine.chains[g] or []
    held = len(t.past[g]) + len(chain)
    if held >= t.M:
        return None
    alone = engine.dp[g]
    alone_n = len(t.past[g]) + len(alone.chain())
    fac = group.facilitator
    if alone_n < t.M:
        if not t.past[g] and t.now > t.first_by:
            why = (
                f"the first meeting had to be by week {t.first_by}, but re-planning starts "
                f"at week {t.now}"
            )
        else:
            why = (
                f"even on its own, facilitator {fac}'s availability and the horizon of "
                f"{t.W} weeks (gaps {t.gmin}-{t.gmax} weeks) allow only {alone_n}"
            )
    else:
        why = _blame(engine, g)
    return f"{group.id}: only {held} of {t.M} meetings could be planned: {why}."


def _blame(engine: Engine, g: int) -> str:
    """Which coupling keeps group ``g`` from a full series: shared people, rooms or both."""
    t = engine.t
    inst = engine.inst
    chain = engine.chains[g] or []
    engine.lift(g)
    try:
        need = t.M - len(t.past[g])
        people_only = engine.usable(g, rooms=False)
        by_people = len(GroupDP(t, g, people_only).chain()) < need
        by_rooms = False
        if t.rooms is not None:
            rooms_only = t.fac_ok[g] & (engine.room_count < t.rooms)
            by_rooms = len(GroupDP(t, g, rooms_only).chain()) < need
        busy = sorted(
            p for p in engine.persons[g] if p in engine.shared and bool((engine.busy[p] > 0).any())
        )
    finally:
        engine.place(g, chain)
    others = sorted(inst.groups[h].id for h in engine.neighbours[g])
    shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
    people = f"{', '.join(busy[:5])} {'is' if len(busy) == 1 else 'are'} booked in {shown}"
    rooms = f"all {t.rooms} rooms are taken at the remaining times"
    if by_people and not by_rooms:
        return f"{people} at the times that would fit"
    if by_rooms and not by_people:
        return rooms
    return f"{people}, and {rooms}" if busy else rooms


def solve(
    instance: Instance,
    time_limit: float = 10.0,
    seed: int = 0,
    deadline: float | None = None,
) -> Result:
    """Plan all series; stops within ``time_limit`` seconds (or by ``deadline``, monotonic)."""
    start = time.monotonic()
    if deadline is None:
        deadline = start + time_limit
    # Keep some time for writing the answer and for CP-SAT overrunning its wall limit a little
    # (presolve checks the clock coarsely, more so on a loaded machine).
    safe_end = deadline - min(1.0, 0.1 * time_limit)
    t = Tables(instance)
    engine = Engine(instance, t, seed)
    n = engine.n
    # The plan is bounded by CP-SAT's deterministic time so that a run is reproducible; the
    # wall clock only stops it early when the machine is much slower than expected.
    det_budget = max(0.05, DET_PER_SECOND * time_limit)
    det_used = 0.0
    rng = np.random.default_rng(seed)

    def remaining() -> float:
        return safe_end - time.monotonic()

    # 2. construction, component by component (most constrained components first for rooms)
    comps = sorted(
        engine.components,
        key=lambda c: (min(int(t.fac_ok[g].sum()) for g in c), c[0]),
    )
    for comp in comps:
        engine.construct(engine.difficulty_order(comp))

    lb = [engine.dp[g].optimum for g in range(n)]

    # 3. exact CP-SAT on small components above their bound
    done = [False] * n  # proven optimal whatever the rest does: no need to revisit
    solves = 0
    for comp in comps:
        if remaining() <= 0 or det_used >= det_budget:
            break
        if sum(engine.costs[g] for g in comp) <= sum(lb[g] for g in comp):
            for g in comp:
                done[g] = True
            continue
        if len(comp) == 1 or len(comp) > MAX_EXACT_GROUPS:
            continue
        per = min(det_budget - det_used, max(0.2, 0.02 * time_limit))
        res = engine.solve_sub(
            comp,
            det_limit=per,
            wall_limit=remaining(),
            slack_cap=None if t.rooms is None else LNS_SLACK,
        )
        det_used += res.work()
        solves += 1
        if res.optimal and t.rooms is None:
            for g in comp:
                done[g] = True

    # 4. ruin and recreate: lift a group above its optimum with the groups in its way and
    # put them back one by one, each with its exact best series around the rest
    rr_moves = 0
    if any(engine.costs[g] > lb[g] and not done[g] for g in range(n)):
        rr_budget = int(RR_MOVES_PER_SECOND * time_limit)
        rr_end = start + RR_TIME_SHARE * time_limit

        def rr_remaining() -> float:
            return min(remaining(), rr_end - time.monotonic())

        rr_moves = _ruin_recreate(engine, lb, done, rng, rr_budget, rr_remaining)

    # 5. one global model (after ruin and recreate: a good start keeps the pruned model small).
    # With rooms, groups already at their own optimum still hold capacity that others may
    # need, so they take part too.
    open_groups = [g for g in range(n) if not done[g]]
    if t.rooms is not None and open_groups:
        open_groups = list(range(n))
    if open_groups and remaining() > 0 and det_used < det_budget:
        per = GLOBAL_SHARE * (det_budget - det_used)
        res = engine.solve_sub(
            open_groups, det_limit=per, wall_limit=remaining(), max_vars=GLOBAL_MAX_VARS
        )
        if not res.skipped:
            det_used += res.work()
            solves += 1
            if res.optimal:
                # With rooms the model keeps only a few slots per week (not exact), but the
                # neighbourhoods below use the same restriction and could not do better.
                for g in open_groups:
                    done[g] = True

    # 6. LNS on groups still above their own optimum; the neighbourhood grows while CP-SAT
    # proves its sub-problems optimal and shrinks when it does not.
    hood_size = float(NEIGHBOURHOOD_GROUPS)
    stale = 0
    rounds = 0
    while remaining() > 0 and det_used < det_budget:
        above = [g for g in range(n) if engine.costs[g] > lb[g] and not done[g]]
        if not above:
            break
        rounds += 1
        improved = False
        for g in rng.permutation(above).tolist():
            if remaining() <= 0 or det_used >= det_budget:
                break
            if engine.costs[g] <= lb[g]:
                continue
            hood = _neighbourhood(engine, g, rng, int(hood_size))
            before = sum(engine.costs[h] for h in hood)
            per = min(det_budget - det_used, 0.2)
            res = engine.solve_sub(
                hood,
                det_limit=per,
                wall_limit=remaining(),
                slack_cap=LNS_SLACK,
                max_vars=LNS_MAX_VARS,
            )
            if res.skipped:
                hood_size = max(MIN_NEIGHBOURHOOD, hood_size * 0.7)
                continue
            det_used += res.work()
            solves += 1
            if res.optimal:
                hood_size = min(MAX_NEIGHBOURHOOD, hood_size * 1.1)
                if len(hood) == len(engine.components[engine.comp_of[g]]) and t.rooms is None:
                    for h in hood:
                        done[h] = True
            else:
                hood_size = max(MIN_NEIGHBOURHOOD, hood_size * 0.7)
            if sum(engine.costs[h] for h in hood) < before:
                improved = True
        stale = 0 if improved else stale + 1
        if stale >= 4:
            break

    meetings: list[Meeting] = []
    explanations: dict[str, str] = {}
    for g, group in enumerate(instance.groups):
        for n_, w, s in t.past[g]:
            meetings.append(Meeting(group.id, n_, w, s))
        first = (t.past[g][-1][0] if t.past[g] else 0) + 1
        for i, (w, s) in enumerate(engine.chains[g] or []):
            meetings.append(Meeting(group.id, first + i, w, s))
        why = _explain(engine, g)
        if why:
            explanations[group.id] = why
    total = engine.total() / t.scale
    bound = sum(lb) / t.scale
    exact = not engine.shared and (
        t.rooms is None or all(engine.costs[g] <= lb[g] for g in range(n))
    )
    stats = {
        "seconds": time.monotonic() - start,
        "det_time": det_used,
        "lns_rounds": rounds,
        "solves": solves,
        "rr_moves": rr_moves,
        "components": len(engine.components),
    }
    return Result(Solution(meetings), total, bound, exact, explanations, stats)


def _ruin_recreate(
    engine: Engine,
    lb: list[int],
    done: list[bool],
    rng: np.random.Generator,
    budget: int,
    remaining: Callable[[], float],
) -> int:
    """Deterministic ruin-and-recreate over groups above their own optimum; returns moves.

    Equal-cost outcomes are accepted so that the search can drift across plateaus.
    """
    moves = 0
    while moves < budget and remaining() > 0:
        above = [g for g in range(engine.n) if engine.costs[g] > lb[g] and not done[g]]
        if not above:
            break
        for g in rng.permutation(above).tolist():
            if moves >= budget or remaining() <= 0:
                break
            if engine.costs[g] <= lb[g]:
                continue
            moves += 1
            size = int(rng.integers(2, RR_MAX_GROUPS + 1))
            pool = sorted(engine.blockers(g) | engine.neighbours[g])
            others = rng.permutation(pool).tolist()[: size - 1] if pool else []
            hood = [g, *others]
            before = sum(engine.costs[h] for h in hood)
            old = {h: engine.chains[h] for h in hood}
            for h in hood:
                engine.lift(h)
            for h in hood:  # g first: it gets its wish, the others work around it
                engine.place(h, GroupDP(engine.t, h, engine.usable(h)).chain())
            if sum(engine.costs[h] for h in hood) > before:
                for h in hood:
                    engine.lift(h)
                for h in hood:
                    engine.place(h, old[h] or [])
    return moves


def _neighbourhood(engine: Engine, g: int, rng: np.random.Generator, size: int) -> list[int]:
    """``g`` plus the groups that block its own best series, then theirs, breadth first."""
    hood = [g]
    seen = {g}
    frontier = [g]
    while frontier and len(hood) < size:
        nxt: list[int] = []
        for x in frontier:
            nxt.extend(sorted(engine.blockers(x)))
            nxt.extend(sorted(engine.neighbours[x]))
        fresh = [h for h in dict.fromkeys(nxt) if h not in seen]
        if not fresh:
            break
        for h in rng.permutation(fresh).tolist():
            seen.add(h)
            hood.append(h)
            if len(hood) >= size:
                break
        frontier = hood[len(hood) - len(fresh) :] if len(hood) < size else []
    return sorted(hood)


def cannot_attend(instance: Instance, group_id: str, week: int, slot: int) -> list[str]:
    """Members of ``group_id`` who cannot attend a meeting at (week, slot)."""
    return absent_members(instance, group_id, week, slot)
