from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kring.availability.models import AwayPeriod
from kring.availability.slots import ALL_SLOTS
from kring.core import dates

# An exported work calendar of a year is a few hundred kilobytes; more is not a calendar we
# should read in a web request.
MAX_CALENDAR_BYTES = 2 * 1024 * 1024


class WeekForm(forms.Form):
    """The weekly grid: the ticked slots, and the version the person started from (0 when
    they had no grid yet)."""

    slots = forms.TypedMultipleChoiceField(
        choices=[(slot, slot) for slot in ALL_SLOTS],
        coerce=int,
        required=False,
        error_messages={"invalid_choice": _("Choose moments from the weekly grid.")},
    )
    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class AwayPeriodForm(forms.ModelForm):
    class Meta:
        model = AwayPeriod
        fields = ["starts_on", "ends_on", "note"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        field_classes = {"starts_on": dates.DateField, "ends_on": dates.DateField}
        labels = {"note": _("Note (only you see it)")}
        help_texts = {"note": _("For example: leave, a course, a busy season.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].required = False

    def _post_clean(self) -> None:
        # The service checks the dates (and says why); the model's own check would repeat it.
        pass


class CalendarFileForm(forms.Form):
    file = forms.FileField(
        label=_("Calendar file (.ics)"),
        help_text=_(
            "Export your calendar from Outlook, Google or Apple Calendar as an .ics file of at "
            "most 2 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".ics,.ical,.ifb,.icalendar,text/calendar"}
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is None or upload.size > MAX_CALENDAR_BYTES:
            raise forms.ValidationError(
                _("This file is larger than 2 MB. Export a shorter period of your calendar."),
                code="too_large",
            )
        return upload
