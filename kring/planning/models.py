"""Planning the meeting series of learning groups: a proposal made by the scheduling engine in
the background, which a facilitator or programme manager accepts or discards, and the
suggestion to re-plan when something changed that affects planned meetings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.learning.models import SeriesTemplate
from kring.planning.compose import SeriesRules
from kring.programmes.models import Group, Programme


class Plan(models.Model):
    """One proposal for the meeting series of one or more groups of a programme. Nothing in
    the groups changes until someone accepts it; what it was based on is kept, so that an
    accept after someone else edited a meeting overwrites nothing."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Plan")
        REPLAN = "replan", _("Re-plan")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being worked out")
        READY = "ready", _("Ready to review")
        FAILED = "failed", _("Failed")
        ACCEPTED = "accepted", _("Accepted")
        DISCARDED = "discarded", _("Discarded")
        OUTDATED = "outdated", _("Outdated")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="plans")
    groups = models.ManyToManyField(Group, related_name="plans")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.PLAN)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    template = models.ForeignKey(
        SeriesTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    weeks = models.PositiveSmallIntegerField(_("weeks ahead"))
    meetings = models.PositiveSmallIntegerField(_("meetings in a new series"))
    min_gap_weeks = models.PositiveSmallIntegerField(_("at least … weeks apart"))
    max_gap_weeks = models.PositiveSmallIntegerField(_("at most … weeks apart"))
    target_gap_weeks = models.PositiveSmallIntegerField(_("ideally … weeks apart"))
    first_within_weeks = models.PositiveSmallIntegerField(_("first meeting within … weeks"))
    move_penalty = models.FloatField(default=0)
    time_limit = models.FloatField(default=10)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    solving_since = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The engine instances (one per series length), as `kring schedule` reads them.
    instances = models.JSONField(default=list, blank=True)
    # The proposal per group, a summary of its cost, and warnings about missing availability.
    result = models.JSONField(default=dict, blank=True)
    # Meeting versions per group when the proposal was made: {group id: {meeting id: version}}.
    snapshot = models.JSONField(default=dict, blank=True)
    # What accepting changed: [{meeting, group, old, new}], for the e-mail to those concerned.
    applied = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("planning proposal")
        verbose_name_plural = _("planning proposals")

    def __str__(self) -> str:
        # Local time: this name is shown to people (and kept in the audit log).
        made = timezone.localtime(self.created_at)
        return f"{self.get_kind_display()} {self.programme} ({made:%Y-%m-%d %H:%M})"

    @property
    def in_progress(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def rules(self) -> SeriesRules:
        """The rules this proposal was made with (its columns carry ``SeriesRules``' names)."""
        return SeriesRules.from_json({name: getattr(self, name) for name in SeriesRules.FIELDS})


class ReplanSuggestion(models.Model):
    """Something changed that affects a group's planned meetings: a member's or facilitator's
    availability, the facilitator, or a cancelled meeting. Shown to the group's facilitators
    and the programme manager until a re-plan is accepted or they dismiss it.

    ``reasons`` holds one entry per cause, keyed so that a later change of the same cause
    replaces it: ``{"key", "kind", "person", "meeting", "meetings", "at"}``.
    """

    class Resolution(models.TextChoices):
        REPLANNED = "replanned", _("Re-planned")
        DISMISSED = "dismissed", _("Dismissed")
        SETTLED = "settled", _("No longer needed")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="replan_suggestions")
    reasons = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(max_length=12, choices=Resolution.choices, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("re-plan suggestion")
        verbose_name_plural = _("re-plan suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_replan_suggestion_per_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {len(self.reasons)}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    def affected_meeting_ids(self) -> set[int]:
        return {mid for reason in self.reasons for mid in reason.get("meetings", [])}
