"""Between Kring's learning groups and the scheduling engine (format ``kring-schedule/1``).

Pure Python, no Django: the selectors gather groups, people and meetings into the data
classes below; this module maps the weekly grid onto real dates and times (in the
programme's time zone, across daylight saving time), composes engine instances from them and
the proposal's ``SeriesRules``, and reads the engine's answer back as typed rows
(``PlanResult``): per meeting its proposed time, whether it moves, and who cannot attend and
why. The rows are what ``Plan.result`` stores, through their ``to_json``/``from_json``; the
words for them are in ``explain.py``.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from kring.availability.slots import (
    ALL_SLOTS,
    DAYS_PER_WEEK,
    SLOT_TIMES,
    SLOTS_PER_DAY,
    SLOTS_PER_WEEK,
    Slot,
    engine_terms,
    monday_of,
    slot_index,
    slot_start,
)
from kring.engines.scheduling import Instance, Solution, Tables
from kring.engines.scheduling.bound import GroupDP

FORMAT = "kring-schedule/1"

# Why someone cannot attend a proposed meeting, most telling first.
AWAY_WEEK = "away_week"  # a period away covers the whole week
AWAY = "away"  # a period away covers that day
OTHER_MEETING = "meeting"  # a meeting of another group at that time
GRID = "grid"  # not in their weekly grid
NO_GRID = "no_grid"  # their weekly grid has no moment at all
CALENDAR = "calendar"  # busy in their own calendar
UNAVAILABLE = "unavailable"  # anything else availability knows about

# Why a group gets fewer meetings than its series asks.
SHORT_SHARED = "shared"  # people it shares with other groups are booked at the fitting times
SHORT_OVERDUE = "overdue"  # the last meeting was longer ago than the longest gap allows
SHORT_HORIZON = "horizon"  # the series does not fit before the end of the horizon
SHORT_FACILITATOR = "facilitator"  # the facilitator is free too rarely within the spacing


# --- Time: weeks and slots on the calendar ---------------------------------------------------


def nearest_slot(start: datetime.datetime, minutes: int) -> int:
    """The grid slot a meeting at this naive local time counts as: the slot of that day it
    overlaps most, else the slot starting closest to it (weekend meetings count as Friday's
    last slot)."""
    weekday = start.weekday()
    if weekday >= DAYS_PER_WEEK:
        return slot_index(DAYS_PER_WEEK - 1, SLOTS_PER_DAY - 1)
    end = start + datetime.timedelta(minutes=max(1, minutes))
    best_part, best_overlap = 0, datetime.timedelta(0)
    for part, (begins, ends) in enumerate(SLOT_TIMES):
        slot_begin = datetime.datetime.combine(start.date(), begins)
        slot_end = datetime.datetime.combine(start.date(), ends)
        overlap = min(end, slot_end) - max(start, slot_begin)
        if overlap > best_overlap:
            best_part, best_overlap = part, overlap
    if best_overlap <= datetime.timedelta(0):
        best_part = min(
            range(SLOTS_PER_DAY),
            key=lambda part: abs(
                datetime.datetime.combine(start.date(), SLOT_TIMES[part][0]) - start
            ),
        )
    return slot_index(weekday, best_part)


@dataclass(frozen=True)
class Horizon:
    """Week 0 starts on the Monday ``week_start``. Meetings before ``now_week`` stay exactly
    where they are; new and moved meetings go in ``now_week`` … ``weeks`` − 1."""

    week_start: datetime.date
    now_week: int
    weeks: int

    def week_of(self, day: datetime.date) -> int:
        return (day - self.week_start).days // 7

    def monday(self, week: int) -> datetime.date:
        return self.week_start + datetime.timedelta(weeks=week)

    @property
    def first_day(self) -> datetime.date:
        """The first day on which meetings may be placed or moved."""
        return self.monday(self.now_week)

    @property
    def last_day(self) -> datetime.date:
        """The Friday of the last week."""
        return self.monday(self.weeks - 1) + datetime.timedelta(days=DAYS_PER_WEEK - 1)

    def place(self, start: datetime.datetime, minutes: int) -> tuple[int, int]:
        """(week, slot) of a meeting at this naive local time."""
        return self.week_of(start.date()), nearest_slot(start, minutes)

    def moment(self, week: int, slot: int, zone: datetime.tzinfo) -> datetime.datetime:
        """The aware start of (week, slot): the slot's wall-clock time on that day, whatever
        the offset of the zone is that day (summer or winter time)."""
        return slot_start(self.week_start, week, slot).replace(tzinfo=zone)


def horizon_for(
    *,
    today: datetime.date,
    weeks: int,
    meeting_days: Iterable[datetime.date] = (),
    held_days: Iterable[datetime.date] = (),
) -> Horizon:
    """New meetings go from next Monday on, for ``weeks`` weeks. Week 0 lies early enough to
    hold every existing meeting, so that the meetings already past count in the spacing; a
    meeting marked as held is never moved, even when its date lies ahead."""
    next_monday = monday_of(today) + datetime.timedelta(weeks=1)
    start = min([next_monday, *(monday_of(day) for day in meeting_days)])
    now_week = (next_monday - start).days // 7
    held = [(monday_of(day) - start).days // 7 for day in held_days]
    if held:
        now_week = max(now_week, max(held) + 1)
    return Horizon(week_start=start, now_week=now_week, weeks=now_week + weeks)


def local_naive(moment: datetime.datetime, zone: datetime.tzinfo) -> datetime.datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


# --- What Kring knows, in engine terms ----------------------------------------------------------

Pair = tuple[int, int]


@dataclass
class PersonInput:
    """One person's availability over the horizon.

    ``weekly`` is None when they have not filled in the weekly grid: they then count as able
    to come at any time that is not known to be taken (and the preview says so). An empty
    grid means they said they can never meet.
    """

    key: str
    user_id: int
    name: str
    weekly: tuple[int, ...] | None
    away: frozenset[Pair] = frozenset()  # (week, slot)s in a period away
    calendar: frozenset[Pair] = frozenset()  # (week, slot)s busy in their calendar
    meetings: dict[Pair, str] = field(default_factory=dict)  # other groups' meetings

    @property
    def grid_known(self) -> bool:
        return self.weekly is not None

    def engine_person(self) -> dict[str, Any]:
        taken = set(self.away) | set(self.calendar) | set(self.meetings)
        return engine_terms(ALL_SLOTS if self.weekly is None else self.weekly, taken)

    def can_come(self, week: int, slot: int) -> bool:
        """As the engine sees it."""
        pair = (week, slot)
        if pair in self.away or pair in self.calendar or pair in self.meetings:
            return False
        return self.weekly is None or slot in self.weekly

    def reason(self, week: int, slot: int) -> tuple[str, str]:
        """Why this person cannot come at (week, slot), once the engine says so: a code and,
        for another meeting, the name of that group."""
        if (week, slot) in self.away:
            whole = all((week, s) in self.away for s in ALL_SLOTS)
            return (AWAY_WEEK if whole else AWAY), ""
        if (week, slot) in self.meetings:
            return OTHER_MEETING, self.meetings[(week, slot)]
        if self.weekly is not None and not self.weekly:
            return NO_GRID, ""
        if self.weekly is not None and slot not in self.weekly:
            return GRID, ""
        if (week, slot) in self.calendar:
            return CALENDAR, ""
        return UNAVAILABLE, ""


@dataclass
class ExistingMeeting:
    id: int
    number: int
    title: str
    starts: datetime.datetime | None  # naive local
    minutes: int
    status: str
    version: int
    room_id: int | None = None
    place: str = ""  # a place in words ("online", "at the client"): needs no room


@dataclass
class GroupInput:
    """A group to plan. ``meetings`` are its meetings that are not cancelled, in time order
    (meetings without a date last); ``titles`` name the meetings a new series would get."""

    id: int
    name: str
    facilitators: list[str]
    members: list[str]
    meetings: list[ExistingMeeting] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"g{self.id}"

    @property
    def facilitator_key(self) -> str:
        """The engine's one facilitator: the person, or a team that is free only when all
        facilitators are."""
        return self.facilitators[0] if len(self.facilitators) == 1 else f"t{self.id}"

    @property
    def engine_members(self) -> list[str]:
        members = [m for m in self.members if m not in self.facilitators]
        if len(self.facilitators) > 1:
            members += self.facilitators  # so that none of them is booked twice
        return members

    @property
    def people(self) -> int:
        """How many people a room must hold: the members and the facilitators."""
        return len(set(self.members) | set(self.facilitators))

    def series_length(self, new_series: int) -> int:
        """A group that has meetings keeps their number; a new series gets ``new_series``."""
        return len(self.meetings) or new_series


DEFAULT_WEEKS = 52


@dataclass(frozen=True)
class SeriesRules:
    """The rules of a proposal, all in weeks: how many meetings a new series gets, the
    shortest, longest and ideal gap between meetings, how soon a new series starts, and how
    far ahead to plan. (The template, the seventh rule, is a database object: it travels
    beside these.)"""

    meetings: int
    min_gap: int
    max_gap: int
    target_gap: int
    first_within: int
    weeks: int = DEFAULT_WEEKS

    # The names of ``to_json``: the plan form's fields and the ``Plan`` model's columns.
    FIELDS: ClassVar[tuple[str, ...]] = (
        "weeks",
        "meetings",
        "min_gap_weeks",
        "max_gap_weeks",
        "target_gap_weeks",
        "first_within_weeks",
    )

    def to_json(self) -> dict[str, int]:
        """The rules by their ``FIELDS`` names."""
        return {
            "weeks": self.weeks,
            "meetings": self.meetings,
            "min_gap_weeks": self.min_gap,
            "max_gap_weeks": self.max_gap,
            "target_gap_weeks": self.target_gap,
            "first_within_weeks": self.first_within,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SeriesRules:
        """From a mapping with the names of ``to_json`` (other keys are ignored)."""
        return cls(
            weeks=data["weeks"],
            meetings=data["meetings"],
            min_gap=data["min_gap_weeks"],
            max_gap=data["max_gap_weeks"],
            target_gap=data["target_gap_weeks"],
            first_within=data["first_within_weeks"],
        )


def batches(groups: Sequence[GroupInput], new_series: int) -> list[list[GroupInput]]:
    """Groups by series length, longest first: the engine plans one length at a time."""
    by_length: dict[int, list[GroupInput]] = {}
    for group in groups:
        by_length.setdefault(group.series_length(new_series), []).append(group)
    return [by_length[length] for length in sorted(by_length, reverse=True)]


# --- Rooms -------------------------------------------------------------------------------------

# Why a meeting of the proposal has no room.
ROOM_OWN_PLACE = "own_place"  # it has a place in words, such as online: it needs no room
ROOM_TOO_SMALL = "too_small"  # no room holds the whole group
ROOM_TAKEN = "taken"  # every room that holds the group is taken at that time


@dataclass(frozen=True)
class RoomInput:
    """A room planning may book: how many people it holds, and the (week, slot)s at which a
    meeting that is not being planned already takes place there."""

    id: int
    name: str
    capacity: int
    busy: frozenset[Pair] = frozenset()


def rooms_limit(groups: Sequence[GroupInput], rooms: Sequence[RoomInput]) -> int | None:
    """The engine's ``rooms``: how many meetings may share a (week, slot). The engine counts
    rooms, it does not know their sizes, so it gets the number of rooms that hold the largest
    group that fits in any room: then any meetings it puts side by side fit in rooms. Without
    rooms (or when no group fits in one) the meetings take place elsewhere: no limit."""
    fitting = [
        count
        for group in groups
        if (count := sum(room.capacity >= group.people for room in rooms)) > 0
    ]
    return min(fitting) if fitting else None


def assign_rooms(
    rows: Sequence[GroupRow], groups: Sequence[GroupInput], rooms: Sequence[RoomInput]
) -> None:
    """Give each meeting of the proposal still to come a room that holds its group and is
    free at that time (``MeetingRow.room_id``), or the reason why it has none. A meeting in a
    place in words keeps it; a meeting keeps its own room where it can; otherwise the largest
    groups choose first, each the smallest room that holds it, so that large rooms stay free
    for large groups."""
    if not rooms:
        return
    by_id = {room.id: room for room in rooms}
    inputs = {group.id: group for group in groups}
    taken: dict[Pair, set[int]] = {}
    for room in rooms:
        for pair in room.busy:
            taken.setdefault(pair, set()).add(room.id)
    waiting: list[tuple[int, MeetingRow]] = []
    for group_row in rows:
        group = inputs[group_row.group_id]
        existing = {m.id: m for m in group.meetings}
        for row in group_row.meetings:
            if not row.to_come or row.week is None or row.slot is None:
                continue
            row.people = group.people
            meeting = existing.get(row.meeting_id) if row.meeting_id is not None else None
            if meeting is not None and meeting.place:
                row.room_note = ROOM_OWN_PLACE
                continue
            own = by_id.get(meeting.room_id) if meeting and meeting.room_id else None
            booked = taken.setdefault((row.week, row.slot), set())
            if own is not None and own.id not in booked and own.capacity >= group.people:
                _book(row, own, booked)
            else:
                waiting.append((group.people, row))
    for people, row in sorted(waiting, key=lambda item: -item[0]):
        assert row.week is not None and row.slot is not None
        booked = taken[(row.week, row.slot)]
        fits = sorted(
            (room for room in rooms if room.capacity >= people),
            key=lambda room: (room.capacity, room.name),
        )
        free = [room for room in fits if room.id not in booked]
        if free:
            _book(row, free[0], booked)
        else:
            row.room_note = ROOM_TAKEN if fits else ROOM_TOO_SMALL


def _book(row: MeetingRow, room: RoomInput, booked: set[int]) -> None:
    booked.add(room.id)
    row.room_id, row.room_name, row.room_note = room.id, room.name, ""


def compose_instance(
    *,
    groups: Sequence[GroupInput],
    people: dict[str, PersonInput],
    horizon: Horizon,
    rules: SeriesRules,
    meetings: int,
    move_penalty: float,
    taken: dict[str, set[Pair]] | None = None,
    rooms: Sequence[RoomInput] = (),
    name: str = "",
) -> dict[str, Any]:
    """One ``kring-schedule/1`` instance. Existing meetings are the ``current`` plan: those
    before ``now_week`` stay exactly, later ones may move at ``move_penalty`` each.
    ``taken`` holds (week, slot)s already proposed for people in an earlier batch; ``rooms``
    are the rooms the groups may meet in (see ``rooms_limit``)."""
    taken = taken or {}
    engine_people: dict[str, dict[str, Any]] = {}

    def add(key: str) -> dict[str, Any]:
        if key not in engine_people:
            data = people[key].engine_person()
            extra = taken.get(key)
            if extra:
                pairs = {(p[0], p[1]) for p in data["away"]} | extra
                data["away"] = [list(p) for p in sorted(pairs)]
            engine_people[key] = data
        return engine_people[key]

    engine_groups = []
    current = []
    for group in groups:
        for key in (*group.facilitators, *group.members):
            add(key)
        if len(group.facilitators) > 1:
            engine_people[group.facilitator_key] = _team(
                [engine_people[key] for key in group.facilitators]
            )
        engine_groups.append(
            {
                "id": group.key,
                "facilitator": group.facilitator_key,
                "members": group.engine_members,
            }
        )
        for position, meeting in enumerate(group.meetings, start=1):
            if meeting.starts is None:
                continue
            week, slot = horizon.place(meeting.starts, meeting.minutes)
            current.append({"group": group.key, "number": position, "week": week, "slot": slot})
    first_by = min(horizon.now_week + rules.first_within - 1, horizon.weeks - 1)
    return {
        "format": FORMAT,
        "name": name,
        "start_date": horizon.week_start.isoformat(),
        "weeks": horizon.weeks,
        "slots_per_week": SLOTS_PER_WEEK,
        "slot_names": [Slot(s).label() for s in ALL_SLOTS],
        "series": {
            "meetings": meetings,
            "min_gap_weeks": rules.min_gap,
            "max_gap_weeks": rules.max_gap,
            "target_gap_weeks": rules.target_gap,
            "first_meeting_by_week": max(first_by, horizon.now_week),
        },
        "rooms": rooms_limit(groups, rooms),
        "people": engine_people,
        "groups": engine_groups,
        "current": current or None,
        "now_week": horizon.now_week,
        "move_penalty": move_penalty,
    }


def _team(members: list[dict[str, Any]]) -> dict[str, Any]:
    weekly = set(ALL_SLOTS)
    away_weeks: set[int] = set()
    away: set[Pair] = set()
    for data in members:
        weekly &= set(data["weekly"])
        away_weeks |= set(data["away_weeks"])
        away |= {(p[0], p[1]) for p in data["away"]}
    return {
        "weekly": sorted(weekly),
        "away_weeks": sorted(away_weeks),
        "away": [list(p) for p in sorted(away)],
    }


# --- The proposal as typed rows (what ``Plan.result`` stores) -----------------------------------

KEPT, MOVED, NEW, PAST, UNPLACED = "kept", "moved", "new", "past", "unplaced"
TO_COME = {KEPT, MOVED, NEW}  # the changes of meetings still to come


def _moment(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def _iso(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


@dataclass
class Absence:
    """Someone who cannot attend a meeting at its (old or new) time, and why (a reason code
    of ``PersonInput.reason`` and, for another meeting, that group's name)."""

    person_id: int
    name: str
    reason: str
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person_id,
            "name": self.name,
            "reason": self.reason,
            "detail": self.detail,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Absence:
        return cls(data["person"], data["name"], data["reason"], data.get("detail", ""))


@dataclass
class MeetingRow:
    """One meeting of a group's proposal, at ``position`` in the series: an existing meeting
    (``meeting_id``) or a new one, its time before (``old``) and in the proposal (``new``,
    aware), its (week, slot) in the engine's grid, and what happens to it (``change``).
    ``seats`` is set for meetings still to come, ``was_absent`` for a move: who could not come
    at the old time."""

    position: int
    meeting_id: int | None = None
    number: int | None = None
    title: str = ""
    version: int | None = None
    status: str = ""
    old: datetime.datetime | None = None
    week: int | None = None
    slot: int | None = None
    new: datetime.datetime | None = None
    change: str = UNPLACED
    absent: list[Absence] = field(default_factory=list)
    was_absent: list[Absence] | None = None
    seats: int | None = None
    room_id: int | None = None
    room_name: str = ""
    room_note: str = ""  # a ROOM_* code when a meeting to come gets no room
    people: int | None = None  # how many people the room must hold

    @property
    def to_come(self) -> bool:
        return self.change in TO_COME

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "position": self.position,
            "meeting": self.meeting_id,
            "number": self.number,
            "title": self.title,
            "version": self.version,
            "status": self.status,
            "old": _iso(self.old),
            "week": self.week,
            "slot": self.slot,
            "new": _iso(self.new),
            "change": self.change,
            "absent": [a.to_json() for a in self.absent],
        }
        if self.was_absent is not None:
            data["was_absent"] = [a.to_json() for a in self.was_absent]
        if self.seats is not None:
            data["seats"] = self.seats
        if self.room_id is not None:
            data["room"] = {"id": self.room_id, "name": self.room_name}
        if self.room_note:
            data["room_note"] = self.room_note
        if self.people is not None:
            data["people"] = self.people
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MeetingRow:
        was_absent = data.get("was_absent")
        return cls(
            position=data["position"],
            meeting_id=data["meeting"],
            number=data["number"],
            title=data["title"],
            version=data["version"],
            status=data["status"],
            old=_moment(data["old"]),
            week=data["week"],
            slot=data["slot"],
            new=_moment(data["new"]),
            change=data["change"],
            absent=[Absence.from_json(a) for a in data["absent"]],
            was_absent=None if was_absent is None else [Absence.from_json(a) for a in was_absent],
            seats=data.get("seats"),
            room_id=data["room"]["id"] if data.get("room") else None,
            room_name=data["room"]["name"] if data.get("room") else "",
            room_note=data.get("room_note", ""),
            people=data.get("people"),
        )


@dataclass
class Shortfall:
    """Why a group got only ``placed`` of its ``target`` meetings (a ``SHORT_*`` code), with
    the figures its explanation needs: the longest gap and the day the next meeting was due
    (overdue), or the shortest gap and the horizon's last day (horizon)."""

    code: str
    placed: int
    target: int
    max_gap: int | None = None
    deadline: datetime.date | None = None
    min_gap: int | None = None
    last_day: datetime.date | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "placed": self.placed, "target": self.target}
        if self.max_gap is not None:
            data["max_gap"] = self.max_gap
        if self.deadline is not None:
            data["deadline"] = self.deadline.isoformat()
        if self.min_gap is not None:
            data["min_gap"] = self.min_gap
        if self.last_day is not None:
            data["last_day"] = self.last_day.isoformat()
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Shortfall:
        deadline, last_day = data.get("deadline"), data.get("last_day")
        return cls(
            code=data["code"],
            placed=data["placed"],
            target=data["target"],
            max_gap=data.get("max_gap"),
            deadline=datetime.date.fromisoformat(deadline) if deadline else None,
            min_gap=data.get("min_gap"),
            last_day=datetime.date.fromisoformat(last_day) if last_day else None,
        )


@dataclass
class GroupRow:
    """A group's proposal: every meeting in time order, how many the series asks
    (``target``) and got (``placed``), and why it got fewer."""

    group_id: int
    name: str
    target: int
    placed: int
    new_series: bool
    meetings: list[MeetingRow]
    shortfall: Shortfall | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "group": self.group_id,
            "name": self.name,
            "target": self.target,
            "placed": self.placed,
            "new_series": self.new_series,
            "meetings": [m.to_json() for m in self.meetings],
            "shortfall": self.shortfall.to_json() if self.shortfall else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> GroupRow:
        shortfall = data.get("shortfall")
        return cls(
            group_id=data["group"],
            name=data["name"],
            target=data["target"],
            placed=data["placed"],
            new_series=data["new_series"],
            meetings=[MeetingRow.from_json(m) for m in data["meetings"]],
            shortfall=Shortfall.from_json(shortfall) if shortfall else None,
        )


@dataclass
class Summary:
    """The proposal's cost in its parts, over what is still to come, and the engine's cost."""

    meetings: int = 0
    missing: int = 0
    absences: int = 0
    seats: int = 0
    full: int = 0
    moved: int = 0
    gap_deviation: int = 0
    cost: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # the fields are the JSON keys, in order

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Summary:
        names = [f.name for f in dataclasses.fields(cls)]
        return cls(**{name: data[name] for name in names if name in data})


@dataclass
class PlanResult:
    """A finished proposal (``Plan.result``): the groups' rows, the summary, who did not fill
    in the weekly grid, and the days between which meetings were placed."""

    groups: list[GroupRow]
    summary: Summary | None = None
    no_grid: list[str] = field(default_factory=list)
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "groups": [g.to_json() for g in self.groups],
            "summary": self.summary.to_json() if self.summary else {},
            "no_grid": self.no_grid,
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> PlanResult:
        """Also from an empty result (a proposal still being worked out): no groups."""
        data = data or {}
        first_day, last_day = data.get("first_day"), data.get("last_day")
        return cls(
            groups=[GroupRow.from_json(g) for g in data.get("groups", [])],
            summary=Summary.from_json(data["summary"]) if data.get("summary") else None,
            no_grid=list(data.get("no_grid", [])),
            first_day=datetime.date.fromisoformat(first_day) if first_day else None,
            last_day=datetime.date.fromisoformat(last_day) if last_day else None,
        )


@dataclass
class Move:
    """A meeting that accepting a proposal moved (``Plan.applied``), for the e-mail."""

    meeting_id: int
    group_id: int
    old: datetime.datetime | None
    new: datetime.datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting_id,
            "group": self.group_id,
            "old": _iso(self.old),
            "new": _iso(self.new),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Move:
        return cls(data["meeting"], data["group"], _moment(data["old"]), _moment(data["new"]))


# --- Reading the answer back --------------------------------------------------------------------


def read_solution(
    *,
    instance: Instance,
    solution: Solution,
    groups: Sequence[GroupInput],
    people: dict[str, PersonInput],
    horizon: Horizon,
    zone: datetime.tzinfo,
) -> list[GroupRow]:
    """Per group, every meeting of the proposal in time order: what it is, when it was and
    will be, whether it moves, and who cannot attend it and why."""
    tables = Tables(instance)
    placed: dict[str, list[tuple[int, int, int]]] = {}
    for m in solution.meetings:
        placed.setdefault(m.group, []).append((m.number, m.week, m.slot))
    result = []
    for gi, group in enumerate(groups):
        engine_group = instance.group(group.key)
        seats = len([m for m in group.members if m not in group.facilitators])
        proposal = sorted(placed.get(group.key, []))
        rows = []
        length = max(len(proposal), len(group.meetings), tables.M)
        for position in range(1, length + 1):
            existing = group.meetings[position - 1] if position <= len(group.meetings) else None
            row = MeetingRow(
                position=position,
                meeting_id=existing.id if existing else None,
                number=existing.number if existing else None,
                title=existing.title
                if existing
                else (group.titles[position - 1] if position <= len(group.titles) else ""),
                version=existing.version if existing else None,
                status=existing.status if existing else "",
                old=existing.starts.replace(tzinfo=zone) if existing and existing.starts else None,
            )
            if position <= len(proposal):
                _number, week, slot = proposal[position - 1]
                row.week, row.slot = week, slot
                old = (
                    horizon.place(existing.starts, existing.minutes)
                    if existing and existing.starts
                    else None
                )
                if week < horizon.now_week:
                    row.change = PAST
                    row.new = row.old
                elif existing is None:
                    row.change = NEW
                    row.new = horizon.moment(week, slot, zone)
                elif old == (week, slot):
                    row.change = KEPT
                    row.new = row.old
                else:
                    row.change = MOVED
                    row.new = horizon.moment(week, slot, zone)
                    if old is not None and 0 <= old[0] < tables.W:
                        # Why it moves: who could not come at the old time.
                        row.was_absent = _absent(instance, engine_group.persons, people, *old)
                if week >= horizon.now_week:
                    row.absent = _absent(instance, engine_group.members, people, week, slot)
                    row.seats = seats
            elif existing is not None:
                row.new = row.old
            rows.append(row)
        held = len(proposal)
        result.append(
            GroupRow(
                group_id=group.id,
                name=group.name,
                target=tables.M,
                placed=held,
                new_series=not group.meetings,
                meetings=rows,
                shortfall=explain_shortfall(tables, gi, held, horizon, zone),
            )
        )
    return result


def _absent(
    instance: Instance,
    members: Iterable[str],
    people: dict[str, PersonInput],
    week: int,
    slot: int,
) -> list[Absence]:
    absent = []
    for key in members:
        if instance.people[key].available(week, slot) or key not in people:
            continue
        person = people[key]
        code, detail = person.reason(week, slot)
        absent.append(Absence(person.user_id, person.name, code, detail))
    return sorted(absent, key=lambda a: a.name)


def explain_shortfall(
    tables: Tables, gi: int, placed: int, horizon: Horizon, zone: datetime.tzinfo
) -> Shortfall | None:
    """Why group ``gi`` got only ``placed`` of its meetings, in facts the preview can put in
    words: people booked in other groups, an overdue series, the horizon, or the facilitator."""
    t = tables
    if placed >= t.M:
        return None
    past = t.past[gi]
    alone = GroupDP(t, gi)
    alone_new = alone.best_end[0] + 1 if alone.best_end is not None else 0
    if len(past) + alone_new >= t.M:
        return Shortfall(SHORT_SHARED, placed, t.M)
    if past:
        last = past[-1][1]
        if last + t.gmax < t.now:
            deadline = horizon.monday(last + t.gmax) + datetime.timedelta(days=DAYS_PER_WEEK - 1)
            return Shortfall(SHORT_OVERDUE, placed, t.M, max_gap=t.gmax, deadline=deadline)
        first = max(t.now, last + t.gmin)
    else:
        first = t.now
    if first + (t.remaining[gi] - 1) * t.gmin > t.W - 1:
        return Shortfall(SHORT_HORIZON, placed, t.M, min_gap=t.gmin, last_day=horizon.last_day)
    return Shortfall(SHORT_FACILITATOR, placed, t.M)


def summarise(groups: Sequence[GroupRow], target_gap: int) -> Summary:
    """The proposal's cost in its parts, counted over what is still to come."""
    summary = Summary()
    for group in groups:
        summary.missing += max(0, group.target - group.placed)
        placed = [row for row in group.meetings if row.week is not None]
        for before, after in zip(placed, placed[1:], strict=False):
            if after.to_come:
                assert after.week is not None and before.week is not None
                summary.gap_deviation += abs(after.week - before.week - target_gap)
        for row in placed:
            if row.to_come:
                summary.meetings += 1
                summary.absences += len(row.absent)
                summary.full += not row.absent
                summary.moved += row.change == MOVED
                summary.seats += row.seats or 0
    return summary
