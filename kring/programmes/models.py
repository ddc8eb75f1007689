from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Organisation


class Programme(models.Model):
    """An open programme (run in editions for anyone) or an in-company trajectory for one
    client organisation."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Open programme")
        IN_COMPANY = "in_company", _("In-company trajectory")

    class Status(models.TextChoices):
        DRAFT = "draft", _("In preparation")
        ACTIVE = "active", _("Running")
        COMPLETED = "completed", _("Completed")
        ARCHIVED = "archived", _("Archived")

    class Tailoring(models.TextChoices):
        CONFECTION = (
            "confection",
            _("Confection: one homogeneous group, personal and professional development"),
        )
        COUTURE = (
            "couture",
            _("Couture: several target groups and layers, organisation development"),
        )

    class SystemImpact(models.TextChoices):
        PERSON = "person", _("The participants themselves")
        TEAM = "team", _("Their teams")
        ORGANISATION = "organisation", _("The whole organisation")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="programmes_provided",
    )
    client = models.ForeignKey(
        Organisation,
        verbose_name=_("client organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes_commissioned",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    # The programme's type (D1): it tells facilitators which skills it asks of them.
    tailoring = models.CharField(
        _("tailoring"), max_length=12, choices=Tailoring.choices, blank=True
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"), null=True, blank=True
    )
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    system_impact = models.CharField(
        _("impact on the organisation"), max_length=12, choices=SystemImpact.choices, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
                violation_error_message=_("The end date lies before the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="in_company") | Q(client__isnull=False),
                name="programme_in_company_has_client",
                violation_error_message=_("An in-company trajectory needs a client organisation."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Group(models.Model):
    """A group within a programme. A programme cohort is the group of about twenty that follows
    a programme together; a learning group is a handful of colleagues around a shared issue."""

    class Kind(models.TextChoices):
        COHORT = "cohort", _("Programme cohort")
        LEARNING_GROUP = "learning_group", _("Learning group")
        INTERVISION = "intervision", _("Intervision group")
        WORKSHOP = "workshop", _("Workshop group")
        BUDDY_PAIR = "buddy_pair", _("Buddy pair")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="groups"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["programme", "name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="group_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    FACILITATOR = "facilitator", _("Facilitator")
    TEACHER = "teacher", _("Teacher")
    GUEST_TEACHER = "guest_teacher", _("Guest teacher")
    PARTICIPANT = "participant", _("Participant")
    CLIENT_CONTACT = "client_contact", _("Client contact")
    STEERING_MEMBER = "steering_member", _("Steering group member")
    COCREATION_MEMBER = "cocreation_member", _("Co-creation group member")
    SUPPORT_STAFF = "support_staff", _("Support staff")
    TEAM_LEADER = "team_leader", _("Team leader")


# Where each role may be held. An organisation-wide programme manager may start programmes.
ORGANISATION_ROLES = frozenset({Role.PROGRAMME_MANAGER, Role.SUPPORT_STAFF, Role.TEAM_LEADER})
GROUP_ROLES = frozenset({Role.FACILITATOR, Role.TEACHER, Role.GUEST_TEACHER, Role.PARTICIPANT})
PROGRAMME_ROLES = frozenset(Role)


class RoleAssignment(models.Model):
    """One role that one person holds: organisation-wide (no programme), for a whole programme,
    or for one group. A person may hold several roles at once."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "person__full_name"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(group__isnull=True) | Q(programme__isnull=False),
                name="role_group_needs_programme",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "group"],
                condition=Q(group__isnull=False),
                name="role_unique_in_group",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "programme"],
                condition=Q(group__isnull=True, programme__isnull=False),
                name="role_unique_in_programme",
            ),
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=Q(programme__isnull=True),
                name="role_unique_organisation_wide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"

    @property
    def scope_label(self) -> str:
        if self.group_id:
            return str(self.group)
        if self.programme_id:
            return str(self.programme)
        return str(_("Organisation-wide"))
