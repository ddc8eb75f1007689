from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Organisation, User, normalise_email
from kring.learning.models import Layer
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
    late_join_reason = forms.CharField(
        label=_("Reason for joining late"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
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
        late_groups: Sequence[Group] = (),
        **kwargs: Any,
    ) -> None:
        """Only the places and roles the inviter may grant are offered (see access.may_grant);
        anything else posted is an invalid choice. ``late_groups``: the learning groups
        offered that have met already, where a new participant needs a reason (the rules of
        ``late_join_check``, as in the group's own add-person page)."""
        super().__init__(*args, **kwargs)
        if late_groups:
            self.fields["late_join_reason"].help_text = _(
                "Only for a participant of a learning group that has already met (%(groups)s): "
                "the group is fixed, so say why this person joins now. The next meeting then "
                "starts with re-contracting."
            ) % {"groups": ", ".join(group.name for group in late_groups)}
        else:
            del self.fields["late_join_reason"]
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


class PersonAddForm(forms.Form):
    """Add one person to a programme or group: a colleague who has an account (``person``),
    or a new e-mail address (``new=True``), who is then invited. What a participant of a
    learning group brings (task, work context, layer, manager) is asked for a colleague; a new
    person describes it themselves when they confirm."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not known yet"),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, initial="nl"
    )
    role = forms.ChoiceField(
        label=_("Role"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the role this person will have."),
            "invalid_choice": _("You cannot give this role. Choose one of the roles in the list."),
        },
    )
    task = forms.CharField(
        label=_("Task"),
        max_length=150,
        required=False,
        help_text=_("What this person mainly does, e.g. policy advice."),
    )
    work_context = forms.CharField(
        label=_("Work context"),
        max_length=200,
        required=False,
        help_text=_("The organisation unit, from large to small, separated by /."),
    )
    layer = forms.TypedChoiceField(
        label=_("Hierarchical layer"),
        choices=Layer.choices,
        coerce=int,
        initial=Layer.STAFF,
        required=False,
    )
    manager_email = forms.EmailField(
        label=_("Their manager's e-mail address"),
        required=False,
        help_text=_("Optional. Lets Kring notice a manager and their own staff in one group."),
    )
    late_join_reason = forms.CharField(
        label=_("Reason for joining late"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "The first meeting has taken place: a new participant needs a reason, and the next "
            "meeting starts with re-contracting."
        ),
    )
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    WORK_FIELDS = ("task", "work_context", "layer", "manager_email")

    def __init__(
        self,
        *args: Any,
        person: User | None,
        roles: list[str],
        organisations: Any,
        learning_group: bool,
        late: bool,
        **kwargs: Any,
    ) -> None:
        """``roles``: what the adder may grant here (``access.grantable_roles``); anything else
        posted is an invalid choice, and the service checks the person too."""
        super().__init__(*args, **kwargs)
        self.person = person
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [(value, label) for value, label in Role.choices if value in roles]
        if Role.PARTICIPANT in roles:
            role.initial = Role.PARTICIPANT
        elif len(roles) == 1:
            role.initial = roles[0]
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = organisations
        unused: list[str] = []
        if person is not None:
            unused += ["email", "full_name", "organisation", "language", "message"]
        if person is None or not learning_group:
            unused += list(self.WORK_FIELDS)
        if not (learning_group and late):
            unused.append("late_join_reason")
        for name in unused:
            del self.fields[name]
        self.asks_work = "task" in self.fields

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean_manager_email(self) -> User | None:
        email = self.cleaned_data.get("manager_email", "")
        if not email:
            return None
        manager = User.objects.filter(email=normalise_email(email), is_active=True).first()
        if manager is None:
            raise forms.ValidationError(
                _("No one with this e-mail address has an account. Leave it empty, or check it.")
            )
        return manager

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "layer" in data and data["layer"] == "":
            data["layer"] = Layer.STAFF
        if self.asks_work and data.get("role") == Role.PARTICIPANT:
            for name in ("task", "work_context"):
                if name in data and not data[name].strip():
                    self.add_error(name, _("Describe this: the group is composed with it."))
        return data
