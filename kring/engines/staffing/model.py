"""Instance and solution of the `kring-staffing/1` format, with strict parsing.

The parser accepts exactly what the benchmark's evaluator accepts; a problem is reported with
a message that names the field, e.g. ``cohorts[2].sessions[4].line: 'P09/x' is not in lines``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

INSTANCE_FORMAT = "kring-staffing/1"
SOLUTION_FORMAT = "kring-staffing-solution/1"
WEEKDAYS = 5

UNPLACED_COST = 1000
MISSING_TEACHER_COST = 400
GUEST_DAY_COST = 25
LOAD_COST = 2
NON_PREFERRED_COST = 5
GAP_COST = 1


class MalformedInstance(ValueError):
    """The instance does not follow the kring-staffing/1 format; the message names the field."""


@dataclass
class Person:
    id: str
    free: bytearray  # free[d] == 1: available on working day d
    skills: frozenset[str] = frozenset()
    teacher: bool = False
    guest: bool = False
    max_days: int | None = None
    max_month: int | None = None
    target: int | None = None
    preferred: frozenset[int] | None = None

    def available(self, day: int) -> bool:
        return 0 <= day < len(self.free) and bool(self.free[day])

    def available_span(self, day: int, days: int) -> bool:
        return all(self.available(d) for d in range(day, day + days))


@dataclass
class Session:
    id: str
    cohort: int  # index into Instance.cohorts
    index: int  # position in its cohort
    line: str
    days: int
    earliest: int
    latest: int
    skills: frozenset[str]
    teachers: int
    min_gap: int | None = None
    max_gap: int | None = None
    target_gap: int | None = None


@dataclass
class Cohort:
    id: str
    facilitators: tuple[str, ...]
    blocked: bytearray
    sessions: list[Session] = field(default_factory=list)


@dataclass
class Instance:
    name: str
    start_date: dt.date
    days: int
    month: list[int]  # month index of every working day
    rooms: list[int] | None
    lines: dict[str, float]
    people: dict[str, Person]
    cohorts: list[Cohort]
    sessions: list[Session]  # all sessions, cohort by cohort
    now_day: int = 0
    move_penalty: float = 0
    swap_penalty: float = 0
    current: dict[str, tuple[int, tuple[str, ...]]] | None = None
    by_id: dict[str, Session] = field(default_factory=dict)

    def held(self) -> dict[str, tuple[int, tuple[str, ...]]]:
        """Sessions of `current` that start before `now_day`: kept exactly."""
        if self.current is None:
            return {}
        return {sid: v for sid, v in self.current.items() if v[0] < self.now_day}

    def teachers(self) -> list[Person]:
        return [p for p in self.people.values() if p.teacher]


# A solution: session id -> (first day, teachers); a session not in it is unplaced.
Plan = dict[str, tuple[int, tuple[str, ...]]]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def day_date(start: dt.date, day: int) -> dt.date:
    return start + dt.timedelta(days=7 * (day // WEEKDAYS) + day % WEEKDAYS)


def _ranges(value: object, where: str) -> list[tuple[int, int]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(
        isinstance(r, list) and len(r) == 2 and _is_int(r[0]) and _is_int(r[1]) and r[0] <= r[1]
        for r in value
    ):
        raise MalformedInstance(
            f"{where}: must be a list of [first, last] day pairs, first <= last"
        )
    return [(r[0], r[1]) for r in value]


def _int_list(data: dict[str, Any], key: str, where: str, lo: int | None = None) -> list[int]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(_is_int(v) for v in value):
        raise MalformedInstance(f"{where}.{key}: must be a list of integers")
    if lo is not None and any(not lo <= v < WEEKDAYS for v in value):
        raise MalformedInstance(f"{where}.{key}: weekdays lie in 0..{WEEKDAYS - 1}")
    return list(value)


def _count(data: dict[str, Any], key: str, where: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not _is_int(value) or value < 0:
        raise MalformedInstance(f"{where}.{key}: must be null or an integer >= 0")
    return int(value)


def _person(pid: str, data: object, days: int) -> Person:
    where = f"people[{pid!r}]"
    if not isinstance(data, dict):
        raise MalformedInstance(f"{where}: not an object")
    weekdays = set(_int_list(data, "weekdays", where, 0))
    extra = set(_int_list(data, "extra", where))
    away = _ranges(data.get("away"), f"{where}.away")
    skills = data.get("skills", [])
    teacher = "skills" in data and skills is not None
    if skills is None:
        skills = []
    if not isinstance(skills, list) or not all(isinstance(s, str) for s in skills):
        raise MalformedInstance(f"{where}.skills: must be a list of strings")
    guest = data.get("guest", False)
    if guest is None:
        guest = False
    if not isinstance(guest, bool):
        raise MalformedInstance(f"{where}.guest: must be true or false")
    pref = data.get("preferred_weekdays")
    preferred = None if pref is None else frozenset(_int_list(data, "preferred_weekdays", where, 0))
    free = bytearray(days)
    for d in range(days):
        if d % WEEKDAYS in weekdays or d in extra:
            free[d] = 1
    for a, b in away:
        for d in range(max(0, a), min(days - 1, b) + 1):
            free[d] = 0
    return Person(
        id=pid,
        free=free,
        skills=frozenset(skills),
        teacher=bool(skills) or teacher,
        guest=guest,
        max_days=_count(data, "max_days", where),
        max_month=_count(data, "max_days_per_month", where),
        target=_count(data, "target_days", where),
        preferred=preferred,
    )


def _penalty(data: dict[str, Any], key: str) -> float:
    value = data.get(key, 0)
    if value is None:
        return 0
    if not _is_number(value) or value < 0:
        raise MalformedInstance(f"{key}: must be a number >= 0")
    return int(value) if float(value).is_integer() else float(value)


def parse_instance(data: object) -> Instance:  # noqa: C901 - one pass over the format
    """Check a parsed JSON instance and build the model; raises MalformedInstance."""
    if not isinstance(data, dict):
        raise MalformedInstance("the instance is not a JSON object")
    if data.get("format") != INSTANCE_FORMAT:
        raise MalformedInstance(f"format: must be {INSTANCE_FORMAT!r}")
    days = data.get("days")
    if not isinstance(days, int) or not _is_int(days) or days < 1:
        raise MalformedInstance("days: must be an integer >= 1")
    assert isinstance(days, int)
    try:
        start = dt.date.fromisoformat(str(data.get("start_date")))
    except ValueError:
        raise MalformedInstance("start_date: must be an ISO date (YYYY-MM-DD)") from None
    if start.weekday() != 0:
        raise MalformedInstance("start_date: must be a Monday")
    months: dict[tuple[int, int], int] = {}
    month = []
    for d in range(days):
        date = day_date(start, d)
        month.append(months.setdefault((date.year, date.month), len(months)))

    rooms_raw = data.get("rooms")
    rooms: list[int] | None
    if rooms_raw is None:
        rooms = None
    elif _is_int(rooms_raw) and rooms_raw >= 0:
        rooms = [rooms_raw] * days
    elif (
        isinstance(rooms_raw, list)
        and len(rooms_raw) == days
        and all(_is_int(r) and r >= 0 for r in rooms_raw)
    ):
        rooms = list(rooms_raw)
    else:
        raise MalformedInstance("rooms: must be null, an integer >= 0 or one integer >= 0 a day")

    lines_raw = data.get("lines")
    if not isinstance(lines_raw, dict):
        raise MalformedInstance("lines: must be an object")
    lines: dict[str, float] = {}
    for lid, line in lines_raw.items():
        if not isinstance(line, dict):
            raise MalformedInstance(f"lines[{lid!r}]: not an object")
        weight = line.get("continuity", 0)
        if not _is_number(weight) or weight < 0:
            raise MalformedInstance(f"lines[{lid!r}].continuity: must be a number >= 0")
        lines[lid] = weight

    people_raw = data.get("people")
    if not isinstance(people_raw, dict):
        raise MalformedInstance("people: must be an object")
    people = {pid: _person(pid, p, days) for pid, p in people_raw.items()}

    cohorts_raw = data.get("cohorts")
    if not isinstance(cohorts_raw, list):
        raise MalformedInstance("cohorts: must be a list")
    cohorts: list[Cohort] = []
    sessions: list[Session] = []
    by_id: dict[str, Session] = {}
    seen: set[str] = set()
    for ci, c in enumerate(cohorts_raw):
        where = f"cohorts[{ci}]"
        if not isinstance(c, dict) or not isinstance(c.get("id"), str):
            raise MalformedInstance(f"{where}.id: every cohort needs a string id")
        if c["id"] in seen:
            raise MalformedInstance(f"{where}.id: cohort {c['id']!r} appears twice")
        seen.add(c["id"])
        facs = c.get("facilitators", [])
        if facs is None:
            facs = []
        if not isinstance(facs, list) or any(f not in people for f in facs):
            raise MalformedInstance(f"{where}.facilitators: every facilitator must be in people")
        if len(set(facs)) != len(facs):
            raise MalformedInstance(f"{where}.facilitators: a facilitator appears twice")
        blocked = bytearray(days)
        for a, b in _ranges(c.get("blocked"), f"{where}.blocked"):
            for d in range(max(0, a), min(days - 1, b) + 1):
                blocked[d] = 1
        raw_sessions = c.get("sessions")
        if not isinstance(raw_sessions, list):
            raise MalformedInstance(f"{where}.sessions: must be a list")
        cohort = Cohort(id=c["id"], facilitators=tuple(facs), blocked=blocked)
        for si, s in enumerate(raw_sessions):
            session = _session(s, f"{where}.sessions[{si}]", ci, si, lines, days)
            if session.id in by_id:
                raise MalformedInstance(f"{where}.sessions[{si}].id: {session.id!r} appears twice")
            by_id[session.id] = session
            cohort.sessions.append(session)
            sessions.append(session)
        cohorts.append(cohort)

    now = data.get("now_day", 0)
    if now is None:
        now = 0
    if not _is_int(now) or now < 0:
        raise MalformedInstance("now_day: must be an integer >= 0")

    current_raw = data.get("current")
    current: dict[str, tuple[int, tuple[str, ...]]] | None = None
    if current_raw is not None:
        if not isinstance(current_raw, list):
            raise MalformedInstance("current: must be null or a list of sessions")
        current = {}
        for k, e in enumerate(current_raw):
            teachers = e.get("teachers", []) if isinstance(e, dict) else None
            if not (
                isinstance(e, dict)
                and e.get("session") in by_id
                and _is_int(e.get("day"))
                and isinstance(teachers, list)
                and all(isinstance(t, str) and t in people for t in teachers)
            ):
                raise MalformedInstance(
                    f"current[{k}]: needs a known session, an integer day and known teachers"
                )
            if e["session"] in current:
                raise MalformedInstance(f"current[{k}]: session {e['session']!r} appears twice")
            current[e["session"]] = (e["day"], tuple(dict.fromkeys(teachers)))

    name = data.get("name", "")
    return Instance(
        name=name if isinstance(name, str) else str(name),
        start_date=start,
        days=days,
        month=month,
        rooms=rooms,
        lines=lines,
        people=people,
        cohorts=cohorts,
        sessions=sessions,
        now_day=now,
        move_penalty=_penalty(data, "move_penalty"),
        swap_penalty=_penalty(data, "swap_penalty"),
        current=current,
        by_id=by_id,
    )


def _session(
    s: object, where: str, ci: int, si: int, lines: dict[str, float], days: int
) -> Session:
    if not isinstance(s, dict) or not isinstance(s.get("id"), str):
        raise MalformedInstance(f"{where}.id: every session needs a string id")
    line = s.get("line")
    if not isinstance(line, str) or line not in lines:
        raise MalformedInstance(f"{where}.line: {line!r} is not in lines")
    length = s.get("days", 1)
    if not _is_int(length) or not 1 <= length <= WEEKDAYS:
        raise MalformedInstance(f"{where}.days: must be an integer 1..{WEEKDAYS}")
    e, la = s.get("earliest"), s.get("latest")
    if not (isinstance(e, int) and isinstance(la, int) and _is_int(e) and _is_int(la)):
        raise MalformedInstance(f"{where}: needs integers 0 <= earliest <= latest < days")
    if not 0 <= e <= la < days:
        raise MalformedInstance(f"{where}: needs integers 0 <= earliest <= latest < days")
    assert isinstance(e, int) and isinstance(la, int)
    skills = s.get("skills")
    if not isinstance(skills, list) or not skills or not all(isinstance(x, str) for x in skills):
        raise MalformedInstance(f"{where}.skills: must be a non-empty list of strings")
    teachers = s.get("teachers", 1)
    if not _is_int(teachers) or teachers < 0:
        raise MalformedInstance(f"{where}.teachers: must be an integer >= 0")
    for key in ("min_gap", "max_gap", "target_gap"):
        value = s.get(key)
        if value is not None and (not _is_int(value) or value < 0):
            raise MalformedInstance(f"{where}.{key}: must be null or an integer >= 0")
    if (
        s.get("min_gap") is not None
        and s.get("max_gap") is not None
        and s["min_gap"] > s["max_gap"]
    ):
        raise MalformedInstance(f"{where}: min_gap exceeds max_gap")
    return Session(
        id=s["id"],
        cohort=ci,
        index=si,
        line=line,
        days=length,
        earliest=e,
        latest=la,
        skills=frozenset(skills),
        teachers=teachers,
        min_gap=s.get("min_gap"),
        max_gap=s.get("max_gap"),
        target_gap=s.get("target_gap"),
    )


def load_instance(path: str) -> Instance:
    with open(path, encoding="utf-8") as handle:
        return parse_instance(json.load(handle))


def solution_json(instance: Instance, plan: Plan) -> dict[str, Any]:
    """The kring-staffing-solution/1 object, sessions in instance order."""
    out = []
    for s in instance.sessions:
        if s.id in plan:
            day, teachers = plan[s.id]
            out.append({"session": s.id, "day": day, "teachers": sorted(teachers)})
    return {"format": SOLUTION_FORMAT, "sessions": out}


def dumps(instance: Instance, plan: Plan) -> str:
    return json.dumps(solution_json(instance, plan), separators=(",", ":"))


def parse_solution(data: object) -> Plan:
    """A solution object as a plan (no checks beyond the shape; see check.evaluate)."""
    plan: Plan = {}
    if isinstance(data, dict) and isinstance(data.get("sessions"), list):
        for e in data["sessions"]:
            if isinstance(e, dict) and isinstance(e.get("session"), str) and _is_int(e.get("day")):
                plan[e["session"]] = (e["day"], tuple(e.get("teachers", [])))
    return plan
