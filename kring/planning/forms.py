from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.core.forms import ModelMultipleChoiceField
from kring.learning.models import SeriesTemplate
from kring.programmes.models import Group


class PlanForm(forms.Form):
    """The groups to plan and the rules of their series. Prefilled from the provider's
    standard template; the rules hold for all chosen groups."""

    groups = ModelMultipleChoiceField(
        label=_("Groups to plan"),
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one group.")},
    )
    template = forms.ModelChoiceField(
        label=_("Meeting-series template"),
        queryset=SeriesTemplate.objects.none(),
        help_text=_("Titles, purposes and agendas for groups that have no meetings yet."),
    )
    weeks = forms.IntegerField(
        label=_("Weeks ahead"),
        min_value=4,
        max_value=104,
        help_text=_("Counted from next Monday."),
    )
    meetings = forms.IntegerField(
        label=_("Meetings in a new series"),
        min_value=1,
        max_value=20,
        help_text=_("Groups that already have meetings keep their number."),
    )
    min_gap_weeks = forms.IntegerField(label=_("At least … weeks apart"), min_value=1, max_value=26)
    max_gap_weeks = forms.IntegerField(label=_("At most … weeks apart"), min_value=1, max_value=52)
    target_gap_weeks = forms.IntegerField(
        label=_("Ideally … weeks apart"),
        min_value=1,
        max_value=52,
        help_text=_("Usually halfway between the shortest and the longest gap."),
    )
    first_within_weeks = forms.IntegerField(
        label=_("First meeting within … weeks"),
        min_value=1,
        max_value=52,
        help_text=_("For groups without meetings: how soon their series starts."),
    )

    def __init__(self, *args: Any, groups: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_field = self.fields["groups"]
        assert isinstance(group_field, forms.ModelMultipleChoiceField)
        group_field.queryset = groups
        template_field = self.fields["template"]
        assert isinstance(template_field, forms.ModelChoiceField)
        template_field.queryset = templates
        template_field.empty_label = None
