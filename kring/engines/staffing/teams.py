"""Fast local search over the teams of a plan whose days stay put.

Two moves, tried at random and taken when they make the plan cheaper (or, now and then, when
they cost nothing): give a session's place to another teacher (also filling an empty place),
and exchange two teachers between two sessions. The cost change of a move is computed from
running totals (missing teachers, guest and non-preferred days, load deviation, continuity
per cohort and line, dropped teachers of `current`) instead of judging the whole plan.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict

from .model import LOAD_COST, MISSING_TEACHER_COST, UNPLACED_COST, Instance, Plan
from .tables import Tables


class Teams:
    def __init__(self, tables: Tables, plan: Plan):
        t = tables
        inst = t.instance
        self.t, self.inst = t, inst
        self.sessions = [
            i for i, s in enumerate(inst.sessions) if s.id in plan and s.id not in t.held
        ]
        self.unplaced = [
            i for i, s in enumerate(inst.sessions) if s.id not in plan and t.days_of[i]
        ]
        self.rooms: dict[int, int] = defaultdict(int)
        self.day: dict[int, int] = {}
        self.team: dict[int, list[str]] = {}
        self.busy: dict[tuple[str, int], int] = {}  # (person, day) -> session index
        self.load: dict[str, int] = defaultdict(int)
        self.mload: dict[tuple[str, int], int] = defaultdict(int)
        self.line: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.need: dict[tuple[int, str], int] = defaultdict(int)
        for s in inst.sessions:
            key = (s.cohort, s.line)
            self.need[key] = max(self.need[key], s.teachers)
        for s in inst.sessions:
            if s.id not in plan:
                continue
            i = t.index[s.id]
            day, team = plan[s.id]
            self.day[i] = day
            self.team[i] = list(team)
            facs = inst.cohorts[s.cohort].facilitators
            for d in range(day, day + s.days):
                self.rooms[d] += 1
                for p in dict.fromkeys(facs + tuple(team)):
                    self.busy[(p, d)] = i
                for p in team:
                    self.mload[(p, inst.month[d])] += 1
            for p in team:
                self.load[p] += s.days
                self.line[(s.cohort, s.line)][p] += 1
        self.by_cohort: dict[int, list[int]] = defaultdict(list)
        for i in self.sessions:
            self.by_cohort[inst.sessions[i].cohort].append(i)
        current = inst.current or {}
        self.current_team = {
            t.index[sid]: set(v[1]) for sid, v in current.items() if sid not in t.held
        }

    def plan(self, base: Plan) -> Plan:
        out = dict(base)
        for i in self.sessions:
            s = self.inst.sessions[i]
            out[s.id] = (self.day[i], tuple(self.team[i]))
        return out

    # -- days ---------------------------------------------------------------------------------
    def neighbours(self, i: int) -> tuple[int | None, int | None, int, int]:
        """(previous listed session if placed, next listed if placed, earliest start allowed
        by the earlier placed sessions, latest start allowed by the later ones)."""
        inst = self.inst
        s = inst.sessions[i]
        cohort = inst.cohorts[s.cohort].sessions
        lo, hi = 0, inst.days
        prev = nxt = None
        for o in reversed(cohort[: s.index]):
            j = self.t.index[o.id]
            if j in self.day:
                lo = self.day[j] + o.days
                if o.index == s.index - 1:
                    prev = j
                break
        for o in cohort[s.index + 1 :]:
            j = self.t.index[o.id]
            if j in self.day:
                hi = self.day[j] - s.days
                if o.index == s.index + 1:
                    nxt = j
                break
        return prev, nxt, lo, hi

    def day_cost(self, i: int, d: int, prev: int | None, nxt: int | None) -> float | None:
        """Gap deviation and move penalty of session i on day d; None: breaks a gap rule."""
        inst = self.inst
        s = inst.sessions[i]
        cost = 0.0
        if prev is not None:
            gap = d - self.day[prev]
            if (s.min_gap is not None and gap < s.min_gap) or (
                s.max_gap is not None and gap > s.max_gap
            ):
                return None
            if s.target_gap is not None:
                cost += abs(gap - s.target_gap)
        if nxt is not None:
            o = inst.sessions[nxt]
            gap = self.day[nxt] - d
            if (o.min_gap is not None and gap < o.min_gap) or (
                o.max_gap is not None and gap > o.max_gap
            ):
                return None
            if o.target_gap is not None:
                cost += abs(gap - o.target_gap)
        cur = (inst.current or {}).get(s.id)
        if cur is not None and cur[0] != d:
            cost += inst.move_penalty
        return cost

    def day_free(self, i: int, d: int) -> bool:
        inst = self.inst
        s = inst.sessions[i]
        for e in range(d, d + s.days):
            if inst.rooms is not None and self.rooms[e] >= inst.rooms[e]:
                return False
            for f in inst.cohorts[s.cohort].facilitators:
                other = self.busy.get((f, e))
                if other is not None and other != i:
                    return False
        return True

    def _book(self, i: int, d: int) -> None:
        s = self.inst.sessions[i]
        self.day[i] = d
        for e in range(d, d + s.days):
            self.rooms[e] += 1
            for f in self.inst.cohorts[s.cohort].facilitators:
                self.busy[(f, e)] = i

    def _unbook(self, i: int) -> None:
        s = self.inst.sessions[i]
        d = self.day.pop(i)
        for e in range(d, d + s.days):
            self.rooms[e] -= 1
            for f in self.inst.cohorts[s.cohort].facilitators:
                if self.busy.get((f, e)) == i:
                    del self.busy[(f, e)]

    def _fill(self, i: int, keep: list[str]) -> float:
        """Give session i (on its day) the teachers of ``keep`` who can come, then the
        cheapest others; returns the cost change."""
        s = self.inst.sessions[i]
        delta = 0.0
        for tid in keep:
            if len(self.team[i]) < s.teachers and self.can_take(tid, i):
                delta += self.replace_delta(i, None, tid)
                self.apply_replace(i, None, tid)
        while len(self.team[i]) < s.teachers:
            best: tuple[float, str] | None = None
            for tid in self.t.eligible[i]:
                if tid in self.team[i] or not self.can_take(tid, i):
                    continue
                d = self.replace_delta(i, None, tid)
                if best is None or d < best[0]:
                    best = (d, tid)
            if best is None or best[0] >= 0:
                break
            delta += best[0]
            self.apply_replace(i, None, best[1])
        return delta

    def try_shift(self, rng: random.Random, sideways: bool) -> float:
        """Move a session to another day (or place an unplaced one), with the team members
        who can come and the cheapest others."""
        inst = self.inst
        insert = bool(self.unplaced) and (not self.sessions or rng.random() < 0.3)
        if not insert and not self.sessions:
            return 0.0
        i = rng.choice(self.unplaced if insert else self.sessions)
        s = inst.sessions[i]
        prev, nxt, lo, hi = self.neighbours(i)
        options = [d for d in self.t.days_of[i] if lo <= d <= hi and d != self.day.get(i)]
        if not options:
            return 0.0
        d = rng.choice(options)
        new_cost = self.day_cost(i, d, prev, nxt)
        if new_cost is None or not self.day_free(i, d):
            return 0.0
        delta = new_cost
        old_team: list[str] = []
        old_day = self.day.get(i)
        if insert:
            delta -= UNPLACED_COST
            cur = (inst.current or {}).get(s.id)
            if cur is not None:
                delta -= inst.move_penalty
        else:
            assert old_day is not None
            old_cost = self.day_cost(i, old_day, prev, nxt)
            delta -= old_cost or 0.0
            old_team = list(self.team[i])
            for tid in old_team:
                delta += self.replace_delta(i, tid, None)
                self.apply_replace(i, tid, None)
            delta -= MISSING_TEACHER_COST * s.teachers
            self._unbook(i)
        if insert:
            self.team[i] = []
        self._book(i, d)
        delta += MISSING_TEACHER_COST * s.teachers
        delta += self._fill(i, old_team)
        if delta < 0 or (sideways and delta == 0):
            if insert:
                self.unplaced.remove(i)
                self.sessions.append(i)
            return delta
        # undo
        for tid in list(self.team[i]):
            self.apply_replace(i, tid, None)
        self._unbook(i)
        if insert:
            del self.team[i]
            return 0.0
        assert old_day is not None
        self._book(i, old_day)
        for tid in old_team:
            self.apply_replace(i, None, tid)
        return 0.0

    # -- feasibility and prices ---------------------------------------------------------------
    def can_take(self, tid: str, i: int, leaving: int | None = None) -> bool:
        """Can ``tid`` teach session i (leaving: a session tid gives up in the same move)?"""
        inst = self.inst
        s = inst.sessions[i]
        day = self.day[i]
        p = inst.people[tid]
        if not p.available_span(day, s.days):
            return False
        own = tid in inst.cohorts[s.cohort].facilitators
        for d in range(day, day + s.days):
            other = self.busy.get((tid, d))
            if other is not None and other != leaving and not (own and other == i):
                return False
        give = 0
        if leaving is not None:
            give = inst.sessions[leaving].days
        if p.max_days is not None and self.load[tid] - give + s.days > p.max_days:
            return False
        if p.max_month is not None:
            per: dict[int, int] = defaultdict(int)
            for d in range(day, day + s.days):
                per[inst.month[d]] += 1
            if leaving is not None:
                ld = self.day[leaving]
                for d in range(ld, ld + inst.sessions[leaving].days):
                    per[inst.month[d]] -= 1
            if any(self.mload[(tid, m)] + n > p.max_month for m, n in per.items() if n > 0):
                return False
        return True

    def load_delta(self, tid: str, change: int) -> float:
        target = self.inst.people[tid].target
        if target is None or change == 0:
            return 0.0
        now = self.load[tid]
        return LOAD_COST * (abs(now + change - target) - abs(now - target))

    def line_delta(self, key: tuple[int, str], out: str | None, into: str | None) -> float:
        weight = self.inst.lines[key[1]]
        if not weight or out == into:
            return 0.0
        counts = self.line[key]
        distinct = sum(1 for v in counts.values() if v > 0)
        after = distinct
        if out is not None and counts.get(out, 0) == 1:
            after -= 1
        if into is not None and counts.get(into, 0) == 0:
            after += 1
        need = self.need[key]
        return weight * (max(0, after - need) - max(0, distinct - need))

    def price(self, tid: str, i: int) -> float:
        s = self.inst.sessions[i]
        cost: float = self.t.fixed_cost(tid, self.day[i], s.days)
        if tid in self.current_team.get(i, ()):
            cost -= self.inst.swap_penalty
        return cost

    # -- moves --------------------------------------------------------------------------------
    def apply_replace(self, i: int, out: str | None, into: str | None) -> None:
        inst = self.inst
        s = inst.sessions[i]
        day = self.day[i]
        own = inst.cohorts[s.cohort].facilitators
        key = (s.cohort, s.line)
        if out is not None:
            self.team[i].remove(out)
            self.load[out] -= s.days
            self.line[key][out] -= 1
            for d in range(day, day + s.days):
                self.mload[(out, inst.month[d])] -= 1
                if out not in own:
                    del self.busy[(out, d)]
        if into is not None:
            self.team[i].append(into)
            self.load[into] += s.days
            self.line[key][into] += 1
            for d in range(day, day + s.days):
                self.mload[(into, inst.month[d])] += 1
                self.busy[(into, d)] = i

    def replace_delta(self, i: int, out: str | None, into: str | None) -> float:
        s = self.inst.sessions[i]
        delta = 0.0
        if out is None:
            delta -= MISSING_TEACHER_COST
        else:
            delta -= self.price(out, i)
            delta += self.load_delta(out, -s.days)
        if into is None:
            delta += MISSING_TEACHER_COST
        else:
            delta += self.price(into, i)
            delta += self.load_delta(into, s.days)
        delta += self.line_delta((s.cohort, s.line), out, into)
        return delta

    def try_replace(self, rng: random.Random, sideways: bool) -> float:
        if not self.sessions:
            return 0.0
        i = rng.choice(self.sessions)
        s = self.inst.sessions[i]
        if not s.teachers:
            return 0.0
        team = self.team[i]
        slot = rng.randrange(s.teachers)
        out = team[slot] if slot < len(team) else None
        cands = [x for x in self.t.eligible[i] if x not in team]
        if not cands:
            return 0.0
        into = rng.choice(cands)
        if not self.can_take(into, i):
            return 0.0
        delta = self.replace_delta(i, out, into)
        if delta < 0 or (sideways and delta == 0):
            self.apply_replace(i, out, into)
            return delta
        return 0.0

    def try_consolidate(self, rng: random.Random, sideways: bool) -> float:
        """On one cohort's line, hand all the sessions of one teacher to another teacher."""
        if not self.sessions:
            return 0.0
        i = rng.choice(self.sessions)
        s = self.inst.sessions[i]
        key = (s.cohort, s.line)
        if not self.inst.lines[s.line] or not self.team[i]:
            return 0.0
        counts = self.line[key]
        on_line = [tid for tid, n in counts.items() if n > 0]
        if len(on_line) <= self.need[key]:
            return 0.0
        a = rng.choice(self.team[i])
        others = [tid for tid in on_line if tid != a]
        if not others or rng.random() < 0.2:
            others = [tid for tid in self.t.eligible[i] if tid != a]
        if not others:
            return 0.0
        b = rng.choice(others)
        mine = [
            j
            for j in self.by_cohort[s.cohort]
            if self.inst.sessions[j].line == s.line and a in self.team[j]
        ]
        done: list[int] = []
        delta = 0.0
        ok = True
        for j in mine:
            if b in self.team[j] or b not in self.t.eligible[j]:
                ok = False
                break
            delta += self.replace_delta(j, a, None)
            self.apply_replace(j, a, None)
            if not self.can_take(b, j):
                self.apply_replace(j, None, a)
                ok = False
                break
            delta += self.replace_delta(j, None, b)
            self.apply_replace(j, None, b)
            done.append(j)
        if ok and (delta < 0 or (sideways and delta == 0)):
            return delta
        for j in reversed(done):
            self.apply_replace(j, b, None)
            self.apply_replace(j, None, a)
        return 0.0

    def try_exchange(self, rng: random.Random, sideways: bool) -> float:
        """Teacher a of session i and teacher b of session j change places."""
        if not self.sessions:
            return 0.0
        i = rng.choice(self.sessions)
        if not self.team[i]:
            return 0.0
        a = rng.choice(self.team[i])
        s = self.inst.sessions[i]
        # sessions of the same cohort and line first: where continuity is won
        mates = self.by_cohort[s.cohort]
        j = rng.choice(self.sessions if len(mates) < 2 or rng.random() < 0.3 else mates)
        if j == i or not self.team[j]:
            return 0.0
        b = rng.choice(self.team[j])
        if a == b or b in self.team[i] or a in self.team[j]:
            return 0.0
        if b not in self.t.eligible[i] or a not in self.t.eligible[j]:
            return 0.0
        delta = self.replace_delta(i, a, None)
        self.apply_replace(i, a, None)
        delta += self.replace_delta(j, b, None)
        self.apply_replace(j, b, None)
        ok = self.can_take(b, i) and self.can_take(a, j)
        if ok:
            delta += self.replace_delta(i, None, b)
            self.apply_replace(i, None, b)
            if self.can_take(a, j):
                delta += self.replace_delta(j, None, a)
                self.apply_replace(j, None, a)
                if delta < 0 or (sideways and delta == 0):
                    return delta
                self.apply_replace(j, a, None)
            self.apply_replace(i, b, None)
        self.apply_replace(j, None, b)
        self.apply_replace(i, None, a)
        return 0.0


def polish(
    tables: Tables, plan: Plan, seed: int, moves: int, deadline: float | None = None
) -> Plan:
    """Improve ``plan`` with ``moves`` tries; deterministic for a seed (unless the monotonic
    ``deadline`` stops it first)."""
    state = Teams(tables, plan)
    if not state.sessions and not state.unplaced:
        return plan
    rng = random.Random(seed)
    for k in range(moves):
        if deadline is not None and k % 256 == 0 and time.monotonic() > deadline:
            break
        sideways = k % 4 == 0
        r = rng.random()
        if r < 0.3:
            state.try_replace(rng, sideways)
        elif r < 0.5:
            state.try_consolidate(rng, sideways)
        elif r < 0.75:
            state.try_exchange(rng, sideways)
        else:
            state.try_shift(rng, sideways)
    return state.plan(plan)


def team_moves_for(instance: Instance) -> int:
    return 20 * len(instance.sessions)
