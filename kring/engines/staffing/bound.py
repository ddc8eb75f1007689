"""A lower bound on the cost of any valid plan.

The cost splits into a part per cohort (unplaced sessions, missing teachers, continuity, guest
and non-preferred days, gap deviation, moves and swaps) and the load deviation, which couples
all cohorts. The bound is the sum of

- per cohort, the exact optimum of a relaxation solved by dynamic programming over (session,
  start day): other cohorts do not exist (nobody is busy, rooms are free), continuity is
  dropped, and a session's team is the cheapest available teachers on that day (price: guest
  and non-preferred days, minus the swap penalty for a teacher of `current`). Each teacher-day
  left out (a missing teacher or an unplaced session) is credited 2, the most it can save on
  load deviation (see below);
- the load deviation when every session is placed and fully staffed (T* teacher-days): the
  least sum of 2 x |days - target| over teachers with a target when T* days are spread over
  all teachers within their `max_days`, skills and calendars aside; teachers without a target
  take days for free. A plan with fewer teacher-days T < T* is at most 2 (T* - T) cheaper in
  load deviation: exactly the credit above, so the sum stays a lower bound.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import (
    GAP_COST,
    LOAD_COST,
    MISSING_TEACHER_COST,
    UNPLACED_COST,
    Instance,
)
from .tables import Tables

BIG = 1e12  # leaving out a held session: impossible


@dataclass
class Bound:
    value: float
    cohorts: float
    load: float


def load_bound(instance: Instance, teacher_days: int) -> float:
    """Least load deviation cost with ``teacher_days`` spread over the teachers."""
    base = 0
    placed = 0
    cap: int
    spare_free = 0  # days teachers without a target can take
    spare_costly = 0  # days above target that teachers with one can take
    for p in instance.teachers():
        cap = p.max_days if p.max_days is not None else instance.days
        cap = min(cap, sum(p.free))
        if p.target is None:
            spare_free += cap
            continue
        at = min(p.target, cap)
        base += p.target - at
        placed += at
        spare_costly += cap - at
    delta = teacher_days - placed
    if delta >= 0:
        over = max(0, delta - spare_free)
        return LOAD_COST * (base + over)
    return LOAD_COST * (base - delta)


def cohort_bound(instance: Instance, tables: Tables, c: int) -> float:
    inst, t = instance, tables
    sessions = inst.cohorts[c].sessions
    current = inst.current or {}
    n = len(sessions)

    def left_out(k: int) -> float:
        s = sessions[k]
        if s.id in t.held:
            return BIG
        cost: float = UNPLACED_COST - LOAD_COST * s.days * s.teachers
        if s.id in current:
            cost += inst.move_penalty + inst.swap_penalty * len(current[s.id][1])
        return float(cost)

    def team(k: int, day: int) -> float:
        s = sessions[k]
        if s.id in t.held:
            return float(sum(t.fixed_cost(tid, day, s.days) for tid in t.held[s.id][1]))
        cur_day, cur_team = current.get(s.id, (-1, ()))
        prices: list[float] = []
        for tid in t.eligible[t.index[s.id]]:
            if inst.people[tid].available_span(day, s.days):
                price: float = t.fixed_cost(tid, day, s.days)
                if tid in cur_team:
                    price -= inst.swap_penalty
                prices.append(price)
        prices.sort()
        chosen = prices[: s.teachers]
        missing = s.teachers - len(chosen)
        cost: float = sum(chosen) + missing * (MISSING_TEACHER_COST - LOAD_COST * s.days)
        cost += inst.swap_penalty * len(cur_team)
        if s.id in current and day != cur_day:
            cost += inst.move_penalty
        return float(cost)

    # skip[k] = cost of leaving out sessions 0..k-1
    prefix = [0.0]
    for k in range(n):
        prefix.append(prefix[-1] + left_out(k))
    best: list[dict[int, float]] = [{} for _ in range(n)]
    for k, s in enumerate(sessions):
        for day in t.days_of[t.index[s.id]]:
            here = team(k, day)
            reach = prefix[k]
            for j in range(k - 1, -1, -1):
                o = sessions[j]
                between = prefix[k] - prefix[j + 1]
                if between >= BIG:
                    break
                for oday, cost in best[j].items():
                    if day < oday + o.days:
                        continue
                    gap_cost = 0.0
                    if j == k - 1:
                        gap = day - oday
                        if s.min_gap is not None and gap < s.min_gap:
                            continue
                        if s.max_gap is not None and gap > s.max_gap:
                            continue
                        if s.target_gap is not None:
                            gap_cost = GAP_COST * abs(gap - s.target_gap)
                    reach = min(reach, cost + between + gap_cost)
            if reach < BIG:
                best[k][day] = reach + here
    end = prefix[n]
    for k in range(n):
        for cost in best[k].values():
            end = min(end, cost + prefix[n] - prefix[k + 1])
    return end


def lower_bound(instance: Instance, tables: Tables | None = None) -> Bound:
    t = tables or Tables(instance)
    cohorts = sum(cohort_bound(instance, t, c) for c in range(len(instance.cohorts)))
    demand = sum(s.days * s.teachers for s in instance.sessions)
    load = load_bound(instance, demand)
    return Bound(cohorts + load, cohorts, load)
