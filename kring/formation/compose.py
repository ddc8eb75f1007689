"""Between a pool and the grouping engine (format ``kring-grouping/1``): who takes part and
what they told, as the engine's instance; the snapshot a run keeps to explain its proposal
later (``Snapshot``, stored in ``FormationRun.limits`` through ``to_json``/``from_json``); and
the engine's grouping read back as the proposal's rows: per group the ids of its members, in
the order the page shows them. The words for all of it are in ``explain.py``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kring.availability.selectors import weekly_slots_of
from kring.availability.slots import SLOTS_PER_WEEK
from kring.formation.models import PairRule, Pool, PoolEntry, RatherNot
from kring.formation.sizing import SizePlan, plan_sizes
from kring.learning import composition
from kring.learning.models import Membership

INSTANCE_FORMAT = "kring-grouping/1"
POSITIONS = len(Membership.Layer)

# A proposal: per group the engine ids (person pks as strings) of its members.
Grouping = list[list[str]]
Pair = tuple[str, str]


def normalise_task(task: str) -> str:
    return " ".join(task.lower().split())


def context_units(context: str) -> list[str]:
    return [" ".join(unit.split()) for unit in context.split("/") if unit.strip()]


def normalise_context(context: str) -> str:
    """ "Ministerie / DG Wonen / Team Noord" → "ministerie/dg wonen/team noord": the engine
    compares paths unit by unit."""
    return "/".join(unit.lower() for unit in context_units(context))


# --- The snapshot a run keeps --------------------------------------------------------------------


@dataclass
class Told:
    """What someone told in the pool, in their own words (the instance has them normalised)."""

    task: str
    context: str
    manager: int | None

    def to_json(self) -> dict[str, Any]:
        return {"task": self.task, "context": self.context, "manager": self.manager}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Told:
        return cls(data["task"], data["context"], data["manager"])


@dataclass
class Snapshot:
    """What the proposal page needs besides the instance: the sizes asked, the words people
    used, and the pairs (engine ids) that would rather not share a group, must not, or must."""

    target: int = 0
    minimum: int = 0
    maximum: int = 99
    people: dict[str, Told] = field(default_factory=dict)
    rather_not: list[Pair] = field(default_factory=list)
    apart: list[Pair] = field(default_factory=list)
    together: list[Pair] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "min": self.minimum,
            "max": self.maximum,
            "people": {pid: told.to_json() for pid, told in self.people.items()},
            "rather_not": [list(pair) for pair in self.rather_not],
            "apart": [list(pair) for pair in self.apart],
            "together": [list(pair) for pair in self.together],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Snapshot:
        def pairs(key: str) -> list[Pair]:
            return [(a, b) for a, b in data.get(key, [])]

        return cls(
            target=data.get("target", 0),
            minimum=data.get("min", 0),
            maximum=data.get("max", 99),
            people={pid: Told.from_json(told) for pid, told in data.get("people", {}).items()},
            rather_not=pairs("rather_not"),
            apart=pairs("apart"),
            together=pairs("together"),
        )


# --- Building the engine's instance --------------------------------------------------------------


def participants(pool: Pool) -> list[PoolEntry]:
    """Everyone who takes part: signed up themselves, confirmed, or agreed as recorded."""
    return list(
        pool.entries.filter(status=PoolEntry.Status.SIGNED_UP)
        .select_related("person")
        .order_by("person__full_name", "person_id")
    )


def size_plan(pool: Pool, people: int) -> SizePlan:
    """The exact sizes for ``people`` people with the pool's settings, or SizeProblem."""
    return plan_sizes(
        people,
        target=pool.target_size,
        minimum=pool.min_size,
        maximum=pool.max_size,
        ceiling=composition.MAXIMUM_SIZE,
    )


def _pairs(pairs: Iterable[tuple[int, int]], present: set[int]) -> list[list[str]]:
    seen: set[frozenset[int]] = set()
    out: list[list[str]] = []
    for a, b in pairs:
        key = frozenset((a, b))
        if a == b or a not in present or b not in present or key in seen:
            continue
        seen.add(key)
        out.append([str(a), str(b)])
    return out


def instance_build(pool: Pool) -> tuple[dict[str, Any], dict[str, Any]]:
    """The engine's instance for the pool as it stands (format ``kring-grouping/1``), and a
    snapshot of what the proposal page needs to explain it later (the words people used,
    the sizes asked, whose "rather not" is whose), both as ``FormationRun`` stores them.
    Raises SizeProblem."""
    entries = participants(pool)
    plan = size_plan(pool, len(entries))
    present = {e.person_id for e in entries}
    slots = weekly_slots_of(present)
    people = [
        {
            "id": str(e.person_id),
            "task": normalise_task(e.task),
            "context": normalise_context(e.work_context),
            "position": e.layer,
            "manager": str(e.manager_id) if e.manager_id in present else None,
            "available": sorted(slots.get(e.person_id, [])),
        }
        for e in entries
    ]
    rather_not = _pairs(
        RatherNot.objects.filter(entry__pool=pool, entry__status=PoolEntry.Status.SIGNED_UP)
        .order_by("entry__person_id", "other_id")
        .values_list("entry__person_id", "other_id"),
        present,
    )
    rules = list(pool.pair_rules.order_by("pk").values_list("kind", "first_id", "second_id"))
    apart = _pairs([(a, b) for kind, a, b in rules if kind == PairRule.Kind.APART], present)
    together = _pairs([(a, b) for kind, a, b in rules if kind == PairRule.Kind.TOGETHER], present)
    instance = {
        "format": INSTANCE_FORMAT,
        "name": f"pool-{pool.pk}",
        "group_sizes": list(plan.sizes),
        "positions": POSITIONS,
        "slots": SLOTS_PER_WEEK,
        "weights": pool.weights,
        "rules": {
            "separate_manager_and_report": pool.keep_managers_apart,
            "min_common_slots": pool.min_common_slots,
        },
        "people": people,
        "apart": _pairs([(int(a), int(b)) for a, b in rather_not + apart], present),
        "together": together,
    }
    snapshot = Snapshot(
        target=pool.target_size,
        minimum=pool.min_size,
        maximum=pool.max_size,
        people={
            str(e.person_id): Told(task=e.task, context=e.work_context, manager=e.manager_id)
            for e in entries
        },
        rather_not=[(a, b) for a, b in rather_not],
        apart=[(a, b) for a, b in apart],
        together=[(a, b) for a, b in together],
    )
    return instance, snapshot.to_json()


# --- Reading the engine's answer back ------------------------------------------------------------


def display_order(instance: dict[str, Any], groups: Grouping) -> Grouping:
    """The engine's groups (engine ids) as the proposal's rows: groups next to groups that are
    like them, by shared work context, then task."""
    people = {p["id"]: p for p in instance["people"]}

    def key(group: list[str]) -> tuple[str, str, str]:
        contexts = sorted(people[i]["context"] for i in group)
        tasks = sorted(people[i]["task"] for i in group)
        return (contexts[len(contexts) // 2], tasks[len(tasks) // 2], group[0] if group else "")

    return sorted(groups, key=key)
