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


# Reading a file takes seconds; after this long the page stops asking and says so.
WAITING_LONG_MINUTES = 10


class CalendarImport(models.Model):
    """One calendar file a person imported. The file is read in the background (it is input
    from anyone, and reading it takes work); until then the import is pending and keeps the
    file, afterwards only its outcome is kept. Importing a file of the same name again
    replaces what the earlier import brought in, once the new one has been read; removing
    the import removes its busy times."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being read")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Could not be read")

    FAILURES = {
        "not_calendar": _(
            "This file cannot be read as a calendar. Export your calendar as an iCalendar "
            "file (.ics) and choose that file."
        ),
        "too_many_events": _(
            "This file has more appointments than a personal calendar has. Export only your "
            "own calendar for the coming months."
        ),
        "repeats_too_often": _(
            "This file has an appointment that repeats so often (every few seconds, minutes "
            "or hours, for years) that it cannot be read. Remove that appointment or export "
            "a shorter period."
        ),
        "too_slow": _(
            "Reading this file took too long, so it was stopped. An appointment that repeats "
            "in an unusual way is the likely cause. Export a shorter period of your calendar."
        ),
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_imports"
    )
    file_name = models.CharField(_("file name"), max_length=200)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    failure = models.CharField(max_length=32, blank=True)
    # The uploaded file, kept only until it has been read.
    data = models.BinaryField(default=b"", blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    busy_count = models.PositiveIntegerField(_("busy times"), default=0)
    day_count = models.PositiveIntegerField(_("whole days"), default=0)
    horizon_end = models.DateField(_("read until"), null=True, blank=True)
    truncated = models.BooleanField(default=False)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("calendar import")
        verbose_name_plural = _("calendar imports")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "file_name"],
                condition=Q(status="done"),
                name="calendar_import_per_file",
            ),
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def waiting_long(self) -> bool:
        """Still waiting after minutes: the task worker is probably not running."""
        return self.status == self.Status.PENDING and self.imported_at < timezone.now() - (
            datetime.timedelta(minutes=WAITING_LONG_MINUTES)
        )

    @property
    def failure_message(self) -> str:
        return str(self.FAILURES.get(self.failure, self.FAILURES["not_calendar"]))


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
        starts, ends = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{starts:%Y-%m-%d %H:%M} – {ends:%Y-%m-%d %H:%M}"

    @property
    def last_day(self) -> datetime.date:
        """The last local day this busy time touches (its end is exclusive)."""
        return timezone.localtime(self.ends_at - datetime.timedelta(microseconds=1)).date()
