"""A tiny builder of kring-schedule/1 instances and an independent validity checker for tests.

The checker is written from FORMAT.md on its own, so that a bug shared by the engine's
``cost.evaluate`` and its solver would still be caught.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any


def person(
    weekly: list[int], away_weeks: list[int] | None = None, away: list[list[int]] | None = None
) -> dict[str, Any]:
    return {"weekly": weekly, "away_weeks": away_weeks or [], "away": away or []}


def instance(
    people: dict[str, dict[str, Any]],
    groups: list[tuple[str, str, list[str]]],
    *,
    weeks: int = 20,
    slots: int = 4,
    meetings: int = 3,
    min_gap: int = 2,
    max_gap: int = 4,
    target_gap: int = 3,
    first_by: int = 3,
    rooms: int | None = None,
    current: list[dict[str, Any]] | None = None,
    now_week: int = 0,
    move_penalty: float = 50,
) -> dict[str, Any]:
    return {
        "format": "kring-schedule/1",
        "name": "test",
        "start_date": "2027-01-04",
        "weeks": weeks,
        "slots_per_week": slots,
        "series": {
            "meetings": meetings,
            "min_gap_weeks": min_gap,
            "max_gap_weeks": max_gap,
            "target_gap_weeks": target_gap,
            "first_meeting_by_week": first_by,
        },
        "rooms": rooms,
        "people": people,
        "groups": [{"id": g, "facilitator": f, "members": m} for g, f, m in groups],
        "current": current,
        "now_week": now_week,
        "move_penalty": move_penalty,
    }


def random_instance(
    seed: int,
    n_groups: int = 9,
    per_facilitator: int = 3,
    members: int = 3,
    shared: int = 3,
    weeks: int = 24,
    slots: int = 5,
    rooms: int | None = 2,
) -> dict[str, Any]:
    """Groups sharing facilitators and a few members, with holidays and one-off absences."""
    rng = random.Random(seed)
    people: dict[str, dict[str, Any]] = {}

    def draw(density: float) -> dict[str, Any]:
        weekly = sorted(rng.sample(range(slots), max(1, round(density * slots))))
        start = rng.randrange(weeks)
        away_weeks = list(range(start, min(weeks, start + rng.randint(0, 2))))
        away = [[w, s] for w in range(weeks) for s in weekly if rng.random() < 0.05]
        return person(weekly, away_weeks, away)

    n_fac = -(-n_groups // per_facilitator)
    for i in range(n_fac):
        people[f"f{i}"] = draw(0.6)
    shared = min(shared, n_groups * members - 1)
    n_part = n_groups * members - shared
    for i in range(n_part):
        people[f"p{i}"] = draw(0.7)
    seats = list(range(n_part))
    rng.shuffle(seats)
    table = [seats[i * members : (i + 1) * members] for i in range(n_groups)]
    # a few people sit in two groups
    flat = [p for row in table for p in row]
    for k in range(shared):
        gi = k % n_groups
        candidates = [p for p in flat if p not in table[gi]]
        if not candidates:
            continue
        table[gi].append(rng.choice(candidates))
        table[gi] = table[gi][: members + 1]
    groups = [
        (f"g{i}", f"f{i // per_facilitator}", [f"p{p}" for p in table[i]]) for i in range(n_groups)
    ]
    return instance(
        people,
        groups,
        weeks=weeks,
        slots=slots,
        meetings=4,
        min_gap=3,
        max_gap=5,
        target_gap=4,
        first_by=3,
        rooms=rooms,
    )


def violations(inst: dict[str, Any], solution: dict[str, Any]) -> list[str]:
    """Rules 1-7 of FORMAT.md, checked independently of the engine."""
    out: list[str] = []
    ser = inst["series"]
    W, S = inst["weeks"], inst["slots_per_week"]
    people = inst["people"]

    def free(pid: str, w: int, s: int) -> bool:
        p = people[pid]
        return (
            s in p.get("weekly", [])
            and w not in p.get("away_weeks", [])
            and [w, s] not in p.get("away", [])
        )

    groups = {g["id"]: g for g in inst["groups"]}
    now = inst.get("now_week") or 0
    current = inst.get("current") or []
    past = {(m["group"], m["number"], m["week"], m["slot"]) for m in current if m["week"] < now}
    held = {(m["group"], m["number"], m["week"], m["slot"]) for m in solution["meetings"]}
    if solution.get("format") != "kring-schedule-solution/1":
        out.append("format")
    by_group: dict[str, list[tuple[int, int, int]]] = {}
    for m in solution["meetings"]:
        if m["group"] not in groups:
            out.append(f"unknown group {m['group']}")
            continue
        by_group.setdefault(m["group"], []).append((m["number"], m["week"], m["slot"]))
    for gid, ms in by_group.items():
        ms.sort()
        if [n for n, _, _ in ms] != list(range(1, len(ms) + 1)) or len(ms) > ser["meetings"]:
            out.append(f"{gid}: numbering")
        n1, w1, s1 = ms[0]
        if w1 > ser["first_meeting_by_week"] and (gid, n1, w1, s1) not in past:
            out.append(f"{gid}: first meeting late")
        for (_, wa, _), (_, wb, _) in zip(ms, ms[1:], strict=False):
            if not (max(1, ser["min_gap_weeks"]) <= wb - wa <= ser["max_gap_weeks"]):
                out.append(f"{gid}: gap {wb - wa}")
        for n, w, s in ms:
            if not (0 <= w < W and 0 <= s < S):
                out.append(f"{gid}#{n}: outside horizon")
            elif not free(groups[gid]["facilitator"], w, s):
                out.append(f"{gid}#{n}: facilitator unavailable")
            if w < now and (gid, n, w, s) not in past:
                out.append(f"{gid}#{n}: changes the past")
    seen: Counter[tuple[str, int, int]] = Counter()
    rooms: Counter[tuple[int, int]] = Counter()
    for gid, ms in by_group.items():
        g = groups[gid]
        for _, w, s in ms:
            rooms[(w, s)] += 1
            for p in [g["facilitator"], *g["members"]]:
                seen[(p, w, s)] += 1
    out += [f"{p} double-booked at {w},{s}" for (p, w, s), c in seen.items() if c > 1]
    if inst.get("rooms") is not None:
        out += [f"rooms at {k}" for k, c in rooms.items() if c > inst["rooms"]]
    out += [f"past meeting {m} dropped" for m in past if m not in held]
    return out


def cost(inst: dict[str, Any], solution: dict[str, Any]) -> float:
    """The cost of FORMAT.md, computed independently of the engine."""
    ser = inst["series"]
    people = inst["people"]

    def free(pid: str, w: int, s: int) -> bool:
        p = people[pid]
        return (
            s in p.get("weekly", [])
            and w not in p.get("away_weeks", [])
            and [w, s] not in p.get("away", [])
        )

    total = 0.0
    by_group: dict[str, list[tuple[int, int, int]]] = {g["id"]: [] for g in inst["groups"]}
    for m in solution["meetings"]:
        by_group[m["group"]].append((m["number"], m["week"], m["slot"]))
    at = {(m["group"], m["week"], m["slot"]) for m in solution["meetings"]}
    for g in inst["groups"]:
        ms = sorted(by_group[g["id"]])
        total += 1000 * max(0, ser["meetings"] - len(ms))
        for _, w, s in ms:
            total += 10 * sum(1 for p in g["members"] if not free(p, w, s))
        for (_, wa, _), (_, wb, _) in zip(ms, ms[1:], strict=False):
            total += abs(wb - wa - ser["target_gap_weeks"])
    now = inst.get("now_week") or 0
    for m in inst.get("current") or []:
        if m["week"] >= now and (m["group"], m["week"], m["slot"]) not in at:
            total += inst.get("move_penalty") or 0
    return total
