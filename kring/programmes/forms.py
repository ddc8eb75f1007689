from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Organisation
from kring.core import dates
from kring.programmes.models import Group, Programme, RoleAssignment


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionedForm(forms.ModelForm):
    """Carries the version the editor started from, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ProgrammeForm(VersionedForm):
    class Meta:
        model = Programme
        fields = ["name", "kind", "provider", "client", "status", "starts_on", "ends_on"]
        fields += ["description", "tailoring", "duration_months", "participant_count"]
        fields += ["system_impact"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"starts_on": dates.ProgrammeDateField, "ends_on": dates.ProgrammeDateField}

    def __init__(self, *args: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        client = self.fields["client"]
        assert isinstance(provider, forms.ModelChoiceField)
        assert isinstance(client, forms.ModelChoiceField)
        provider.queryset = Organisation.objects.filter(kind=Organisation.Kind.PROVIDER)
        client.queryset = Organisation.objects.filter(kind=Organisation.Kind.CLIENT)
        client.help_text = _("Required for an in-company trajectory.")
        if self.initial.get("provider"):
            # Required, and the creator's own organisation is the sensible default.
            provider.empty_label = None
        if creating:
            del self.fields["version"]
        else:
            # The provider of a running programme is fixed; it decides who staffs it.
            del self.fields["provider"]
            self.fields["version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date lies before the start date."))
        if data.get("kind") == Programme.Kind.IN_COMPANY and not data.get("client"):
            self.add_error("client", _("An in-company trajectory needs a client organisation."))
        return data


class GroupForm(VersionedForm):
    class Meta:
        model = Group
        fields = ["name", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            del self.fields["version"]
        else:
            self.fields["version"].initial = self.instance.version

    def validate_unique(self) -> None:
        # The programme is not a form field; the service checks the unique name.
        pass


class AssignmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person.full_name} · {obj.get_role_display()}"


class RoleChooseForm(forms.Form):
    """Whose role to remove, from the people of one programme or group."""

    assignment = AssignmentChoiceField(
        label=_("Whose role?"),
        queryset=RoleAssignment.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose whose role to remove.")},
    )

    def __init__(self, *args: Any, assignments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignment"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = assignments


class RoleRemoveForm(forms.Form):
    """Confirm taking a role away. ``confirm`` comes from the confirmation page's own button,
    so a single POST from elsewhere removes nothing. Whether the box to leave a group without
    a facilitator is needed is decided by the service."""

    confirm = forms.CharField(widget=forms.HiddenInput, initial="yes")
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit log with the removal."),
        error_messages={"required": _("Say why the role is removed.")},
    )
    leave_without_facilitator = forms.BooleanField(
        label=_("Yes, leave the group without a facilitator for now"), required=False
    )

    def __init__(self, *args: Any, offer_leaving: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not offer_leaving:
            del self.fields["leave_without_facilitator"]

    def clean_confirm(self) -> str:
        if self.cleaned_data["confirm"] != "yes":
            raise forms.ValidationError(_("Confirm with the button below."))
        return "yes"
