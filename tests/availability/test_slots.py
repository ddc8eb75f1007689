import datetime

import pytest

from kring.availability.slots import (
    SLOTS_PER_WEEK,
    Slot,
    clean_slots,
    engine_person,
    slot_at,
    slot_start,
    slots_overlapping,
    week_and_slot,
)

MONDAY = datetime.date(2027, 1, 4)


def test_the_week_has_fifteen_two_hour_slots_from_monday_morning():
    assert SLOTS_PER_WEEK == 15
    assert Slot(0).label() == "Mon 09:00-11:00"
    assert Slot(14).label() == "Fri 14:00-16:00"
    assert slot_start(MONDAY, 1, 4) == datetime.datetime(2027, 1, 12, 11, 30)


def test_a_moment_maps_back_to_its_week_and_slot():
    assert week_and_slot(MONDAY, datetime.datetime(2027, 1, 12, 11, 30)) == (1, 4)
    assert slot_at(datetime.datetime(2027, 1, 12, 10, 0)) is None
    assert slot_at(datetime.datetime(2027, 1, 9, 9, 0)) is None  # a Saturday


def test_clean_slots_sorts_and_refuses_what_is_off_the_grid():
    assert clean_slots([3, "1", 3]) == [1, 3]
    with pytest.raises(ValueError):
        clean_slots([15])
    with pytest.raises(ValueError):
        clean_slots(["morning"])


def test_an_appointment_blocks_every_slot_it_overlaps():
    busy = slots_overlapping(
        MONDAY, 4, datetime.datetime(2027, 1, 5, 10, 30), datetime.datetime(2027, 1, 5, 12, 0)
    )
    assert busy == [(0, 3), (0, 4)]


def test_a_holiday_covering_every_weekly_slot_is_a_whole_week_away():
    person = engine_person(
        weekly=[0, 4],
        away_days=[(datetime.date(2027, 1, 11), datetime.date(2027, 1, 15))],
        busy=[(datetime.datetime(2027, 1, 18, 9, 0), datetime.datetime(2027, 1, 18, 11, 0))],
        week_start=MONDAY,
        weeks=4,
    )
    assert person == {"weekly": [0, 4], "away_weeks": [1], "away": [[2, 0]]}


def test_busy_times_outside_the_weekly_slots_do_not_count():
    person = engine_person(
        weekly=[0],
        away_days=[],
        busy=[(datetime.datetime(2027, 1, 6, 9, 0), datetime.datetime(2027, 1, 6, 16, 0))],
        week_start=MONDAY,
        weeks=2,
    )
    assert person["away"] == [] and person["away_weeks"] == []


@pytest.mark.django_db
def test_weekly_slots_are_stored_and_refused_on_a_stale_version(django_capture_on_commit_callbacks):
    from kring.availability.selectors import engine_availability, weekly_slots
    from kring.availability.services import set_weekly_slots
    from kring.availability.signals import availability_changed
    from kring.core.exceptions import EditConflict
    from tests.factories import UserFactory

    person = UserFactory()
    heard = []

    def listener(sender, user, **kwargs):
        heard.append(user)

    availability_changed.connect(listener)
    with django_capture_on_commit_callbacks(execute=True):
        row = set_weekly_slots(person, [4, 1])
    assert weekly_slots(person) == [1, 4]
    assert heard == [person]
    set_weekly_slots(person, [2], expected_version=row.version)
    with pytest.raises(EditConflict):
        set_weekly_slots(person, [3], expected_version=row.version)
    assert weekly_slots(person) == [2]
    assert engine_availability([person.pk], MONDAY, 2)[person.pk]["weekly"] == [2]
    availability_changed.disconnect(listener)
