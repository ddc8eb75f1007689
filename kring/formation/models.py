"""Forming learning groups from a pool: the people who signed up voluntarily, what they told
about their work, whom they would rather not meet in a group, the facilitator's own pairing
rules, and each run of the grouping engine with the proposal it made."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.learning.models import WorkDescription
from kring.programmes.models import Group, Programme


class Pool(models.Model):
    """The people of one programme who want to take part in a learning group, and how the
    facilitator wants the groups formed."""

    # How the facilitator wants the groups formed: what the settings form changes.
    SETTINGS_FIELDS: ClassVar[list[str]] = [
        "target_size",
        "min_size",
        "max_size",
        "weight_task",
        "weight_context",
        "weight_position",
        "weight_availability",
        "keep_managers_apart",
        "min_common_slots",
        "search_seconds",
    ]

    class Status(models.TextChoices):
        DRAFT = "draft", _("In preparation")
        OPEN = "open", _("Open for sign-up")
        CLOSED = "closed", _("Sign-up closed")
        FORMED = "formed", _("Groups formed")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="pools"
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(
        _("about these learning groups"),
        blank=True,
        help_text=_("Shown to everyone who may sign up: what the groups are for and when."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    closes_on = models.DateField(_("sign up until"), null=True, blank=True)
    target_size = models.PositiveSmallIntegerField(_("ideal group size"), default=5)
    min_size = models.PositiveSmallIntegerField(_("smallest group"), default=4)
    max_size = models.PositiveSmallIntegerField(_("largest group"), default=6)
    weight_task = models.PositiveSmallIntegerField(_("same task"), default=3)
    weight_context = models.PositiveSmallIntegerField(_("same work context"), default=2)
    weight_position = models.PositiveSmallIntegerField(_("comparable position"), default=2)
    weight_availability = models.PositiveSmallIntegerField(_("same free moments"), default=1)
    keep_managers_apart = models.BooleanField(
        _("keep managers apart from their own staff"), default=True
    )
    min_common_slots = models.PositiveSmallIntegerField(
        _("common weekly moments per group"), default=1
    )
    search_seconds = models.PositiveSmallIntegerField(_("search time in seconds"), default=10)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["programme", "-created_at"]
        verbose_name = _("pool")
        verbose_name_plural = _("pools")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="pool_name_unique"),
            models.CheckConstraint(
                condition=Q(min_size__lte=F("target_size")) & Q(target_size__lte=F("max_size")),
                name="pool_size_order",
                violation_error_message=_(
                    "The smallest group, the ideal size and the largest group must go up."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def weights(self) -> dict[str, int]:
        return {
            "task": self.weight_task,
            "context": self.weight_context,
            "position": self.weight_position,
            "availability": self.weight_availability,
        }


class PoolEntry(WorkDescription):
    """One person in a pool. Taking part is voluntary: someone added by a facilitator counts
    only once they confirm, or once the facilitator records that they agreed."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Added, waiting for their confirmation")
        SIGNED_UP = "signed_up", _("Signed up")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="pool_entries",
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.INVITED
    )
    signed_up_at = models.DateTimeField(null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Set when a facilitator recorded that this person agreed outside Kring."),
    )
    consent_note = models.CharField(_("how they agreed"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["person__full_name"]
        verbose_name = _("pool entry")
        verbose_name_plural = _("pool entries")
        constraints = [
            models.UniqueConstraint(fields=["pool", "person"], name="pool_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.pool}"

    @property
    def takes_part(self) -> bool:
        return self.status == self.Status.SIGNED_UP


class RatherNot(models.Model):
    """Someone in the pool would rather not be in a group with another person. Confidential:
    only the pool's facilitators and programme manager see it, never the other person."""

    entry = models.ForeignKey(PoolEntry, on_delete=models.CASCADE, related_name="rather_not")
    other = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "other"], name="rather_not_once"),
        ]

    def __str__(self) -> str:
        return f"{self.entry.person} / {self.other}"


class PairRule(models.Model):
    """A facilitator's rule for two people: they must be in the same group, or must not."""

    class Kind(models.TextChoices):
        TOGETHER = "together", _("Must be in the same group")
        APART = "apart", _("Must not be in the same group")

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="pair_rules")
    kind = models.CharField(_("rule"), max_length=16, choices=Kind.choices)
    first = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    second = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("other person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.CharField(_("why"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pool", "kind", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "first", "second"], name="pair_rule_once"),
            models.CheckConstraint(condition=~Q(first=F("second")), name="pair_rule_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.first} – {self.second}: {self.kind}"


class FormationRun(models.Model):
    """One run of the grouping engine on a snapshot of the pool, and the proposal that comes
    out of it. The facilitator may move people around before accepting it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Forming groups")
        PROPOSED = "proposed", _("Proposal ready")
        INFEASIBLE = "infeasible", _("No grouping possible")
        FAILED = "failed", _("Failed")
        ACCEPTED = "accepted", _("Accepted: groups created")

    pool = models.ForeignKey(Pool, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    instance = models.JSONField(default=dict)  # what the engine was given (kring-grouping/1)
    limits = models.JSONField(default=dict)  # target, min and max size at the time of the run
    time_limit = models.PositiveSmallIntegerField(default=10)
    seed = models.PositiveIntegerField(default=0)
    phase = models.CharField(max_length=16, blank=True)
    best_score = models.FloatField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    engine_groups = models.JSONField(default=list)
    engine_score = models.FloatField(null=True, blank=True)
    groups = models.JSONField(default=list)  # the proposal as it stands, with hand edits
    reason = models.JSONField(default=dict)  # why no grouping is possible (structured)
    message = models.TextField(blank=True)  # the engine's own words (English, ids)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pool", "-number"]
        verbose_name = _("formation run")
        verbose_name_plural = _("formation runs")
        constraints = [
            models.UniqueConstraint(fields=["pool", "number"], name="formation_run_number"),
        ]

    def __str__(self) -> str:
        return f"{self.pool} #{self.number}"

    @property
    def is_working(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def has_proposal(self) -> bool:
        return self.status in {self.Status.PROPOSED, self.Status.ACCEPTED}


class FormedGroup(models.Model):
    """A learning group created by accepting a proposal: proposal group ``number`` of ``run``.
    Accepting twice finds these and creates nothing new."""

    run = models.ForeignKey(FormationRun, on_delete=models.CASCADE, related_name="formed_groups")
    number = models.PositiveSmallIntegerField()
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="formed_from")

    class Meta:
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="formed_group_once"),
        ]

    def __str__(self) -> str:
        return str(self.group)
