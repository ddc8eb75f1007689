"""Small instance builders for the grouping tests (self-contained: no shared benchmark files)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any


def person(
    pid: str,
    task: str = "analyst",
    context: str = "org/unit-1/team-1",
    position: int = 1,
    manager: str | None = None,
    available: list[int] | None = None,
) -> dict[str, Any]:
    return {
        "id": pid,
        "task": task,
        "context": context,
        "position": position,
        "manager": manager,
        "available": [0, 1, 2] if available is None else available,
    }


def instance(
    people: list[dict[str, Any]],
    sizes: list[int],
    apart: list[list[str]] | None = None,
    together: list[list[str]] | None = None,
    min_common_slots: int = 1,
    separate: bool = True,
    slots: int = 6,
    positions: int = 4,
) -> dict[str, Any]:
    return {
        "format": "kring-grouping/1",
        "name": "test",
        "group_sizes": sizes,
        "positions": positions,
        "slots": slots,
        "weights": {"task": 3, "context": 2, "position": 2, "availability": 1},
        "rules": {"separate_manager_and_report": separate, "min_common_slots": min_common_slots},
        "people": people,
        "apart": apart or [],
        "together": together or [],
    }


def planted(n: int, seed: int, size: int = 5, slots: int = 12) -> dict[str, Any]:
    """A generator-like instance with a hidden valid grouping: every planted group shares a
    slot, apart and manager pairs run across planted groups, together pairs inside one."""
    rng = random.Random(seed)
    groups = max(1, n // size)
    sizes = [n // groups + (1 if g < n % groups else 0) for g in range(groups)]
    order = list(range(n))
    rng.shuffle(order)
    group_of = [0] * n
    at = 0
    for g, s in enumerate(sizes):
        for k in order[at : at + s]:
            group_of[k] = g
        at += s
    common = [rng.randrange(slots) for _ in sizes]
    tasks = ["analyst", "advisor", "lawyer", "inspector", "researcher"]
    people = []
    for k in range(n):
        av = {s for s in range(slots) if rng.random() < 0.5} | {common[group_of[k]]}
        people.append(
            person(
                f"p{k:03d}",
                task=rng.choice(tasks),
                context=f"org-{rng.randrange(2)}/unit-{rng.randrange(3)}/team-{rng.randrange(3)}",
                position=rng.choice([1, 1, 1, 2, 2, 3, 4]),
                available=sorted(av),
            )
        )
    for k in range(n):
        if rng.random() < 0.3:
            boss = rng.randrange(n)
            if group_of[boss] != group_of[k] and people[boss]["manager"] != people[k]["id"]:
                people[k]["manager"] = people[boss]["id"]
    apart: list[list[str]] = []
    while len(apart) < n // 8:
        a, b = rng.sample(range(n), 2)
        if group_of[a] != group_of[b]:
            apart.append([people[a]["id"], people[b]["id"]])
    together: list[list[str]] = []
    used: set[int] = set()
    for g in range(min(2, groups)):
        members = [k for k in range(n) if group_of[k] == g and k not in used][:2]
        if len(members) == 2:
            together.append([people[k]["id"] for k in members])
            used.update(members)
    return instance(people, sizes, apart=apart, together=together, slots=slots)


def write(tmp_path: Path, data: dict[str, Any], name: str = "inst.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
