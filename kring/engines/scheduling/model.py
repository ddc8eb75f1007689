"""Instance and solution data classes of the `kring-schedule/1` format, with strict parsing.

The parser accepts everything the benchmark's evaluator accepts and reports problems with a
message that names the offending field, e.g. ``groups[4].facilitator: unknown person 'f09'``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

INSTANCE_FORMAT = "kring-schedule/1"
SOLUTION_FORMAT = "kring-schedule-solution/1"

MISSING_COST = 1000
ABSENCE_COST = 10


class MalformedInstance(ValueError):
    """The instance does not follow the kring-schedule/1 format; the message names the field."""


@dataclass(frozen=True)
class Series:
    meetings: int
    min_gap_weeks: int
    max_gap_weeks: int
    target_gap_weeks: int
    first_meeting_by_week: int


@dataclass(frozen=True)
class Person:
    id: str
    weekly: frozenset[int]
    away_weeks: frozenset[int] = frozenset()
    away: frozenset[tuple[int, int]] = frozenset()

    def available(self, week: int, slot: int) -> bool:
        return slot in self.weekly and week not in self.away_weeks and (week, slot) not in self.away


@dataclass(frozen=True)
class Group:
    id: str
    facilitator: str
    members: tuple[str, ...]

    @property
    def persons(self) -> tuple[str, ...]:
        return (self.facilitator, *self.members)


@dataclass(frozen=True, order=True)
class Meeting:
    group: str
    number: int
    week: int
    slot: int

    def as_json(self) -> dict[str, Any]:
        return {"group": self.group, "number": self.number, "week": self.week, "slot": self.slot}


@dataclass
class Instance:
    weeks: int
    slots_per_week: int
    series: Series
    people: dict[str, Person]
    groups: list[Group]
    rooms: int | None = None
    current: list[Meeting] | None = None
    now_week: int = 0
    move_penalty: float = 0
    name: str = ""
    start_date: str | None = None
    slot_names: list[str] | None = None
    group_index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.group_index = {g.id: i for i, g in enumerate(self.groups)}

    def group(self, group_id: str) -> Group:
        return self.groups[self.group_index[group_id]]


@dataclass
class Solution:
    meetings: list[Meeting]

    def as_json(self) -> dict[str, Any]:
        ordered = sorted(self.meetings, key=lambda m: (m.group, m.number))
        return {"format": SOLUTION_FORMAT, "meetings": [m.as_json() for m in ordered]}

    def dumps(self) -> str:
        return json.dumps(self.as_json())


# ------------------------------------------------------------------------------------------
# parsing


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int(obj: dict[str, Any], key: str, where: str, minimum: int) -> int:
    if key not in obj:
        raise MalformedInstance(f"{where}{key}: missing")
    value = obj[key]
    if not _is_int(value) or value < minimum:
        raise MalformedInstance(f"{where}{key}: must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _int_list(value: object, where: str, what: str) -> list[int]:
    if not isinstance(value, list):
        raise MalformedInstance(f"{where}: must be a list of {what}")
    for i, item in enumerate(value):
        if not _is_int(item):
            raise MalformedInstance(f"{where}[{i}]: {what[:-1]} must be an integer, got {item!r}")
    return list(value)


def _parse_person(pid: str, raw: object, slots: int) -> Person:
    where = f"people.{pid}"
    if not isinstance(raw, dict):
        raise MalformedInstance(f"{where}: must be an object")
    weekly = _int_list(raw.get("weekly", []), f"{where}.weekly", "slot numbers")
    for i, s in enumerate(weekly):
        if not 0 <= s < slots:
            raise MalformedInstance(f"{where}.weekly[{i}]: slot {s} outside 0..{slots - 1}")
    away_weeks = _int_list(raw.get("away_weeks", []), f"{where}.away_weeks", "week numbers")
    away_raw = raw.get("away", [])
    if not isinstance(away_raw, list):
        raise MalformedInstance(f"{where}.away: must be a list of [week, slot] pairs")
    away: set[tuple[int, int]] = set()
    for i, entry in enumerate(away_raw):
        if not (
            isinstance(entry, list) and len(entry) == 2 and _is_int(entry[0]) and _is_int(entry[1])
        ):
            raise MalformedInstance(f"{where}.away[{i}]: must be a [week, slot] pair of integers")
        away.add((entry[0], entry[1]))
    return Person(pid, frozenset(weekly), frozenset(away_weeks), frozenset(away))


def parse_instance(data: object) -> Instance:
    """Check and convert parsed JSON into an :class:`Instance`; raise MalformedInstance."""
    if not isinstance(data, dict):
        raise MalformedInstance("instance: must be a JSON object")
    if data.get("format") != INSTANCE_FORMAT:
        raise MalformedInstance(f"format: must be {INSTANCE_FORMAT!r}, got {data.get('format')!r}")
    name = data.get("name", "")
    if not isinstance(name, str):
        raise MalformedInstance("name: must be a string")
    weeks = _int(data, "weeks", "", 1)
    slots = _int(data, "slots_per_week", "", 1)
    slot_names = data.get("slot_names")
    if slot_names is not None and (
        not isinstance(slot_names, list)
        or len(slot_names) != slots
        or not all(isinstance(s, str) for s in slot_names)
    ):
        raise MalformedInstance(f"slot_names: must list one name per slot ({slots})")
    start_date = data.get("start_date")
    if start_date is not None and not isinstance(start_date, str):
        raise MalformedInstance("start_date: must be a date string")

    raw_series = data.get("series")
    if not isinstance(raw_series, dict):
        raise MalformedInstance("series: missing or not an object")
    series = Series(
        meetings=_int(raw_series, "meetings", "series.", 1),
        min_gap_weeks=_int(raw_series, "min_gap_weeks", "series.", 0),
        max_gap_weeks=_int(raw_series, "max_gap_weeks", "series.", 0),
        target_gap_weeks=_int(raw_series, "target_gap_weeks", "series.", 0),
        first_meeting_by_week=_int(raw_series, "first_meeting_by_week", "series.", 0),
    )
    if series.min_gap_weeks > series.max_gap_weeks:
        raise MalformedInstance(
            f"series.min_gap_weeks: {series.min_gap_weeks} exceeds "
            f"series.max_gap_weeks {series.max_gap_weeks}"
        )

    rooms = data.get("rooms")
    if rooms is not None and (not _is_int(rooms) or rooms < 0):
        raise MalformedInstance(f"rooms: must be null or an integer >= 0, got {rooms!r}")

    raw_people = data.get("people")
    if not isinstance(raw_people, dict):
        raise MalformedInstance("people: missing or not an object")
    people = {pid: _parse_person(pid, raw, slots) for pid, raw in raw_people.items()}

    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list):
        raise MalformedInstance("groups: missing or not a list")
    groups: list[Group] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_groups):
        where = f"groups[{i}]"
        if not isinstance(raw, dict):
            raise MalformedInstance(f"{where}: must be an object")
        gid = raw.get("id")
        if not isinstance(gid, str) or not gid:
            raise MalformedInstance(f"{where}.id: missing or not a string")
        if gid in seen:
            raise MalformedInstance(f"{where}.id: group {gid!r} appears twice")
        seen.add(gid)
        fac = raw.get("facilitator")
        if not isinstance(fac, str):
            raise MalformedInstance(f"{where}.facilitator: missing or not a string")
        if fac not in people:
            raise MalformedInstance(f"{where}.facilitator: unknown person {fac!r}")
        members = raw.get("members", [])
        if not isinstance(members, list):
            raise MalformedInstance(f"{where}.members: must be a list of person ids")
        for j, m in enumerate(members):
            if not isinstance(m, str) or m not in people:
                raise MalformedInstance(f"{where}.members[{j}]: unknown person {m!r}")
            if m == fac:
                raise MalformedInstance(f"{where}.members[{j}]: {m!r} is the group's facilitator")
            if m in members[:j]:
                raise MalformedInstance(f"{where}.members[{j}]: {m!r} appears twice")
        groups.append(Group(gid, fac, tuple(members)))

    now_week = data.get("now_week", 0)
    if now_week is None:
        now_week = 0
    if not _is_int(now_week) or now_week < 0:
        raise MalformedInstance(f"now_week: must be an integer >= 0, got {now_week!r}")
    move_penalty = data.get("move_penalty", 0)
    if move_penalty is None:
        move_penalty = 0
    if (
        not isinstance(move_penalty, int | float)
        or isinstance(move_penalty, bool)
        or not math.isfinite(move_penalty)
        or move_penalty < 0
    ):
        raise MalformedInstance(f"move_penalty: must be a number >= 0, got {move_penalty!r}")

    current: list[Meeting] | None = None
    raw_current = data.get("current")
    if raw_current is not None:
        if not isinstance(raw_current, list):
            raise MalformedInstance("current: must be null or a list of meetings")
        current = []
        for i, m in enumerate(raw_current):
            where = f"current[{i}]"
            if not isinstance(m, dict):
                raise MalformedInstance(f"{where}: must be an object")
            if m.get("group") not in seen:
                raise MalformedInstance(f"{where}.group: unknown group {m.get('group')!r}")
            for key in ("number", "week", "slot"):
                if not _is_int(m.get(key)):
                    raise MalformedInstance(f"{where}.{key}: must be an integer")
            current.append(Meeting(m["group"], m["number"], m["week"], m["slot"]))

    return Instance(
        weeks=weeks,
        slots_per_week=slots,
        series=series,
        people=people,
        groups=groups,
        rooms=rooms,
        current=current,
        now_week=now_week,
        move_penalty=move_penalty,
        name=name,
        start_date=start_date,
        slot_names=slot_names,
    )


def load_instance(path: str) -> Instance:
    """Read and parse an instance file; OSError and MalformedInstance propagate."""
    with open(path, encoding="utf-8") as handle:
        try:
            data = json.load(handle)
        except json.JSONDecodeError as exc:
            raise MalformedInstance(f"{path}: not valid JSON ({exc})") from exc
    return parse_instance(data)


def parse_solution(data: object) -> Solution:
    """Read a solution object (as written by the engine) back into a :class:`Solution`."""
    if not isinstance(data, dict) or not isinstance(data.get("meetings"), list):
        raise ValueError("solution: must be an object with a meetings list")
    return Solution(
        [Meeting(m["group"], m["number"], m["week"], m["slot"]) for m in data["meetings"]]
    )
