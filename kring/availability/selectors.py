"""Reading availability for group formation and planning."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from kring.availability.models import AwayPeriod, BusyTime, WeeklyAvailability
from kring.availability.slots import engine_person


def weekly_slots(user: Any) -> list[int]:
    """The person's weekly slots; empty when they have not filled in the grid."""
    row = WeeklyAvailability.objects.filter(user=user).only("slots").first()
    return list(row.slots) if row else []


def weekly_slots_of(user_ids: Iterable[int]) -> dict[int, list[int]]:
    """Weekly slots per user id, in one query; users without a grid are absent."""
    rows = WeeklyAvailability.objects.filter(user_id__in=list(user_ids))
    return {row.user_id: list(row.slots) for row in rows}


def engine_availability(
    user_ids: Iterable[int], week_start: datetime.date, weeks: int
) -> dict[int, dict[str, list]]:
    """Per user id, availability in the scheduling engine's terms over the horizon of
    ``weeks`` weeks from the Monday ``week_start`` (three queries for any number of people)."""
    ids = list(user_ids)
    horizon_end = week_start + datetime.timedelta(weeks=weeks)
    weekly = weekly_slots_of(ids)
    away: dict[int, list[tuple[datetime.date, datetime.date]]] = defaultdict(list)
    for period in AwayPeriod.objects.filter(
        user_id__in=ids, ends_on__gte=week_start, starts_on__lt=horizon_end
    ):
        away[period.user_id].append((period.starts_on, period.ends_on))
    busy: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = defaultdict(list)
    zone = timezone.get_current_timezone()
    for item in BusyTime.objects.filter(
        user_id__in=ids,
        ends_at__gte=datetime.datetime.combine(week_start, datetime.time.min, tzinfo=zone),
        starts_at__lt=datetime.datetime.combine(horizon_end, datetime.time.min, tzinfo=zone),
    ):
        busy[item.user_id].append(
            (
                timezone.localtime(item.starts_at, zone).replace(tzinfo=None),
                timezone.localtime(item.ends_at, zone).replace(tzinfo=None),
            )
        )
    return {
        user_id: engine_person(
            weekly=weekly.get(user_id, []),
            away_days=away[user_id],
            busy=busy[user_id],
            week_start=week_start,
            weeks=weeks,
        )
        for user_id in ids
    }
