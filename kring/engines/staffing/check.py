"""The rules and the cost of FORMAT.md, for a plan: the engine's own judge.

It mirrors the shared evaluator (rules 1-9, the cost and its parts), so that the engine can
guard every result before it leaves and tests can judge without the shared files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import (
    GAP_COST,
    GUEST_DAY_COST,
    LOAD_COST,
    MISSING_TEACHER_COST,
    NON_PREFERRED_COST,
    UNPLACED_COST,
    WEEKDAYS,
    Instance,
    Plan,
)

PARTS = (
    "unplaced",
    "missing_teachers",
    "continuity",
    "extra_teachers",
    "guest_days",
    "load_deviation",
    "non_preferred_days",
    "gap_deviation",
    "moved",
    "swapped",
)


@dataclass
class Report:
    violations: list[str]
    parts: dict[str, float] = field(default_factory=dict)
    cost: float = 0.0

    @property
    def valid(self) -> bool:
        return not self.violations


def total(instance: Instance, parts: dict[str, float]) -> float:
    cost = (
        UNPLACED_COST * parts["unplaced"]
        + MISSING_TEACHER_COST * parts["missing_teachers"]
        + parts["continuity"]
        + GUEST_DAY_COST * parts["guest_days"]
        + LOAD_COST * parts["load_deviation"]
        + NON_PREFERRED_COST * parts["non_preferred_days"]
        + GAP_COST * parts["gap_deviation"]
        + instance.move_penalty * parts["moved"]
        + instance.swap_penalty * parts["swapped"]
    )
    return int(cost) if float(cost).is_integer() else cost


def evaluate(instance: Instance, plan: Plan) -> Report:  # noqa: C901 - the nine rules
    inst = instance
    v: list[str] = []
    parts: dict[str, float] = dict.fromkeys(PARTS, 0)
    occupied: dict[tuple[str, int], str] = {}
    teach_days: dict[str, list[int]] = defaultdict(list)
    per_day: dict[int, int] = defaultdict(int)
    for sid, (_, teachers) in plan.items():
        if sid not in inst.by_id:
            v.append(f"unknown session {sid!r}")
        if len(set(teachers)) != len(teachers):
            v.append(f"{sid}: a teacher appears twice")
        for t in teachers:
            if t not in inst.people:
                v.append(f"{sid}: unknown teacher {t!r}")
    for cohort in inst.cohorts:
        facs = tuple(cohort.facilitators)
        lines: dict[str, tuple[set[str], int]] = {}
        prev: tuple[str, int] | None = None
        placed_before: list[tuple[str, int, int]] = []
        for s in cohort.sessions:
            if s.id not in plan:
                parts["unplaced"] += 1
                prev = None
                continue
            day, teachers_t = plan[s.id]
            teachers = tuple(t for t in dict.fromkeys(teachers_t) if t in inst.people)
            if not s.earliest <= day <= s.latest:
                v.append(f"{s.id}: day {day} outside its window {s.earliest}..{s.latest}")
            if day < 0 or day + s.days > inst.days:
                v.append(f"{s.id}: days {day}..{day + s.days - 1} outside the horizon")
                prev = None
                continue
            if day % WEEKDAYS + s.days > WEEKDAYS:
                v.append(f"{s.id}: {s.days} days from day {day} do not fit in one week")
            for oid, oday, olen in placed_before:
                if day < oday + olen:
                    v.append(f"{s.id}: starts on day {day}, before {oid} has ended")
            if prev is not None:
                gap = day - prev[1]
                if s.min_gap is not None and gap < s.min_gap:
                    v.append(f"{s.id}: gap {gap} after {prev[0]}, at least {s.min_gap}")
                if s.max_gap is not None and gap > s.max_gap:
                    v.append(f"{s.id}: gap {gap} after {prev[0]}, at most {s.max_gap}")
                if s.target_gap is not None:
                    parts["gap_deviation"] += abs(gap - s.target_gap)
            placed_before.append((s.id, day, s.days))
            prev = (s.id, day)
            span = range(day, day + s.days)
            for d in span:
                if cohort.blocked[d]:
                    v.append(f"{s.id}: day {d} is blocked for cohort {cohort.id}")
                for f in facs:
                    if not inst.people[f].available(d):
                        v.append(f"{s.id}: facilitator {f} unavailable on day {d}")
            if len(teachers) > s.teachers:
                v.append(f"{s.id}: {len(teachers)} teachers, at most {s.teachers}")
            parts["missing_teachers"] += max(0, s.teachers - len(teachers))
            for t in teachers:
                person = inst.people[t]
                if not s.skills <= person.skills:
                    v.append(f"{s.id}: teacher {t} lacks a skill")
                for d in span:
                    if not person.available(d):
                        v.append(f"{s.id}: teacher {t} unavailable on day {d}")
                    teach_days[t].append(d)
                    if person.guest:
                        parts["guest_days"] += 1
                    if person.preferred is not None and d % WEEKDAYS not in person.preferred:
                        parts["non_preferred_days"] += 1
            for p in dict.fromkeys(facs + teachers):
                for d in span:
                    other = occupied.get((p, d))
                    if other is not None:
                        v.append(f"{p} double-booked on day {d}: {other} and {s.id}")
                    else:
                        occupied[(p, d)] = s.id
            for d in span:
                per_day[d] += 1
            used, need = lines.get(s.line, (set(), 0))
            used.update(teachers)
            lines[s.line] = (used, max(need, s.teachers))
        for lid, (used, need) in lines.items():
            extra = max(0, len(used) - need)
            parts["extra_teachers"] += extra
            parts["continuity"] += inst.lines[lid] * extra
    for pid, person in inst.people.items():
        days = teach_days.get(pid, [])
        if person.max_days is not None and len(days) > person.max_days:
            v.append(f"{pid}: {len(days)} teaching days, at most {person.max_days}")
        if person.max_month is not None and days:
            per_month: dict[int, int] = defaultdict(int)
            for d in days:
                per_month[inst.month[d]] += 1
            for n in per_month.values():
                if n > person.max_month:
                    v.append(f"{pid}: {n} teaching days in a month, at most {person.max_month}")
        if person.target is not None:
            parts["load_deviation"] += abs(len(days) - person.target)
    if inst.rooms is not None:
        for d, n in sorted(per_day.items()):
            if n > inst.rooms[d]:
                v.append(f"day {d}: {n} sessions, rooms {inst.rooms[d]}")
    if inst.current is not None:
        held = inst.held()
        for sid, (day, cur) in inst.current.items():
            got = plan.get(sid)
            if sid in held:
                if got is None or got[0] != day or set(got[1]) != set(cur):
                    v.append(f"{sid}: held session not kept")
                continue
            if got is None or got[0] != day:
                parts["moved"] += 1
            kept = set(got[1]) if got is not None else set()
            parts["swapped"] += len(set(cur) - kept)
        for sid, (day, _) in plan.items():
            if day < inst.now_day and sid not in held:
                v.append(f"{sid}: day {day} is before now_day {inst.now_day}")
    elif inst.now_day > 0:
        for sid, (day, _) in plan.items():
            if day < inst.now_day:
                v.append(f"{sid}: day {day} is before now_day {inst.now_day}")
    return Report(v, parts, total(inst, parts))
