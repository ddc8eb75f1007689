from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.audit import describe
from kring.core import dates


class LogDateField(dates.DateField):
    """A day of the log: Kring keeps it for years."""

    span = dates.PROGRAMME


class AuditFilterForm(forms.Form):
    """Narrow the audit log by person, object, action and period (days in local time)."""

    person = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=150,
        help_text=_("Part of a name or e-mail address."),
    )
    object = forms.CharField(
        label=_("Object"),
        required=False,
        max_length=200,
        help_text=_("Part of the name of a programme, group, meeting…"),
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    start = LogDateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = LogDateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    confidential = forms.BooleanField(label=_("Only reads of confidential items"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action = self.fields["action"]
        assert isinstance(action, forms.ChoiceField)
        action.choices = [("", _("All actions")), *describe.choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date lies before the start date."))
        return data
