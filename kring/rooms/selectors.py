"""Reads about rooms, shaped for pages and for planning."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kring.accounts.models import Organisation
from kring.rooms.models import Room


def rooms_of(organisation: Organisation, *, archived: bool = False) -> QuerySet[Room]:
    """An organisation's rooms in name order, each with ``upcoming``: how many meetings still
    to come take place there."""
    return (
        Room.objects.filter(organisation=organisation, archived_at__isnull=not archived)
        .annotate(
            upcoming=Count(
                "meetings",
                filter=Q(meetings__status="planned", meetings__starts_at__gte=timezone.now()),
            )
        )
        .order_by("name", "pk")
    )


def usable_rooms(organisation_ids: Iterable[int | None]) -> QuerySet[Room]:
    """The rooms that are in use (not archived) of these organisations: the rooms a meeting
    of a programme may take place in (its provider's and its client's)."""
    ids = [pk for pk in organisation_ids if pk is not None]
    return (
        Room.objects.filter(organisation_id__in=ids, archived_at__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "name", "pk")
    )
