"""Exact CP-SAT model: proves the optimum for small pools (about 24 people or fewer).

x[k, g] puts person k in group g; y[a, b, g] may be 1 only when both a and b are in g. The
row constraint sum_b y[a, b, g] = (size_g - 1) * x[a, g] makes the linear relaxation tight
enough for the proof. Groups of equal size are interchangeable, so within each size class the
groups are ordered by their lowest member. Similarities are scaled to integers (1e-6
resolution), so "proven" means optimal up to that rounding.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass

import numpy as np

from .feasibility import Reason
from .model import Problem

SCALE = 1_000_000


@dataclass
class ExactResult:
    groups: list[list[int]]
    objective: float  # sum of within-group similarities (unscaled)
    proven_optimal: bool
    status: str


def _group_objective(sim: np.ndarray, groups: list[list[int]]) -> float:
    total = 0.0
    for g in groups:
        if len(g) > 1:
            idx = np.asarray(g)
            total += float(sim[np.ix_(idx, idx)].sum()) / 2.0
    return total


MAX_COLUMNS = 400_000


def _columns(p: Problem, sim: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]] | None:
    """Every valid group of every requested size, with its within-sum; None if too many."""
    n = p.n
    sizes = sorted(set(p.sizes))
    if sum(math.comb(n, s) for s in sizes) > MAX_COLUMNS:
        return None
    conflict = np.zeros((n, n), dtype=bool)
    for a in range(n):
        for b in p.conflicts[a]:
            conflict[a, b] = True
    slots = p.instance.slots
    avail = np.zeros((n, max(slots, 1)), dtype=bool)
    for k in range(n):
        for s in range(slots):
            avail[k, s] = (p.avail[k] >> s) & 1
    sim64 = np.asarray(sim, dtype=np.float64)
    cols, vals = [], []
    for s in sizes:
        flat = np.fromiter(
            itertools.chain.from_iterable(itertools.combinations(range(n), s)), dtype=np.int64
        )
        combo = flat.reshape(-1, s)
        ok = np.ones(len(combo), dtype=bool)
        value = np.zeros(len(combo), dtype=np.float64)
        for a in range(s):
            for b in range(a + 1, s):
                ok &= ~conflict[combo[:, a], combo[:, b]]
                value += sim64[combo[:, a], combo[:, b]]
        for a, b in p.together:
            ina = (combo == a).any(axis=1)
            inb = (combo == b).any(axis=1)
            ok &= ina == inb
        if p.min_common:
            common = avail[combo[:, 0]].copy()
            for a in range(1, s):
                common &= avail[combo[:, a]]
            ok &= common.sum(axis=1) >= p.min_common
        cols.append(combo[ok])
        vals.append(value[ok])
    return cols, vals


def _solve_columns(
    p: Problem,
    sim: np.ndarray,
    deadline: float,
    hint: list[list[int]] | None,
    workers: int,
    seed: int,
    max_memory_mb: int,
) -> ExactResult | None | bool:
    """Set-partitioning model over enumerated valid groups. False: too many columns."""
    from ortools.sat.python import cp_model

    enumerated = _columns(p, sim)
    if enumerated is None:
        return False
    if time.monotonic() > deadline:
        return None
    cols, vals = enumerated
    model = cp_model.CpModel()
    cover: list[list[cp_model.IntVar]] = [[] for _ in range(p.n)]
    want = {s: p.sizes.count(s) for s in set(p.sizes)}
    hint_set = {tuple(sorted(g)) for g in hint} if hint else set()
    term_vars: list[cp_model.IntVar] = []
    term_weights: list[int] = []
    chosen: list[tuple[cp_model.IntVar, np.ndarray]] = []
    for combo, value in zip(cols, vals, strict=True):
        if len(combo) == 0:
            continue
        s = combo.shape[1]
        vars_s = []
        for index, (row, v) in enumerate(zip(combo, value, strict=True)):
            # Building hundreds of thousands of columns takes seconds in Python: it counts
            # against the limit, so give up (the heuristic result stands) when time is out.
            if index % 4096 == 0 and time.monotonic() > deadline:
                return None
            var = model.new_bool_var("")
            members = row.tolist()
            for k in members:
                cover[k].append(var)
            term_vars.append(var)
            term_weights.append(int(round(v * SCALE)))
            vars_s.append(var)
            chosen.append((var, row))
            if hint_set:
                model.add_hint(var, tuple(members) in hint_set)
        model.add(sum(vars_s) == want[s])
    for s in want:
        if not any(len(c) and c.shape[1] == s for c in cols):
            return None
    for k in range(p.n):
        if not cover[k]:
            return None
        model.add_exactly_one(cover[k])
    model.maximize(cp_model.LinearExpr.weighted_sum(term_vars, term_weights))
    if time.monotonic() > deadline:
        return None
    solver = cp_model.CpSolver()
    # model building counts against the limit too
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.monotonic())
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    # the LP relaxation of set partitioning is what closes the gap; level 2 keeps it strong
    solver.parameters.linearization_level = 2
    # presolve on tens of thousands of set-partitioning columns costs seconds and hundreds
    # of MB while gaining nothing here: the LP closes the gap within a second without it
    solver.parameters.cp_model_presolve = False
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.max_memory_in_mb = max_memory_mb
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    groups = [row.tolist() for var, row in chosen if solver.value(var)]
    return ExactResult(
        groups,
        _group_objective(sim, groups),
        status == cp_model.OPTIMAL,
        solver.status_name(status),
    )


def solve_exact(
    p: Problem,
    sim: np.ndarray,
    time_limit: float,
    hint: list[list[int]] | None = None,
    feasibility_only: bool = False,
    workers: int = 1,
    seed: int = 0,
    max_memory_mb: int = 400,
) -> ExactResult | None:
    """Solve with CP-SAT. Returns None when no grouping was found (infeasible or out of
    time). ``workers=1`` keeps the run reproducible. The LP-heavy proof grows its memory
    with time; ``max_memory_mb`` stops the search (keeping the best grouping) beyond it."""
    from ortools.sat.python import cp_model

    if time_limit <= 0:
        return None
    deadline = time.monotonic() + time_limit
    n = p.n
    sizes = list(p.sizes)
    m_groups = len(sizes)
    if n == 0:
        return ExactResult([[] for _ in sizes], 0.0, True, "OPTIMAL")
    if not feasibility_only:
        res = _solve_columns(p, sim, deadline, hint, workers, seed, max_memory_mb)
        if res is not False:
            return res  # type: ignore[return-value]
    # groups sorted by size so that each size class is a contiguous range
    order = sorted(range(m_groups), key=lambda g: (-sizes[g], g))
    gsize = [sizes[g] for g in order]
    model = cp_model.CpModel()
    x = [[model.new_bool_var(f"x{k}_{g}") for g in range(m_groups)] for k in range(n)]
    for k in range(n):
        model.add_exactly_one(x[k])
    for g in range(m_groups):
        model.add(sum(x[k][g] for k in range(n)) == gsize[g])
    for a, b in p.together:
        for g in range(m_groups):
            model.add(x[a][g] == x[b][g])
    done: set[tuple[int, int]] = set()
    for a in range(n):
        for b in p.conflicts[a]:
            if a < b and (a, b) not in done:
                done.add((a, b))
                for g in range(m_groups):
                    model.add_bool_or([x[a][g].Not(), x[b][g].Not()])
    need = p.min_common
    slots = p.instance.slots
    if need:
        for g in range(m_groups):
            c = [model.new_bool_var(f"c{g}_{s}") for s in range(slots)]
            for s in range(slots):
                for k in range(n):
                    if not (p.avail[k] >> s) & 1:
                        model.add_bool_or([c[s].Not(), x[k][g].Not()])
            model.add(sum(c) >= need)
    # symmetry: within a size class, group t holds someone lower than anyone in group t+1
    for g in range(1, m_groups):
        if gsize[g] != gsize[g - 1]:
            continue
        for k in range(n):
            lower = [x[q][g - 1] for q in range(k)]
            if not lower:
                model.add(x[k][g] == 0)
            else:
                model.add_bool_or(lower + [x[k][g].Not()])
    y: dict[tuple[int, int, int], cp_model.IntVar] = {}
    if not feasibility_only:
        w = np.rint(np.asarray(sim, dtype=np.float64) * SCALE).astype(np.int64)
        terms = []
        for g in range(m_groups):
            if gsize[g] < 2:
                continue
            for a in range(n):
                for b in range(a + 1, n):
                    if (a, b) in done:
                        continue
                    v = model.new_bool_var(f"y{a}_{b}_{g}")
                    model.add_implication(v, x[a][g])
                    model.add_implication(v, x[b][g])
                    y[a, b, g] = v
                    terms.append(int(w[a, b]) * v)
            for a in range(n):
                row = [
                    y[min(a, b), max(a, b), g] for b in range(n) if (min(a, b), max(a, b), g) in y
                ]
                model.add(sum(row) == (gsize[g] - 1) * x[a][g])
        model.maximize(sum(terms))
    if hint:
        # map the hint's groups onto the ordered model groups (lowest member first per size)
        by_size: dict[int, list[list[int]]] = {}
        for grp in hint:
            by_size.setdefault(len(grp), []).append(sorted(grp))
        for same in by_size.values():
            same.sort()
        placed: list[list[int]] = []
        for g in range(m_groups):
            lst = by_size.get(gsize[g])
            placed.append(lst.pop(0) if lst else [])
        where = {}
        for g, grp in enumerate(placed):
            for k in grp:
                where[k] = g
        if len(where) == n:
            for k in range(n):
                for g in range(m_groups):
                    model.add_hint(x[k][g], where[k] == g)
            for (a, b, g), v in y.items():
                model.add_hint(v, where[a] == g and where[b] == g)
    solver = cp_model.CpSolver()
    # model building counts against the limit too
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.monotonic())
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.max_memory_in_mb = max_memory_mb
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    groups: list[list[int]] = [[] for _ in range(m_groups)]
    for k in range(n):
        for g in range(m_groups):
            if solver.value(x[k][g]):
                groups[g].append(k)
                break
    return ExactResult(
        groups,
        _group_objective(sim, groups),
        status == cp_model.OPTIMAL,
        solver.status_name(status),
    )


def explain_infeasible(p: Problem, time_limit: float) -> tuple[str | None, list[list[int]] | None]:
    """Decide feasibility with CP-SAT, every rule behind its own assumption literal.

    Returns (message, None) when no valid grouping exists (the message lists a set of rules
    that cannot hold together), (None, groups) with a valid grouping when one exists, and
    (None, None) when the time ran out.
    """
    message, _reason, groups = explain_infeasible_reason(p, time_limit)
    return message, groups


def explain_infeasible_reason(
    p: Problem, time_limit: float
) -> tuple[str | None, Reason | None, list[list[int]] | None]:
    """``explain_infeasible`` with the conflicting rules also in structured form."""
    from ortools.sat.python import cp_model

    n = p.n
    sizes = list(p.sizes)
    m_groups = len(sizes)
    order = sorted(range(m_groups), key=lambda g: (-sizes[g], g))
    gsize = [sizes[g] for g in order]
    ids = p.ids
    model = cp_model.CpModel()
    x = [[model.new_bool_var(f"x{k}_{g}") for g in range(m_groups)] for k in range(n)]
    for k in range(n):
        model.add_exactly_one(x[k])
    for g in range(m_groups):
        model.add(sum(x[k][g] for k in range(n)) == gsize[g])
    for g in range(1, m_groups):
        if gsize[g] == gsize[g - 1]:
            for k in range(n):
                lower = [x[q][g - 1] for q in range(k)]
                if lower:
                    model.add_bool_or(lower + [x[k][g].Not()])
                else:
                    model.add(x[k][g] == 0)
    rules: list[tuple[cp_model.IntVar, str, tuple[str, tuple[str, ...]]]] = []
    for a, b in p.together:
        lit = model.new_bool_var("")
        for g in range(m_groups):
            model.add(x[a][g] == x[b][g]).only_enforce_if(lit)
        rules.append((lit, f"{ids[a]} and {ids[b]} together", ("together", (ids[a], ids[b]))))
    for a, b in p.apart:
        lit = model.new_bool_var("")
        for g in range(m_groups):
            model.add_bool_or([x[a][g].Not(), x[b][g].Not()]).only_enforce_if(lit)
        rules.append((lit, f"{ids[a]} and {ids[b]} apart", ("apart", (ids[a], ids[b]))))
    if p.instance.separate_manager_and_report:
        for k, boss in enumerate(p.manager):
            if boss is None:
                continue
            lit = model.new_bool_var("")
            for g in range(m_groups):
                model.add_bool_or([x[k][g].Not(), x[boss][g].Not()]).only_enforce_if(lit)
            rules.append(
                (lit, f"{ids[k]} apart from manager {ids[boss]}", ("manager", (ids[k], ids[boss])))
            )
    need = p.min_common
    if need:
        lit = model.new_bool_var("")
        slots = p.instance.slots
        for g in range(m_groups):
            c = [model.new_bool_var("") for _ in range(slots)]
            for s in range(slots):
                for k in range(n):
                    if not (p.avail[k] >> s) & 1:
                        model.add_bool_or([c[s].Not(), x[k][g].Not()])
            model.add(sum(c) >= need).only_enforce_if(lit)
        rules.append((lit, f"every group has {need} common slot(s)", ("common_slots", ())))
    model.add_assumptions([lit for lit, _text, _rule in rules])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        core = set(solver.sufficient_assumptions_for_infeasibility())
        names = [text for lit, text, _rule in rules if lit.index in core]
        clashing = tuple(rule for lit, _text, rule in rules if lit.index in core)
        if not names:
            return (
                "the group sizes cannot be filled (proven by exhaustive search)",
                Reason("sizes_unfillable"),
                None,
            )
        return (
            "no valid grouping exists (proven by exhaustive search); these rules cannot all "
            "hold: "
            + "; ".join(names[:8])
            + (f" (and {len(names) - 8} more)" if len(names) > 8 else ""),
            Reason("rules_conflict", rules=clashing),
            None,
        )
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        groups: list[list[int]] = [[] for _ in range(m_groups)]
        for k in range(n):
            for g in range(m_groups):
                if solver.value(x[k][g]):
                    groups[g].append(k)
        return None, None, groups
    return None, None, None
