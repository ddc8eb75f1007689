"""Greedy baseline: groups in input order, each meeting at its cheapest feasible (week, slot).

Meeting by meeting, without look-ahead: among the weeks the gap rule allows after the previous
meeting (or up to ``first_meeting_by_week`` for the first), take the usable slot with the lowest
cost of absences, gap deviation and move, earliest on ties.  A group whose next meeting does
not fit anywhere stops there (missing meetings).  It is always valid.
"""

from __future__ import annotations

import numpy as np

from .cost import Tables
from .model import Instance, Meeting, Solution


def greedy(instance: Instance, tables: Tables | None = None) -> Solution:
    t = tables or Tables(instance)
    W, S = t.W, t.S
    room_count = np.zeros((W, S), dtype=np.int32)
    busy: dict[str, np.ndarray] = {}
    meetings: list[Meeting] = []
    for gi, group in enumerate(instance.groups):
        usable = t.fac_ok[gi].copy()
        for p in group.persons:
            if p in busy:
                usable &= ~busy[p]
        if t.rooms is not None:
            usable &= room_count < t.rooms
        past = t.past[gi]
        for n, w, s in past:
            meetings.append(Meeting(group.id, n, w, s))
        number = (past[-1][0] if past else 0) + 1
        prev = past[-1][1] if past else None
        chain: list[tuple[int, int]] = []
        for _ in range(max(0, t.M - len(past))):
            if prev is None:
                weeks = range(t.now, min(t.first_by, W - 1) + 1)
            else:
                weeks = range(max(t.now, prev + t.gmin), min(W - 1, prev + t.gmax) + 1)
            best: tuple[int, int, int] | None = None
            for w in weeks:
                gap = 0 if prev is None else t.scale * abs(w - prev - t.target)
                for s in np.nonzero(usable[w])[0].tolist():
                    c = int(t.slot_cost[gi][w, s]) + gap
                    if best is None or c < best[0]:
                        best = (c, w, s)
            if best is None:
                break
            _, w, s = best
            chain.append((w, s))
            prev = w
        for i, (w, s) in enumerate(chain):
            meetings.append(Meeting(group.id, number + i, w, s))
            room_count[w, s] += 1
            for p in group.persons:
                busy.setdefault(p, np.zeros((W, S), dtype=bool))[w, s] = True
    return Solution(meetings)
