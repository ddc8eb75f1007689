"""Rooms: the places of an organisation where groups meet, with how many people each holds.
Meetings refer to a room or keep a free-text place ("online", "at the client"); planning
(S2) books rooms that hold the whole group."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Organisation


class Room(models.Model):
    """A place of one organisation. A room that is no longer used is archived, not deleted:
    meetings that took place there keep their place."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveSmallIntegerField(
        _("places"), help_text=_("How many people it holds, the facilitator included.")
    )
    location = models.CharField(
        _("address or building"), max_length=200, blank=True, help_text=_("Optional.")
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Optional: how to get in, what is there.")
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("name"),
                condition=models.Q(archived_at__isnull=True),
                name="room_name_unique_per_organisation",
                violation_error_message=_("This organisation already has a room with this name."),
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="room_holds_someone"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.archived_at is None
