"""Instance and solution data classes for the grouping engine (format ``kring-grouping/1``).

The parser mirrors the checks of the benchmark's ``evaluate.py`` but names the offending field
(``people[3].position: must be an integer from 1 to 4``) so that a user can fix the file.
A ``group_sizes`` sum that differs from the pool size is *not* treated as malformed here: the
file is well-formed, it just asks for something impossible, which the engine reports as an
infeasibility (exit 1) with the concrete numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, NoReturn

INSTANCE_FORMAT = "kring-grouping/1"
SOLUTION_FORMAT = "kring-grouping-solution/1"
WEIGHT_KEYS = ("task", "context", "position", "availability")


class MalformedInstance(ValueError):
    """The instance does not follow the format; the message names the offending field."""


@dataclass(frozen=True)
class Person:
    id: str
    task: str
    context: str
    position: int
    manager: str | None
    available: tuple[int, ...]


@dataclass
class Instance:
    """A validated grouping instance, as written in the file."""

    name: str
    group_sizes: list[int]
    positions: int
    slots: int
    weights: dict[str, float]
    separate_manager_and_report: bool
    min_common_slots: int
    people: list[Person]
    apart: list[tuple[str, str]]
    together: list[tuple[str, str]]

    @property
    def n(self) -> int:
        return len(self.people)


@dataclass
class Solution:
    """Groups of person ids."""

    groups: list[list[str]]

    def to_json(self) -> dict[str, Any]:
        return {"format": SOLUTION_FORMAT, "groups": [list(g) for g in self.groups]}


@dataclass
class Problem:
    """An instance indexed for the solvers: people are 0..n-1 in file order."""

    instance: Instance
    ids: list[str]
    index: dict[str, int]
    sizes: list[int]
    task: list[int]
    context: list[tuple[str, ...]]
    position: list[int]
    manager: list[int | None]
    avail: list[int]  # bit mask of available slots
    apart: list[tuple[int, int]]
    together: list[tuple[int, int]]
    conflicts: list[set[int]]  # people each person may not share a group with
    min_common: int
    units: list[list[int]] = field(default_factory=list)  # together-components
    unit_of: list[int] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.ids)

    def group_ids(self, groups: list[list[int]]) -> Solution:
        """Turn index groups into a canonical (sorted) solution."""
        out = [sorted(self.ids[i] for i in g) for g in groups]
        out.sort(key=lambda g: (g[0] if g else "", len(g)))
        return Solution(out)


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _fail(where: str, msg: str) -> NoReturn:
    raise MalformedInstance(f"{where}: {msg}")


def parse_instance(data: Any) -> Instance:
    """Validate an instance object (parsed JSON). Raises MalformedInstance naming the field."""
    if not isinstance(data, dict):
        raise MalformedInstance("instance: must be a JSON object")
    if data.get("format") != INSTANCE_FORMAT:
        _fail("format", f"must be {INSTANCE_FORMAT!r}, got {data.get('format')!r}")
    for key in ("group_sizes", "positions", "slots", "weights", "rules", "people"):
        if key not in data:
            _fail(key, "missing")
    positions, slots = data["positions"], data["slots"]
    if not _is_int(positions) or positions < 1:
        _fail("positions", f"must be an integer >= 1, got {positions!r}")
    if not _is_int(slots) or slots < 0:
        _fail("slots", f"must be an integer >= 0, got {slots!r}")

    weights = data["weights"]
    if not isinstance(weights, dict):
        _fail("weights", "must be an object with " + ", ".join(WEIGHT_KEYS))
    for key in WEIGHT_KEYS:
        if key not in weights:
            _fail(f"weights.{key}", "missing")
        if not _is_number(weights[key]) or weights[key] < 0:
            _fail(f"weights.{key}", f"must be a number >= 0, got {weights[key]!r}")

    rules = data["rules"]
    if not isinstance(rules, dict):
        _fail("rules", "must be an object")
    separate = rules.get("separate_manager_and_report")
    if not isinstance(separate, bool):
        _fail("rules.separate_manager_and_report", f"must be true or false, got {separate!r}")
    min_common: Any = rules.get("min_common_slots")
    if not _is_int(min_common) or min_common < 0:
        _fail("rules.min_common_slots", f"must be an integer >= 0, got {min_common!r}")

    sizes = data["group_sizes"]
    if not isinstance(sizes, list):
        _fail("group_sizes", "must be a list of integers >= 1")
    for k, s in enumerate(sizes):
        if not _is_int(s) or s < 1:
            _fail(f"group_sizes[{k}]", f"must be an integer >= 1, got {s!r}")

    raw_people = data["people"]
    if not isinstance(raw_people, list):
        _fail("people", "must be a list")
    seen: dict[str, int] = {}
    for k, p in enumerate(raw_people):
        if not isinstance(p, dict):
            _fail(f"people[{k}]", "must be an object")
        pid = p.get("id")
        if not isinstance(pid, str):
            _fail(f"people[{k}].id", f"must be a string, got {pid!r}")
        if pid in seen:
            _fail(f"people[{k}].id", f"duplicate id {pid!r} (also people[{seen[pid]}])")
        seen[pid] = k
    people: list[Person] = []
    for k, p in enumerate(raw_people):
        where = f"people[{k}]"
        pid = p["id"]
        if not isinstance(p.get("task"), str):
            _fail(f"{where}.task", f"must be a string, got {p.get('task')!r}")
        if not isinstance(p.get("context"), str):
            _fail(f"{where}.context", f"must be a string, got {p.get('context')!r}")
        pos = p.get("position")
        if not _is_int(pos) or not 1 <= pos <= positions:
            _fail(f"{where}.position", f"must be an integer from 1 to {positions}, got {pos!r}")
        if "manager" not in p:
            _fail(f"{where}.manager", "missing (use null for none)")
        mgr = p["manager"]
        if mgr is not None and (not isinstance(mgr, str) or mgr not in seen):
            _fail(f"{where}.manager", f"{mgr!r} is not a person of this instance")
        if mgr == pid:
            _fail(f"{where}.manager", f"{pid} is their own manager")
        av = p.get("available")
        if not isinstance(av, list):
            _fail(f"{where}.available", "must be a list of slots")
        for s in av:
            if not _is_int(s) or not 0 <= s < slots:
                _fail(f"{where}.available", f"slot {s!r} is not an integer from 0 to {slots - 1}")
        people.append(Person(pid, p["task"], p["context"], pos, mgr, tuple(sorted(set(av)))))

    def pairs(key: str) -> list[tuple[str, str]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            _fail(key, "must be a list of id pairs")
        out = []
        for k, pair in enumerate(value):
            if not isinstance(pair, list) or len(pair) != 2:
                _fail(f"{key}[{k}]", f"must be a pair of ids, got {pair!r}")
            for x in pair:
                if not isinstance(x, str) or x not in seen:
                    _fail(f"{key}[{k}]", f"{x!r} is not a person of this instance")
            if pair[0] == pair[1]:
                _fail(f"{key}[{k}]", f"pairs {pair[0]} with themselves")
            out.append((pair[0], pair[1]))
        return out

    if "apart" not in data:
        _fail("apart", "missing (use [] for none)")
    if "together" not in data:
        _fail("together", "missing (use [] for none)")
    name = data.get("name", "")
    return Instance(
        name=name if isinstance(name, str) else str(name),
        group_sizes=list(sizes),
        positions=positions,
        slots=slots,
        weights={k: float(weights[k]) for k in WEIGHT_KEYS},
        separate_manager_and_report=separate,
        min_common_slots=min_common,
        people=people,
        apart=pairs("apart"),
        together=pairs("together"),
    )


def load_instance(path: str) -> Instance:
    """Read and validate an instance file. Unreadable files and bad JSON are malformed too."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise MalformedInstance(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise MalformedInstance(f"{path}: not UTF-8 text: {exc}") from None
    except json.JSONDecodeError as exc:
        raise MalformedInstance(f"{path}: not valid JSON: {exc}") from None
    return parse_instance(data)


def build_problem(inst: Instance) -> Problem:
    """Index an instance: ints for people, bit masks for availability, conflict sets, units."""
    ids = [p.id for p in inst.people]
    index = {pid: k for k, pid in enumerate(ids)}
    tasks: dict[str, int] = {}
    task, context, position, manager, avail = [], [], [], [], []
    for p in inst.people:
        task.append(tasks.setdefault(p.task, len(tasks)))
        context.append(tuple(p.context.split("/")) if p.context else ())
        position.append(p.position)
        manager.append(None if p.manager is None else index[p.manager])
        mask = 0
        for s in p.available:
            mask |= 1 << s
        avail.append(mask)
    apart = [(index[a], index[b]) for a, b in inst.apart]
    together = [(index[a], index[b]) for a, b in inst.together]
    n = len(ids)
    conflicts: list[set[int]] = [set() for _ in range(n)]
    for a, b in apart:
        conflicts[a].add(b)
        conflicts[b].add(a)
    if inst.separate_manager_and_report:
        for k, m in enumerate(manager):
            if m is not None:
                conflicts[k].add(m)
                conflicts[m].add(k)

    # together-components by union-find; they always move as one unit
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in together:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    by_root: dict[int, list[int]] = {}
    for k in range(n):
        by_root.setdefault(find(k), []).append(k)
    units = sorted(by_root.values(), key=lambda u: u[0])
    unit_of = [0] * n
    for u, members in enumerate(units):
        for k in members:
            unit_of[k] = u
    return Problem(
        instance=inst,
        ids=ids,
        index=index,
        sizes=list(inst.group_sizes),
        task=task,
        context=context,
        position=position,
        manager=manager,
        avail=avail,
        apart=apart,
        together=together,
        conflicts=conflicts,
        min_common=inst.min_common_slots,
        units=units,
        unit_of=unit_of,
    )
