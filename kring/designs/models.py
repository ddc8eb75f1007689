"""Programme designs (D1, D3, D4, D5, D7).

A programme runs in *editions*. An open programme has numbered editions whose main structure
stays fixed within an edition and changes between editions; an in-company trajectory has one
edition, its run, whose design adapts while it runs. An edition's design is a set of *learning
lines*, each with ordered *components* (a work form, a length, a place in time, staffing and
materials). Every change to a design is kept as a numbered *design version* with who, why and
what it answers, so two versions can be compared in words.

A *cohort* follows an edition: instantiating the design for it creates its *sessions*, with dates,
place and staff. A component's *runbook* (timed activities) is shared by every cohort that
follows the design; in a session the facilitator records where the group deviated and why.
Teachers read a *briefing* before a session and leave a *note back* after it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.learning.models import GroupTextVersion
from kring.library.models import LibraryItem
from kring.programmes.models import Group, Programme
from kring.rooms.models import Room


class Edition(models.Model):
    """One run of a programme's design."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="editions")
    number = models.PositiveSmallIntegerField(_("edition"))
    name = models.CharField(
        _("name"), max_length=100, blank=True, help_text=_("Optional, e.g. the school year.")
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    # Rule of thumb, never a block: sessions of one cohort closer together than this warn.
    spacing_days = models.PositiveSmallIntegerField(
        _("days between sessions at least"),
        null=True,
        blank=True,
        help_text=_("Optional. Kring warns when a cohort's sessions come closer than this."),
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["programme", "-number"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="edition_number_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="edition_ends_after_start",
                violation_error_message=_("The end date lies before the start date."),
            ),
        ]

    def __str__(self) -> str:
        label = _("Edition %(number)s") % {"number": self.number}
        return f"{self.programme} – {label}" + (f" ({self.name})" if self.name else "")


class LearningLine(models.Model):
    """A thread through a design, such as 'coaching' or 'organisation development'."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="lines")
    # Stays the same when a new edition copies the design, so editions can be compared.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["edition", "order", "pk"]
        verbose_name = _("learning line")
        verbose_name_plural = _("learning lines")
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="line_key_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def edition_of_design(self) -> Edition:
        return self.edition


class Component(models.Model):
    """One part of a learning line: a workshop, a guest lecture, a learning-group meeting, …"""

    class WorkForm(models.TextChoices):
        MULTI_DAY_WORKSHOP = "multi_day_workshop", _("Multi-day workshop")
        ONE_DAY_SESSION = "one_day_session", _("One-day session")
        GUEST_LECTURE = "guest_lecture", _("Guest lecture")
        LEARNING_GROUP_MEETING = "learning_group_meeting", _("Learning-group meeting")
        INTERVISION = "intervision", _("Intervision")
        WORLD_CAFE = "world_cafe", _("World café with the whole system")
        HARVEST_DAY = "harvest_day", _("Harvest day")
        BUDDY_CHECK_IN = "buddy_check_in", _("Buddy check-in")
        ONLINE = "online", _("Online learning environment")
        CUSTOM = "custom", _("Another work form")

    class Length(models.TextChoices):
        HALF_DAY = "half_day", _("Half a day")
        DAY = "day", _("A day")
        TWO_DAYS = "two_days", _("Two consecutive days")
        HOURS = "hours", _("A number of hours")

    line = models.ForeignKey(LearningLine, on_delete=models.CASCADE, related_name="components")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    work_form = models.CharField(_("work form"), max_length=32, choices=WorkForm.choices)
    custom_work_form = models.CharField(
        _("name of the work form"),
        max_length=100,
        blank=True,
        help_text=_("Only for another work form."),
    )
    length = models.CharField(_("length"), max_length=16, choices=Length.choices)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Only when the length is a number of hours."),
    )
    # The place in time: a week of the edition (1 = its first week), or a window of weeks.
    week = models.PositiveSmallIntegerField(_("week"))
    week_until = models.PositiveSmallIntegerField(
        _("until week"), null=True, blank=True, help_text=_("Optional: the end of a window.")
    )
    description = models.TextField(_("description"), blank=True)
    materials = models.ManyToManyField(
        LibraryItem, verbose_name=_("materials"), blank=True, related_name="components"
    )

    class Meta:
        ordering = ["line", "order", "week", "pk"]
        verbose_name = _("component")
        verbose_name_plural = _("components")
        constraints = [
            models.CheckConstraint(
                condition=Q(week__gte=1),
                name="component_week_positive",
                violation_error_message=_("Weeks count from 1, the edition's first week."),
            ),
            models.CheckConstraint(
                condition=Q(week_until__isnull=True) | Q(week_until__gte=models.F("week")),
                name="component_window_ordered",
                violation_error_message=_("The window ends before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(length="hours") | Q(hours__isnull=False),
                name="component_hours_given",
                violation_error_message=_("Give the number of hours."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def edition_of_design(self) -> Edition:
        return self.line.edition

    @property
    def work_form_label(self) -> str:
        if self.work_form == self.WorkForm.CUSTOM and self.custom_work_form:
            return self.custom_work_form
        return str(self.get_work_form_display())

    @property
    def days(self) -> int:
        """Calendar days a session of this component spans."""
        return 2 if self.length == self.Length.TWO_DAYS else 1


class ComponentStaff(models.Model):
    """Who staffs a component in the design: a person, or a role still to be filled (a guest
    teacher not yet found)."""

    class Kind(models.TextChoices):
        FIXED_TEACHER = "fixed_teacher", _("Fixed teacher")
        RETURNING_TEACHER = "returning_teacher", _("Returning teacher")
        GUEST_TEACHER = "guest_teacher", _("Guest teacher")
        FACILITATOR = "facilitator", _("Facilitator")

    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="staff")
    kind = models.CharField(_("as"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="component_staffing",
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("E.g. a guest still to be found.")
    )

    class Meta:
        ordering = ["component", "kind", "pk"]
        verbose_name = _("staffing")
        verbose_name_plural = _("staffing")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person or self.note}"

    @property
    def edition_of_design(self) -> Edition:
        return self.component.line.edition


class RunbookActivity(models.Model):
    """A timed activity in a component's runbook (draaiboek), shared by every cohort that
    follows the design."""

    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="activities")
    day = models.PositiveSmallIntegerField(_("day"), default=1)
    starts_at = models.TimeField(_("start time"))
    minutes = models.PositiveSmallIntegerField(_("duration in minutes"))
    title = models.CharField(_("activity"), max_length=200)
    method = models.ForeignKey(
        LibraryItem,
        verbose_name=_("method"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runbook_activities",
    )
    lead = models.CharField(_("who leads"), max_length=100, blank=True)
    materials = models.TextField(_("materials"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["component", "day", "starts_at", "pk"]
        verbose_name = _("runbook activity")
        verbose_name_plural = _("runbook activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1),
                name="activity_has_duration",
                violation_error_message=_("An activity lasts at least a minute."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M} {self.title}"

    @property
    def edition_of_design(self) -> Edition:
        return self.component.line.edition


class Observation(models.Model):
    """What a facilitator or teacher noticed in an edition: what worked, what did not, what the
    group needed. The programme manager turns observations into changes of the next edition."""

    class Kind(models.TextChoices):
        WORKED = "worked", _("What worked")
        DID_NOT_WORK = "did_not_work", _("What did not work")
        GROUP_NEEDED = "group_needed", _("What the group needed")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="observations")
    component = models.ForeignKey(
        Component,
        verbose_name=_("component"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
    )
    # The component's lasting key, so later editions find the observations behind a change.
    component_key = models.UUIDField(null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("observation"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["edition", "-created_at"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return self.text[:60]


class ChangeProposal(models.Model):
    """A change the programme manager proposes for a design, from observations."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ADOPTED = "adopted", _("Adopted")
        DECLINED = "declined", _("Declined")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="proposals")
    text = models.TextField(_("proposed change"))
    observations = models.ManyToManyField(
        Observation, verbose_name=_("observations"), blank=True, related_name="proposals"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decision_note = models.TextField(_("decision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["edition", "-created_at"]
        verbose_name = _("change proposal")
        verbose_name_plural = _("change proposals")

    def __str__(self) -> str:
        return self.text[:60]


class DesignVersion(models.Model):
    """The design of an edition as it was after one change, with who made it, why, and what it
    answers. ``snapshot`` holds the whole design (lines, components, staffing, materials,
    runbooks) so any two versions can be compared."""

    class Answers(models.TextChoices):
        OBSERVATION = "observation", _("An observation")
        DECISION = "decision", _("A decision")
        LEARNING_QUESTION = "learning_question", _("A learning question")
        OTHER = "other", _("Something else")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    summary = models.TextField(_("what changed"), blank=True)
    reason = models.TextField(_("why"), blank=True)
    answers = models.CharField(_("it answers"), max_length=20, choices=Answers.choices, blank=True)
    answers_detail = models.CharField(_("which"), max_length=300, blank=True)
    observations = models.ManyToManyField(Observation, blank=True, related_name="versions")
    proposal = models.ForeignKey(
        ChangeProposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="versions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["edition", "-number"]
        verbose_name = _("design version")
        verbose_name_plural = _("design versions")
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="design_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.edition} – v{self.number}"

    @property
    def edition_of_design(self) -> Edition:
        return self.edition


class Cohort(models.Model):
    """A group that follows an edition's design, from its start date."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="cohorts")
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="cohort")
    starts_on = models.DateField(_("first day"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["edition", "starts_on", "group__name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return str(self.group)


class Session(models.Model):
    """A component of the design on a date, for one cohort."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    component = models.ForeignKey(
        Component, on_delete=models.PROTECT, related_name="sessions", null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    # Live mode: the activity the session is at, and since when.
    current_activity = models.ForeignKey(
        RunbookActivity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    current_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session ends after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d-%m-%Y})"


class SessionStaff(models.Model):
    """Who teaches or facilitates one session."""

    class Role(models.TextChoices):
        TEACHER = "teacher", _("Teacher")
        GUEST_TEACHER = "guest_teacher", _("Guest teacher")
        FACILITATOR = "facilitator", _("Facilitator")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Asked")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="staff")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_staffing"
    )
    role = models.CharField(_("as"), max_length=16, choices=Role.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "role", "person__full_name"]
        verbose_name = _("session staff")
        verbose_name_plural = _("session staff")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="session_staff_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"

    @property
    def teaches(self) -> bool:
        return self.role in {self.Role.TEACHER, self.Role.GUEST_TEACHER}


class Deviation(models.Model):
    """Where a group's session went another way than the runbook, and why: a disruption takes
    precedence."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="deviations")
    activity = models.ForeignKey(
        RunbookActivity,
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deviations",
    )
    what = models.TextField(_("what we did instead"))
    why = models.TextField(_("why"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    observation = models.ForeignKey(
        Observation, on_delete=models.SET_NULL, null=True, blank=True, related_name="deviations"
    )

    class Meta:
        ordering = ["session", "recorded_at"]
        verbose_name = _("deviation")
        verbose_name_plural = _("deviations")

    def __str__(self) -> str:
        return self.what[:60]


class SessionPoint(models.Model):
    """A learning point captured during a session (quick capture in live mode)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="points")
    text = models.TextField(_("learning point"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "created_at"]
        verbose_name = _("session learning point")
        verbose_name_plural = _("session learning points")

    def __str__(self) -> str:
        return self.text[:60]


class BriefingNote(models.Model):
    """The facilitator's note to the teachers of a session, part of their briefing."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="briefing_note")
    text = models.TextField(_("note for the teacher"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("briefing note")
        verbose_name_plural = _("briefing notes")

    def __str__(self) -> str:
        return str(self.session)


class NoteBack(models.Model):
    """What a teacher leaves after a session, for the facilitator, the programme manager and the
    next teacher."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="notes_back")
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes_back"
    )
    what_happened = models.TextField(_("what happened"))
    noticed = models.TextField(_("what I noticed"), blank=True)
    tips = models.TextField(_("tips for the next teacher"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["session", "created_at"]
        verbose_name = _("note back")
        verbose_name_plural = _("notes back")
        constraints = [
            models.UniqueConstraint(fields=["session", "teacher"], name="note_back_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.session} – {self.teacher}"


class Constellation(models.Model):
    """How the staff of a cohort or group work together (D5). Who they are is in the group's
    roles; this says how the roles are shared."""

    class Kind(models.TextChoices):
        FACILITATOR_AND_TEACHER = "facilitator_teacher", _("A facilitator and a teacher")
        DUO = "duo", _("A duo that shares both roles")
        FACILITATOR_ALONE = "facilitator", _("A facilitator, with teachers who fly in")

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="constellation")
    kind = models.CharField(_("constellation"), max_length=24, choices=Kind.choices)
    # A programme manager at a distance, or someone outside, to reflect with.
    third = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("the third"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("staff constellation")
        verbose_name_plural = _("staff constellations")

    def __str__(self) -> str:
        return f"{self.group}: {self.get_kind_display()}"


class DuoAgreement(GroupTextVersion):
    """How a duo works together, versioned: roles, stepping into each other's part, signals,
    known blind spots, and when they look at it again."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="duo_agreements")
    roles = models.TextField(_("how we share the roles"))
    intervening = models.TextField(_("stepping into each other's part"))
    signals = models.TextField(_("signals between us"), blank=True)
    blind_spots = models.TextField(_("our known blind spots"), blank=True)
    revisit_on = models.DateField(_("we look at this again on"), null=True, blank=True)
    # A version made when the duo looked at the agreement again and found it still holds.
    confirms_previous = models.BooleanField(default=False)
    # When the duo was reminded that the revisit date had come (once per version).
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta(GroupTextVersion.Meta):
        verbose_name = _("duo agreement")
        verbose_name_plural = _("duo agreements")
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="duo_agreement_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.group} – v{self.number}"
