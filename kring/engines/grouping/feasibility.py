"""Hard rules: cheap proofs of infeasibility, and the feasibility phase (min-conflicts repair).

Together-components ("units") are never split: every grouping handled here keeps each unit in
one group, so the together rule holds by construction and only the sizes, apart,
manager/report and common-slot rules need work.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

import numpy as np

from .model import Problem


@dataclass(frozen=True)
class Reason:
    """The rule that cannot be met, in a form a caller can put into its own words (Kring's
    web pages name people and explain in the user's language). ``people`` are instance ids;
    ``numbers`` the figures the message quotes; ``rules`` (for a proven conflict) pairs a
    rule kind ("together", "apart", "manager", "common_slots") with the ids it concerns."""

    code: str
    people: tuple[str, ...] = ()
    numbers: dict[str, int] = field(default_factory=dict, hash=False)
    rules: tuple[tuple[str, tuple[str, ...]], ...] = ()


class Infeasible(Exception):
    """No valid grouping exists (or none was found in time); the message names the rule.
    ``reason`` carries the same in structured form when the engine knows it."""

    def __init__(self, message: str, reason: Reason | None = None) -> None:
        super().__init__(message)
        self.reason = reason


def _names(p: Problem, members: list[int], limit: int = 6) -> str:
    ids = [p.ids[k] for k in members]
    if len(ids) > limit:
        return ", ".join(ids[:limit]) + f", … ({len(ids)} people)"
    return ", ".join(ids)


def _unit_words(p: Problem, unit: list[int]) -> str:
    if len(unit) == 1:
        return p.ids[unit[0]]
    if len(unit) == 2:
        return f"{p.ids[unit[0]]} and {p.ids[unit[1]]} must be together but"
    return f"{_names(p, unit)} are linked by together rules but"


def _unit_mask(p: Problem, unit: list[int]) -> int:
    mask = (1 << p.instance.slots) - 1
    for k in unit:
        mask &= p.avail[k]
    return mask


def analyse(p: Problem) -> str | None:
    """A precise message when a rule provably cannot be met, else None. Cheap: O(n * units)."""
    found = diagnose(p)
    return found[0] if found else None


def diagnose(p: Problem) -> tuple[str, Reason] | None:
    """``analyse`` with the reason in structured form beside the message."""
    n = p.n
    total = sum(p.sizes)
    if total != n:
        return (
            f"group sizes sum to {total} but the pool has {n} people",
            Reason("sizes_sum", numbers={"total": total, "people": n}),
        )
    ids = p.ids
    need = p.min_common
    largest = max(p.sizes, default=0)
    for unit in p.units:
        if len(unit) < 2:
            continue
        members = set(unit)
        for a, b in p.apart:
            if a in members and b in members:
                return (
                    f"{ids[a]} and {ids[b]} must be apart but together rules link them "
                    f"(together-group: {_names(p, unit)})",
                    Reason(
                        "apart_but_linked",
                        people=(ids[a], ids[b]),
                        rules=(("together", tuple(ids[k] for k in unit)),),
                    ),
                )
        if p.instance.separate_manager_and_report:
            for k in unit:
                m = p.manager[k]
                if m is not None and m in members:
                    return (
                        f"{ids[k]} and their manager {ids[m]} must be separated but together "
                        f"rules link them (together-group: {_names(p, unit)})",
                        Reason(
                            "manager_but_linked",
                            people=(ids[k], ids[m]),
                            rules=(("together", tuple(ids[x] for x in unit)),),
                        ),
                    )
        if len(unit) > largest:
            return (
                f"together rules link {len(unit)} people ({_names(p, unit)}) but the largest "
                f"group has {largest} places",
                Reason(
                    "together_too_large",
                    people=tuple(ids[k] for k in unit),
                    numbers={"linked": len(unit), "largest": largest},
                ),
            )
        common = _unit_mask(p, unit).bit_count()
        if common < need:
            return (
                f"{_unit_words(p, unit)} share {common} common slot(s); every group needs "
                f"{need} (rules.min_common_slots)",
                Reason(
                    "together_no_common_slot",
                    people=tuple(ids[k] for k in unit),
                    numbers={"common": common, "need": need},
                ),
            )
    for k in range(n):
        if len(p.units[p.unit_of[k]]) == 1 and p.avail[k].bit_count() < need:
            return (
                f"{ids[k]} is available in {p.avail[k].bit_count()} slot(s) but every group "
                f"needs {need} common slot(s) (rules.min_common_slots)",
                Reason(
                    "too_few_slots",
                    people=(ids[k],),
                    numbers={"available": p.avail[k].bit_count(), "need": need},
                ),
            )
    # A unit's group must be filled with people who are each compatible with the whole unit.
    sizes_sorted = sorted(set(p.sizes))
    for unit in p.units:
        fit = [s for s in sizes_sorted if s >= len(unit)]
        if not fit:
            continue  # reported above
        smallest = fit[0]
        if smallest == len(unit):
            continue
        mask = _unit_mask(p, unit)
        members = set(unit)
        banned: set[int] = set()
        for k in unit:
            banned |= p.conflicts[k]
        compatible = 0
        for q in range(n):
            if q in members or q in banned:
                continue
            if need and (mask & p.avail[q]).bit_count() < need:
                continue
            compatible += 1
            if compatible >= smallest - len(unit):
                break
        if compatible < smallest - len(unit):
            if len(unit) == 1:
                return (
                    f"{ids[unit[0]]} can be grouped with only {compatible} other people (the "
                    f"others lack a common slot with them or must be kept apart); the smallest "
                    f"group has {smallest} places",
                    Reason(
                        "too_few_partners",
                        people=(ids[unit[0]],),
                        numbers={"compatible": compatible, "smallest": smallest},
                    ),
                )
            return (
                f"{_unit_words(p, unit)} only {compatible} other people have a common slot "
                f"with them and may join them; no group of size {smallest} or more can be "
                f"filled",
                Reason(
                    "too_few_partners",
                    people=tuple(ids[k] for k in unit),
                    numbers={"compatible": compatible, "smallest": smallest},
                ),
            )
    return None


def group_violation(p: Problem, members: list[int]) -> int:
    """Broken apart/manager pairs inside the group plus missing common slots."""
    inside = set(members)
    bad = 0
    for a in members:
        conf = p.conflicts[a]
        if conf:
            bad += len(conf & inside)
    bad //= 2
    need = p.min_common
    if need:
        mask = (1 << p.instance.slots) - 1
        for k in members:
            mask &= p.avail[k]
        common = mask.bit_count()
        if common < need:
            bad += need - common
    return bad


def pack_units(p: Problem, rng: random.Random) -> list[list[int]] | None:
    """Random assignment of whole units to groups with exactly the requested sizes.
    Returns None when the units cannot be packed (a together-component pattern that no
    combination of group sizes can hold)."""
    sizes = list(p.sizes)
    big = [u for u in p.units if len(u) > 1]
    singles = [u[0] for u in p.units if len(u) == 1]
    rng.shuffle(big)
    big.sort(key=len, reverse=True)
    for attempt in range(20):
        groups: list[list[int]] = [[] for _ in sizes]
        free = list(sizes)
        ok = True
        for unit in big:
            # the roomiest group keeps the packing flexible; ties broken at random
            order = list(range(len(sizes)))
            rng.shuffle(order)
            best = max(order, key=lambda g: free[g])
            if attempt and rng.random() < 0.5:
                fits = [g for g in order if free[g] >= len(unit)]
                best = fits[0] if fits else best
            if free[best] < len(unit):
                ok = False
                break
            groups[best].extend(unit)
            free[best] -= len(unit)
        if not ok:
            continue
        pool = singles[:]
        rng.shuffle(pool)
        at = 0
        for g, f in enumerate(free):
            groups[g].extend(pool[at : at + f])
            at += f
        return groups
    return _pack_units_exact(p)


def _pack_units_exact(p: Problem) -> list[list[int]] | None:
    from ortools.sat.python import cp_model

    big = [u for u in p.units if len(u) > 1]
    singles = [u[0] for u in p.units if len(u) == 1]
    m = cp_model.CpModel()
    x = {(u, g): m.new_bool_var(f"x{u}_{g}") for u in range(len(big)) for g in range(len(p.sizes))}
    for u in range(len(big)):
        m.add_exactly_one(x[u, g] for g in range(len(p.sizes)))
    for g, s in enumerate(p.sizes):
        m.add(sum(len(big[u]) * x[u, g] for u in range(len(big))) <= s)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5.0
    if solver.solve(m) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    groups: list[list[int]] = [[] for _ in p.sizes]
    for u in range(len(big)):
        for g in range(len(p.sizes)):
            if solver.value(x[u, g]):
                groups[g].extend(big[u])
    at = 0
    for g, s in enumerate(p.sizes):
        f = s - len(groups[g])
        groups[g].extend(singles[at : at + f])
        at += f
    return groups


def describe_violations(p: Problem, groups: list[list[int]], limit: int = 3) -> str:
    """Concrete words for what is still broken in a grouping that keeps units whole."""
    ids = p.ids
    msgs: list[str] = []
    need = p.min_common
    apart = {frozenset(pair) for pair in p.apart}
    for members in groups:
        inside = set(members)
        for a in members:
            for b in sorted(p.conflicts[a] & inside):
                if a < b:
                    if frozenset((a, b)) in apart:
                        msgs.append(f"{ids[a]} and {ids[b]} must be apart")
                    else:
                        boss, rep = (a, b) if p.manager[b] == a else (b, a)
                        msgs.append(f"{ids[rep]} must not share a group with manager {ids[boss]}")
        if need:
            mask = (1 << p.instance.slots) - 1
            for k in members:
                mask &= p.avail[k]
            if mask.bit_count() < need:
                msgs.append(
                    f"no group of size {len(members)} with {_names(p, sorted(members), 3)} "
                    f"reaches {need} common slot(s) (rules.min_common_slots)"
                )
    more = f" (and {len(msgs) - limit} more)" if len(msgs) > limit else ""
    return "; ".join(msgs[:limit]) + more


def repair(
    p: Problem,
    groups: list[list[int]],
    rng: random.Random,
    deadline: float,
    max_steps: int | None = None,
) -> tuple[list[list[int]], int]:
    """Min-conflicts local search on the hard rules (feasibility phase).

    Moves: swap a unit with a unit of the same size (or with as many single people) in
    another group, or move a single person between groups of sizes s+1 and s. Returns the
    least-violated grouping seen and its violation count (0 means valid).
    """
    groups = [list(g) for g in groups]
    m = len(groups)
    viol = [group_violation(p, g) for g in groups]
    total = sum(viol)
    if total == 0 or m < 2:
        return groups, total
    best_total = total
    best = [list(g) for g in groups]
    unit_of = p.unit_of
    units = p.units
    tabu: dict[tuple[int, int], int] = {}  # (person, group) -> step until which moving back is tabu
    need = p.min_common
    slots = p.instance.slots
    full = (1 << slots) - 1
    avail = p.avail
    avail_bool = np.zeros((p.n, max(slots, 1)), dtype=bool)
    for k, mask in enumerate(avail):
        for t in range(slots):
            if (mask >> t) & 1:
                avail_bool[k, t] = True
    single = np.asarray([len(units[unit_of[k]]) == 1 for k in range(p.n)], dtype=bool)
    group_of = [0] * p.n
    for gi, members in enumerate(groups):
        for k in members:
            group_of[k] = gi
    step = 0
    stale = 0
    while total > 0:
        step += 1
        if max_steps is not None and step > max_steps:
            break
        if step % 16 == 0 and time.monotonic() > deadline:
            break
        bad_groups = [g for g in range(m) if viol[g] > 0]
        g = rng.choice(bad_groups)
        gm = groups[g]
        # culprits: people in broken pairs, else (slot shortage) anyone whose removal helps most
        inside = set(gm)
        culprits = [a for a in gm if p.conflicts[a] & inside]
        if not culprits and need:
            # slot shortage: the members whose absence leaves the most common slots
            scores = []
            for x in gm:
                mask = full
                for y in gm:
                    if y != x:
                        mask &= avail[y]
                scores.append(mask.bit_count())
            top = max(scores)
            culprits = [x for x, sc in zip(gm, scores, strict=True) if sc == top]
        if not culprits:
            culprits = gm
        a = rng.choice(culprits)
        unit = units[unit_of[a]]
        out_set = set(unit)
        candidates: list[tuple[int, int, list[int]]] = []  # (delta, group, people coming in)
        others = list(range(m))
        rng.shuffle(others)
        others = [h for h in others if h != g][: max(8, min(m - 1, 20))]
        rest_g = [k for k in gm if k not in out_set]
        if len(unit) == 1 and rest_g:
            # targeted partners: single people elsewhere who fit the rest of this group
            mask = full
            banned: set[int] = set(gm)
            for k in rest_g:
                mask &= avail[k]
                banned |= p.conflicts[k]
            if need:
                cols = [t for t in range(slots) if (mask >> t) & 1]
                fits = single & (avail_bool[:, cols].sum(axis=1) >= need)
            else:
                fits = single.copy()
            found = np.flatnonzero(fits).tolist()
            found = [q for q in found if q not in banned]
            for q in rng.sample(found, min(len(found), 30)):
                h = group_of[q]
                hm = groups[h]
                new_g = [*rest_g, q]
                new_h = [k for k in hm if k != q] + [a]
                delta = group_violation(p, new_g) + group_violation(p, new_h) - viol[g] - viol[h]
                if tabu.get((q, g), 0) > step and total + delta >= best_total:
                    continue
                candidates.append((delta, h, [q]))
        for h in others:
            hm = groups[h]
            # same-size exchanges
            if len(unit) == 1:
                options = [[b] for b in hm if len(units[unit_of[b]]) == 1]
            else:
                options = []
                seen_units = {unit_of[b] for b in hm if len(units[unit_of[b]]) == len(unit)}
                options.extend(list(units[u]) for u in seen_units)
                singles = [b for b in hm if len(units[unit_of[b]]) == 1]
                if len(singles) >= len(unit):
                    options.append(rng.sample(singles, len(unit)))
            for incoming in options:
                inc = set(incoming)
                new_g = rest_g + incoming
                new_h = [k for k in hm if k not in inc] + list(unit)
                delta = group_violation(p, new_g) + group_violation(p, new_h) - viol[g] - viol[h]
                if (
                    any(tabu.get((b, g), 0) > step for b in incoming)
                    and total + delta >= best_total
                ):
                    continue
                candidates.append((delta, h, incoming))
            # a plain move keeps the size multiset when sizes are s+1 -> s
            if len(unit) == 1 and len(hm) == len(gm) - 1:
                new_h = hm + [a]
                delta = group_violation(p, rest_g) + group_violation(p, new_h) - viol[g] - viol[h]
                candidates.append((delta, h, []))
        if not candidates:
            continue
        if rng.random() < 0.05:
            delta, h, incoming = rng.choice(candidates)
        else:
            low = min(c[0] for c in candidates)
            delta, h, incoming = rng.choice([c for c in candidates if c[0] == low])
        inc = set(incoming)
        groups[g] = rest_g + incoming
        groups[h] = [k for k in groups[h] if k not in inc] + list(unit)
        for k in incoming:
            group_of[k] = g
        for k in unit:
            group_of[k] = h
        for b in unit:
            tabu[(b, g)] = step + 10 + rng.randrange(10)
        viol[g] = group_violation(p, groups[g])
        viol[h] = group_violation(p, groups[h])
        total = sum(viol)
        if total < best_total:
            best_total = total
            best = [list(x) for x in groups]
            stale = 0
        else:
            stale += 1
            if stale > 2000:
                # restart from the best with a shake-up to leave a deep basin
                groups = [list(x) for x in best]
                for gi, members in enumerate(groups):
                    for k in members:
                        group_of[k] = gi
                viol = [group_violation(p, x) for x in groups]
                total = sum(viol)
                stale = 0
    return best, best_total
