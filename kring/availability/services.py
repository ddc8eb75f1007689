"""Changing availability. Every change sends ``availability_changed``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from kring.availability.models import WeeklyAvailability
from kring.availability.signals import availability_changed
from kring.availability.slots import clean_slots
from kring.core.locking import save_versioned


@transaction.atomic
def set_weekly_slots(
    user: Any, slots: Iterable[int], *, expected_version: int | None = None
) -> WeeklyAvailability:
    """Store the person's weekly slots. With ``expected_version``, refuse (EditConflict) when
    the grid was saved elsewhere in the meantime."""
    cleaned = clean_slots(slots)
    row, created = WeeklyAvailability.objects.get_or_create(user=user)
    row.slots = cleaned
    row.updated_at = timezone.now()
    if expected_version is None or created:
        row.version = row.version if created else row.version + 1
        row.save()
    else:
        save_versioned(row, expected_version=expected_version, fields=["slots", "updated_at"])
    transaction.on_commit(lambda: availability_changed.send(sender=WeeklyAvailability, user=user))
    return row
