"""The staffing solver: greedy start, then large-neighbourhood search with CP-SAT.

Each step frees the decisions of some sessions (day and team, or team only), keeps every other
session as it is, and builds a CP-SAT model of the freed part alone: the kept sessions become
busy days, used rooms, loads already taught and teachers already on a line. CP-SAT, hinted
with the incumbent, re-optimises the freed part. Every result is judged by ``check.evaluate``
before it leaves; the greedy plan (always valid) is the fallback. See README.md.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from .check import Report, evaluate
from .greedy import construct, greedy
from .model import (
    GAP_COST,
    LOAD_COST,
    MISSING_TEACHER_COST,
    UNPLACED_COST,
    Instance,
    Plan,
)
from .tables import Tables
from .teams import polish

# The search stops on a budget of work units (CP-SAT deterministic time plus a price per model
# built), so that a seed gives the same plan; the wall clock is only a safety net.
WORK_PER_SECOND = 0.42
BUILD_WORK_PER_SESSION = 0.002
WORK_PER_MOVE = 3e-6  # one try of the teams' local search
WORK_PER_JUDGED_SESSION = 2e-5  # judging a whole plan, per session
STEP_WORK_PER_SESSION = 1e-4  # a step's passes over the whole plan (kept sessions, choices)
FIRST_POLISH_PER_SESSION = 200
POLISH_MOVES_PER_SESSION = 20
SAFETY = 0.5  # seconds kept free at the end (output, interpreter exit)


@dataclass
class Result:
    plan: Plan
    report: Report
    bound: float | None
    greedy_cost: float
    status: str
    explanations: dict[str, str] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def cost(self) -> float:
        return self.report.cost


def _scale(values: list[float]) -> int:
    """Smallest power of ten that makes every cost weight an integer (at most 10**4)."""
    for k in range(5):
        f = 10**k
        if all(float(v * f).is_integer() for v in values):
            return f
    return 10**4


class SubModel:
    """CP-SAT model of the sessions in ``free`` with every other session kept as in ``plan``.

    Sessions in ``free`` but not in ``movable_days`` keep their day (or stay unplaced) and only
    get a new team. Its objective is the plan's cost minus a constant."""

    def __init__(  # noqa: C901 - one model
        self,
        tables: Tables,
        plan: Plan,
        free: set[int],
        movable_days: set[int],
        scale: int,
    ):
        t = tables
        inst = t.instance
        self.instance, self.tables, self.scale = inst, t, scale
        m = cp_model.CpModel()
        self.m = m
        self.free = sorted(free)
        obj: list[tuple[Any, int]] = []
        fixed_ids = [s for s in range(len(inst.sessions)) if s not in free]
        # what the kept sessions take
        busy: set[tuple[str, int]] = set()
        rooms_used: dict[int, int] = defaultdict(int)
        load0: dict[str, int] = defaultdict(int)
        mload0: dict[tuple[str, int], int] = defaultdict(int)
        line_fixed: dict[tuple[int, str], set[str]] = defaultdict(set)
        for i in fixed_ids:
            s = inst.sessions[i]
            got = plan.get(s.id)
            if got is None:
                continue
            day, team = got
            facs = inst.cohorts[s.cohort].facilitators
            for d in range(day, day + s.days):
                rooms_used[d] += 1
                for person_id in facs:
                    busy.add((person_id, d))
                for person_id in team:
                    busy.add((person_id, d))
                    mload0[(person_id, inst.month[d])] += 1
            for person_id in team:
                load0[person_id] += s.days
            line_fixed[(s.cohort, s.line)].update(team)

        current = inst.current or {}
        self.x: dict[int, dict[int, Any]] = {}
        self.y: dict[int, dict[str, Any]] = {}
        self.p: dict[int, Any] = {}
        self.start: dict[int, Any] = {}
        intervals: dict[str, list[Any]] = defaultdict(list)
        load: dict[str, list[tuple[Any, int]]] = defaultdict(list)
        mload: dict[tuple[str, int], list[tuple[Any, int]]] = defaultdict(list)
        room_day: dict[int, list[Any]] = defaultdict(list)
        for i in self.free:
            s = inst.sessions[i]
            cohort = inst.cohorts[s.cohort]
            got = plan.get(s.id)
            if i in movable_days:
                days = self._days(i, plan, busy, rooms_used)
            else:
                days = [got[0]] if got is not None else []
            p = m.new_bool_var(f"p{i}")
            self.p[i] = p
            obj.append((p, -UNPLACED_COST * scale))
            if not days:
                m.add(p == 0)
                days = []
            self.x[i] = {d: m.new_bool_var(f"x{i}_{d}") for d in days}
            m.add(sum(self.x[i].values()) == p)
            if days:
                d0 = days[0]
                st = m.new_int_var_from_domain(cp_model.Domain.from_values(days), f"s{i}")
                m.add(st == d0 + sum((d - d0) * v for d, v in self.x[i].items()))
                self.start[i] = st
                itv = m.new_optional_fixed_size_interval_var(st, s.days, p, f"i{i}")
                for f in cohort.facilitators:
                    intervals[f].append(itv)
                for d, v in self.x[i].items():
                    for e in range(d, d + s.days):
                        room_day[e].append(v)
                # gap to kept neighbours: a cost per start day
                for d, v in self.x[i].items():
                    c = self._gap_cost(i, d, plan, free)
                    if c:
                        obj.append((v, c * scale))
            ys: dict[str, Any] = {}
            for tid in t.eligible[i]:
                person = inst.people[tid]
                ok_days = [
                    d
                    for d in days
                    if person.available_span(d, s.days)
                    and not any((tid, e) in busy for e in range(d, d + s.days))
                ]
                if not ok_days:
                    continue
                y = m.new_bool_var(f"y{i}_{tid}")
                ys[tid] = y
                m.add_implication(y, p)
                for d, v in self.x[i].items():
                    if d not in ok_days:
                        m.add_bool_or([y.negated(), v.negated()])
                if tid not in cohort.facilitators:
                    intervals[tid].append(
                        m.new_optional_fixed_size_interval_var(
                            self.start[i], s.days, y, f"i{i}_{tid}"
                        )
                    )
                load[tid].append((y, s.days))
                costs = {d: t.fixed_cost(tid, d, s.days) for d in ok_days}
                lo, hi = min(costs.values()), max(costs.values())
                if lo:
                    obj.append((y, lo * scale))
                if hi > lo:
                    extra = m.new_int_var(0, hi - lo, f"np{i}_{tid}")
                    m.add(
                        extra
                        >= sum((c - lo) * self.x[i][d] for d, c in costs.items())
                        - (hi - lo) * (1 - y)
                    )
                    obj.append((extra, scale))
                if person.max_month is not None:
                    months = {inst.month[e] for d in ok_days for e in range(d, d + s.days)}
                    if len(months) == 1:
                        mload[(tid, months.pop())].append((y, s.days))
                    else:
                        for d in ok_days:
                            v = self.x[i][d]
                            z = m.new_bool_var(f"z{i}_{tid}_{d}")
                            m.add_implication(z, y)
                            m.add_implication(z, v)
                            m.add_bool_or([y.negated(), v.negated(), z])
                            per: dict[int, int] = defaultdict(int)
                            for e in range(d, d + s.days):
                                per[inst.month[e]] += 1
                            for mo, c in per.items():
                                mload[(tid, mo)].append((z, c))
            self.y[i] = ys
            if ys:
                m.add(sum(ys.values()) <= s.teachers)
            if s.teachers:
                obj.append((p, MISSING_TEACHER_COST * s.teachers * scale))
                for y in ys.values():
                    obj.append((y, -MISSING_TEACHER_COST * scale))
            if s.id in current:
                cd, ct = current[s.id]
                if inst.move_penalty and cd in self.x[i]:
                    obj.append((self.x[i][cd], -round(inst.move_penalty * scale)))
                if inst.swap_penalty:
                    for tid in ct:
                        if tid in ys:
                            obj.append((ys[tid], -round(inst.swap_penalty * scale)))

        for ivs in intervals.values():
            if len(ivs) > 1:
                m.add_no_overlap(ivs)
        if inst.rooms is not None:
            for e, vs in room_day.items():
                cap = inst.rooms[e] - rooms_used[e]
                if len(vs) > cap:
                    m.add(sum(vs) <= cap)
        for tid, terms in load.items():
            person = inst.people[tid]
            expr = sum(v * c for v, c in terms)
            top = sum(c for _, c in terms)
            base = load0[tid]
            if person.max_days is not None and base + top > person.max_days:
                m.add(expr <= person.max_days - base)
            if person.target is not None:
                target = person.target - base
                if target <= 0:
                    obj.extend((v, LOAD_COST * c * scale) for v, c in terms)
                elif top <= 0:
                    pass
                else:
                    dev = m.new_int_var(0, max(top, target), f"dev_{tid}")
                    m.add(dev >= expr - target)
                    m.add(dev >= target - expr)
                    obj.append((dev, LOAD_COST * scale))
        for (tid, mo), terms in mload.items():
            month_cap = inst.people[tid].max_month
            assert month_cap is not None
            cap = month_cap - mload0[(tid, mo)]
            if sum(c for _, c in terms) > cap:
                m.add(sum(v * c for v, c in terms) <= cap)
        # cohorts: order and gaps between freed sessions, continuity
        free_set = set(self.free)
        by_cohort: dict[int, list[int]] = defaultdict(list)
        for i in self.free:
            by_cohort[inst.sessions[i].cohort].append(i)
        for ci, idx in by_cohort.items():
            for k, a in enumerate(idx):
                if a not in self.start:
                    continue
                sa = inst.sessions[a]
                end_max = max(self.x[a]) + sa.days
                for b in idx[k + 1 :]:
                    if b not in self.start or min(self.x[b]) >= end_max:
                        continue
                    m.add(self.start[b] >= self.start[a] + sa.days).only_enforce_if(
                        [self.p[a], self.p[b]]
                    )
            for a in idx:
                b = a + 1
                sb = inst.sessions[b] if b < len(inst.sessions) else None
                if sb is None or sb.cohort != ci or b not in free_set:
                    continue
                if a not in self.start or b not in self.start:
                    continue
                both = [self.p[a], self.p[b]]
                gap = self.start[b] - self.start[a]
                if sb.min_gap is not None:
                    m.add(gap >= sb.min_gap).only_enforce_if(both)
                if sb.max_gap is not None:
                    m.add(gap <= sb.max_gap).only_enforce_if(both)
                if sb.target_gap is not None:
                    top = max(
                        abs(max(self.x[b]) - min(self.x[a]) - sb.target_gap),
                        abs(min(self.x[b]) - max(self.x[a]) - sb.target_gap),
                    )
                    dev = m.new_int_var(0, top, f"gap{b}")
                    m.add(dev >= gap - sb.target_gap).only_enforce_if(both)
                    m.add(dev >= sb.target_gap - gap).only_enforce_if(both)
                    obj.append((dev, GAP_COST * scale))
            by_line: dict[str, list[int]] = defaultdict(list)
            for a in idx:
                by_line[inst.sessions[a].line].append(a)
            for lid, members in by_line.items():
                weight = inst.lines[lid]
                if not weight:
                    continue
                need = max(s.teachers for s in inst.cohorts[ci].sessions if s.line == lid)
                have = line_fixed[(ci, lid)]
                who: dict[str, list[Any]] = defaultdict(list)
                for a in members:
                    for tid, y in self.y[a].items():
                        if tid not in have:
                            who[tid].append(y)
                if len(who) + len(have) <= need:
                    continue
                used = []
                for tid, ys_ in who.items():
                    if len(ys_) == 1:
                        used.append(ys_[0])
                        continue
                    u = m.new_bool_var(f"u{ci}_{tid}")
                    for y in ys_:
                        m.add_implication(y, u)
                    used.append(u)
                extra = m.new_int_var(0, len(who) + len(have), f"extra{ci}_{lid}")
                m.add(extra >= sum(used) + len(have) - need)
                obj.append((extra, round(weight * scale)))
        m.minimize(sum(c * v for v, c in obj))

    def _days(
        self, i: int, plan: Plan, busy: set[tuple[str, int]], rooms_used: dict[int, int]
    ) -> list[int]:
        """Start days of a freed session that the kept sessions leave open."""
        t = self.tables
        inst = t.instance
        s = inst.sessions[i]
        cohort = inst.cohorts[s.cohort]
        lo, hi = -(10**9), 10**9
        prev_kept = None
        for o in cohort.sessions:
            j = t.index[o.id]
            if j == i or j in self.free or o.id not in plan:
                continue
            od = plan[o.id][0]
            if o.index < s.index:
                lo = max(lo, od + o.days)
            else:
                hi = min(hi, od - s.days)
        # consecutive kept neighbours: gap rules
        if s.index > 0:
            o = cohort.sessions[s.index - 1]
            j = t.index[o.id]
            if j not in self.free and o.id in plan:
                prev_kept = plan[o.id][0]
                if s.min_gap is not None:
                    lo = max(lo, prev_kept + s.min_gap)
                if s.max_gap is not None:
                    hi = min(hi, prev_kept + s.max_gap)
        if s.index + 1 < len(cohort.sessions):
            o = cohort.sessions[s.index + 1]
            j = t.index[o.id]
            if j not in self.free and o.id in plan:
                nd = plan[o.id][0]
                if o.min_gap is not None:
                    hi = min(hi, nd - o.min_gap)
                if o.max_gap is not None:
                    lo = max(lo, nd - o.max_gap)
        out = []
        for d in t.days_of[i]:
            if not lo <= d <= hi:
                continue
            span = range(d, d + s.days)
            if any((f, e) in busy for f in cohort.facilitators for e in span):
                continue
            if inst.rooms is not None and any(rooms_used[e] >= inst.rooms[e] for e in span):
                continue
            out.append(d)
        return out

    def _gap_cost(self, i: int, d: int, plan: Plan, free: set[int]) -> int:
        t = self.tables
        inst = t.instance
        s = inst.sessions[i]
        cohort = inst.cohorts[s.cohort]
        cost = 0
        if s.index > 0 and s.target_gap is not None:
            o = cohort.sessions[s.index - 1]
            if t.index[o.id] not in free and o.id in plan:
                cost += abs(d - plan[o.id][0] - s.target_gap)
        if s.index + 1 < len(cohort.sessions):
            o = cohort.sessions[s.index + 1]
            if o.target_gap is not None and t.index[o.id] not in free and o.id in plan:
                cost += abs(plan[o.id][0] - d - o.target_gap)
        return GAP_COST * cost

    def hint(self, plan: Plan) -> None:
        inst = self.instance
        for i in self.free:
            got = plan.get(inst.sessions[i].id)
            placed = got is not None and (got[0] in self.x[i])
            self.m.add_hint(self.p[i], placed)
            for d, v in self.x[i].items():
                self.m.add_hint(v, placed and got is not None and got[0] == d)
            for tid, y in self.y[i].items():
                self.m.add_hint(y, placed and got is not None and tid in got[1])

    def read(self, solver: cp_model.CpSolver, plan: Plan) -> Plan:
        inst = self.instance
        out = dict(plan)
        for i in self.free:
            sid = inst.sessions[i].id
            out.pop(sid, None)
            if not solver.boolean_value(self.p[i]):
                continue
            day = next(d for d, v in self.x[i].items() if solver.boolean_value(v))
            team = tuple(tid for tid, y in self.y[i].items() if solver.boolean_value(y))
            out[sid] = (day, team)
        return out


class Search:
    """Large-neighbourhood search over plans with CP-SAT sub-models."""

    def __init__(self, instance: Instance, tables: Tables, plan: Plan, seed: int):
        self.inst = instance
        self.tables = tables
        self.rng = random.Random(seed)
        self.seed = seed
        self.scale = _scale(
            [*instance.lines.values(), instance.move_penalty, instance.swap_penalty]
        )
        self.movable = [i for i, s in enumerate(instance.sessions) if s.id not in tables.held]
        self.movable_set = set(self.movable)
        self.plan = plan
        self.report = evaluate(instance, plan)
        self.work = 0.0
        self.size = 20
        self.iterations = 0
        self.improvements = 0
        self.optimal_runs = 0
        self.deadline: float | None = None
        self.sessions_of_teacher: dict[str, list[int]] = defaultdict(list)
        for i in self.movable:
            for tid in tables.eligible[i]:
                self.sessions_of_teacher[tid].append(i)

    def step(self, free: set[int], days: set[int], work: float, wall: float) -> bool:
        sub = SubModel(self.tables, self.plan, free, days, self.scale)
        sub.hint(self.plan)
        solver = cp_model.CpSolver()
        prm = solver.parameters
        prm.num_workers = 1
        prm.random_seed = (self.seed * 7919 + self.iterations) % (2**31)
        prm.max_deterministic_time = max(0.005, work)
        prm.max_time_in_seconds = max(0.01, wall)
        prm.symmetry_level = 0
        prm.cp_model_probing_level = 0
        prm.max_presolve_iterations = 1
        code = solver.solve(sub.m)
        self.work += solver.deterministic_time + BUILD_WORK_PER_SESSION * len(free)
        self.work += STEP_WORK_PER_SESSION * len(self.inst.sessions)
        self.iterations += 1
        optimal = code == cp_model.OPTIMAL
        if optimal:
            self.optimal_runs += 1
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        plan = sub.read(solver, self.plan)
        report = evaluate(self.inst, plan)
        self.work += WORK_PER_JUDGED_SESSION * len(self.inst.sessions)
        if report.valid and report.cost < self.report.cost:
            self.plan, self.report = plan, report
            self.improvements += 1
            self.polish(POLISH_MOVES_PER_SESSION)
        return optimal

    def polish(self, per_session: int) -> None:
        moves = per_session * len(self.inst.sessions)
        seed = self.seed * 100003 + self.iterations
        plan = polish(self.tables, self.plan, seed, moves, self.deadline)
        self.work += WORK_PER_MOVE * moves + WORK_PER_JUDGED_SESSION * len(self.inst.sessions)
        report = evaluate(self.inst, plan)
        if report.valid and report.cost < self.report.cost:
            self.plan, self.report = plan, report

    # -- neighbourhoods -----------------------------------------------------------------------
    def day_of(self, i: int) -> int:
        got = self.plan.get(self.inst.sessions[i].id)
        days = self.tables.days_of[i]
        return got[0] if got is not None else (days[0] if days else 0)

    def troubled(self) -> list[int]:
        """Sessions that are unplaced or short of teachers."""
        out = []
        for i in self.movable:
            s = self.inst.sessions[i]
            got = self.plan.get(s.id)
            if got is None:
                if self.tables.days_of[i]:
                    out.append(i)
            elif len(got[1]) < s.teachers:
                out.append(i)
        return out

    def cohorts_around(self, seed_cohort: int, size: int) -> set[int]:
        inst, t, rng = self.inst, self.tables, self.rng
        people = set(inst.cohorts[seed_cohort].facilitators)
        for s in inst.cohorts[seed_cohort].sessions:
            people.update(self.plan.get(s.id, (0, ()))[1])
        related = []
        for c, cohort in enumerate(inst.cohorts):
            if c == seed_cohort:
                continue
            if people & set(cohort.facilitators) or any(
                people & set(self.plan.get(s.id, (0, ()))[1]) for s in cohort.sessions
            ):
                related.append(c)
        rng.shuffle(related)
        free: set[int] = set()
        for c in [seed_cohort, *related]:
            idx = [t.index[s.id] for s in inst.cohorts[c].sessions]
            idx = [i for i in idx if inst.sessions[i].id not in t.held]
            if free and len(free) + len(idx) > size:
                break
            free.update(idx)
        return free

    def around(self, i: int, size: int) -> tuple[set[int], set[int]]:
        """A session, its cohort's sessions and the sessions that start near its window."""
        inst, t = self.inst, self.tables
        s = inst.sessions[i]
        days = t.days_of[i]
        lo, hi = (days[0], days[-1]) if days else (s.earliest, s.latest)
        mid = (lo + hi) / 2
        own = [t.index[o.id] for o in inst.cohorts[s.cohort].sessions]
        near = sorted(
            (j for j in self.movable if j not in own),
            key=lambda j: (abs(self.day_of(j) - mid), j),
        )
        free = {j for j in own if j in self.movable_set}
        for j in near:
            if len(free) >= max(size, len(own) + 6):
                break
            free.add(j)
            # its cohort neighbours too, so that its gaps can follow when it moves
            o = inst.sessions[j]
            for k in (o.index - 1, o.index + 1):
                cohort = inst.cohorts[o.cohort].sessions
                if 0 <= k < len(cohort):
                    m = t.index[cohort[k].id]
                    if m in self.movable_set:
                        free.add(m)
        return free, set(free)

    def neighbourhood(self) -> tuple[set[int], set[int]]:
        rng = self.rng
        inst = self.inst
        size = self.size
        trouble = self.troubled()
        kind = rng.random()
        if trouble and kind < 0.7:
            i = rng.choice(trouble)
            if rng.random() < 0.5:
                free = self.cohorts_around(inst.sessions[i].cohort, size)
                return free, set(free)
            return self.around(i, size)
        if kind < 0.45:
            free = self.cohorts_around(rng.randrange(len(inst.cohorts)), size)
            return free, set(free)
        if kind < 0.8:
            # the sessions a few teachers with shared skills may teach, in a stretch of time:
            # teams change, a third of them may also move
            teachers = [tid for tid in self.sessions_of_teacher if self.sessions_of_teacher[tid]]
            if not teachers:
                return set(), set()
            tid = rng.choice(teachers)
            mates = {tid}
            for i in self.sessions_of_teacher[tid]:
                mates.update(self.tables.eligible[i])
            pool_set: set[int] = set()
            for m in mates:
                pool_set.update(self.sessions_of_teacher[m])
            pool = sorted(pool_set, key=lambda i: (self.day_of(i), i))
            width = 3 * size
            if len(pool) > width:
                a = rng.randrange(len(pool) - width + 1)
                pool = pool[a : a + width]
            moving = set(rng.sample(pool, min(len(pool), size // 3)))
            return set(pool), moving
        # a stretch of time: every session that starts in it
        order = sorted(self.movable, key=lambda i: (self.day_of(i), i))
        a = rng.randrange(max(1, len(order) - size + 1))
        free = set(order[a : a + size])
        return free, free

    def run(self, budget: float, deadline: float) -> None:
        self.deadline = deadline
        self.polish(FIRST_POLISH_PER_SESSION)
        while self.work < budget and self.movable:
            wall = deadline - time.monotonic()
            if wall <= 0.02:
                break
            free, days = self.neighbourhood()
            if not free:
                self.work += 0.001
                continue
            work = min(budget - self.work, 0.02 + 0.002 * len(free))
            optimal = self.step(free, days, work, wall)
            self.polish(POLISH_MOVES_PER_SESSION)
            if optimal:
                self.size = min(len(self.movable), int(self.size * 1.15) + 1)
            else:
                self.size = max(4, int(self.size * 0.85))


def solve(
    instance: Instance,
    time_limit: float = 10.0,
    seed: int = 0,
    deadline: float | None = None,
) -> Result:
    """Plan days and teachers; stops within ``time_limit`` seconds (or by ``deadline``)."""
    start = time.monotonic()
    if deadline is None:
        deadline = start + time_limit
    end = deadline - min(SAFETY, 0.1 * time_limit)
    tables = Tables(instance)
    base = greedy(instance, tables)
    base_report = evaluate(instance, base)
    first = construct(instance, tables, end)
    if first is None or evaluate(instance, first).cost > base_report.cost:
        first = base
    search = Search(instance, tables, first, seed)
    search.run(WORK_PER_SECOND * time_limit, end)
    best, best_report, status = base, base_report, "greedy"
    if search.report.valid and search.report.cost < base_report.cost:
        best, best_report, status = search.plan, search.report, "search"
    stats = {
        "seconds": time.monotonic() - start,
        "iterations": search.iterations,
        "improvements": search.improvements,
        "optimal": search.optimal_runs,
        "work": search.work,
        "size": search.size,
    }
    why = explain(instance, tables, best)
    return Result(best, best_report, None, base_report.cost, status, why, stats)


def explain(instance: Instance, tables: Tables, plan: Plan) -> dict[str, str]:
    """Why a session is left out or short of teachers, with the numbers."""
    out: dict[str, str] = {}
    teachers = instance.teachers()
    for i, s in enumerate(instance.sessions):
        skilled = [p for p in teachers if s.skills <= p.skills]
        skills = ", ".join(sorted(s.skills))
        if s.id not in plan:
            if i in tables.why_no_day:
                out[s.id] = tables.why_no_day[i]
            else:
                out[s.id] = (
                    f"left out: none of its {len(tables.days_of[i])} possible start days in "
                    f"{s.earliest}..{s.latest} is left free by the other sessions (shared "
                    "facilitators, rooms, the order and gaps of its cohort)"
                )
            continue
        day, team = plan[s.id]
        if len(team) >= s.teachers:
            continue
        short = s.teachers - len(team)
        if not skilled:
            out[s.id] = f"{short} of {s.teachers} teacher(s) missing: nobody has {skills}"
        else:
            out[s.id] = (
                f"{short} of {s.teachers} teacher(s) missing on day {day}: of the "
                f"{len(skilled)} teacher(s) with {skills}, no other is available, free and "
                "within their maximum load that day"
            )
    return out
