"""Rooms: kept per organisation by its programme managers, chosen for a meeting instead of
(never beside) a place in words, linked to meetings whose place already bore the room's
name, and taken out of use without losing where meetings took place."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kring.learning.models import Meeting
from kring.rooms import services
from kring.rooms.models import Room
from tests.learning.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _room(world, name="Zaal 1", capacity=8, organisation=None) -> Room:
    return Room.objects.create(
        organisation=organisation or world.provider, name=name, capacity=capacity
    )


def test_the_programme_manager_adds_a_room_and_sees_it(world, as_user):
    client = as_user(world.programme_manager)
    response = client.post(
        reverse("rooms:list", args=[world.provider.pk]),
        {"name": " Zaal 4.12 ", "capacity": "10", "location": "Rijnstraat 8"},
        follow=True,
    )
    page = response.content.decode()
    assert "De ruimte Zaal 4.12 is toegevoegd." in page
    room = Room.objects.get()
    assert (room.name, room.capacity, room.location) == ("Zaal 4.12", 10, "Rijnstraat 8")
    assert room.organisation == world.provider


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"name": "zaal 1", "capacity": "8"},
            "Deze organisatie heeft al een ruimte met deze naam.",
        ),
        ({"name": "Zaal 2", "capacity": "0"}, "Zorg ervoor dat deze waarde minstens 1 is."),
        ({"name": "", "capacity": "8"}, "Dit veld is verplicht."),
    ],
)
def test_bad_room_input_changes_nothing_and_keeps_the_form(world, as_user, data, message):
    _room(world)
    response = as_user(world.programme_manager).post(
        reverse("rooms:list", args=[world.provider.pk]), data
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{data["name"]}"' in page or not data["name"]
    assert Room.objects.count() == 1


def test_a_room_name_is_free_again_once_the_room_is_out_of_use(world):
    room = _room(world)
    services.room_archive(actor=world.programme_manager, room=room)
    again, _linked = services.room_create(
        actor=world.programme_manager, organisation=world.provider, name="Zaal 1", capacity=6
    )
    assert again.pk != room.pk


def test_only_the_organisations_own_managers_keep_its_rooms(world):
    with pytest.raises(PermissionDenied):
        services.room_create(
            actor=world.facilitator_a, organisation=world.provider, name="X", capacity=5
        )
    with pytest.raises(PermissionDenied):  # a provider's manager does not keep a client's rooms
        services.room_create(
            actor=world.programme_manager, organisation=world.client, name="X", capacity=5
        )
    room, _linked = services.room_create(
        actor=world.admin, organisation=world.client, name="Zaal bij de klant", capacity=12
    )
    assert room.organisation == world.client


def test_meetings_whose_place_was_the_rooms_name_move_into_the_room(world):
    soon = timezone.now() + datetime.timedelta(weeks=2)
    typed = MeetingFactory(group=world.group_a, starts_at=soon, location=" zaal 4.12 ")
    online = MeetingFactory(group=world.group_a, starts_at=soon, location="online")
    held = MeetingFactory(
        group=world.group_a,
        starts_at=timezone.now() - datetime.timedelta(weeks=2),
        location="Zaal 4.12",
        status=Meeting.Status.HELD,
    )
    room, linked = services.room_create(
        actor=world.programme_manager, organisation=world.provider, name="Zaal 4.12", capacity=8
    )
    assert linked == 1
    typed.refresh_from_db()
    assert (typed.room, typed.location, typed.place) == (room, "", "Zaal 4.12")
    assert typed.version == 2  # someone editing it meanwhile gets a conflict, not a loss
    online.refresh_from_db()
    held.refresh_from_db()
    assert online.room is None and online.location == "online"
    assert held.room is None and held.location == "Zaal 4.12"  # history stays as it was


def test_a_room_out_of_use_is_no_longer_offered_but_meetings_keep_it(world, as_user):
    room = _room(world)
    meeting = MeetingFactory(group=world.group_a, room=room)
    client = as_user(world.programme_manager)
    response = client.post(reverse("rooms:archive", args=[room.pk]), follow=True)
    page = response.content.decode()
    assert "Zaal 1 wordt niet meer aangeboden voor bijeenkomsten." in page
    assert "1 bijeenkomst die nog komt, vindt daar plaats" in page
    meeting.refresh_from_db()
    assert meeting.room == room
    other = MeetingFactory(group=world.group_a)
    form = client.get(reverse("learning:meeting_edit", args=[other.pk])).content.decode()
    assert "Zaal 1 (8 plaatsen)" not in form
    # ... while the meeting that is in it still shows it.
    form = client.get(reverse("learning:meeting_edit", args=[meeting.pk])).content.decode()
    assert "Zaal 1 (8 plaatsen)" in form


def test_a_meeting_takes_a_room_or_a_place_in_words(world, as_user):
    room = _room(world)
    _room(world, name="Elders", organisation=world.outsider.organisation)
    meeting = MeetingFactory(group=world.group_a, location="online")
    client = as_user(world.facilitator_a)
    url = reverse("learning:meeting_edit", args=[meeting.pk])
    form = client.get(url).content.decode()
    assert "Zaal 1 (8 plaatsen)" in form
    assert "Elders" not in form  # only the rooms of the programme's provider and client
    data = {
        "version": meeting.version,
        "title": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "120",
        "status": "planned",
        "room": str(room.pk),
        "location": "online",
    }
    response = client.post(url, data)
    assert "Kies een ruimte of beschrijf de plek, niet allebei." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.room is None and meeting.version == 1
    data["location"] = ""
    response = client.post(url, data, follow=True)
    assert "Zaal 1" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.room == room and meeting.place == "Zaal 1"


def test_a_service_call_cannot_book_another_organisations_room(world):
    elsewhere = _room(world, name="Elders", organisation=world.outsider.organisation)
    meeting = MeetingFactory(group=world.group_a)
    from kring.learning.services import meeting_update

    with pytest.raises(ValidationError):
        meeting_update(
            actor=world.facilitator_a, meeting=meeting, expected_version=1, room=elsewhere
        )


def test_the_room_list_query_count_does_not_grow(world, as_user, django_assert_max_num_queries):
    client = as_user(world.programme_manager)
    url = reverse("rooms:list", args=[world.provider.pk])
    for number in range(30):
        room = _room(world, name=f"Zaal {number}")
        MeetingFactory(group=world.group_a, room=room)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_meetings_page_shows_the_room(world, as_user):
    room = _room(world)
    room.location = "Rijnstraat 8"
    room.save()
    MeetingFactory(group=world.group_a, room=room)
    page = (
        as_user(world.facilitator_a)
        .get(reverse("learning:meetings", args=[world.group_a.pk]))
        .content.decode()
    )
    assert "Zaal 1, Rijnstraat 8" in page


def test_a_room_is_edited_and_a_conflicting_edit_overwrites_nothing(world, as_user):
    room = _room(world)
    client = as_user(world.programme_manager)
    url = reverse("rooms:edit", args=[room.pk])
    assert "Zaal 1 bewerken" in client.get(url).content.decode()
    data = {"version": "1", "name": "Zaal 1", "capacity": "10", "location": "", "notes": "Beamer"}
    response = client.post(url, data, follow=True)
    assert "De ruimte is opgeslagen." in response.content.decode()
    room.refresh_from_db()
    assert (room.capacity, room.notes, room.version) == (10, "Beamer", 2)
    # A second window still holds version 1: nothing of it is saved.
    response = client.post(url, {**data, "capacity": "6"})
    assert response.status_code == 400
    room.refresh_from_db()
    assert room.capacity == 10
