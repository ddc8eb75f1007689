"""Forms for designing a programme: each change form comes with the 'why' form beside it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import User
from kring.core import dates
from kring.core.forms import ModelMultipleChoiceField
from kring.designs.models import (
    ChangeProposal,
    Component,
    ComponentStaff,
    DesignVersion,
    Edition,
    LearningLine,
    Observation,
)
from kring.library.models import LibraryItem


class ObservationChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        edition = _("edition %(number)s") % {"number": obj.edition.number}
        return f"{obj.get_kind_display()}: {Truncator(obj.text).chars(120)} ({edition})"


class WhyForm(forms.Form):
    """Why a design changes, and what the change answers. Carries the design's version the
    editor started from, so two people changing one design do not overwrite each other."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    answers = forms.ChoiceField(
        label=_("It answers"),
        choices=[("", _("— nothing in particular —")), *DesignVersion.Answers.choices],
        required=False,
    )
    answers_detail = forms.CharField(
        label=_("Which one"),
        max_length=300,
        required=False,
        help_text=_(
            "E.g. the decision of the steering group on 12 March, or the learning question."
        ),
    )
    observations = ObservationChoices(
        label=_("Observations it answers"),
        queryset=Observation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    proposal = forms.ModelChoiceField(
        label=_("Adopts the change proposal"),
        queryset=ChangeProposal.objects.none(),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        edition: Edition,
        required: bool,
        observations: Any,
        proposals: Any,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", "why")
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", edition.version)
        super().__init__(*args, **kwargs)
        self.required = required
        reason = self.fields["reason"]
        reason.required = required
        reason.error_messages["required"] = _(
            "A cohort follows this edition: say why the design changes."
        )
        reason.help_text = (
            _("Required: a cohort follows this edition.")
            if required
            else _(
                "Optional until a cohort follows this edition; every change is kept as a version."
            )
        )
        observation_field = self.fields["observations"]
        assert isinstance(observation_field, forms.ModelMultipleChoiceField)
        observation_field.queryset = observations
        if not observations.exists():
            del self.fields["observations"]
        proposal_field = self.fields["proposal"]
        assert isinstance(proposal_field, forms.ModelChoiceField)
        proposal_field.queryset = proposals
        if not proposals.exists():
            del self.fields["proposal"]


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["name", "starts_on", "ends_on", "spacing_days"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        field_classes = {"starts_on": dates.ProgrammeDateField, "ends_on": dates.ProgrammeDateField}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date lies before the start date."))
        return data

    def validate_unique(self) -> None:
        pass


class LineForm(forms.ModelForm):
    class Meta:
        model = LearningLine
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ComponentForm(forms.ModelForm):
    materials = ModelMultipleChoiceField(
        label=_("Materials from the library"),
        queryset=LibraryItem.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Component
        fields = [
            "title",
            "work_form",
            "custom_work_form",
            "length",
            "hours",
            "week",
            "week_until",
            "description",
            "materials",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"week": _("The edition's first week is week 1.")}

    def __init__(self, *args: Any, lines: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("week", "week_until"):
            self.fields[name].widget.attrs["min"] = 1
            self.fields[name].max_value = 520  # type: ignore[attr-defined]
        if lines is not None:
            self.fields["line"] = forms.ModelChoiceField(
                label=_("Learning line"), queryset=lines, empty_label=None
            )
            self.initial.setdefault("line", self.instance.line_id)
            self.order_fields(["title", "line"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("work_form") == Component.WorkForm.CUSTOM and not data.get("custom_work_form"):
            self.add_error("custom_work_form", _("Name the work form."))
        if data.get("length") == Component.Length.HOURS and not data.get("hours"):
            self.add_error("hours", _("Give the number of hours."))
        week, until = data.get("week"), data.get("week_until")
        if week and until and until < week:
            self.add_error("week_until", _("The window ends before it starts."))
        return data

    def _post_clean(self) -> None:
        # The service checks the model's rules, with the line the component belongs to.
        pass


class StaffForm(forms.ModelForm):
    class Meta:
        model = ComponentStaff
        fields = ["kind", "person", "note"]
        help_texts = {
            "person": _("Leave empty for a place still to be filled, and say who in the note.")
        }

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = people
        person.empty_label = _("— still to be found —")
        person.label_from_instance = lambda user: user.full_name  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("person") and not (data.get("note") or "").strip():
            self.add_error("note", _("Choose a person, or say who is still to be found."))
        return data

    def _post_clean(self) -> None:
        pass


class ObservationForm(forms.ModelForm):
    class Meta:
        model = Observation
        fields = ["kind", "component", "text"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"component": _("About the component (optional)")}

    def __init__(self, *args: Any, components: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        component = self.fields["component"]
        assert isinstance(component, forms.ModelChoiceField)
        component.queryset = components
        component.empty_label = _("— the edition as a whole —")
        self.fields["kind"].choices = Observation.Kind.choices  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        pass


class ProposalForm(forms.Form):
    text = forms.CharField(
        label=_("Proposed change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the next edition, or for this run of an in-company trajectory."),
    )
    observations = ObservationChoices(
        label=_("From the observations"),
        queryset=Observation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, observations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["observations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = observations


class DeclineForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision_note = forms.CharField(
        label=_("Why not"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the proposal is declined.")},
    )


class CompareForm(forms.Form):
    a = forms.ModelChoiceField(label=_("Compare"), queryset=DesignVersion.objects.none())
    b = forms.ModelChoiceField(label=_("with"), queryset=DesignVersion.objects.none())

    def __init__(self, *args: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("a", "b"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = versions
            field.empty_label = None
            field.label_from_instance = _version_label  # type: ignore[method-assign,assignment]


def _version_label(version: DesignVersion) -> str:
    return str(
        _("Edition %(edition)s, version %(number)s (%(date)s)")
        % {
            "edition": version.edition.number,
            "number": version.number,
            "date": timezone.localtime(version.created_at).strftime("%d-%m-%Y"),
        }
    )


def staff_people(edition: Edition) -> Any:
    """Who may staff a component: the provider's people and anyone with a role in the
    programme."""
    programme = edition.programme
    return (
        User.objects.filter(is_active=True)
        .filter(Q(organisation_id=programme.provider_id) | Q(role_assignments__programme=programme))
        .distinct()
        .order_by("full_name")
    )
