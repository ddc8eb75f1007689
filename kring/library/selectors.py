"""Reads about the library, shaped for pages."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from kring import access
from kring.accounts.models import User
from kring.learning.models import Meeting
from kring.library.models import LibraryItem, MeetingResource

# Enough to fill the "use in a meeting" choice; an admin would otherwise get every meeting.
MEETINGS_TO_PREPARE_LIMIT = 12


def library_search(*, query: str = "", kind: str = "") -> QuerySet[LibraryItem]:
    """Items of one kind (or all) whose title, summary or literature contains every word of
    the query. The library is open to every signed-in person, so nothing is filtered by role."""
    items = LibraryItem.objects.all()
    if kind:
        items = items.filter(kind=kind)
    for word in query.split():
        items = items.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(reference__icontains=word)
        )
    return items.order_by("title")


def meeting_resources(meeting: Meeting) -> list[MeetingResource]:
    """What a meeting brings in from the library, in the order it was added. One query."""
    return list(
        MeetingResource.objects.filter(meeting=meeting)
        .select_related("item")
        .order_by("added_at", "pk")
    )


def attachable_items(meeting: Meeting) -> QuerySet[LibraryItem]:
    return LibraryItem.objects.exclude(meeting_uses__meeting=meeting).order_by("kind", "title")


def meetings_to_prepare(user: User | AnonymousUser) -> list[Meeting]:
    """Meetings still ahead that ``user`` may prepare (add library items to), soonest
    first: one whose time has passed is no longer prepared, whatever its stored status."""
    candidates = (
        Meeting.objects.filter(group__in=access.visible_groups(user))
        .ahead(timezone.now())
        .select_related("group__programme")
        .order_by(F("starts_at").asc(nulls_last=True), "group__name", "number")[:200]
    )
    preparable = [
        meeting for meeting in candidates if access.can(user, access.Action.CHANGE, meeting)
    ]
    return preparable[:MEETINGS_TO_PREPARE_LIMIT]


def resources_of_meetings(meeting_ids: set[int]) -> dict[int, list[MeetingResource]]:
    """What these meetings bring in from the library, by meeting. One query."""
    found: dict[int, list[MeetingResource]] = {}
    if not meeting_ids:
        return found
    resources = (
        MeetingResource.objects.filter(meeting_id__in=meeting_ids)
        .select_related("item")
        .order_by("added_at", "pk")
    )
    for resource in resources:
        found.setdefault(resource.meeting_id, []).append(resource)
    return found
