"""A person's own calendar: a private iCalendar feed of their meetings, e-mail reminders, and
the record of which reminders went out."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.learning.models import Meeting
from kring.reflection.models import Assignment


def hash_feed_token(token: str) -> str:
    """Only this hash is stored: the database never holds a working feed link. The token is
    256 random bits, so a plain SHA-256 is enough."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarSettings(models.Model):
    """Per person: their calendar feed (on when a token hash is set) and their reminders."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_settings"
    )
    feed_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    feed_created_at = models.DateTimeField(null=True, blank=True)
    feed_fetched_at = models.DateTimeField(null=True, blank=True)
    feed_includes_assignments = models.BooleanField(
        _("also show the due dates of assignments"), default=True
    )
    remind_meetings = models.BooleanField(_("e-mail me before each meeting"), default=True)
    remind_assignments = models.BooleanField(
        _("e-mail me before an assignment is due that I have not handed in"), default=True
    )

    class Meta:
        verbose_name = _("calendar settings")
        verbose_name_plural = _("calendar settings")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def feed_on(self) -> bool:
        return bool(self.feed_token_hash)


class SentReminder(models.Model):
    """A reminder that went out. Unique per person, subject and moment, so that nobody gets
    the same reminder twice (not even with two workers); a moved meeting is a new moment and
    gets a new reminder."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        ASSIGNMENT = "assignment", _("Assignment")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    due_for = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "meeting", "due_for"],
                condition=Q(kind="meeting"),
                name="meeting_reminder_once",
            ),
            models.UniqueConstraint(
                fields=["user", "assignment", "due_for"],
                condition=Q(kind="assignment"),
                name="assignment_reminder_once",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="meeting", meeting__isnull=False, assignment__isnull=True)
                    | Q(kind="assignment", assignment__isnull=False, meeting__isnull=True)
                ),
                name="reminder_has_its_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.meeting_id or self.assignment_id} → {self.user_id}"
