from __future__ import annotations

from typing import Any

from django import forms
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _

from kring.availability.slots import DAYS_PER_WEEK, SLOT_TIMES, SLOTS_PER_DAY, slot_index
from kring.core import dates
from kring.core.forms import ModelMultipleChoiceField
from kring.formation import selectors
from kring.formation.explain import day_names
from kring.formation.models import PairRule, Pool, PoolEntry
from kring.learning.models import Layer, Membership

WEIGHT_CHOICES = [(value, str(value)) for value in range(0, 6)]


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.job_title})" if obj.job_title else obj.full_name


class NameChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class PeopleChoice(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.job_title})" if obj.job_title else obj.full_name


class SlotGridWidget(forms.CheckboxSelectMultiple):
    """The fifteen weekly moments as a table of checkboxes (days across, times down); every
    checkbox is named by day and time for screen readers and reached with the Tab key."""

    template_name = "formation/widgets/slot_grid.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        options = {
            int(option["value"]): option
            for _group, group_options, _index in context["widget"]["optgroups"]
            for option in group_options
        }
        days = day_names()
        short = [str(WEEKDAYS_ABBR[day]) for day in range(DAYS_PER_WEEK)]
        rows = []
        for part in range(SLOTS_PER_DAY):
            starts, ends = SLOT_TIMES[part]
            times = f"{starts:%H:%M}–{ends:%H:%M}"
            cells = [
                {"day": days[day], "option": options[slot_index(day, part)]}
                for day in range(DAYS_PER_WEEK)
            ]
            rows.append({"times": times, "cells": cells})
        context["widget"]["rows"] = rows
        context["widget"]["days"] = list(zip(days, short, strict=True))
        return context


def slot_field(**kwargs: Any) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        choices=[(slot, str(slot)) for slot in range(DAYS_PER_WEEK * SLOTS_PER_DAY)],
        coerce=int,
        required=False,
        widget=SlotGridWidget,
        **kwargs,
    )


class PeopleChoices(forms.CheckboxSelectMultiple):
    """A scrollable list of checkboxes: easier by keyboard than a multiple select."""

    template_name = "formation/widgets/people_choices.html"


class EntryForm(forms.Form):
    """What a person in the pool tells about their work and their week."""

    task = forms.CharField(
        label=_("Task"),
        max_length=150,
        help_text=_("What you mainly do, e.g. policy advice on housing."),
    )
    work_context = forms.CharField(
        label=_("Work context"),
        max_length=200,
        help_text=_(
            "The organisation unit, from large to small, separated by /, e.g. Ministry / DG "
            "Housing / Team North."
        ),
    )
    layer = forms.TypedChoiceField(
        label=_("Position"),
        choices=Membership.Layer.choices,
        coerce=int,
        widget=forms.RadioSelect,
        initial=Membership.Layer.STAFF,
    )
    manager = PersonChoice(
        label=_("Manager"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("— not known, or not in this organisation —"),
        help_text=_("Lets Kring keep a manager and their own staff in different groups."),
    )
    slots = slot_field(
        label=_("When can you usually meet?"),
        help_text=_(
            "Tick every moment of an ordinary week at which you could meet for two hours. This "
            "is your own availability in Kring: planning the meetings uses it too."
        ),
    )
    rather_not = PeopleChoice(
        label=_("Colleagues you would rather not be in a group with"),
        queryset=Membership.objects.none(),
        required=False,
        widget=PeopleChoices,
        help_text=_(
            "Optional, no reason needed. Only the facilitators and the programme manager see "
            "this, never the people you name or anyone else in the pool."
        ),
    )
    availability_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, people: Any, person: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = people.exclude(pk=person.pk) if person is not None else people
        manager = self.fields["manager"]
        rather = self.fields["rather_not"]
        assert isinstance(manager, forms.ModelChoiceField)
        assert isinstance(rather, forms.ModelMultipleChoiceField)
        manager.queryset = others
        rather.queryset = others

    def clean_work_context(self) -> str:
        value = self.cleaned_data["work_context"]
        if not [unit for unit in value.split("/") if unit.strip()]:
            raise forms.ValidationError(_("Name at least your organisation."))
        return value


class SignUpForm(EntryForm):
    agree = forms.BooleanField(
        label=_(
            "I take part voluntarily, and I know what a learning group asks: about six "
            "meetings of two hours in half a year, some preparation, and being there each time."
        ),
        error_messages={"required": _("Tick this to sign up: taking part is your own choice.")},
    )


class EntryAddForm(EntryForm):
    """A facilitator adds someone. They still confirm, unless the facilitator records how
    they already agreed."""

    person = PersonChoice(label=_("Person"), queryset=Membership.objects.none())
    consent_given = forms.BooleanField(
        label=_("This person has already told me they want to take part"),
        required=False,
        help_text=_(
            "Leave this unticked and Kring asks them to confirm; until they do, they are not "
            "in any grouping. Tick it only when they agreed already, and say how."
        ),
    )
    consent_note = forms.CharField(
        label=_("How they agreed"),
        max_length=200,
        required=False,
        help_text=_("For example: by e-mail on 3 March, or in the team meeting."),
    )
    field_order = ["person", "task", "work_context", "layer", "manager", "slots", "rather_not"]

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates
        self.fields["slots"].label = _("When can they usually meet?")
        self.fields["slots"].help_text = _(
            "Optional: they can fill this in themselves. It is their own availability in "
            "Kring, also used to plan the meetings."
        )
        self.fields["rather_not"].label = _("Colleagues they would rather not be in a group with")
        self.fields["rather_not"].help_text = _(
            "Only when they told you so. Only the facilitators and the programme manager see it."
        )
        self.fields["task"].help_text = _("What they mainly do, e.g. policy advice on housing.")


class PoolForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Pool
        fields = ["name", "description", "closes_on", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        field_classes = {"closes_on": dates.DateField}
        help_texts = {"status": _("Only while the pool is open can people sign up themselves.")}

    def __init__(self, *args: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        status = self.fields["status"]
        assert isinstance(status, forms.TypedChoiceField)
        status.choices = [c for c in Pool.Status.choices if c[0] != Pool.Status.FORMED]
        if creating:
            del self.fields["status"]
            del self.fields["version"]


class SettingsForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Pool
        fields = Pool.SETTINGS_FIELDS
        widgets = {
            name: forms.Select(choices=WEIGHT_CHOICES)
            for name in ("weight_task", "weight_context", "weight_position", "weight_availability")
        }
        help_texts = {
            "keep_managers_apart": _(
                "A manager and their own staff then never share a group. Untick it to allow it; "
                "the proposal still warns."
            ),
            "min_common_slots": _(
                "Weekly moments at which every member of a group can meet. 0 switches the rule off."
            ),
            "search_seconds": _("Longer can find a slightly better grouping."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        for name in ("target_size", "min_size", "max_size"):
            self.fields[name].widget.attrs.update(min=2, max=7)
        self.fields["min_common_slots"].widget.attrs.update(min=0, max=3)
        self.fields["search_seconds"].widget.attrs.update(min=2, max=120)


class PoolPersonInput(forms.TextInput):
    """A text field for one person of the pool, with a list of suggestions that the page
    fills while one types (htmx asks ``search_url``); without script, a whole name or e-mail
    address typed in works as well. Never a list of the whole pool, whatever its size."""

    template_name = "formation/widgets/pool_person.html"

    def __init__(self, search_url: str = "", attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.search_url = search_url

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = self.search_url
        return context


class PoolPersonField(forms.CharField):
    """One person of the pool, named by what was typed or chosen: ``selectors.pair_label``,
    an e-mail address or a whole name. Cleans to the person, or says in words what to do."""

    def __init__(self, *, people: Any = None, search_url: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault(
            "error_messages",
            {"required": _("Type a name and choose the person from the list.")},
        )
        super().__init__(widget=PoolPersonInput(search_url), **kwargs)
        self.people = people

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        found = selectors.pair_candidates_named(self.people, text)
        if not found:
            raise forms.ValidationError(
                _(
                    "No one in this sign-up is called “%(text)s”. Type part of the name and "
                    "choose the person from the list."
                ),
                params={"text": text},
            )
        if len(found) > 1:
            raise forms.ValidationError(
                _(
                    "More than one person in this sign-up is called “%(text)s”. Choose from "
                    "the list: it shows their e-mail address too."
                ),
                params={"text": text},
            )
        return found[0]


class PairForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Rule"), choices=PairRule.Kind.choices, widget=forms.RadioSelect
    )
    first = PoolPersonField(label=_("Person"))
    second = PoolPersonField(label=_("Other person"))
    note = forms.CharField(label=_("Why (for the staff)"), max_length=200, required=False)

    def __init__(self, *args: Any, people: Any, search_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            field = self.fields[name]
            assert isinstance(field, PoolPersonField)
            field.people = people
            assert isinstance(field.widget, PoolPersonInput)
            field.widget.search_url = search_url
            field.help_text = _(
                "Type part of a name or e-mail address and choose from the list that appears."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first") and data.get("first") == data.get("second"):
            self.add_error("second", _("Choose two different people."))
        return data


class MoveForm(forms.Form):
    person = forms.CharField(max_length=20)
    to_group = forms.IntegerField(label=_("Move to"), min_value=0)
    version = forms.IntegerField(min_value=1)


class SwapForm(forms.Form):
    first = forms.CharField(label=_("Swap"), max_length=20)
    second = forms.CharField(label=_("with"), max_length=20)
    version = forms.IntegerField(min_value=1)


class AcceptForm(forms.Form):
    """A name and (optionally) a facilitator for every group of the proposal."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self, *args: Any, groups: list[Any], facilitators: Any, defaults: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.group_rows = []
        for group, default in zip(groups, defaults, strict=True):
            name_field = f"name_{group.index}"
            facilitator_field = f"facilitator_{group.index}"
            self.fields[name_field] = forms.CharField(
                label=_("Name of group %(number)s") % {"number": group.number},
                max_length=200,
                initial=default,
            )
            choice = NameChoice(
                label=_("Facilitator of group %(number)s") % {"number": group.number},
                queryset=facilitators,
                required=False,
                empty_label=_("— assign later —"),
            )
            self.fields[facilitator_field] = choice
            self.group_rows.append((group, name_field, facilitator_field))

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (group, self[name], self[facilitator]) for group, name, facilitator in self.group_rows
        ]


def _everyone_or(label: Any, *choices: tuple[str, Any]) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", _("Everyone")), *choices])


class EntryFilterForm(forms.Form):
    """The pool page's search and filters, read from the query string (so that a filtered
    list has an address). A field with an unknown value filters nothing."""

    q = forms.CharField(label=_("Name or e-mail"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), coerce=int, empty_value=None, required=False
    )
    unit = forms.CharField(label=_("Unit (work context)"), max_length=100, required=False)
    layer = forms.TypedChoiceField(
        label=_("Position"), coerce=int, empty_value=None, required=False
    )
    rules = _everyone_or(
        _("Rules about who meets whom"),
        (selectors.WITH_RULES, _("With a rule (rather not, together, apart)")),
        (selectors.WITHOUT_RULES, _("Without a rule")),
    )
    availability = _everyone_or(
        _("When they can meet"),
        (selectors.FILLED_IN, _("Filled in")),
        (selectors.NOT_FILLED_IN, _("Not filled in yet")),
    )

    def __init__(self, data: Any, *, organisations: list[tuple[int, str]]) -> None:
        super().__init__(data)
        fields = self.fields
        fields["status"].choices = [("", _("Every status")), *PoolEntry.Status.choices]  # type: ignore[attr-defined]
        fields["organisation"].choices = [("", _("Every organisation")), *organisations]  # type: ignore[attr-defined]
        fields["layer"].choices = [("", _("Every position")), *Layer.choices]  # type: ignore[attr-defined]
        self.has_organisations = len(organisations) > 1

    def filters(self) -> dict[str, Any]:
        """The valid filters, by the keyword names of ``selectors.entry_list``."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", "").strip(),
            "status": data.get("status", ""),
            "organisation": data.get("organisation"),
            "unit": data.get("unit", "").strip(),
            "layer": data.get("layer"),
            "rules": data.get("rules", ""),
            "availability": data.get("availability", ""),
        }
