"""Reflection between meetings: the assignments a facilitator gives, the members' submissions
(cases, descriptions, drawings), and each member's private journal with the excerpts they
choose to share.

Submissions, journals and excerpts are confidential. Their ``__str__`` therefore never shows
what a member wrote: it ends up in the audit log, which platform admins read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.learning.models import Meeting
from kring.programmes.models import Group

# The sources advise at most about two hours of preparation per assignment.
EFFORT_WARNING_MINUTES = 120


class Assignment(models.Model):
    """A reflective assignment that every member of the group does before a meeting."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("for the meeting"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"))
    due_at = models.DateTimeField(_("due"))
    effort_minutes = models.PositiveSmallIntegerField(
        _("expected effort (minutes)"),
        default=60,
        help_text=_("About two hours at most is what members can usually fit in."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["meeting", "due_at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(effort_minutes__gte=1),
                name="assignment_effort_positive",
                violation_error_message=_("The expected effort must be at least one minute."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def group(self) -> Group:
        return self.meeting.group

    @property
    def effort_is_high(self) -> bool:
        return self.effort_minutes > EFFORT_WARNING_MINUTES

    @property
    def is_overdue(self) -> bool:
        return self.due_at < timezone.now()

    @property
    def submissions_open(self) -> bool:
        """Whether work handed in now is in time for the meeting: until the meeting has been
        held. Later work is still accepted, marked late (a rule of thumb warns, it never
        refuses); what was discussed at the meeting stays as it was brought in."""
        meeting = self.meeting
        if meeting.status == Meeting.Status.HELD:
            return False
        ends_at = meeting.ends_at
        return ends_at is None or ends_at > timezone.now()


class Submission(models.Model):
    """A member's answer to an assignment, in the form they choose, shown to whom they choose."""

    class Form(models.TextChoices):
        TEXT = "text", _("Free text")
        RICH_DESCRIPTION = "rich_description", _("Rich description of an event")
        TENSE_CONVERSATION = "tense_conversation", _("Case of a tense conversation")
        REVERIE = "reverie", _("Rêverie")
        DRAWING = "drawing", _("Drawing or photo")
        OBSERVATION = "observation", _("Observation of a colleague")

    class Visibility(models.TextChoices):
        GROUP = "group", _("The whole group")
        FACILITATOR = "facilitator", _("Only the facilitator")

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    form = models.CharField(_("form"), max_length=24, choices=Form.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    # The service gives each file a random name: the member's own file name may say more
    # than they mean to, and must never decide where a file lands.
    upload = models.FileField(_("drawing, photo or PDF"), upload_to="reflection/", blank=True)
    upload_name = models.CharField(max_length=200, blank=True)
    upload_type = models.CharField(max_length=64, blank=True)
    upload_size = models.PositiveIntegerField(default=0)
    visibility = models.CharField(_("who may read this"), max_length=16, choices=Visibility.choices)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["assignment", "author__full_name", "id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "author"],
                name="submission_once_per_member",
                violation_error_message=_("You have already handed in work for this assignment."),
            ),
        ]

    def __str__(self) -> str:
        return _("Submission #%(id)s") % {"id": self.pk}

    @property
    def is_late(self) -> bool:
        """Handed in after the due date, or after the meeting it was meant for began."""
        return self.created_at > self.assignment.due_at or self.after_meeting

    @property
    def after_meeting(self) -> bool:
        """Handed in once the meeting had begun: the group did not have it to discuss."""
        starts_at = self.assignment.meeting.starts_at
        return starts_at is not None and self.created_at >= starts_at

    @property
    def late_label(self) -> str:
        if self.after_meeting:
            return str(_("Handed in after the meeting"))
        return str(_("Handed in after the due date"))

    @property
    def upload_is_image(self) -> bool:
        return self.upload_type.startswith("image/")


class JournalEntry(models.Model):
    """A page in a member's private reflective journal for one group. Nobody else reads it:
    not the facilitator, not an admin."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["group", "author", "-created_at", "-id"]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")

    def __str__(self) -> str:
        return _("Journal entry #%(id)s") % {"id": self.pk}


class JournalExcerpt(models.Model):
    """A passage a member chose to share from their journal with the group. Withdrawing it
    deletes it: what is no longer shared should not linger."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="excerpts")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("what you share"))
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group", "-shared_at", "-id"]
        verbose_name = _("shared journal excerpt")
        verbose_name_plural = _("shared journal excerpts")

    def __str__(self) -> str:
        return _("Shared excerpt #%(id)s") % {"id": self.pk}
