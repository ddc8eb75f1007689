"""Forms for sessions: planning a cohort's sessions, changing one session and its staff, a
runbook activity, a deviation, a learning point and turning a deviation into an observation.
They validate one request's input; the rules across objects live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kring import access
from kring.accounts.models import User
from kring.core import dates
from kring.designs import selectors_sessions as selectors
from kring.designs.models import (
    Cohort,
    Deviation,
    Edition,
    Observation,
    RunbookActivity,
    Session,
    SessionStaff,
)
from kring.library.models import LibraryItem
from kring.programmes.models import Group
from kring.rooms.models import Room
from kring.rooms.selectors import usable_rooms

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _room_label(room: Room) -> str:
    return _("%(room)s (%(count)s places)") % {"room": room.name, "count": room.capacity}


def _rooms_field(field: forms.Field, programme: Any, current: int | None = None) -> None:
    assert isinstance(field, forms.ModelChoiceField)
    usable = usable_rooms([programme.provider_id, programme.client_id])
    if current is not None:
        usable = usable | Room.objects.filter(pk=current)
    field.queryset = usable.distinct()
    field.empty_label = _("No room: a place in words")
    field.label_from_instance = _room_label  # type: ignore[method-assign,assignment]


def _person_label(person: User) -> str:
    return person.full_name


def _activity_label(activity: RunbookActivity) -> str:
    label = f"{activity.starts_at:%H:%M} {activity.title}"
    if activity.component.days > 1:
        return f"{_('Day %(day)s') % {'day': activity.day}} · {label}"
    return label


class PlanSessionsForm(forms.Form):
    """Which cohort follows the edition, from which first day, and where it meets."""

    cohort = forms.ModelChoiceField(
        label=_("A cohort that already follows this edition"),
        queryset=Cohort.objects.none(),
        required=False,
        help_text=_("Planning again adds only the sessions it does not have yet."),
    )
    group = forms.ModelChoiceField(
        label=_("Or a cohort group of the programme"),
        queryset=Group.objects.none(),
        required=False,
    )
    new_group_name = forms.CharField(
        label=_("Or a new cohort, named"), max_length=200, required=False
    )
    starts_on = dates.DateField(
        label=_("First day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Week 1 of the design starts on this day; sessions fall on its weekday."),
    )
    default_start = forms.TimeField(
        label=_("Sessions start at"),
        initial=selectors.DEFAULT_START,
        widget=TIME,
        help_text=_("Unless a component's runbook says otherwise."),
    )
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    location = forms.CharField(
        label=_("Or a place in words"),
        max_length=200,
        required=False,
        help_text=_("Only when the sessions are not in one of the rooms."),
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        cohort = self.fields["cohort"]
        assert isinstance(cohort, forms.ModelChoiceField)
        cohort.queryset = selectors.cohorts_of(edition)
        cohort.empty_label = _("— a new cohort —")
        group = self.fields["group"]
        assert isinstance(group, forms.ModelChoiceField)
        group.queryset = selectors.free_cohort_groups(edition)
        if not group.queryset.exists():
            del self.fields["group"]
        _rooms_field(self.fields["room"], edition.programme)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [
            bool(data.get("cohort")),
            bool(data.get("group")),
            bool((data.get("new_group_name") or "").strip()),
        ]
        if sum(chosen) == 0:
            raise forms.ValidationError(
                _("Choose a cohort, or give the name of a new one."), code="no_cohort"
            )
        if sum(chosen) > 1:
            raise forms.ValidationError(
                _("Choose one cohort: an existing one, a group, or a new name."),
                code="two_cohorts",
            )
        return data


class SessionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at", "room", "location", "status"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}
        field_classes = {"starts_at": dates.DateTimeField, "ends_at": dates.DateTimeField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]  # type: ignore[attr-defined]
        _rooms_field(
            self.fields["room"], self.instance.cohort.group.programme, self.instance.room_id
        )
        self.fields["location"].help_text = _("Only when the session is not in one of the rooms.")
        self.fields["status"].label = _("Status")


class StaffForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("As"), choices=SessionStaff.Role.choices)

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = session.cohort.group.programme
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        # The provider's own people, and whoever teaches or facilitates in the programme.
        teaching = Q(role_assignments__role__in=list(access.TEACHING_ROLES)) & (
            Q(role_assignments__programme=programme)
            | Q(role_assignments__group__programme=programme)
        )
        person.queryset = (
            User.objects.filter(is_active=True)
            .filter(Q(organisation_id=programme.provider_id) | teaching)
            .distinct()
            .order_by("full_name")
        )
        person.label_from_instance = _person_label  # type: ignore[method-assign,assignment]


class ActivityForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = RunbookActivity
        fields = ["day", "starts_at", "minutes", "title", "method", "lead", "materials", "notes"]
        widgets = {
            "starts_at": TIME,
            "materials": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        method = self.fields["method"]
        assert isinstance(method, forms.ModelChoiceField)
        method.queryset = LibraryItem.objects.filter(
            kind__in=[LibraryItem.Kind.REFLECTION_METHOD, LibraryItem.Kind.MODEL]
        ).order_by("title")
        method.empty_label = _("No method from the library")
        method.help_text = _(
            "A method with a guided script (the incident method, action learning, the world "
            "café) can be run round by round in live mode."
        )
        if self.instance.pk is None:
            del self.fields["version"]  # something new has no version to compare
        else:
            self.fields["version"].initial = self.instance.version
        self.fields["minutes"].min_value = 1  # type: ignore[attr-defined]
        component = self.instance.component if self.instance.component_id else None
        if component is None or component.days == 1:
            self.fields["day"].widget = forms.HiddenInput()
            self.fields["day"].initial = 1


class DeviationForm(forms.ModelForm):
    class Meta:
        model = Deviation
        fields = ["activity", "what", "why"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 3}),
            "why": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        activity = self.fields["activity"]
        assert isinstance(activity, forms.ModelChoiceField)
        activity.queryset = RunbookActivity.objects.filter(
            component=session.component
        ).select_related("component")
        activity.empty_label = _("The session as a whole")
        activity.label_from_instance = _activity_label  # type: ignore[method-assign,assignment]
        activity.label = _("Where")
        self.fields["what"].help_text = _("What the group did instead of the runbook.")
        self.fields["why"].help_text = _(
            "Why you deviated: what happened in the group. A disruption takes precedence."
        )


class PointForm(forms.Form):
    text = forms.CharField(
        label=_("Learning point"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ObserveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of observation"), choices=Observation.Kind.choices)
    text = forms.CharField(label=_("Observation"), widget=forms.Textarea(attrs={"rows": 3}))


def observation_text(deviation: Deviation) -> str:
    return _("%(what)s — why: %(why)s") % {"what": deviation.what, "why": deviation.why}
