"""Planning with rooms: the engine gets as many rooms as hold the largest group, each meeting
to come gets a free room that holds its group (the largest groups first, the smallest room
that fits), the preview says which room or why none, and accepting puts the meetings in
their rooms. A meeting with a place in words (online, at the client) keeps it."""

from __future__ import annotations

import datetime

import pytest

from kring.learning.models import Meeting
from kring.planning import compose, explain, services
from kring.rooms.models import Room
from tests.learning.factories import MeetingFactory, MembershipFactory

from .conftest import TUESDAY_AFTERNOON, at, grid, members
from .test_services import propose, rows

pytestmark = pytest.mark.django_db


# --- Pure: which limit the engine gets and which room each meeting gets -------------------------


def _group(gid: int, people: int, meetings=()) -> compose.GroupInput:
    return compose.GroupInput(
        id=gid,
        name=f"G{gid}",
        facilitators=[f"f{gid}"],
        members=[f"m{gid}-{n}" for n in range(people - 1)],
        meetings=list(meetings),
    )


def _room(rid: int, capacity: int, busy=()) -> compose.RoomInput:
    return compose.RoomInput(id=rid, name=f"R{capacity}", capacity=capacity, busy=frozenset(busy))


def _row(gid: int, week: int, slot: int, meeting_id=None) -> compose.GroupRow:
    row = compose.MeetingRow(position=1, meeting_id=meeting_id, week=week, slot=slot)
    row.change = compose.NEW if meeting_id is None else compose.KEPT
    return compose.GroupRow(gid, f"G{gid}", 1, 1, meeting_id is None, [row])


def test_the_engine_gets_the_rooms_that_hold_the_largest_group_that_fits_anywhere():
    rooms = [_room(1, 6), _room(2, 10), _room(3, 12)]
    assert compose.rooms_limit([_group(1, 5), _group(2, 8)], rooms) == 2
    assert compose.rooms_limit([_group(1, 5)], rooms) == 3
    # A group no room holds meets elsewhere; it does not take the others' rooms away.
    assert compose.rooms_limit([_group(1, 5), _group(2, 30)], rooms) == 3
    assert compose.rooms_limit([_group(1, 30)], rooms) is None
    assert compose.rooms_limit([_group(1, 5)], []) is None


def test_the_largest_groups_choose_first_each_the_smallest_room_that_holds_it():
    groups = [_group(1, 5), _group(2, 8), _group(3, 4), _group(4, 20)]
    result = [_row(1, 3, 5), _row(2, 3, 5), _row(3, 3, 5), _row(4, 4, 5)]
    compose.assign_rooms(result, groups, [_room(1, 6), _room(2, 10)])
    first, second, third, fourth = (r.meetings[0] for r in result)
    assert (first.room_name, second.room_name) == ("R6", "R10")
    assert (third.room_id, third.room_note, third.people) == (None, compose.ROOM_TAKEN, 4)
    assert (fourth.room_id, fourth.room_note) == (None, compose.ROOM_TOO_SMALL)


def test_a_meeting_keeps_its_own_room_or_its_place_in_words_and_busy_rooms_are_avoided():
    def existing(mid: int, **extra) -> compose.ExistingMeeting:
        return compose.ExistingMeeting(mid, 1, "B", None, 120, "planned", 1, **extra)

    groups = [
        _group(1, 5, [existing(11, room_id=2)]),
        _group(2, 5, [existing(21, place="online")]),
        _group(3, 5),
    ]
    result = [_row(1, 3, 5, meeting_id=11), _row(2, 3, 5, meeting_id=21), _row(3, 3, 5)]
    rooms = [_room(1, 6, busy=[(3, 5)]), _room(2, 10), _room(3, 7)]
    compose.assign_rooms(result, groups, rooms)
    own, online, new = (r.meetings[0] for r in result)
    assert own.room_id == 2  # its own room, though a smaller one is free
    assert (online.room_id, online.room_note) == (None, compose.ROOM_OWN_PLACE)
    assert new.room_id == 3  # room 1 is taken by a meeting elsewhere at that time
    words = [explain.room_text(row) for row in (own, online, new)]
    assert words == ["Ruimte: R10", "Houdt de eigen plek (geen ruimte nodig).", "Ruimte: R7"]


def test_the_rows_keep_their_room_through_json():
    row = compose.MeetingRow(position=1, week=1, slot=2, change=compose.NEW)
    row.room_id, row.room_name, row.people = 4, "Zaal 4", 6
    again = compose.MeetingRow.from_json(row.to_json())
    assert (again.room_id, again.room_name, again.people) == (4, "Zaal 4", 6)


# --- With the database: the proposal, its preview and accepting it ------------------------------


def test_a_proposal_books_a_room_that_holds_the_group_and_accepting_uses_it(world, group_a):
    Room.objects.create(organisation=world.provider, name="Spreekkamer", capacity=3)
    hall = Room.objects.create(organisation=world.provider, name="Zaal 1", capacity=8)
    plan = propose(world, [group_a])
    assert [instance["rooms"] for instance in plan.instances] == [1]
    to_come = [r for r in rows(plan, group_a) if r["change"] == "new"]
    assert len(to_come) == 3
    assert {r["room"]["name"] for r in to_come} == {"Zaal 1"}
    preview = explain.preview(plan)
    assert {m.room for m in preview.groups[0].upcoming} == {"Ruimte: Zaal 1"}
    outcome = services.plan_accept(actor=world.programme_manager, plan=plan, expected_version=1)
    assert outcome.created == 3
    assert {m.room for m in group_a.meetings.all()} == {hall}


def test_two_groups_with_one_room_never_meet_at_the_same_time(world, group_a):
    MembershipFactory(group=world.group_b, person=world.participant_b)
    grid(world.facilitator_b, [TUESDAY_AFTERNOON, 2, 8])
    grid(world.participant_b, [TUESDAY_AFTERNOON, 2, 8])
    members(world, world.group_b, 2, slots=[TUESDAY_AFTERNOON, 2, 8])
    Room.objects.create(organisation=world.client, name="Zaal bij de klant", capacity=10)
    plan = propose(world, [group_a, world.group_b])
    times = {
        group.pk: {(r["week"], r["slot"]) for r in rows(plan, group) if r["change"] == "new"}
        for group in (group_a, world.group_b)
    }
    assert len(times[group_a.pk]) == 3 and len(times[world.group_b.pk]) == 3
    assert not times[group_a.pk] & times[world.group_b.pk]
    for group in (group_a, world.group_b):
        assert {r["room"]["name"] for r in rows(plan, group) if r["change"] == "new"} == {
            "Zaal bij de klant"
        }


def test_a_meeting_online_keeps_its_place_and_one_without_a_place_gets_a_room(world, group_a):
    online = MeetingFactory(group=group_a, number=1, starts_at=at(1), location="online", title="B1")
    plain = MeetingFactory(group=group_a, number=2, starts_at=at(4), title="B2")
    hall = Room.objects.create(organisation=world.provider, name="Zaal 1", capacity=8)
    plan = propose(world, [group_a], meetings=2)
    notes = {r["meeting"]: (r.get("room"), r.get("room_note")) for r in rows(plan, group_a)}
    assert notes[online.pk] == (None, compose.ROOM_OWN_PLACE)
    assert notes[plain.pk] == ({"id": hall.pk, "name": "Zaal 1"}, None)
    services.plan_accept(actor=world.programme_manager, plan=plan, expected_version=1)
    online.refresh_from_db()
    plain.refresh_from_db()
    assert (online.room, online.location) == (None, "online")
    assert plain.room == hall and plain.status == Meeting.Status.PLANNED


def test_a_room_taken_out_of_use_before_accepting_is_left_out(world, group_a):
    hall = Room.objects.create(organisation=world.provider, name="Zaal 1", capacity=8)
    plan = propose(world, [group_a])
    hall.archived_at = datetime.datetime.now(tz=datetime.UTC)
    hall.save()
    outcome = services.plan_accept(actor=world.programme_manager, plan=plan, expected_version=1)
    assert outcome.created == 3
    assert {m.room for m in group_a.meetings.all()} == {None}
