"""Reading availability for group formation and planning."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR

from kring import access
from kring.accounts.models import User
from kring.availability.models import AwayPeriod, BusyTime, CalendarImport, WeeklyAvailability
from kring.availability.slots import (
    DAYS_PER_WEEK,
    SLOT_TIMES,
    SLOTS_PER_DAY,
    Slot,
    busy_slots,
    clean_slots,
    days_away_slots,
    engine_terms,
    slot_index,
)
from kring.programmes.models import Group, Role, RoleAssignment


def weekly_slots(user: User) -> list[int]:
    """The person's weekly slots; empty when they have not filled in the grid."""
    row = WeeklyAvailability.objects.filter(user=user).only("slots").first()
    return list(row.slots) if row else []


def weekly_slots_of(user_ids: Iterable[int]) -> dict[int, list[int]]:
    """Weekly slots per user id, in one query; users without a grid are absent."""
    rows = WeeklyAvailability.objects.filter(user_id__in=list(user_ids))
    return {row.user_id: list(row.slots) for row in rows}


@dataclass(frozen=True)
class Unavailable:
    """The (week, slot)s in which someone cannot meet, by cause."""

    away: frozenset[tuple[int, int]]  # in a period away
    busy: frozenset[tuple[int, int]]  # busy in an imported calendar


def unavailable_slots(
    user_ids: Iterable[int], week_start: datetime.date, weeks: int
) -> dict[int, Unavailable]:
    """Per user id, what their periods away and imported busy times take of the horizon of
    ``weeks`` weeks from the Monday ``week_start`` (two queries for any number of people)."""
    ids = list(user_ids)
    horizon_end = week_start + datetime.timedelta(weeks=weeks)
    away: dict[int, list[tuple[datetime.date, datetime.date]]] = defaultdict(list)
    for period in AwayPeriod.objects.filter(
        user_id__in=ids, ends_on__gte=week_start, starts_on__lt=horizon_end
    ):
        away[period.user_id].append((period.starts_on, period.ends_on))
    busy: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = defaultdict(list)
    zone = timezone.get_current_timezone()
    for item in BusyTime.objects.filter(
        user_id__in=ids,
        ends_at__gt=datetime.datetime.combine(week_start, datetime.time.min, tzinfo=zone),
        starts_at__lt=datetime.datetime.combine(horizon_end, datetime.time.min, tzinfo=zone),
    ):
        busy[item.user_id].append(
            (
                timezone.localtime(item.starts_at, zone).replace(tzinfo=None),
                timezone.localtime(item.ends_at, zone).replace(tzinfo=None),
            )
        )
    return {
        user_id: Unavailable(
            away=frozenset(days_away_slots(away[user_id], week_start, weeks)),
            busy=frozenset(busy_slots(busy[user_id], week_start, weeks)),
        )
        for user_id in ids
    }


def engine_availability(
    user_ids: Iterable[int], week_start: datetime.date, weeks: int
) -> dict[int, dict[str, list]]:
    """Per user id, availability in the scheduling engine's terms over the horizon (three
    queries for any number of people)."""
    ids = list(user_ids)
    weekly = weekly_slots_of(ids)
    taken = unavailable_slots(ids, week_start, weeks)
    return {
        user_id: engine_terms(weekly.get(user_id, []), taken[user_id].away | taken[user_id].busy)
        for user_id in ids
    }


# --- Pages --------------------------------------------------------------------------------------

# How far ahead the pages show periods away and busy times: the planning horizon.
HORIZON_DAYS = 183


@dataclass(frozen=True)
class GridCell:
    """One slot of the weekly grid as a page shows it."""

    slot: int
    day: str
    day_short: str
    times: str
    on: bool = False
    available: int = 0
    total: int = 0
    facilitators_available: int = 0
    facilitators: int = 0

    @property
    def level(self) -> str:
        """A band for the cell's shading; the text always says the numbers too."""
        if self.total == 0 or self.available == 0:
            return "none"
        everyone = self.available == self.total and self.facilitators_available == self.facilitators
        if everyone:
            return "all"
        share = self.available / self.total
        if share >= 0.75:
            return "most"
        if share >= 0.5:
            return "half"
        return "few"


@dataclass(frozen=True)
class GridRow:
    times: str
    cells: list[GridCell]


def _times(part: int) -> str:
    starts, ends = SLOT_TIMES[part]
    return f"{starts:%H:%M}–{ends:%H:%M}"


def day_names() -> list[tuple[str, str]]:
    """(full, short) names of the five working days in the active language."""
    return [(str(WEEKDAYS[day]), str(WEEKDAYS_ABBR[day])) for day in range(DAYS_PER_WEEK)]


def week_grid(cell_values: Callable[[int], dict[str, Any]]) -> list[GridRow]:
    """The 15 slots as rows of times with a cell per working day; ``cell_values(slot)`` gives
    what each cell shows."""
    names = day_names()
    rows = []
    for part in range(SLOTS_PER_DAY):
        cells = []
        for day in range(DAYS_PER_WEEK):
            slot = slot_index(day, part)
            cells.append(
                GridCell(
                    slot=slot,
                    day=names[day][0],
                    day_short=names[day][1],
                    times=_times(part),
                    **cell_values(slot),
                )
            )
        rows.append(GridRow(times=_times(part), cells=cells))
    return rows


def own_grid(slots: Iterable[int]) -> list[GridRow]:
    chosen = set(slots)
    return week_grid(lambda slot: {"on": slot in chosen})


def slot_labels(slots: Iterable[int]) -> list[str]:
    """ "Monday 09:00–11:00" for each slot, in the active language."""
    names = day_names()
    return [f"{names[Slot(s).weekday][0]} {_times(Slot(s).part)}" for s in clean_slots(slots)]


def weekly_row(user: User) -> WeeklyAvailability | None:
    return WeeklyAvailability.objects.filter(user=user).first()


def upcoming_away_periods(user: User) -> QuerySet[AwayPeriod]:
    """Periods away that have not ended yet."""
    return AwayPeriod.objects.filter(user=user, ends_on__gte=timezone.localdate())


@dataclass
class ImportSummary:
    record: CalendarImport
    upcoming: list[BusyTime]
    first: BusyTime | None


PREVIEW_BUSY_TIMES = 40


def calendar_imports(user: User) -> list[ImportSummary]:
    """The person's imported calendar files, with the first busy times still ahead of those
    that have been read."""
    now = timezone.now()
    summaries = []
    for record in CalendarImport.objects.filter(user=user).defer("data"):
        upcoming = []
        if record.status == CalendarImport.Status.DONE:
            upcoming = list(
                BusyTime.objects.filter(calendar_import=record, ends_at__gt=now).order_by(
                    "starts_at"
                )[:PREVIEW_BUSY_TIMES]
            )
        summaries.append(
            ImportSummary(record=record, upcoming=upcoming, first=upcoming[0] if upcoming else None)
        )
    return summaries


# --- Facilitators: the availability of their groups -----------------------------------------


def availability_groups(user: User | AnonymousUser) -> list[Group]:
    """The groups whose availability this person may see (they facilitate or manage them)."""
    return [
        group
        for group in access.visible_groups(user).order_by("programme__name", "name")
        if access.can(user, access.AvailabilityAction.VIEW, group)
    ]


@dataclass
class PersonAvailability:
    person: User
    is_facilitator: bool
    slots: list[int] | None
    away: list[AwayPeriod] = field(default_factory=list)
    busy_count: int = 0

    @property
    def filled_in(self) -> bool:
        return self.slots is not None


@dataclass
class GroupAvailability:
    group: Group
    people: list[PersonAvailability]
    rows: list[GridRow]

    @property
    def members(self) -> list[PersonAvailability]:
        return [p for p in self.people if not p.is_facilitator]

    @property
    def facilitators(self) -> list[PersonAvailability]:
        return [p for p in self.people if p.is_facilitator]

    @property
    def members_not_filled_in(self) -> list[PersonAvailability]:
        return [p for p in self.members if not p.filled_in]

    @property
    def facilitators_not_filled_in(self) -> list[PersonAvailability]:
        return [p for p in self.facilitators if not p.filled_in]

    @property
    def nobody_filled_in(self) -> bool:
        return not any(p.slots for p in self.people)

    @property
    def best_cells(self) -> list[GridCell]:
        return [cell for row in self.rows for cell in row.cells if cell.level == "all"]


def group_availability(group: Group) -> GroupAvailability:
    """How many of the group's active members, and whether its facilitators, can make each
    weekly slot; plus their periods away and imported busy times in the coming months (dates
    and counts only: what someone noted or imported stays theirs). Four queries."""
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=HORIZON_DAYS)
    assignments = (
        RoleAssignment.objects.filter(group=group, role__in=[Role.PARTICIPANT, Role.FACILITATOR])
        .select_related("person")
        .order_by("person__full_name")
    )
    roles: dict[int, tuple[Any, bool]] = {}
    for assignment in assignments:
        if not assignment.person.is_active:
            continue
        is_facilitator = assignment.role == Role.FACILITATOR
        _person, already = roles.get(assignment.person_id, (assignment.person, False))
        roles[assignment.person_id] = (assignment.person, already or is_facilitator)
    ids = list(roles)
    weekly = weekly_slots_of(ids)
    away: dict[int, list[AwayPeriod]] = defaultdict(list)
    for period in AwayPeriod.objects.filter(
        user_id__in=ids, ends_on__gte=today, starts_on__lte=horizon
    ):
        away[period.user_id].append(period)
    zone = timezone.get_current_timezone()
    busy = dict(
        BusyTime.objects.filter(
            user_id__in=ids,
            ends_at__gt=timezone.now(),
            starts_at__lt=datetime.datetime.combine(horizon, datetime.time.min, tzinfo=zone),
        )
        .values_list("user_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "n")
    )
    people = [
        PersonAvailability(
            person=person,
            is_facilitator=is_facilitator,
            slots=weekly.get(person_id),
            away=away[person_id],
            busy_count=busy.get(person_id, 0),
        )
        for person_id, (person, is_facilitator) in roles.items()
    ]
    people.sort(key=lambda p: (p.is_facilitator is False, p.person.full_name))
    members = [p for p in people if not p.is_facilitator]
    facilitators = [p for p in people if p.is_facilitator]

    # A facilitator who has not filled in their week is left out of the cells (the page says
    # so once) rather than shown as "cannot" fifteen times.
    known_facilitators = [p for p in facilitators if p.filled_in]

    def counts(slot: int) -> dict[str, Any]:
        return {
            "available": sum(1 for p in members if p.slots and slot in p.slots),
            "total": len(members),
            "facilitators_available": sum(
                1 for p in known_facilitators if p.slots and slot in p.slots
            ),
            "facilitators": len(known_facilitators),
        }

    return GroupAvailability(group=group, people=people, rows=week_grid(counts))
