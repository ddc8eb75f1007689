"""The weekly time grid that availability, group formation and planning share.

Pure Python (no Django): a week has five working days with three two-hour meeting slots each,
the same grid the grouping and scheduling engines count in (slot 0 = Monday 09:00-11:00,
slot 14 = Friday 14:00-16:00). Weeks are counted from a Monday.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

DAYS_PER_WEEK = 5
SLOT_TIMES: tuple[tuple[datetime.time, datetime.time], ...] = (
    (datetime.time(9, 0), datetime.time(11, 0)),
    (datetime.time(11, 30), datetime.time(13, 30)),
    (datetime.time(14, 0), datetime.time(16, 0)),
)
SLOTS_PER_DAY = len(SLOT_TIMES)
SLOTS_PER_WEEK = DAYS_PER_WEEK * SLOTS_PER_DAY
ALL_SLOTS: tuple[int, ...] = tuple(range(SLOTS_PER_WEEK))


@dataclass(frozen=True)
class Slot:
    index: int

    @property
    def weekday(self) -> int:
        """0 = Monday … 4 = Friday."""
        return self.index // SLOTS_PER_DAY

    @property
    def part(self) -> int:
        """0 = morning, 1 = midday, 2 = afternoon."""
        return self.index % SLOTS_PER_DAY

    @property
    def starts(self) -> datetime.time:
        return SLOT_TIMES[self.part][0]

    @property
    def ends(self) -> datetime.time:
        return SLOT_TIMES[self.part][1]

    def label(self, day_names: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri")) -> str:
        return f"{day_names[self.weekday]} {self.starts:%H:%M}-{self.ends:%H:%M}"


def slot_index(weekday: int, part: int) -> int:
    if not (0 <= weekday < DAYS_PER_WEEK and 0 <= part < SLOTS_PER_DAY):
        raise ValueError(f"no slot on weekday {weekday}, part {part}")
    return weekday * SLOTS_PER_DAY + part


def clean_slots(values: Iterable[object]) -> list[int]:
    """Sorted, unique slot numbers; raises ValueError on anything outside the grid."""
    result: set[int] = set()
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError(f"not a slot: {value!r}")
        try:
            number = int(value)
        except ValueError as error:
            raise ValueError(f"not a slot: {value!r}") from error
        if not 0 <= number < SLOTS_PER_WEEK:
            raise ValueError(f"slot {number} is outside the week grid")
        result.add(number)
    return sorted(result)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def slot_start(week_start: datetime.date, week: int, slot: int) -> datetime.datetime:
    """The naive local start of (week, slot), counting weeks from the Monday ``week_start``."""
    s = Slot(slot)
    day = week_start + datetime.timedelta(weeks=week, days=s.weekday)
    return datetime.datetime.combine(day, s.starts)


def slot_at(moment: datetime.datetime) -> int | None:
    """The slot that starts exactly at this naive local moment, or None."""
    if moment.weekday() >= DAYS_PER_WEEK:
        return None
    for part, (starts, _ends) in enumerate(SLOT_TIMES):
        if moment.time().replace(second=0, microsecond=0) == starts:
            return slot_index(moment.weekday(), part)
    return None


def week_and_slot(week_start: datetime.date, moment: datetime.datetime) -> tuple[int, int] | None:
    """(week, slot) of a naive local moment that starts a slot, or None."""
    slot = slot_at(moment)
    if slot is None:
        return None
    week = (moment.date() - week_start).days // 7
    return week, slot


def slots_overlapping(
    week_start: datetime.date,
    weeks: int,
    starts: datetime.datetime,
    ends: datetime.datetime,
) -> list[tuple[int, int]]:
    """Every (week, slot) in the horizon that overlaps the naive local period [starts, ends)."""
    result: list[tuple[int, int]] = []
    if ends <= starts:
        return result
    first = max(0, (starts.date() - week_start).days // 7)
    last = min(weeks - 1, (ends.date() - week_start).days // 7)
    for week in range(first, last + 1):
        for slot in ALL_SLOTS:
            slot_begin = slot_start(week_start, week, slot)
            slot_end = datetime.datetime.combine(slot_begin.date(), Slot(slot).ends)
            if slot_begin < ends and starts < slot_end:
                result.append((week, slot))
    return result


def engine_terms(weekly: Iterable[int], unavailable: Iterable[tuple[int, int]]) -> dict[str, list]:
    """Availability in the scheduling engine's terms (``kring-schedule/1``): the weekly slots,
    whole weeks away (every weekly slot taken) and the single (week, slot)s taken."""
    weekly_slots = clean_slots(weekly)
    weekly_set = set(weekly_slots)
    taken = {(w, s) for w, s in unavailable if s in weekly_set}
    away_weeks = {
        week
        for week in {w for w, _s in taken}
        if weekly_slots and all((week, s) in taken for s in weekly_slots)
    }
    away_pairs = sorted([w, s] for w, s in taken if w not in away_weeks)
    return {"weekly": weekly_slots, "away_weeks": sorted(away_weeks), "away": away_pairs}


def days_away_slots(
    away_days: Iterable[tuple[datetime.date, datetime.date]],
    week_start: datetime.date,
    weeks: int,
) -> set[tuple[int, int]]:
    """Every (week, slot) within inclusive date ranges (holidays, leave)."""
    result: set[tuple[int, int]] = set()
    for first_day, last_day in away_days:
        if last_day < first_day:
            continue
        starts = datetime.datetime.combine(first_day, datetime.time.min)
        ends = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min)
        result.update(slots_overlapping(week_start, weeks, starts, ends))
    return result


def busy_slots(
    busy: Iterable[tuple[datetime.datetime, datetime.datetime]],
    week_start: datetime.date,
    weeks: int,
) -> set[tuple[int, int]]:
    """Every (week, slot) overlapping naive local periods, such as imported appointments."""
    result: set[tuple[int, int]] = set()
    for starts, ends in busy:
        result.update(slots_overlapping(week_start, weeks, starts, ends))
    return result


def engine_person(
    *,
    weekly: Iterable[int],
    away_days: Iterable[tuple[datetime.date, datetime.date]],
    busy: Iterable[tuple[datetime.datetime, datetime.datetime]],
    week_start: datetime.date,
    weeks: int,
) -> dict[str, list]:
    """One person's availability in the engine's terms from their weekly slots, inclusive date
    ranges away and naive local busy periods."""
    taken = days_away_slots(away_days, week_start, weeks) | busy_slots(busy, week_start, weeks)
    return engine_terms(weekly, taken)
