"""A learning group's cycle: who takes part, the meetings, the agreements and the shared learning
question, and what each meeting yields (attendance, learning points, intentions)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Organisation
from kring.core import dates
from kring.programmes.models import Group
from kring.rooms.models import Room


class Intensity(models.TextChoices):
    """How much the facilitator steers: the sources distinguish three kinds of groups."""

    LIGHT = "light", _("Light: an occasional mirroring or deepening question")
    STRUCTURING = "structuring", _("Structuring: offers structure and ways of questioning")
    DIRECTIVE = "directive", _("Directive: takes the lead and shows what is meant")


class Layer(models.IntegerChoices):
    """Hierarchical layers, from the shop floor up."""

    STAFF = 1, _("Staff member")
    SENIOR = 2, _("Senior staff member or specialist")
    LEAD = 3, _("Team leader or coordinator")
    MANAGER = 4, _("Manager")
    DIRECTOR = 5, _("Director or executive")


class WorkDescription(models.Model):
    """What someone does, where in the organisation, and at which layer: what makes the
    members of a learning group alike or not. Shared by group members and pool entries."""

    task = models.CharField(
        _("task"), max_length=150, help_text=_("What this person mainly does, e.g. policy advice.")
    )
    work_context = models.CharField(
        _("work context"),
        max_length=200,
        help_text=_(
            "The organisation unit, from large to small, e.g. Ministry / DG Housing / Team North."
        ),
    )
    layer = models.PositiveSmallIntegerField(
        _("hierarchical layer"), choices=Layer.choices, default=Layer.STAFF
    )

    class Meta:
        abstract = True


class Membership(WorkDescription):
    """A person's place in a learning group. Participation is voluntary: an invited member
    takes part only after confirming. Task, work context and position describe how alike the
    members are; the manager is known so that a manager and their own staff are noticed."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited, not yet confirmed")
        ACTIVE = "active", _("Taking part")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left the group")

    Layer = Layer

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Their own manager, where known."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    late_join_reason = models.TextField(_("reason for joining late"), blank=True)
    intensity_wish = models.CharField(
        _("the facilitation I would like"), max_length=16, choices=Intensity.choices, blank=True
    )

    class Meta:
        ordering = ["person__full_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="membership_once_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.group}"

    @property
    def needs_work_details(self) -> bool:
        """True for someone who came in through a Kring invitation and has not yet said what
        they do and where."""
        return not (self.task.strip() and self.work_context.strip())

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


# A learning group asks its members to attend all meetings; a group that agreed nothing else
# is warned when a member can no longer make three in four.
DEFAULT_ATTENDANCE_SHARE = 75


class Cycle(models.Model):
    """Settings of one learning group's cycle."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="cycle")
    facilitation_intensity = models.CharField(
        _("facilitation intensity"), max_length=16, choices=Intensity.choices, blank=True
    )
    size_override_reason = models.TextField(
        _("why this group may be larger than seven"), blank=True
    )
    attendance_share = models.PositiveSmallIntegerField(
        _("share of meetings each member attends, in percent"),
        default=DEFAULT_ATTENDANCE_SHARE,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "What the group agreed. Kring warns when a member can no longer reach it; it "
            "never stops anyone from taking part."
        ),
    )

    def __str__(self) -> str:
        return str(self.group)


class SeriesTemplate(models.Model):
    """A starting point for a group's meeting series, editable per organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="series_templates",
    )
    name = models.CharField(_("name"), max_length=150)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    min_gap_weeks = models.PositiveSmallIntegerField(_("at least … weeks apart"), default=6)
    max_gap_weeks = models.PositiveSmallIntegerField(_("at most … weeks apart"), default=8)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("meeting series template")
        verbose_name_plural = _("meeting series templates")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="template_name_unique"),
            models.CheckConstraint(
                condition=Q(max_gap_weeks__gte=models.F("min_gap_weeks")),
                name="template_gap_order",
                violation_error_message=_("The longest gap is shorter than the shortest gap."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SeriesTemplateMeeting(models.Model):
    template = models.ForeignKey(SeriesTemplate, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=150)
    purpose = models.TextField(_("purpose"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One agenda part per line."))

    class Meta:
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_meeting_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class MeetingQuerySet(models.QuerySet["Meeting", "Meeting"]):
    """Meetings by where they stand on the calendar. The stored status says only what people
    did (held: attendance recorded; cancelled); whether a planned meeting still lies ahead
    follows from its date and ``now``."""

    def ahead(self, now: datetime.datetime) -> MeetingQuerySet:
        """Planned meetings that have not started yet, including those without a date."""
        return self.filter(Q(starts_at__isnull=True) | Q(starts_at__gt=now), status="planned")

    def started_unrecorded(self, now: datetime.datetime) -> MeetingQuerySet:
        """Meetings that have started (or are over) without their attendance recorded."""
        return self.filter(status="planned", starts_at__lte=now)

    def soonest_first(self) -> MeetingQuerySet:
        return self.order_by(models.F("starts_at").asc(nulls_last=True), "number")


class Meeting(models.Model):
    """One meeting of a learning group."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Phase(models.TextChoices):
        """What people see: the stored status read against the calendar."""

        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        AWAITING_ATTENDANCE = "awaiting_attendance", _("Waiting for attendance")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=150)
    purpose = models.TextField(_("purpose"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One agenda part per line."))
    starts_at = models.DateTimeField(_("date and time"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    # A room of the organisation, or a place in words ("online", "at the client"): not both.
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("room"),
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    recontracting = models.BooleanField(
        _("re-contracting on the agenda"),
        default=False,
        help_text=_("Set when someone joined late: the group renews its agreements."),
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["group", "number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="meeting_number_unique"),
            models.CheckConstraint(
                condition=models.Q(room__isnull=True) | models.Q(location=""),
                name="meeting_room_or_place",
                violation_error_message=_("Choose a room or describe the place, not both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("learning:meeting", args=[self.pk])

    @property
    def place(self) -> str:
        """Where it takes place, in words: the room (with its building) or the free text."""
        if self.room_id is None:
            return self.location
        assert self.room is not None
        return f"{self.room.name}, {self.room.location}" if self.room.location else self.room.name

    @property
    def ends_at(self) -> datetime.datetime | None:
        # A date stored before dates were checked (the year 9999) has no end to show.
        if self.starts_at is None or not dates.readable(self.starts_at):
            return None
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    def agenda_parts(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    def has_started(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.starts_at is not None and self.starts_at <= now

    def phase_at(self, now: datetime.datetime) -> Meeting.Phase:
        """Derived, never stored: a planned meeting whose start has passed is under way, and
        once it is over it waits for its attendance; recording the attendance makes it held."""
        if self.status == self.Status.HELD:
            return self.Phase.HELD
        if self.status == self.Status.CANCELLED:
            return self.Phase.CANCELLED
        if not self.has_started(now):
            return self.Phase.PLANNED
        ends_at = self.ends_at
        if ends_at is not None and now < ends_at:
            return self.Phase.UNDER_WAY
        return self.Phase.AWAITING_ATTENDANCE

    @property
    def phase(self) -> Meeting.Phase:
        return self.phase_at(timezone.now())

    @property
    def phase_label(self) -> str:
        return str(self.phase.label)

    @property
    def phase_tag(self) -> str:
        """The tag class that goes with the phase on every page."""
        return {
            self.Phase.HELD: "status-active",
            self.Phase.CANCELLED: "tag-muted",
            self.Phase.AWAITING_ATTENDANCE: "status-draft",
            self.Phase.UNDER_WAY: "status-draft",
        }.get(self.phase, "")


class GroupTextVersion(models.Model):
    """One version of a text a group keeps with its history: saving makes the next numbered
    version and every earlier one stays. A concrete subclass adds ``group`` and its texts."""

    number = models.PositiveIntegerField()
    change_note = models.CharField(_("what changed and why"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["group", "-number"]


class AgreementVersion(GroupTextVersion):
    """The group's agreements, versioned: every change is a new version that members
    acknowledge again."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="agreement_versions")
    in_scope = models.TextField(_("what we will talk about"))
    out_of_scope = models.TextField(_("what we will not talk about"), blank=True)
    confidentiality = models.TextField(_("confidentiality"))
    judging = models.TextField(_("not judging each other"))
    attendance = models.TextField(_("attendance"))
    other = models.TextField(_("other agreements"), blank=True)

    class Meta(GroupTextVersion.Meta):
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="contract_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.group} – v{self.number}"


class AgreementAcknowledgement(models.Model):
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="acknowledge_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.version}"


class LearningQuestionVersion(GroupTextVersion):
    """The shared issue, formulated as a learning question with its aspects; refined over the
    cycle, each refinement kept."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="learning_question_versions"
    )
    shared_issue = models.TextField(_("shared issue"))
    learning_question = models.TextField(_("learning question"))
    aspects = models.TextField(_("aspects"), blank=True, help_text=_("One aspect per line."))

    class Meta(GroupTextVersion.Meta):
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="issue_version_unique"),
        ]

    def __str__(self) -> str:
        return self.learning_question

    def aspect_list(self) -> list[str]:
        return [line.strip() for line in self.aspects.splitlines() if line.strip()]


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Absent with notice")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("attendance"), max_length=16, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.meeting}: {self.status}"


class LearningPoint(models.Model):
    """A key discussion or learning point recorded at the end of a meeting."""

    class Loop(models.TextChoices):
        SINGLE = "single", _("Single-loop: doing things better")
        DOUBLE = "double", _("Double-loop: questioning our assumptions")

    class Level(models.TextChoices):
        FIRST = "first", _("What I learn (first person)")
        SECOND = "second", _("What we learn about the content (second person)")
        THIRD = "third", _("What we learn about the organisation (third person)")

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Learning point")
        EVALUATION = "evaluation", _("From the evaluation conversation")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="learning_points")
    text = models.TextField(_("learning point"))
    loop = models.CharField(_("kind of learning"), max_length=8, choices=Loop.choices, blank=True)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.MEETING)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["meeting", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Intention(models.Model):
    """What a member will try before the next meeting, and at that meeting what happened."""

    class Outcome(models.TextChoices):
        DONE = "done", _("Did it")
        PARTLY = "partly", _("Partly")
        NOT_DONE = "not_done", _("Did not get to it")
        CHANGED = "changed", _("Did something else")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="intentions")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("what I will try"))
    created_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(_("how it went"), max_length=12, choices=Outcome.choices, blank=True)
    report = models.TextField(_("what happened"), blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "person__full_name"]

    def __str__(self) -> str:
        return self.text[:80]


class AbsenceNotice(models.Model):
    """Raised for the facilitator when a member missed two of the last three meetings, or
    when a member can no longer attend the share of meetings the group agreed (looking
    ahead: the meetings still to come cannot make up for those missed)."""

    class Kind(models.TextChoices):
        TWO_OF_THREE = "two_of_three", _("Missed two of the last three meetings")
        OUT_OF_REACH = "out_of_reach", _("Can no longer reach the agreed attendance")

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="notices")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.TWO_OF_THREE)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "meeting", "kind"], name="notice_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership} – {self.meeting}"


class FacilitatorNote(models.Model):
    """A facilitator's private note about a group: readable by its author alone."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:80]


class Intervention(models.Model):
    """An intervention by the facilitator and how the group responded."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="interventions")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    intervention = models.TextField(_("what I did"))
    response = models.TextField(_("how the group responded"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.intervention[:80]


class EvaluationResponse(models.Model):
    """One member's end-of-cycle evaluation. Shown to others only as aggregates from three
    responses on, and never with names."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="evaluations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helped_score = models.PositiveSmallIntegerField()
    helped_text = models.TextField(blank=True)
    missing_score = models.PositiveSmallIntegerField()
    missing_text = models.TextField(blank=True)
    facilitator_score = models.PositiveSmallIntegerField()
    facilitator_text = models.TextField(blank=True)
    self_score = models.PositiveSmallIntegerField()
    self_text = models.TextField(blank=True)
    group_score = models.PositiveSmallIntegerField()
    group_text = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="evaluate_once"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"evaluation_{name}_range",
                )
                for name in (
                    "helped_score",
                    "missing_score",
                    "facilitator_score",
                    "self_score",
                    "group_score",
                )
            ],
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.group}"
