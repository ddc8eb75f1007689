from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kring.availability.models import AwayPeriod, BusyTime, WeeklyAvailability
from kring.availability.slots import monday_of
from kring.learning.models import Meeting
from tests.factories import UserFactory
from tests.learning.factories import MeetingFactory, MembershipFactory

TUESDAY_AFTERNOON = 5


@pytest.fixture(autouse=True)
def short_engine(settings):
    """Keep the engine quick in tests."""
    settings.PLANNING_TIME_LIMIT = 1


def monday(weeks: int = 0) -> datetime.date:
    """The Monday ``weeks`` weeks after this week's Monday."""
    return monday_of(timezone.localdate()) + datetime.timedelta(weeks=weeks)


def at(weeks: int, weekday: int = 1, hour: int = 14, minute: int = 0) -> datetime.datetime:
    """An aware local moment in the week ``weeks`` from now (weekday 1 = Tuesday)."""
    day = monday(weeks) + datetime.timedelta(days=weekday)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def grid(person, slots) -> None:
    WeeklyAvailability.objects.update_or_create(user=person, defaults={"slots": list(slots)})


def away(person, first: datetime.date, last: datetime.date) -> AwayPeriod:
    return AwayPeriod.objects.create(user=person, starts_on=first, ends_on=last)


def busy(person, starts: datetime.datetime, hours: int = 2) -> BusyTime:
    return BusyTime.objects.create(
        user=person, starts_at=starts, ends_at=starts + datetime.timedelta(hours=hours)
    )


def members(world, group, count: int, *, slots=(TUESDAY_AFTERNOON,), language="nl"):
    people = []
    for _number in range(count):
        person = UserFactory(organisation=world.client, language=language)
        MembershipFactory(group=group, person=person)
        grid(person, slots)
        people.append(person)
    return people


def series(group, weeks: list[int], *, held: int = 0, hour: int = 14) -> list[Meeting]:
    """Meetings on Tuesdays in the given weeks from now; the first ``held`` took place."""
    return [
        MeetingFactory(
            group=group,
            number=number,
            title=f"Bijeenkomst {number}",
            starts_at=at(week, hour=hour),
            status=Meeting.Status.HELD if number <= held else Meeting.Status.PLANNED,
        )
        for number, week in enumerate(weeks, start=1)
    ]


@pytest.fixture
def group_a(world):
    """Learning group A: facilitator A and four members, all free on Tuesday afternoons; its
    participant A is one of them."""
    group = world.group_a
    grid(world.facilitator_a, [TUESDAY_AFTERNOON, 2, 8])
    MembershipFactory(group=group, person=world.participant_a)
    grid(world.participant_a, [TUESDAY_AFTERNOON, 2, 8])
    members(world, group, 3, slots=[TUESDAY_AFTERNOON, 2, 8])
    return group
