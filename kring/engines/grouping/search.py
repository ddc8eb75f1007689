"""The main grouping engine.

Pipeline, all under one wall-clock deadline:

1. cheap proofs of infeasibility (``feasibility.analyse``);
2. the GroupAL-style greedy construction, made valid by the min-conflicts feasibility
   phase; small pools that the repair cannot fix get an exact CP-SAT feasibility check,
   which also names the clashing rules when there is no valid grouping;
3. steepest-descent local search (swaps, and moves between groups of sizes s+1 and s),
   vectorised with numpy over an m x n "attraction" matrix G[g, p] = sum of sim(p, q)
   over the members q of group g, which prices every move in O(1);
4. simulated annealing on the same moves, priced in numpy batches. Proposals mostly put a
   person into the group of one of their 30 most similar people; together-components move
   as a whole against as many single people. During annealing the apart, manager and
   common-slot rules are soft (a penalty that grows over the run; a missing slot weighs
   more than a broken pair), which lets the walk cross infeasible ridges; only valid
   groupings are kept, and a walk that ends a few rules short is mended by priced swaps.
   The rules are priced in the batch too, from bit masks of the slots each group and each
   person's group-mates share, so only proposals that pass go through Python. Runs restart
   from the best grouping while time remains; on sparse diaries the first run is long
   (one slow cooling settles how the groups spread over the slots better than many short
   runs do);
5. large-neighbourhood search: pairs of groups are re-split exhaustively (units kept whole);
   pools of at most 24 people go to the exact CP-SAT model, which proves the optimum when
   it has the time;
6. the result is certified with the engine's own validity check (``scoring.find_violations``,
   the same as ``check_grouping``) before it leaves ``solve``: a broken result is a bug, and
   is repaired or replaced by the first valid grouping, or ends in Infeasible naming the
   rules; a failing improvement phase falls back on the first valid grouping too.

The objective is the sum of within-group similarities: the number of within-group pairs is
fixed by ``group_sizes``, so maximising the sum maximises the mean that the benchmark scores.

Determinism: all randomness comes from the seed (``random.Random`` and a numpy PCG64), CP-SAT
runs with one worker and a fixed seed, and every annealing run has a planned number of
proposals, so on a fast enough machine the same seed and time limit give the same output.
The remaining time-dependence: an annealing run follows the larger of its proposal count and
its share of the clock, and the search stops at the deadline; on a slow or busy machine (or
a big pool with a short limit) the run is cut or cooled by the clock, and results can differ
between runs. Pools that converge early (stale runs) or that CP-SAT proves optimal stop early
and reproduce exactly. Sparse diaries beyond the exact model's size are the exception by
design: their first run plans more proposals than a machine makes and so always follows the
clock (one long cooling that uses the time finds better groupings there than an
iteration-planned run that ends early).
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .feasibility import (
    Infeasible,
    Reason,
    describe_violations,
    diagnose,
    group_violation,
    repair,
)
from .greedy import greedy_groups
from .model import Problem
from .scoring import find_violations, similarity_matrix

EXACT_LIMIT = 30  # pools up to this size are handed to the exact CP-SAT model
DESCENT_LIMIT = 1500  # full steepest descent before annealing only up to this size
EXACT_FEASIBILITY_LIMIT = 300  # pools up to this size get an exact feasibility check if needed
NEAR = 30  # candidate partners per person for the annealing proposals
ITER_RATE = 1_000_000  # planned annealing proposals per second (the time guard covers slower)
T0_FACTOR = 0.25  # start and end temperatures, relative to a typical proposal's loss
T0_FACTOR_TIGHT = 0.35  # the start where most groups would lack a common slot (sparse diaries)
T1_FACTOR = 0.02
FEASIBILITY_PENALTY = 5.0  # the same while the start grouping is still being made valid
PENALTY_FACTOR = 1.0  # cost of a broken rule during annealing, relative to the same unit
SLOTW = 1000
PENALTY_RAMP = 30.0  # ... growing by this factor until the end of the run
SLOT_WEIGHT = 10  # a missing common slot costs as much as this many broken pairs
REHEAT_FACTOR = 1.0  # later runs start this much cooler than the first
REHEAT_LENGTH = 0.5  # a re-annealing run's proposals, relative to the first run's cap
FIRST_RUN_SHARE = 0.7  # of the time left, for the first (main) annealing run
MAX_STALE_RUNS = 10  # re-annealing stops after this many runs without a better grouping
ITERS_PER_PERSON = 4_000  # cap on the first run's proposals per person
# Sparse diaries in pools beyond the exact model's size: one long run finds better regions
# than many short ones (the walk has to settle how the groups spread over the slots, and
# that takes a slow cooling). The planned rate is above what a machine makes, so that with
# short limits this run follows the clock and uses its whole share.
FIRST_RUN_SHARE_TIGHT = 0.9
ITERS_PER_PERSON_TIGHT = 60_000
ITER_RATE_TIGHT = 3_000_000
BATCH = 256  # annealing proposals priced at once
BATCH_TIGHT = 2048  # ... on sparse diaries, where most of them break a slot


# Optional progress report for callers that show it (Kring's web runs): called with a phase
# ("checked", "valid", "improved", "proving") and the mean pair similarity of the best
# grouping so far (0.0 before there is one). It never influences the search itself.
Progress = Callable[[str, float], None]


def _mean(p: Problem, objective: float) -> float:
    pairs = sum(s * (s - 1) // 2 for s in p.sizes)
    return objective / pairs if pairs else 0.0


@dataclass
class SearchResult:
    groups: list[list[int]]
    objective: float  # sum of within-group similarities
    proven_optimal: bool = False
    stats: dict[str, float] = field(default_factory=dict)
    # what went wrong inside the engine and was mended (a bug to report, not the user's)
    notes: list[str] = field(default_factory=list)


class State:
    """A grouping with the attraction matrix that makes gains O(1)."""

    def __init__(self, p: Problem, sim: np.ndarray, groups: list[list[int]]) -> None:
        self.p = p
        self.sim = sim
        self.members = [list(g) for g in groups]
        self.m = len(groups)
        self.gof = [0] * p.n
        for g, mem in enumerate(self.members):
            for k in mem:
                self.gof[k] = g
        self.G = np.zeros((self.m, p.n), dtype=np.float64)
        self.refresh()
        self.full = (1 << p.instance.slots) - 1

    def refresh(self) -> None:
        """Rebuild G from scratch (drops accumulated floating-point drift)."""
        for g, mem in enumerate(self.members):
            if mem:
                self.G[g] = self.sim[mem].sum(axis=0, dtype=np.float64)
            else:
                self.G[g] = 0.0

    def objective(self) -> float:
        if self.p.n == 0:
            return 0.0
        return float(self.G[np.asarray(self.gof), np.arange(self.p.n)].sum() / 2.0)

    def groups(self) -> list[list[int]]:
        return [list(g) for g in self.members]

    def snapshot(self) -> list[int]:
        return list(self.gof)

    def load(self, gof: list[int]) -> None:
        self.gof = list(gof)
        self.members = [[] for _ in range(self.m)]
        for k, g in enumerate(self.gof):
            self.members[g].append(k)
        self.refresh()

    def set_groups(self, groups: list[list[int]]) -> None:
        self.members = [list(g) for g in groups]
        for g, mem in enumerate(self.members):
            for k in mem:
                self.gof[k] = g
        self.refresh()

    # --- hard-rule checks for single-person changes ------------------------------------
    def can_swap(self, i: int, a: int, j: int, b: int) -> bool:
        gof = self.gof
        conf = self.p.conflicts
        for c in conf[j]:
            if gof[c] == a and c != i:
                return False
        for c in conf[i]:
            if gof[c] == b and c != j:
                return False
        need = self.p.min_common
        if need:
            av = self.p.avail
            mask = av[j]
            for x in self.members[a]:
                if x != i:
                    mask &= av[x]
            if mask.bit_count() < need:
                return False
            mask = av[i]
            for x in self.members[b]:
                if x != j:
                    mask &= av[x]
            if mask.bit_count() < need:
                return False
        return True

    def can_move(self, i: int, b: int) -> bool:
        gof = self.gof
        for c in self.p.conflicts[i]:
            if gof[c] == b:
                return False
        need = self.p.min_common
        if need:
            av = self.p.avail
            mask = av[i]
            for x in self.members[b]:
                mask &= av[x]
            if mask.bit_count() < need:
                return False
        return True

    def swap(self, i: int, j: int) -> None:
        a, b = self.gof[i], self.gof[j]
        diff = self.sim[j].astype(np.float64) - self.sim[i]
        self.G[a] += diff
        self.G[b] -= diff
        ma, mb = self.members[a], self.members[b]
        ma[ma.index(i)] = j
        mb[mb.index(j)] = i
        self.gof[i], self.gof[j] = b, a

    def move(self, i: int, b: int) -> None:
        a = self.gof[i]
        row = self.sim[i]
        self.G[a] -= row
        self.G[b] += row
        self.members[a].remove(i)
        self.members[b].append(i)
        self.gof[i] = b


def _movable(p: Problem) -> list[int]:
    return [k for k in range(p.n) if len(p.units[p.unit_of[k]]) == 1]


def descent(st: State, deadline: float, eps: float = 1e-9) -> int:
    """Steepest descent per person over all swaps and legal moves; returns improving steps."""
    p = st.p
    n = p.n
    if n < 2 or st.m < 2:
        return 0
    movable = _movable(p)
    mov_mask = np.zeros(n, dtype=bool)
    mov_mask[movable] = True
    sizes = np.asarray([len(g) for g in st.members])
    steps = 0
    improved = True
    while improved:
        improved = False
        gof_arr = np.asarray(st.gof)
        own = st.G[gof_arr, np.arange(n)]
        for i in movable:
            if time.monotonic() > deadline:
                return steps
            a = st.gof[i]
            gi = st.G[:, i]
            base = gi[a]
            # swap gains for every j at once
            gain = st.G[a] - base + gi[gof_arr] - own - 2.0 * st.sim[i]
            gain[gof_arr == a] = -np.inf
            gain[~mov_mask] = -np.inf
            # move gains into groups one smaller than a
            mgain = gi - base
            mgain[sizes != sizes[a] - 1] = -np.inf
            cand = np.flatnonzero(gain > eps)
            mcand = np.flatnonzero(mgain > eps)
            if cand.size == 0 and mcand.size == 0:
                continue
            options = [(float(gain[j]), 0, int(j)) for j in cand]
            options += [(float(mgain[h]), 1, int(h)) for h in mcand]
            options.sort(key=lambda t: (-t[0], t[1], t[2]))
            for _, kind, x in options:
                if kind == 0:
                    b = st.gof[x]
                    if st.can_swap(i, a, x, b):
                        st.swap(i, x)
                        touched = st.members[a] + st.members[b]
                        break
                elif st.can_move(i, x):
                    b = x
                    st.move(i, x)
                    sizes[a] -= 1
                    sizes[b] += 1
                    touched = st.members[a] + st.members[b]
                    break
            else:
                continue
            steps += 1
            improved = True
            gof_arr[i] = st.gof[i]
            for k in touched:
                gof_arr[k] = st.gof[k]
            idx = np.asarray(touched)
            own[idx] = st.G[gof_arr[idx], idx]
    return steps


def calibrate_temperature(
    st: State, rng: random.Random, near: np.ndarray, samples: int = 4000
) -> float:
    """Median loss of a worsening proposal as the annealing draws them (into the group of a
    similar person): the natural unit of the temperature, comparable across pool sizes."""
    movable = _movable(st.p)
    if len(movable) < 2:
        return 0.0
    Gi, Si, gof, members = st.G.item, st.sim.item, st.gof, st.members
    knear = near.shape[1]
    losses = []
    for _ in range(samples):
        i = movable[rng.randrange(len(movable))]
        b = gof[int(near[i, rng.randrange(knear)])]
        a = gof[i]
        if a == b:
            continue
        j = members[b][rng.randrange(len(members[b]))]
        d = Gi(a, j) - Gi(a, i) + Gi(b, i) - Gi(b, j) - 2 * Si(i, j)
        if d < 0:
            losses.append(-d)
    if not losses:
        return 0.0
    losses.sort()
    return losses[len(losses) // 2]


def anneal_batch(
    st: State,
    gen: np.random.Generator,
    iters: int,
    t0: float,
    t1: float,
    deadline: float,
    near: np.ndarray,
    p_near: float = 0.9,
    p_move: float = 0.15,
    batch: int = 256,
    t_start: float | None = None,
    penalty: float = 0.0,
    slot_weight: int = 1,
) -> int:
    """Simulated annealing whose proposals are drawn and priced in numpy batches.

    A proposal's gain only depends on the two groups it touches, so a batch priced at once
    stays exact except for proposals whose groups changed earlier in the same batch; those
    are re-priced one by one. The temperature follows the larger of the iteration fraction
    and the time fraction: iteration-driven (reproducible) on a fast machine, and still
    cooling down properly before the deadline on a slow or busy one.

    With ``penalty > 0`` the apart, manager and common-slot rules become soft: each broken
    pair costs ``penalty``, and each missing common slot ``slot_weight`` times as much, so the
    walk can cross infeasible regions that separate good groupings; the best valid grouping
    seen (checked once per batch) is what remains at the end. The cost grows by PENALTY_RAMP
    over the run, so that the walk ends in a valid region. (With a fixed cost and slots
    priced like pairs, a walk on sparse availability ended a slot short in a few groups every
    time, no single swap could mend that, and the whole run was lost.)

    Soft rules are priced exactly in the batch for the slots (from the slots shared by each
    group and by each person's group-mates, as bit masks) and optimistically for the pairs
    (a proposal may at most mend the broken pairs of the people it moves); the few that pass
    are priced exactly one by one.
    """
    p = st.p
    n = p.n
    movable = np.asarray(_movable(p), dtype=np.int64)
    nm = len(movable)
    if nm < 2 or st.m < 2 or t0 <= 0 or iters <= 0:
        return 0
    G, sim, gof, members = st.G, st.sim, st.gof, st.members
    Gi, Si = G.item, sim.item
    mov_mask = np.zeros(n, dtype=bool)
    mov_mask[movable] = True
    m = st.m
    width = max(len(g) for g in members) + 1
    memb = np.zeros((m, width), dtype=np.int64)
    size = np.zeros(m, dtype=np.int64)
    for g, mem in enumerate(members):
        memb[g, : len(mem)] = mem
        size[g] = len(mem)
    gof_arr = np.asarray(gof, dtype=np.int64)
    sizes_present = set(size.tolist())
    if not any((x - 1) in sizes_present for x in sizes_present):
        p_move = 0.0
    knear = near.shape[1]
    can_swap, can_move = st.can_swap, st.can_move
    log_ratio = math.log(t1 / t0)
    begin = time.monotonic() if t_start is None else t_start
    span = max(1e-9, deadline - begin)
    done = 0
    touched = [0] * m  # batch stamp of the last change per group
    stamp = 0
    soft = penalty > 0
    log_ramp = math.log(PENALTY_RAMP)
    multi = [u for u in p.units if len(u) > 1]
    # the unit proposals are drawn one by one: Python's generator is cheaper there
    urng = random.Random(int(gen.integers(2**63)))
    mov_set = set(movable.tolist())
    unit_people = sum(len(u) for u in multi)
    unit_tries = max(1, round(batch * unit_people / n)) if multi else 0
    conf, avail, need, full = p.conflicts, p.avail, p.min_common, st.full

    def broken(mem: list[int]) -> int:
        bad = 0
        if need:
            mask = full
            for x in mem:
                mask &= avail[x]
            common = mask.bit_count()
            if common < need:
                bad += 2 * (need - common) * slot_weight
        for x in mem:
            cx = conf[x]
            if cx:
                for y in mem:
                    if y in cx:
                        bad += 1
        return bad // 2

    viol = [broken(mem) for mem in members] if soft else [0] * m
    viol_arr = np.asarray(viol, dtype=np.float64)
    total_viol = sum(viol)
    obj = st.objective() if soft else 0.0
    best_obj = obj
    best_snap = list(gof) if soft and total_viol == 0 else None
    # Exact pricing of the soft rules in the batch (sparse diaries: most proposals break a
    # slot, and pricing them one by one in Python is what the time goes to): per group the
    # slots all members share, per person those the others of their group share and the
    # broken pairs they are part of. Bit masks fit an int64 up to 62 slots.
    exact_rules = soft and p.instance.slots <= 62
    if exact_rules:
        av_arr = np.asarray(avail, dtype=np.int64)
        gmask = np.zeros(m, dtype=np.int64)
        excl = np.zeros(n, dtype=np.int64)
        cpair = np.zeros(n, dtype=np.float64)

        gmask_l = [0] * m
        excl_l = [0] * n
        cpair_l = [0] * n

        def rules_of(g: int) -> None:
            mem = members[g]
            k = len(mem)
            # the slots the others share, from prefix and suffix intersections
            pre = [full] * (k + 1)
            for t in range(k):
                pre[t + 1] = pre[t] & avail[mem[t]]
            gmask_l[g] = gmask[g] = pre[k]
            after = full
            for t in range(k - 1, -1, -1):
                x = mem[t]
                excl_l[x] = excl[x] = pre[t] & after
                after &= avail[x]
                cx = conf[x]
                if cx:
                    cpair_l[x] = cpair[x] = sum(1 for y in mem if y in cx)
                elif cpair_l[x]:
                    cpair_l[x] = cpair[x] = 0

        def clash(mem: list[int]) -> int:
            bad = 0
            for x in mem:
                cx = conf[x]
                if cx:
                    bad += sum(1 for y in mem if y in cx)
            return bad // 2

        cl = [clash(mem) for mem in members]

        def missing(masks: np.ndarray) -> np.ndarray:
            return np.maximum(0, need - np.bitwise_count(masks).astype(np.int64))

        for g in range(m):
            rules_of(g)
    while done < iters:
        now = time.monotonic()
        if now > deadline:
            break
        frac = max(done / iters, (now - begin) / span)
        if frac >= 1.0:
            break
        T = t0 * math.exp(log_ratio * frac)
        # the rules harden as the walk cools, so that it ends in a valid region
        pen = penalty * math.exp(log_ramp * frac)
        stamp += 1
        k = batch
        done += k
        src = movable[gen.integers(nm, size=k)]
        ga = gof_arr[src]
        u = gen.random(k)
        kind = gen.random(k)
        pal = near[src, gen.integers(knear, size=k)]
        gb = np.where(kind < p_near, gof_arr[pal], gen.integers(m, size=k))
        is_move = gen.random(k) < p_move
        dst = memb[gb, (gen.random(k) * size[gb]).astype(np.int64)]
        ok = (ga != gb) & (is_move | mov_mask[dst])
        is_move &= size[gb] == size[ga] - 1
        ok &= is_move | (~is_move & mov_mask[dst])
        gain_swap = G[ga, dst] - G[ga, src] + G[gb, src] - G[gb, dst] - 2.0 * sim[src, dst]
        gain_move = G[gb, src] - G[ga, src]
        gain = np.where(is_move, gain_move, gain_swap)
        limit = T * np.log(np.maximum(u, 1e-300))
        if exact_rules:
            # slots exactly; broken pairs optimistically (a proposal may mend those of the
            # two people it moves, and is re-priced one by one below)
            a_src = av_arr[src]
            a_dst = av_arr[dst]
            mask_a = np.where(is_move, excl[src], excl[src] & a_dst)
            mask_b = np.where(is_move, gmask[gb] & a_src, excl[dst] & a_src)
            dslot = (
                missing(mask_a) + missing(mask_b) - missing(gmask[ga]) - missing(gmask[gb])
            ) * slot_weight
            mend_pairs = cpair[src] + np.where(is_move, 0.0, cpair[dst])
            cand = np.flatnonzero(ok & (gain - pen * (dslot - mend_pairs) >= limit))
        elif soft:
            cand = np.flatnonzero(ok & (gain + pen * (viol_arr[ga] + viol_arr[gb]) >= limit))
        else:
            cand = np.flatnonzero(ok & (gain >= limit))
        if exact_rules:
            # the same as the loop below, with the rules priced from the kept masks
            for i, b, j, mv, d, lim, a0 in zip(
                src[cand].tolist(),
                gb[cand].tolist(),
                dst[cand].tolist(),
                is_move[cand].tolist(),
                gain[cand].tolist(),
                limit[cand].tolist(),
                ga[cand].tolist(),
                strict=True,
            ):
                a = gof[i]
                if a == b:
                    continue
                fresh = a == a0 and touched[a] != stamp and touched[b] != stamp
                ma, mb = members[a], members[b]
                ci = conf[i]
                if mv:
                    if not fresh:
                        if len(mb) != len(ma) - 1:
                            continue
                        d = Gi(b, i) - Gi(a, i)
                    ca = cl[a] - cpair_l[i]
                    cb = cl[b] + (sum(1 for y in ci if gof[y] == b) if ci else 0)
                    keep_a = excl_l[i]
                    keep_b = gmask_l[b] & avail[i]
                else:
                    if gof[j] != b:
                        continue
                    if not fresh:
                        d = Gi(a, j) - Gi(a, i) + Gi(b, i) - Gi(b, j) - 2.0 * Si(i, j)
                    cj = conf[j]
                    ca = cl[a] - cpair_l[i]
                    if cj:
                        ca += sum(1 for y in cj if gof[y] == a and y != i)
                    cb = cl[b] - cpair_l[j]
                    if ci:
                        cb += sum(1 for y in ci if gof[y] == b and y != j)
                    keep_a = excl_l[i] & avail[j]
                    keep_b = excl_l[j] & avail[i]
                va = ca + slot_weight * max(0, need - keep_a.bit_count())
                vb = cb + slot_weight * max(0, need - keep_b.bit_count())
                dv = va + vb - viol[a] - viol[b]
                if d - pen * dv < lim:
                    continue
                viol[a], viol[b] = va, vb
                viol_arr[a], viol_arr[b] = va, vb
                cl[a], cl[b] = ca, cb
                total_viol += dv
                obj += d
                if mv:
                    row = sim[i]
                    G[a] -= row
                    G[b] += row
                    ma.remove(i)
                    mb.append(i)
                    gof[i] = b
                    gof_arr[i] = b
                    memb[a, : len(ma)] = ma
                    memb[b, : len(mb)] = mb
                    size[a] -= 1
                    size[b] += 1
                else:
                    diff = sim[j] - sim[i]
                    G[a] += diff
                    G[b] -= diff
                    pa, pb = ma.index(i), mb.index(j)
                    ma[pa] = j
                    mb[pb] = i
                    memb[a, pa] = j
                    memb[b, pb] = i
                    gof[i], gof[j] = b, a
                    gof_arr[i], gof_arr[j] = b, a
                touched[a] = stamp
                touched[b] = stamp
                rules_of(a)
                rules_of(b)
            cand = cand[:0]
        for c in cand.tolist():
            i = int(src[c])
            a = gof[i]
            b = int(gb[c])
            if a == b:
                continue
            d = float(gain[c])
            if is_move[c]:
                if a != ga[c] or touched[a] == stamp or touched[b] == stamp:
                    if len(members[b]) != len(members[a]) - 1:
                        continue
                    d = Gi(b, i) - Gi(a, i)
                if soft:
                    va = broken([x for x in members[a] if x != i])
                    vb = broken([*members[b], i])
                    dv = va + vb - viol[a] - viol[b]
                    if d - pen * dv < limit[c]:
                        continue
                    viol[a], viol[b] = va, vb
                    viol_arr[a], viol_arr[b] = va, vb
                    total_viol += dv
                    obj += d
                elif d < limit[c] or not can_move(i, b):
                    continue
                row = sim[i]
                G[a] -= row
                G[b] += row
                ma, mb = members[a], members[b]
                ma.remove(i)
                mb.append(i)
                gof[i] = b
                gof_arr[i] = b
                memb[a, : len(ma)] = ma
                memb[b, : len(mb)] = mb
                size[a] -= 1
                size[b] += 1
            else:
                j = int(dst[c])
                if gof[j] != b:
                    continue
                if a != ga[c] or touched[a] == stamp or touched[b] == stamp:
                    d = Gi(a, j) - Gi(a, i) + Gi(b, i) - Gi(b, j) - 2.0 * Si(i, j)
                if soft:
                    va = broken([j if x == i else x for x in members[a]])
                    vb = broken([i if x == j else x for x in members[b]])
                    dv = va + vb - viol[a] - viol[b]
                    if d - pen * dv < limit[c]:
                        continue
                    viol[a], viol[b] = va, vb
                    viol_arr[a], viol_arr[b] = va, vb
                    total_viol += dv
                    obj += d
                elif d < limit[c] or not can_swap(i, a, j, b):
                    continue
                diff = sim[j] - sim[i]
                G[a] += diff
                G[b] -= diff
                ma, mb = members[a], members[b]
                pa, pb = ma.index(i), mb.index(j)
                ma[pa] = j
                mb[pb] = i
                memb[a, pa] = j
                memb[b, pb] = i
                gof[i], gof[j] = b, a
                gof_arr[i], gof_arr[j] = b, a
            touched[a] = stamp
            touched[b] = stamp
        # together-units (few) cannot take part in the person swaps above: propose moving
        # a whole unit against as many single people of a group like it
        for _ in range(unit_tries):
            unit = multi[urng.randrange(len(multi))]
            a = gof[unit[0]]
            x0 = unit[urng.randrange(len(unit))]
            b = gof[int(near[x0, urng.randrange(knear)])]
            mb = members[b]
            singles = [y for y in mb if y in mov_set]
            if b == a or len(singles) < len(unit):
                continue
            ys = urng.sample(singles, len(unit))
            d = 0.0
            for x in unit:
                d += Gi(b, x) - Gi(a, x)
            for y in ys:
                d += Gi(a, y) - Gi(b, y)
            for x in unit:
                for y in ys:
                    d -= 2.0 * Si(x, y)
            for q, x in enumerate(unit):
                for x2 in unit[q + 1 :]:
                    d += 2.0 * Si(x, x2)
            for q, y in enumerate(ys):
                for y2 in ys[q + 1 :]:
                    d += 2.0 * Si(y, y2)
            lim = T * math.log(max(urng.random(), 1e-300))
            if d + (pen * (viol[a] + viol[b]) if soft else 0.0) < lim:
                continue  # even mending every broken rule of a and b would not pay
            new_a = [x for x in members[a] if x not in unit] + ys
            new_b = [y for y in mb if y not in ys] + list(unit)
            if soft:
                va, vb = broken(new_a), broken(new_b)
                dv = va + vb - viol[a] - viol[b]
                if d - pen * dv < lim:
                    continue
                viol[a], viol[b] = va, vb
                viol_arr[a], viol_arr[b] = va, vb
                total_viol += dv
                obj += d
            elif d < lim or not _group_ok(p, new_a) or not _group_ok(p, new_b):
                continue
            for x in unit:
                G[a] -= sim[x]
                G[b] += sim[x]
                gof[x] = b
                gof_arr[x] = b
            for y in ys:
                G[b] -= sim[y]
                G[a] += sim[y]
                gof[y] = a
                gof_arr[y] = a
            members[a][:] = new_a
            members[b][:] = new_b
            memb[a, : len(new_a)] = new_a
            memb[b, : len(new_b)] = new_b
            if exact_rules:
                cl[a], cl[b] = clash(new_a), clash(new_b)
                rules_of(a)
                rules_of(b)
        if soft and total_viol == 0 and obj > best_obj + 1e-9:
            best_obj = obj
            best_snap = list(gof)
    # A walk that ends a few broken rules away from a better grouping than the best valid
    # one is worth mending.
    mended = soft and total_viol and mend(st, time.monotonic() + max(0.02, 0.05 * span))
    if mended and st.objective() > best_obj:
        return done
    if soft and (total_viol or obj < best_obj - 1e-9) and best_snap is not None:
        st.load(best_snap)
    return done


def mend(st: State, deadline: float) -> bool:
    """Make a grouping valid by the best swaps that each lower the number of broken rules.

    The feasibility repair picks any swap that helps and so gives away much of a good
    grouping; here every swap is priced with the attraction matrix and the one that keeps
    the most similarity wins. Returns True when the grouping is valid at the end; False (and
    a grouping that may still break rules) when no single swap helps or time runs out."""
    p = st.p
    need = p.min_common
    av = p.avail
    single = [len(p.units[p.unit_of[k]]) == 1 for k in range(p.n)]
    viol = [group_violation(p, mem) for mem in st.members]
    while any(viol):
        if time.monotonic() > deadline:
            return False
        g = next(h for h in range(st.m) if viol[h])
        best: tuple[int, float, int, int] | None = None  # (fewer broken, gain, x, y)
        for x in st.members[g]:
            if not single[x]:
                continue
            rest = [k for k in st.members[g] if k != x]
            mask = st.full
            banned: set[int] = set()
            for k in rest:
                mask &= av[k]
                banned |= p.conflicts[k]
            for y in range(p.n):
                h = st.gof[y]
                if h == g or not single[y] or y in banned:
                    continue
                if need and (mask & av[y]).bit_count() < need:
                    continue
                new_h = [k for k in st.members[h] if k != y] + [x]
                fewer = viol[g] + viol[h] - group_violation(p, new_h)
                if fewer <= 0:
                    continue
                gain = float(st.G[g, y] - st.G[g, x] + st.G[h, x] - st.G[h, y] - 2.0 * st.sim[x, y])
                if best is None or (fewer, gain) > best[:2]:
                    best = (fewer, gain, x, y)
        if best is None:
            return False
        _, _, x, y = best
        h = st.gof[y]
        st.swap(x, y)
        viol[g] = group_violation(p, st.members[g])
        viol[h] = group_violation(p, st.members[h])
    return True


def neighbours(sim: np.ndarray, k: int, block: int = 512) -> np.ndarray:
    """n x k array: the k most similar people of everyone (deterministic for a matrix)."""
    n = sim.shape[0]
    k = max(1, min(k, n - 1))
    out = np.zeros((n, k), dtype=np.int64)
    for r0 in range(0, n, block):
        rows = np.array(sim[r0 : r0 + block], dtype=np.float64)
        r1 = r0 + rows.shape[0]
        rows[np.arange(r1 - r0), np.arange(r0, r1)] = -np.inf
        if k < n - 1:
            out[r0:r1] = np.argpartition(-rows, k - 1, axis=1)[:, :k]
        else:
            out[r0:r1] = np.argsort(-rows, axis=1, kind="stable")[:, :k]
    return out


def _split_value(sub: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """Within-sum of the chosen side plus the other side, for 0/1 rows of ``masks``."""
    inside = 0.5 * np.einsum("ki,ij,kj->k", masks, sub, masks)
    rest = 1.0 - masks
    outside = 0.5 * np.einsum("ki,ij,kj->k", rest, sub, rest)
    return inside + outside


_PAIR_SPLITS: dict[tuple[tuple[int, ...], int, bool], np.ndarray] = {}


def _pair_splits(block_sizes: tuple[int, ...], size_a: int, symmetric: bool) -> np.ndarray:
    """0/1 rows over blocks: every choice of blocks that fills a group of ``size_a``
    (block 0 always on the first side when both sides have the same size). Cached."""
    key = (block_sizes, size_a, symmetric)
    rows = _PAIR_SPLITS.get(key)
    if rows is None:
        nb = len(block_sizes)
        found = []
        for r in range(1, nb + 1):
            for combo in itertools.combinations(range(nb), r):
                if symmetric and combo[0] != 0:
                    break
                if sum(block_sizes[c] for c in combo) == size_a:
                    row = np.zeros(nb)
                    row[list(combo)] = 1.0
                    found.append(row)
        rows = np.asarray(found).reshape(len(found), nb)
        _PAIR_SPLITS[key] = rows
    return rows


def pair_lns(st: State, a: int, b: int, eps: float = 1e-9) -> bool:
    """Re-split groups a and b optimally (exhaustively), keeping units whole. Returns True if
    the grouping improved."""
    p = st.p
    if a == b:
        raise ValueError("pair_lns needs two different groups")
    ma, mb = st.members[a], st.members[b]
    people = ma + mb
    k = len(people)
    if k > 14 or not ma or not mb:
        return False
    # blocks of people that must stay together (units are whole inside a group)
    blocks: list[list[int]] = []
    seen: dict[int, int] = {}
    for x, person in enumerate(people):
        u = p.unit_of[person]
        if u in seen:
            blocks[seen[u]].append(x)
        else:
            seen[u] = len(blocks)
            blocks.append([x])
    block_rows = _pair_splits(tuple(len(b) for b in blocks), len(ma), len(ma) == len(mb))
    if block_rows.shape[0] == 0:
        return False
    position_block = np.zeros(k, dtype=np.int64)
    for c, block in enumerate(blocks):
        position_block[block] = c
    rows = block_rows[:, position_block]
    masks = rows
    idx = np.asarray(people)
    sub = st.sim[np.ix_(idx, idx)].astype(np.float64)
    values = _split_value(sub, masks)
    current = 0.5 * (st.G[a, ma].sum() + st.G[b, mb].sum())
    order = np.argsort(-values, kind="stable")
    for r in order:
        if values[r] <= current + eps:
            return False
        side = masks[r] > 0.5
        new_a = [people[x] for x in range(k) if side[x]]
        new_b = [people[x] for x in range(k) if not side[x]]
        if _group_ok(p, new_a) and _group_ok(p, new_b):
            _apply_groups(st, a, b, new_a, new_b)
            return True
    return False


def _group_ok(p: Problem, members: list[int]) -> bool:
    inside = set(members)
    for x in members:
        if p.conflicts[x] & inside:
            return False
    need = p.min_common
    if need:
        mask = (1 << p.instance.slots) - 1
        for x in members:
            mask &= p.avail[x]
        if mask.bit_count() < need:
            return False
    return True


def _apply_groups(st: State, a: int, b: int, new_a: list[int], new_b: list[int]) -> None:
    st.members[a] = list(new_a)
    st.members[b] = list(new_b)
    for x in new_a:
        st.gof[x] = a
    for x in new_b:
        st.gof[x] = b
    st.G[a] = st.sim[new_a].sum(axis=0, dtype=np.float64)
    st.G[b] = st.sim[new_b].sum(axis=0, dtype=np.float64)


def lns_round(st: State, rng: random.Random, deadline: float, partners: int = 3) -> int:
    """One pass of pair re-splitting: every group with its most attractive partners."""
    improved = 0
    m = st.m
    order = list(range(m))
    rng.shuffle(order)
    for a in order:
        if time.monotonic() > deadline:
            break
        ma = st.members[a]
        if not ma:
            continue
        # attraction of a's members to every other group
        pull = st.G[:, ma].sum(axis=1)
        pull[a] = -np.inf
        # with fewer than partners + 1 groups the ranking would end in a itself, and
        # re-splitting a group with itself duplicates its members
        top = [int(b) for b in np.argsort(-pull, kind="stable")[: min(partners, m - 1)]]
        for b in top:
            if pair_lns(st, a, b):
                improved += 1
    return improved


def find_valid(p: Problem, sim: np.ndarray, rng: random.Random, deadline: float) -> list[list[int]]:
    """A valid grouping, or Infeasible naming the rules that cannot be met."""
    groups = greedy_groups(p, sim)
    # small pools keep time for the exact check below; big ones rely on the repair
    share = 0.6 if p.n <= EXACT_FEASIBILITY_LIMIT else 0.9
    groups, left = repair(p, groups, rng, time.monotonic() + share * (deadline - time.monotonic()))
    # the repair counts broken pairs and slots only; the full check also covers the shape
    if not left and not find_violations(p, groups):
        return groups
    if p.n <= EXACT_FEASIBILITY_LIMIT:
        # small enough to decide exactly, and to name the clashing rules when it fails
        from .exact import explain_infeasible_reason

        message, reason, found = explain_infeasible_reason(
            p, 0.6 * max(0.05, deadline - time.monotonic())
        )
        if message:
            raise Infeasible(message, reason)
        if found is not None and not find_violations(p, found):
            return found
    # Still broken (big pools, tight rules): anneal with the rules as heavy penalties to
    # shake the grouping into another region, then repair again; alternate until the end.
    st = State(p, sim, groups)
    near = neighbours(sim, NEAR)
    scale = calibrate_temperature(st, rng, near) or 1.0
    gen = np.random.default_rng(rng.randrange(2**63))
    while time.monotonic() < deadline:
        now = time.monotonic()
        seconds = max(0.05, 0.3 * (deadline - now))
        anneal_batch(
            st,
            gen,
            int(ITER_RATE * seconds),
            scale * T0_FACTOR,
            scale * T1_FACTOR,
            now + seconds,
            near,
            p_near=0.5,
            t_start=now,
            penalty=FEASIBILITY_PENALTY * scale,
        )
        st.refresh()
        short = time.monotonic() + 0.6 * max(0.0, deadline - time.monotonic())
        groups, left = repair(p, st.groups(), rng, short)
        if not left and not find_violations(p, groups):
            return groups
        st.set_groups(groups)
    raise Infeasible(
        "no valid grouping found in the time limit; the best attempt still breaks: "
        + describe_violations(p, groups),
        Reason("not_found"),
    )


def solve(
    p: Problem,
    time_limit: float = 10.0,
    seed: int = 0,
    start: float | None = None,
    sim: np.ndarray | None = None,
    progress: Progress | None = None,
) -> SearchResult:
    """Best grouping found within ``time_limit`` seconds counted from ``start`` (monotonic
    clock; default now). Raises Infeasible with the rule that cannot be met. ``progress``,
    when given, hears of each phase and of every better grouping."""
    t_start = time.monotonic() if start is None else start
    margin = min(0.2 + 0.01 * time_limit, 0.3 * time_limit)
    deadline = t_start + time_limit - margin
    found = diagnose(p)
    if found:
        raise Infeasible(*found)
    if progress:
        progress("checked", 0.0)
    rng = random.Random(seed)
    if sim is None:
        dtype = np.float64 if p.n <= 2500 else np.float32
        sim = similarity_matrix(p, dtype=dtype)
    stats: dict[str, float] = {"setup_s": time.monotonic() - t_start}
    start_groups = find_valid(p, sim, rng, deadline)
    try:
        result = _search(p, sim, start_groups, rng, deadline, stats, progress)
    except Exception as exc:  # a bug in the improvement must not cost the valid grouping
        result = SearchResult(start_groups, objective_of(sim, start_groups), stats=stats)
        result.notes.append(
            f"the search failed ({type(exc).__name__}: {exc}); gave the first valid grouping"
        )
    # the repair may use the safety margin too: a valid grouping a little late beats none
    return certify(p, sim, result, start_groups, rng, t_start + time_limit - 0.5 * margin)


def _search(
    p: Problem,
    sim: np.ndarray,
    groups: list[list[int]],
    rng: random.Random,
    deadline: float,
    stats: dict[str, float],
    progress: Progress | None,
) -> SearchResult:
    """Improve a valid grouping until the deadline: annealing, descent and LNS, and for small
    pools the exact CP-SAT model."""
    st = State(p, sim, groups)
    stats["construct"] = st.objective()
    if p.n <= DESCENT_LIMIT:
        # on big pools the low-temperature end of the annealing does this work cheaper
        descent(st, deadline)
    stats["descent"] = st.objective()
    best_obj = st.objective()
    best = st.snapshot()
    if progress:
        progress("valid", _mean(p, best_obj))

    if p.n <= EXACT_LIMIT and len(p.sizes) > 1:
        # quick heuristic first (it becomes the CP-SAT hint), then the proof
        quick = time.monotonic() + min(2.0, 0.3 * (deadline - time.monotonic()))
        _improve(st, rng, min(deadline, quick), stats, progress)
        obj = st.objective()
        if obj > best_obj:
            best_obj, best = obj, st.snapshot()
        if progress:
            progress("proving", _mean(p, best_obj))
        from .exact import solve_exact

        st.load(best)
        # CP-SAT may overshoot its limit a little (and more on a busy machine)
        budget = 0.85 * (deadline - time.monotonic()) - 0.25
        res = solve_exact(p, sim, budget, hint=st.groups())
        if res is not None and res.objective > best_obj + 1e-9:
            st.set_groups(res.groups)
            best_obj, best = st.objective(), st.snapshot()
        st.load(best)
        return SearchResult(
            st.groups(),
            best_obj,
            proven_optimal=bool(res and res.proven_optimal and res.objective <= best_obj + 1e-6),
            stats=stats,
        )

    _improve(st, rng, deadline, stats, progress)
    if st.objective() < best_obj:
        st.load(best)
    stats["final"] = st.objective()
    return SearchResult(st.groups(), st.objective(), stats=stats)


def objective_of(sim: np.ndarray, groups: list[list[int]]) -> float:
    """Sum of within-group similarities, from the groups alone (no search state)."""
    total = 0.0
    for g in groups:
        if len(g) > 1:
            idx = np.asarray(g)
            total += float(np.asarray(sim[np.ix_(idx, idx)], dtype=np.float64).sum()) / 2.0
    return total


def _keeps_shape(p: Problem, groups: list[list[int]]) -> bool:
    """Everyone once, the asked sizes, together-units whole: what the repair starts from."""
    placed = sorted(k for g in groups for k in g)
    if placed != list(range(p.n)) or sorted(map(len, groups)) != sorted(p.sizes):
        return False
    group_of = [0] * p.n
    for g, members in enumerate(groups):
        for k in members:
            group_of[k] = g
    return all(group_of[a] == group_of[b] for a, b in p.together)


def certify(
    p: Problem,
    sim: np.ndarray,
    result: SearchResult,
    fallback: list[list[int]],
    rng: random.Random,
    deadline: float,
) -> SearchResult:
    """The result, checked with the engine's own validity check before anyone sees it.

    A broken rule here is a bug in the search; rather than hand it out, repair the grouping
    (when it still has the asked shape) or fall back on the first valid grouping, whichever
    scores better. When neither is valid, raise Infeasible naming the broken rules."""
    broken = find_violations(p, result.groups)
    if not broken:
        # the figure comes from the groups, not from the search's running sums
        result.objective = objective_of(sim, result.groups)
        return result
    stats = dict(result.stats, broken_rules=float(len(broken)))
    notes = [
        *result.notes,
        f"the search ended with a grouping that broke {len(broken)} rule(s) "
        f"({broken[0].message}); it was repaired",
    ]
    candidates = [fallback]
    if _keeps_shape(p, result.groups):
        repaired, _left = repair(p, result.groups, rng, max(deadline, time.monotonic() + 0.05))
        candidates.append(repaired)
    valid = [g for g in candidates if not find_violations(p, g)]
    if valid:
        groups = max(valid, key=lambda g: objective_of(sim, g))
        return SearchResult(groups, objective_of(sim, groups), stats=stats, notes=notes)
    words = "; ".join(v.message for v in broken[:3])
    more = f" (and {len(broken) - 3} more)" if len(broken) > 3 else ""
    raise Infeasible(
        f"the search ended with a grouping that breaks rules it could not repair: {words}{more}",
        Reason(
            "engine_fault",
            people=tuple(dict.fromkeys(pid for v in broken for pid in v.people)),
            rules=tuple((v.rule, v.people) for v in broken),
        ),
    )


def slots_loose(p: Problem, rng: random.Random, samples: int = 200) -> bool:
    """Whether at least half of random groups of a typical size share the common slots
    they need: when not, the slot rule shapes the search."""
    need = p.min_common
    if not need or p.n < 2:
        return True
    size = min(p.n, sorted(p.sizes)[len(p.sizes) // 2])
    full = (1 << p.instance.slots) - 1
    fine = 0
    for _ in range(samples):
        mask = full
        for k in rng.sample(range(p.n), size):
            mask &= p.avail[k]
        fine += mask.bit_count() >= need
    return 2 * fine >= samples


def _improve(
    st: State,
    rng: random.Random,
    deadline: float,
    stats: dict[str, float],
    progress: Progress | None = None,
) -> None:
    """Main annealing run, then descent and pair LNS, then shorter re-annealing runs from
    the best grouping while time remains (and while they still help).

    A re-annealing run only starts when, at the speed measured so far, it can finish before
    the deadline: the output then depends on the number of completed runs only, which keeps
    results reproducible unless the machine's speed changes right at that boundary."""
    p = st.p
    if p.n < 3 or st.m < 2:
        return
    gen = np.random.default_rng(rng.randrange(2**63))
    near = neighbours(st.sim, NEAR)
    scale = calibrate_temperature(st, rng, near)
    best_obj = st.objective()
    best = st.snapshot()
    if scale <= 0:
        return
    # on sparse diaries a hotter start finds better regions (and varies less between seeds)
    tight = not slots_loose(p, rng)
    t0_factor = T0_FACTOR_TIGHT if tight else T0_FACTOR
    long_run = tight and p.n > EXACT_LIMIT
    share = FIRST_RUN_SHARE_TIGHT if long_run else FIRST_RUN_SHARE
    cap = ITERS_PER_PERSON_TIGHT if long_run else ITERS_PER_PERSON
    rate = ITER_RATE_TIGHT if long_run else ITER_RATE
    batch = BATCH_TIGHT if long_run else BATCH
    runs = 0
    stale = 0
    per_run = 0.0  # seconds of the slowest re-annealing run so far
    while True:
        now = time.monotonic()
        left = deadline - now
        if left <= 0.02:
            break
        first = runs == 0
        if first:
            # the first run may take most of the time (big pools: the clock cools it down)
            seconds = share * left
            iters = int(min(rate * seconds, cap * p.n))
        else:
            seconds = left
            iters = int(cap * p.n * REHEAT_LENGTH)
            if runs >= 2 and 1.3 * per_run > left:
                break
        t0 = scale * t0_factor * (1.0 if first else REHEAT_FACTOR)
        anneal_batch(
            st,
            gen,
            iters,
            t0,
            scale * T1_FACTOR,
            now + seconds,
            near,
            t_start=now,
            penalty=PENALTY_FACTOR * scale,
            slot_weight=SLOT_WEIGHT,
            batch=batch,
        )
        st.refresh()
        descent(st, deadline)
        while lns_round(st, rng, deadline) and time.monotonic() < deadline:
            descent(st, deadline)
        if not first:
            per_run = max(per_run, time.monotonic() - now)
        runs += 1
        obj = st.objective()
        if obj > best_obj + 1e-9:
            best_obj, best = obj, st.snapshot()
            stale = 0
            if progress:
                progress("improved", _mean(p, best_obj))
        else:
            stale += 1
            st.load(best)
            if stale >= MAX_STALE_RUNS:
                break
    stats["runs"] = runs
    st.load(best)
