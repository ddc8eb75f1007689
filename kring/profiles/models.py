"""A person's learning profile: each time they fill in the questionnaire is one row. A row
without ``completed_at`` is the questionnaire they are still filling in (at most one per
person); completed rows are kept with their date, and the latest is their current profile.

A profile is its owner's alone. Others see it only through a group-formation pool that the
owner joined (kring.formation); nobody opens another person's profile pages, not even a
platform admin. ``__str__`` therefore never shows scores: it ends up in the audit log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.profiles.scoring import Profile


class LearningProfile(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="learning_profiles",
    )
    instrument_version = models.CharField(_("questionnaire version"), max_length=16)
    # {item code: 1..5}; a questionnaire in progress may leave statements open.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # {scale code: 0..100}, computed once when completed, with the version's scoring.
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["person", "-completed_at", "-id"]
        verbose_name = _("learning profile")
        verbose_name_plural = _("learning profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(completed_at__isnull=True),
                name="learning_profile_one_in_progress",
                violation_error_message=_(
                    "You are already filling in the questionnaire; continue where you left off."
                ),
            ),
        ]
        indexes = [models.Index(fields=["person", "completed_at"], name="profile_person_done")]

    def __str__(self) -> str:
        return _("Learning profile #%(id)s") % {"id": self.pk}

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def profile(self) -> Profile:
        """The scored profile; only for a completed questionnaire."""
        if not self.is_complete:
            raise ValueError("a questionnaire in progress has no profile yet")
        return Profile(self.scores)
