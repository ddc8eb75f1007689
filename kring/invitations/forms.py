from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Organisation, User
from kring.programmes.models import Group, Programme, Role


class InvitationForm(forms.Form):
    """Invite a person by e-mail, optionally offering a role in a programme or group."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, initial="nl"
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )
    group = forms.ModelChoiceField(label=_("Group"), queryset=Group.objects.none(), required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("No role yet")), *Role.choices],
        required=False,
        error_messages={
            "invalid_choice": _("You cannot give this role. Choose one of the roles in the list.")
        },
    )
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        programmes: Any,
        groups: Any,
        roles: list[str],
        programme_required: bool,
        role_help: str = "",
        **kwargs: Any,
    ) -> None:
        """Only the places and roles the inviter may grant are offered (see access.may_grant);
        anything else posted is an invalid choice."""
        super().__init__(*args, **kwargs)
        programme_field = self.fields["programme"]
        group_field = self.fields["group"]
        role_field = self.fields["role"]
        assert isinstance(programme_field, forms.ModelChoiceField)
        assert isinstance(group_field, forms.ModelChoiceField)
        assert isinstance(role_field, forms.ChoiceField)
        programme_field.queryset = programmes
        group_field.queryset = groups
        role_field.choices = [
            ("", _("No role yet")),
            *[(value, label) for value, label in Role.choices if value in roles],
        ]
        role_field.help_text = role_help
        # Checked in clean(): a chosen group implies its programme.
        self.programme_required = programme_required

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        group = data.get("group")
        programme = data.get("programme")
        if group is not None and programme is None:
            data["programme"] = group.programme
        elif group is not None and programme is not None and group.programme_id != programme.pk:
            self.add_error("group", _("This group belongs to another programme."))
        if self.programme_required and not data.get("programme") and "programme" in data:
            self.add_error("programme", _("Choose the programme this person joins."))
        if (data.get("programme") or group) and not data.get("role"):
            self.add_error("role", _("Choose the role this person will have."))
        return data


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                password_validation.validate_password(
                    first, User(email=self.email, full_name=data.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
