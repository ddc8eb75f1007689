"""What each person keeps about when they can meet: a weekly grid, periods away, and busy
times read from their own calendar file. Group formation and planning read it through
``kring.availability.selectors``."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.availability.slots import clean_slots


class WeeklyAvailability(models.Model):
    """The slots of an ordinary working week in which this person can meet."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_availability"
    )
    slots = models.JSONField(_("weekly slots"), default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("weekly availability")
        verbose_name_plural = _("weekly availabilities")

    def __str__(self) -> str:
        return f"{self.user}: {len(self.slots)}"

    def clean(self) -> None:
        try:
            self.slots = clean_slots(self.slots)
        except ValueError as error:
            raise ValidationError({"slots": _("Choose slots from the weekly grid.")}) from error


class AwayPeriod(models.Model):
    """Days on which someone cannot meet at all: leave, a course, a busy season."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="away_periods"
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_on", "ends_on"]
        verbose_name = _("period away")
        verbose_name_plural = _("periods away")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="away_period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})


class CalendarImport(models.Model):
    """One calendar file a person imported. Importing a file of the same name again replaces
    what the earlier import brought in; removing the import removes its busy times."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_imports"
    )
    file_name = models.CharField(_("file name"), max_length=200)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    busy_count = models.PositiveIntegerField(_("busy times"), default=0)
    day_count = models.PositiveIntegerField(_("whole days"), default=0)
    horizon_end = models.DateField(_("read until"), null=True, blank=True)
    truncated = models.BooleanField(default=False)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("calendar import")
        verbose_name_plural = _("calendar imports")
        constraints = [
            models.UniqueConstraint(fields=["user", "file_name"], name="calendar_import_per_file"),
        ]

    def __str__(self) -> str:
        return self.file_name


class BusyTime(models.Model):
    """A single busy period read from a person's calendar file. Only the times are kept, never
    what the appointment was about."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="busy_times"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    source = models.CharField(_("imported from"), max_length=200, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)
    calendar_import = models.ForeignKey(
        CalendarImport,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="busy_times",
    )
    all_day = models.BooleanField(_("whole day"), default=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("busy time")
        verbose_name_plural = _("busy times")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="busy_time_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at} – {self.ends_at}"

    @property
    def last_day(self) -> datetime.date:
        """The last local day this busy time touches (its end is exclusive)."""
        return timezone.localtime(self.ends_at - datetime.timedelta(microseconds=1)).date()
