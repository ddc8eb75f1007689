"""Keeping an organisation's rooms. Every function asks the permission policy for its actor
first, validates, writes in a transaction and records who did what."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower, Trim
from django.utils import timezone

from kring import access
from kring.accounts.models import Organisation, User
from kring.audit.services import audit_record
from kring.core.locking import save_versioned
from kring.learning.models import Meeting
from kring.rooms.models import Room

ROOM_FIELDS = ["name", "capacity", "location", "notes"]


def room_create(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    capacity: int,
    location: str = "",
    notes: str = "",
) -> tuple[Room, int]:
    """Add a room. Meetings still to come whose place was typed as exactly this room's name
    (in a programme of this organisation) now take place in the room: the person who knows
    the room's capacity makes the link, instead of a migration guessing rooms from free text.
    Returns the room and how many meetings were linked."""
    access.require(actor, access.RoomAction.MANAGE, organisation)
    room = Room(
        organisation=organisation,
        name=name.strip(),
        capacity=capacity,
        location=location.strip(),
        notes=notes.strip(),
    )
    room.full_clean()
    with transaction.atomic():
        room.save()
        linked = _link_meetings_named(room)
        audit_record(actor=actor, action="room.create", obj=room, detail={"linked": linked})
    return room, linked


def _link_meetings_named(room: Room) -> int:
    organisation = room.organisation_id
    meetings = list(
        Meeting.objects.annotate(typed_place=Lower(Trim("location")))
        .filter(
            Q(group__programme__provider_id=organisation)
            | Q(group__programme__client_id=organisation),
            typed_place=room.name.lower(),
            room__isnull=True,
            status=Meeting.Status.PLANNED,
        )
        .filter(Q(starts_at__isnull=True) | Q(starts_at__gte=timezone.now()))
    )
    for meeting in meetings:
        meeting.room = room
        meeting.location = ""
        meeting.version += 1
        meeting.updated_at = timezone.now()
    Meeting.objects.bulk_update(meetings, ["room", "location", "version", "updated_at"])
    return len(meetings)


def room_update(*, actor: User, room: Room, expected_version: int, **changes: Any) -> Room:
    """Change a room's name, capacity, building or notes."""
    access.require(actor, access.Action.CHANGE, room)
    for name in ROOM_FIELDS:
        if name in changes:
            value = changes[name]
            setattr(room, name, value.strip() if isinstance(value, str) else value)
    room.full_clean()
    with transaction.atomic():
        save_versioned(room, expected_version=expected_version, fields=ROOM_FIELDS)
        audit_record(actor=actor, action="room.update", obj=room)
    return room


def room_archive(*, actor: User, room: Room) -> int:
    """Take a room out of use: planning no longer books it and meeting forms no longer offer
    it. Meetings that took place there keep it; meetings still to come keep it too until
    someone chooses another place, so nothing disappears unseen. Returns how many meetings
    still to come are in the room."""
    access.require(actor, access.Action.REMOVE, room)
    with transaction.atomic():
        room.archived_at = timezone.now()
        room.version += 1
        room.save(update_fields=["archived_at", "version"])
        audit_record(actor=actor, action="room.archive", obj=room)
    return room.meetings.filter(
        status=Meeting.Status.PLANNED, starts_at__gte=timezone.now()
    ).count()
