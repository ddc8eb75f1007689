"""Greedy baseline: cohort by cohort, session by session, the cheapest day and team now.

Held sessions (of `current`, before `now_day`) are booked first, exactly. Then every cohort in
input order places its sessions in their order: among the start days the rules allow after the
previous placed session, it takes the day whose cheapest available team costs least (missing
teachers, gap deviation, guest, non-preferred, load and continuity costs, a move or swap away
from `current`), earliest on ties, without looking ahead. A session that fits no day stays
unplaced. The result is always valid.
"""

from __future__ import annotations

import time
from collections import defaultdict

from .model import (
    GAP_COST,
    LOAD_COST,
    MISSING_TEACHER_COST,
    Instance,
    Plan,
    Session,
)
from .tables import Tables


class Bookings:
    """Who is busy on which day, teaching loads and room use of a partial plan."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self.busy: set[tuple[str, int]] = set()
        self.load: dict[str, int] = defaultdict(int)
        self.mload: dict[tuple[str, int], int] = defaultdict(int)
        self.rooms: dict[int, int] = defaultdict(int)
        self.line: dict[tuple[int, str], set[str]] = defaultdict(set)
        self.plan: Plan = {}

    def book(self, s: Session, day: int, teachers: tuple[str, ...]) -> None:
        inst = self.instance
        facs = inst.cohorts[s.cohort].facilitators
        span = range(day, day + s.days)
        for p in dict.fromkeys(facs + teachers):
            for d in span:
                self.busy.add((p, d))
        for t in teachers:
            self.load[t] += s.days
            for d in span:
                self.mload[(t, inst.month[d])] += 1
        for d in span:
            self.rooms[d] += 1
        self.line[(s.cohort, s.line)].update(teachers)
        self.plan[s.id] = (day, teachers)

    def day_ok(self, s: Session, day: int) -> bool:
        inst = self.instance
        span = range(day, day + s.days)
        if inst.rooms is not None and any(self.rooms[d] >= inst.rooms[d] for d in span):
            return False
        facs = inst.cohorts[s.cohort].facilitators
        return not any((f, d) in self.busy for f in facs for d in span)

    def teacher_ok(self, s: Session, t: str, day: int) -> bool:
        inst = self.instance
        p = inst.people[t]
        if not p.available_span(day, s.days):
            return False
        own = t in inst.cohorts[s.cohort].facilitators
        if not own and any((t, d) in self.busy for d in range(day, day + s.days)):
            return False
        if p.max_days is not None and self.load[t] + s.days > p.max_days:
            return False
        if p.max_month is not None:
            per: dict[int, int] = defaultdict(int)
            for d in range(day, day + s.days):
                per[inst.month[d]] += 1
            if any(self.mload[(t, m)] + n > p.max_month for m, n in per.items()):
                return False
        return True


def teacher_price(
    tables: Tables, book: Bookings, s: Session, t: str, day: int, current: tuple[str, ...]
) -> float:
    inst = tables.instance
    p = inst.people[t]
    price: float = tables.fixed_cost(t, day, s.days)
    if p.target is not None:
        before = abs(book.load[t] - p.target)
        after = abs(book.load[t] + s.days - p.target)
        price += LOAD_COST * (after - before)
    used = book.line[(s.cohort, s.line)]
    if t not in used:
        price += inst.lines[s.line] * 0.5
    if t in current:
        price -= inst.swap_penalty
    return price


def best_team(
    tables: Tables, book: Bookings, s: Session, day: int, current: tuple[str, ...] = ()
) -> tuple[float, tuple[str, ...]]:
    priced = sorted(
        (teacher_price(tables, book, s, t, day, current), t)
        for t in tables.eligible[tables.index[s.id]]
        if book.teacher_ok(s, t, day)
    )
    team = tuple(t for _, t in priced[: s.teachers])
    cost = sum(c for c, _ in priced[: s.teachers])
    return cost + MISSING_TEACHER_COST * (s.teachers - len(team)), team


def greedy(instance: Instance, tables: Tables | None = None) -> Plan:
    t = tables or Tables(instance)
    inst = instance
    book = Bookings(inst)
    for sid, (day, who) in t.held.items():
        book.book(inst.by_id[sid], day, who)
    current = inst.current or {}
    for cohort in inst.cohorts:
        prev: tuple[Session, int] | None = None  # the previous listed session, when placed
        end = 0  # every earlier placed session has ended by this day
        for s in cohort.sessions:
            if s.id in t.held:
                day = t.held[s.id][0]
                prev, end = (s, day), max(end, day + s.days)
                continue
            cur_day, cur_team = current.get(s.id, (-1, ()))
            best: tuple[float, int, tuple[str, ...]] | None = None
            for day in t.days_of[t.index[s.id]]:
                if day < end:
                    continue
                gap_cost = 0
                if prev is not None:
                    gap = day - prev[1]
                    if s.min_gap is not None and gap < s.min_gap:
                        continue
                    if s.max_gap is not None and gap > s.max_gap:
                        continue
                    if s.target_gap is not None:
                        gap_cost = GAP_COST * abs(gap - s.target_gap)
                if not book.day_ok(s, day):
                    continue
                team_cost, team = best_team(t, book, s, day, cur_team)
                cost = team_cost + gap_cost
                if s.id in current and day != cur_day:
                    cost += inst.move_penalty
                if best is None or cost < best[0]:
                    best = (cost, day, team)
            if best is None:
                prev = None
                continue
            _, day, team = best
            book.book(s, day, team)
            prev, end = (s, day), max(end, day + s.days)
    return book.plan


def construct(
    instance: Instance, tables: Tables | None = None, deadline: float | None = None
) -> Plan | None:
    """The search's start: cohort by cohort (the most constrained first), the days of all a
    cohort's sessions at once by dynamic programming over (session, start day), then the
    teams session by session.

    A state is "session k starts on day d"; it follows the last placed earlier session j (the
    ones between are left out, 1000 each), after its end and, when j = k - 1, within the gap
    rules. A state costs the cheapest available team on that day plus the gap deviation.
    """
    t = tables or Tables(instance)
    inst = instance
    book = Bookings(inst)
    for sid, (day, who) in t.held.items():
        book.book(inst.by_id[sid], day, who)
    current = inst.current or {}

    def room(c: int) -> float:
        cohort = inst.cohorts[c]
        free = [len(t.days_of[t.index[s.id]]) for s in cohort.sessions if s.id not in t.held]
        return min(free, default=99) + 0.01 * sum(free) / max(1, len(free))

    order = sorted(range(len(inst.cohorts)), key=lambda c: (room(c), c))
    for c in order:
        if deadline is not None and time.monotonic() > deadline:
            return None
        cohort = inst.cohorts[c]
        sessions = cohort.sessions
        n = len(sessions)
        # best[k][d] = (cost, previous (k, d) or None)
        best: list[dict[int, tuple[float, tuple[int, int] | None]]] = [{} for _ in range(n)]
        for k, s in enumerate(sessions):
            if s.id in t.held:
                day = t.held[s.id][0]
                base = 0.0
                pred = _best_pred(best, sessions, k, day, held_only=True)
                best[k][day] = (base + (pred[0] if pred else 1000.0 * k), pred[1] if pred else None)
                continue
            cur_day, cur_team = current.get(s.id, (-1, ()))
            for day in t.days_of[t.index[s.id]]:
                if not book.day_ok(s, day):
                    continue
                team_cost, _ = best_team(t, book, s, day, cur_team)
                if s.id in current and day != cur_day:
                    team_cost += inst.move_penalty
                pred = _best_pred(best, sessions, k, day)
                if pred is None:
                    continue
                best[k][day] = (team_cost + pred[0], pred[1])
        # the best end: the last placed session k (the ones after it left out)
        end: tuple[float, tuple[int, int] | None] = (1000.0 * n, None)
        for k in range(n):
            for day, (cost, _) in best[k].items():
                total = cost + 1000.0 * (n - 1 - k)
                if total < end[0]:
                    end = (total, (k, day))
        chain: list[tuple[int, int]] = []
        node = end[1]
        while node is not None:
            chain.append(node)
            k, day = node
            node = best[k][day][1]
        for k, day in reversed(chain):
            s = sessions[k]
            if s.id in t.held:
                continue
            cur_team = current.get(s.id, (-1, ()))[1]
            _, team = best_team(t, book, s, day, cur_team)
            book.book(s, day, team)
    return book.plan


def _best_pred(
    best: list[dict[int, tuple[float, tuple[int, int] | None]]],
    sessions: list[Session],
    k: int,
    day: int,
    held_only: bool = False,
) -> tuple[float, tuple[int, int] | None] | None:
    """The cheapest way to reach session k on `day`: from the start (sessions 0..k-1 left
    out) or from a placed earlier session j."""
    s = sessions[k]
    out: tuple[float, tuple[int, int] | None] | None = (1000.0 * k, None)
    for j in range(k - 1, -1, -1):
        o = sessions[j]
        skipped = 1000.0 * (k - 1 - j)
        for oday, (cost, _) in best[j].items():
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
            total = cost + skipped + gap_cost
            if out is None or total < out[0]:
                out = (total, (j, oday))
    return out
