"""Availability tables, the validity rules and the cost of FORMAT.md, mirrored exactly.

:class:`Tables` precomputes per-person availability and per-group slot costs as numpy arrays so
that the dynamic programme and the CP-SAT models do not re-derive them.  All internal costs are
integers in units of ``1 / scale`` so that a fractional ``move_penalty`` stays exact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .model import ABSENCE_COST, MISSING_COST, Instance, Meeting, Solution


def is_available(instance: Instance, person_id: str, week: int, slot: int) -> bool:
    return instance.people[person_id].available(week, slot)


def absent_members(instance: Instance, group_id: str, week: int, slot: int) -> list[str]:
    """Members of a group who cannot attend a meeting at (week, slot)."""
    group = instance.group(group_id)
    return [m for m in group.members if not instance.people[m].available(week, slot)]


def facilitator_available(instance: Instance, group_id: str, week: int, slot: int) -> bool:
    group = instance.group(group_id)
    return instance.people[group.facilitator].available(week, slot)


class Tables:
    """Precomputed look-ups for one instance (pure data, safe to share read-only)."""

    def __init__(self, instance: Instance):
        inst = instance
        self.instance = inst
        self.W = inst.weeks
        self.S = inst.slots_per_week
        self.M = inst.series.meetings
        # A gap of 0 weeks would put two meetings in one week, which rule 1 forbids.
        self.gmin = max(1, inst.series.min_gap_weeks)
        self.gmax = inst.series.max_gap_weeks
        self.target = inst.series.target_gap_weeks
        self.first_by = inst.series.first_meeting_by_week
        self.now = inst.now_week
        mp = float(inst.move_penalty)
        self.scale = 1 if mp == int(mp) else 100
        self.move_cost = round(mp * self.scale)
        self.missing_cost = MISSING_COST * self.scale
        self.absence_cost = ABSENCE_COST * self.scale
        self.rooms = inst.rooms
        W, S = self.W, self.S

        self.avail: dict[str, np.ndarray] = {}
        for pid, person in inst.people.items():
            a = np.zeros((W, S), dtype=bool)
            slots = [s for s in person.weekly if 0 <= s < S]
            a[:, slots] = True
            for w in person.away_weeks:
                if 0 <= w < W:
                    a[w, :] = False
            for w, s in person.away:
                if 0 <= w < W and 0 <= s < S:
                    a[w, s] = False
            self.avail[pid] = a

        n = len(inst.groups)
        self.person_groups: dict[str, list[int]] = defaultdict(list)
        for gi, g in enumerate(inst.groups):
            for p in g.persons:
                self.person_groups[p].append(gi)

        past: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
        hits = [np.zeros((W, S), dtype=np.int64) for _ in range(n)]
        self.future_current = [0] * n
        if inst.current is not None:
            for m in inst.current:
                gi = inst.group_index[m.group]
                if m.week < self.now:
                    past[gi].append((m.number, m.week, m.slot))
                else:
                    self.future_current[gi] += 1
                    if 0 <= m.week < W and 0 <= m.slot < S:
                        hits[gi][m.week, m.slot] += 1
        self.past = [sorted(p) for p in past]
        self.hits = hits

        self.fac_ok: list[np.ndarray] = []
        self.absent: list[np.ndarray] = []
        self.slot_cost: list[np.ndarray] = []
        self.const: list[int] = []
        for gi, g in enumerate(inst.groups):
            fac = self.avail[g.facilitator]
            absent = np.zeros((W, S), dtype=np.int64)
            for member in g.members:
                absent += ~self.avail[member]
            self.fac_ok.append(fac)
            self.absent.append(absent)
            self.slot_cost.append(self.absence_cost * absent - self.move_cost * hits[gi])
            const = self.move_cost * self.future_current[gi]
            weeks_past = [w for _, w, _ in self.past[gi]]
            for _, w, s in self.past[gi]:
                if 0 <= w < W and 0 <= s < S:
                    const += self.absence_cost * int(absent[w, s])
            for wa, wb in zip(weeks_past, weeks_past[1:], strict=False):
                const += self.scale * abs(wb - wa - self.target)
            self.const.append(const)

        # Inputs of the per-group dynamic programme that do not depend on what others booked.
        inf = np.int64(1 << 50)
        self.week_index = np.arange(W)
        self.gap_cost = {
            d: self.scale * abs(d - self.target) for d in range(self.gmin, self.gmax + 1)
        }
        self.masked_cost = [np.where(self.fac_ok[gi], self.slot_cost[gi], inf) for gi in range(n)]
        self.remaining = [max(0, self.M - len(self.past[gi])) for gi in range(n)]
        self.start_cost: list[np.ndarray] = []
        for gi in range(n):
            start = np.full(W, inf, dtype=np.int64)
            held = self.past[gi]
            if self.remaining[gi] > 0:
                if not held:
                    lo, hi = self.now, min(self.first_by, W - 1)
                    if lo <= hi:
                        start[lo : hi + 1] = 0
                else:
                    lw = held[-1][1]
                    lo, hi = max(self.now, lw + self.gmin, 0), min(W - 1, lw + self.gmax)
                    for w in range(lo, hi + 1):
                        start[w] = self.scale * abs(w - lw - self.target)
            self.start_cost.append(start)

    def group_cost(self, gi: int, new: list[tuple[int, int]]) -> int:
        """Scaled cost of group ``gi`` holding its past meetings plus ``new`` (week, slot)s."""
        c = self.const[gi]
        past = self.past[gi]
        held = len(past) + len(new)
        c += self.missing_cost * max(0, self.M - held)
        prev = past[-1][1] if past else None
        sc = self.slot_cost[gi]
        for w, s in new:
            c += int(sc[w, s])
            if prev is not None:
                c += self.scale * abs(w - prev - self.target)
            prev = w
        return c


# ------------------------------------------------------------------------------------------
# validity and cost of a whole solution (mirrors evaluate.py)


@dataclass
class CostReport:
    valid: bool
    violations: list[str]
    cost: float
    missing: int
    absences: int
    gap_deviation: int
    moved: int
    full_attendance: float
    attendance: float


def evaluate(instance: Instance, solution: Solution) -> CostReport:
    """Check rules 1-7 of FORMAT.md and compute the cost and its parts."""
    inst = instance
    W, S, M = inst.weeks, inst.slots_per_week, inst.series.meetings
    v: list[str] = []
    by_group: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for m in solution.meetings:
        if m.group not in inst.group_index:
            v.append(f"unknown group {m.group!r}")
            continue
        by_group[m.group].append((m.number, m.week, m.slot))
    now = inst.now_week
    past_held: set[Meeting] = set()
    if inst.current is not None:
        past_held = {c for c in inst.current if c.week < now}
    missing = absences = gap_dev = 0
    n_meet = n_full = seats = present = 0
    placed: list[tuple[str, int, int, int]] = []
    for g in inst.groups:
        ms = sorted(by_group.get(g.id, ()))
        missing += max(0, M - len(ms))
        if not ms:
            continue
        if [n for n, _, _ in ms] != list(range(1, len(ms) + 1)):
            v.append(f"{g.id}: numbers are not 1..{len(ms)}")
        if len(ms) > M:
            v.append(f"{g.id}: {len(ms)} meetings, at most {M}")
        n1, w1, s1 = ms[0]
        if w1 > inst.series.first_meeting_by_week and Meeting(g.id, n1, w1, s1) not in past_held:
            v.append(f"{g.id}#{n1}: first meeting in week {w1}")
        for (na, wa, _), (nb, wb, _) in zip(ms, ms[1:], strict=False):
            gap = wb - wa
            gap_dev += abs(gap - inst.series.target_gap_weeks)
            if gap <= 0 or not inst.series.min_gap_weeks <= gap <= inst.series.max_gap_weeks:
                v.append(f"{g.id}#{na}->#{nb}: gap {gap} weeks")
        for n, w, s in ms:
            if not (0 <= w < W and 0 <= s < S):
                v.append(f"{g.id}#{n}: week {w} slot {s} outside the horizon")
                continue
            if not inst.people[g.facilitator].available(w, s):
                v.append(f"{g.id}#{n}: facilitator {g.facilitator} unavailable")
            here = sum(1 for p in g.members if inst.people[p].available(w, s))
            absences += len(g.members) - here
            n_meet += 1
            n_full += here == len(g.members)
            seats += len(g.members)
            present += here
            placed.append((g.id, n, w, s))
    seen: dict[tuple[str, int, int], str] = {}
    per_slot: dict[tuple[int, int], int] = defaultdict(int)
    for gid, n, w, s in placed:
        per_slot[(w, s)] += 1
        for p in inst.group(gid).persons:
            other = seen.get((p, w, s))
            if other is not None:
                v.append(f"{p} double-booked at week {w} slot {s}: {other} and {gid}#{n}")
            else:
                seen[(p, w, s)] = f"{gid}#{n}"
    if inst.rooms is not None:
        for (w, s), count in sorted(per_slot.items()):
            if count > inst.rooms:
                v.append(f"week {w} slot {s}: {count} meetings, rooms {inst.rooms}")
    moved = 0
    if inst.current is not None:
        held = {Meeting(gid, n, w, s) for gid, ms in by_group.items() for n, w, s in ms}
        at = {(m.group, m.week, m.slot) for m in held}
        for c in inst.current:
            if c.week < now:
                if c not in held:
                    v.append(f"{c.group}#{c.number}: held meeting not kept")
            elif (c.group, c.week, c.slot) not in at:
                moved += 1
        for m in held:
            if m.week < now and m not in past_held:
                v.append(f"{m.group}#{m.number}: week {m.week} is before now_week")
    cost = MISSING_COST * missing + ABSENCE_COST * absences + gap_dev + inst.move_penalty * moved
    return CostReport(
        valid=not v,
        violations=v,
        cost=cost,
        missing=missing,
        absences=absences,
        gap_deviation=gap_dev,
        moved=moved,
        full_attendance=n_full / n_meet if n_meet else 0.0,
        attendance=present / seats if seats else 0.0,
    )


def absences_by_meeting(instance: Instance, solution: Solution) -> dict[Meeting, list[str]]:
    """For every meeting of a solution, the members who cannot attend it (for the UI)."""
    return {m: absent_members(instance, m.group, m.week, m.slot) for m in solution.meetings}
