"""Writing availability: the weekly grid, periods away and calendar imports, each sending
``availability_changed`` once committed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kring.audit.models import AuditEntry
from kring.availability import selectors, services
from kring.availability.models import AwayPeriod, BusyTime, CalendarImport
from kring.availability.signals import availability_changed
from kring.core.exceptions import EditConflict
from tests.availability.helpers import import_calendar
from tests.availability.ics_samples import next_monday, work_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed():
    """The people for whom ``availability_changed`` was sent."""
    received = []

    def listener(sender, user, **kwargs):
        received.append(user)

    availability_changed.connect(listener)
    yield received
    availability_changed.disconnect(listener)


def test_the_weekly_grid_is_saved_with_optimistic_locking(
    world, changed, django_capture_on_commit_callbacks
):
    person = world.participant_a
    with django_capture_on_commit_callbacks(execute=True):
        row = services.set_weekly_slots(person, [3, 1], expected_version=0)
    assert row.slots == [1, 3]
    assert changed == [person]
    with django_capture_on_commit_callbacks(execute=True):
        services.set_weekly_slots(person, [2], expected_version=row.version)
    with pytest.raises(EditConflict):
        services.set_weekly_slots(person, [4], expected_version=row.version)
    assert selectors.weekly_slots(person) == [2]
    assert len(changed) == 2


def test_an_empty_grid_is_allowed_but_warned_about(world):
    row = services.set_weekly_slots(world.participant_a, [])
    assert row.slots == []
    assert services.weekly_grid_warnings(row.slots)
    assert not services.weekly_grid_warnings([0])


def test_a_slot_outside_the_grid_is_refused(world):
    with pytest.raises(ValueError):
        services.set_weekly_slots(world.participant_a, [15])


def test_a_period_away_lies_ahead_and_ends_after_it_starts(
    world, changed, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        period = services.away_period_add(
            actor=world.participant_a,
            starts_on=today,
            ends_on=today + datetime.timedelta(days=4),
            note="Verlof",
        )
    assert changed == [world.participant_a]
    assert AuditEntry.objects.filter(action="availability.away_add").exists()
    with pytest.raises(ValidationError) as past:
        services.away_period_add(
            actor=world.participant_a,
            starts_on=today - datetime.timedelta(days=1),
            ends_on=today,
        )
    assert "starts_on" in past.value.error_dict
    with pytest.raises(ValidationError) as reversed_:
        services.away_period_add(
            actor=world.participant_a,
            starts_on=today + datetime.timedelta(days=3),
            ends_on=today + datetime.timedelta(days=2),
        )
    assert "ends_on" in reversed_.value.error_dict
    with pytest.raises(ValidationError):
        services.away_period_add(
            actor=world.participant_a,
            starts_on=today,
            ends_on=today + datetime.timedelta(days=400),
        )
    assert AwayPeriod.objects.count() == 1

    with pytest.raises(PermissionDenied):
        services.away_period_remove(actor=world.participant_b, period=period)
    with django_capture_on_commit_callbacks(execute=True):
        services.away_period_remove(actor=world.participant_a, period=period)
    assert not AwayPeriod.objects.exists()
    assert changed == [world.participant_a, world.participant_a]


def test_importing_a_calendar_keeps_only_times_for_the_coming_months(world, changed):
    monday = next_monday(timezone.localdate())
    record = import_calendar(world.participant_a, work_calendar(monday), "werk.ics")
    assert changed == [world.participant_a]
    assert (record.busy_count, record.day_count) == (4, 2)
    rows = BusyTime.objects.filter(user=world.participant_a)
    assert rows.count() == 5
    assert set(rows.values_list("source", flat=True)) == {"werk.ics"}
    # Nothing of what the appointments were about is stored anywhere.
    stored = " ".join(str(value) for row in rows.values() for value in row.values())
    for secret in ("Secret", "board", "Room 12", "Piet", "Conference"):
        assert secret not in stored
    assert rows.filter(all_day=True).count() == 1


def test_importing_the_same_file_again_replaces_its_busy_times(world):
    monday = next_monday(timezone.localdate())
    import_calendar(world.participant_a, work_calendar(monday), "werk.ics")
    import_calendar(world.participant_a, work_calendar(monday), "prive.ics")
    later = next_monday(timezone.localdate(), weeks_ahead=5)
    import_calendar(world.participant_a, work_calendar(later), "werk.ics")
    assert CalendarImport.objects.filter(user=world.participant_a).count() == 2
    work = BusyTime.objects.filter(user=world.participant_a, source="werk.ics")
    assert work.count() == 5
    assert min(work.values_list("starts_at", flat=True)).date() >= later - datetime.timedelta(
        days=1
    )
    assert BusyTime.objects.filter(source="prive.ics").count() == 5


def test_removing_an_import_removes_its_busy_times(
    world, changed, django_capture_on_commit_callbacks
):
    monday = next_monday(timezone.localdate())
    record = import_calendar(world.participant_a, work_calendar(monday), "werk.ics")
    changed.clear()
    with pytest.raises(PermissionDenied):
        services.calendar_import_remove(actor=world.facilitator_a, record=record)
    with django_capture_on_commit_callbacks(execute=True):
        services.calendar_import_remove(actor=world.participant_a, record=record)
    assert not BusyTime.objects.exists()
    assert changed == [world.participant_a]


def test_a_file_that_is_no_calendar_changes_nothing(
    world, changed, django_capture_on_commit_callbacks
):
    monday = next_monday(timezone.localdate())
    import_calendar(world.participant_a, work_calendar(monday), "werk.ics")
    changed.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.calendar_import(actor=world.participant_a, file_name="werk.ics", data=b"garbage")
    assert BusyTime.objects.filter(user=world.participant_a).count() == 5
    assert changed == []


def test_imported_busy_times_reach_the_scheduling_engine(world):
    monday = next_monday(timezone.localdate())
    services.set_weekly_slots(world.participant_a, list(range(15)))
    import_calendar(world.participant_a, work_calendar(monday), "werk.ics")
    person = selectors.engine_availability([world.participant_a.pk], monday, 2)[
        world.participant_a.pk
    ]
    # Monday 10:00-11:00 Amsterdam (the stand-up) blocks the Monday morning slot, Wednesday's
    # lunch the Wednesday midday slot; Thursday and Friday are the conference.
    assert [0, 0] in person["away"]
    assert [0, 7] in person["away"]
    for slot in (9, 10, 11, 12, 13, 14):
        assert [0, slot] in person["away"]
    assert [0, 1] not in person["away"]


def test_a_person_waits_for_their_earlier_files_before_importing_more(world):
    data = work_calendar(next_monday(timezone.localdate()))
    for number in range(services.MAX_WAITING_IMPORTS):
        services.calendar_import(actor=world.participant_a, file_name=f"{number}.ics", data=data)
    with pytest.raises(ValidationError) as raised:
        services.calendar_import(actor=world.participant_a, file_name="meer.ics", data=data)
    assert raised.value.error_dict["file"][0].code == "busy"
    # The same name again replaces the waiting one, and others are not held up.
    services.calendar_import(actor=world.participant_a, file_name="0.ics", data=data)
    services.calendar_import(actor=world.participant_b, file_name="meer.ics", data=data)
    assert CalendarImport.objects.filter(user=world.participant_a).count() == 3
