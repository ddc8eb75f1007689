"""A notification for one person. It stores what happened (a kind and its parameters), not
sentences: the words are chosen when the reader opens them, in the reader's own language."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        GROUP_INVITATION = "group_invitation", _("Invitation to a learning group")
        POOL_INVITATION = "pool_invitation", _("Question about taking part")
        ABSENCE = "absence", _("Absence signal")
        OUT_OF_REACH = "out_of_reach", _("Attendance out of reach")
        OWN_OUT_OF_REACH = "own_out_of_reach", _("About your attendance")
        MEETINGS_MOVED = "meetings_moved", _("Meetings moved")
        MEETING_REMINDER = "meeting_reminder", _("Meeting reminder")
        ASSIGNMENT_REMINDER = "assignment_reminder", _("Assignment reminder")
        FOLLOW_UP = "follow_up", _("Follow-up: what stuck?")
        NOTE_BACK = "note_back", _("Note back from a teacher")
        DUO_REVISIT = "duo_revisit", _("Duo agreement to revisit")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    # Names and moments the sentence needs, as plain strings (moments as ISO 8601 in UTC).
    params = models.JSONField(default=dict, blank=True)
    # A path inside Kring (never an outside address): where opening the notification leads.
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent"),
        ]

    def __str__(self) -> str:
        # Never the parameters: they may name a group or a person, and this ends up in logs.
        return f"{self.kind} #{self.pk}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
