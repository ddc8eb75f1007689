from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kring.calendars.models import CalendarSettings


class ReminderForm(forms.ModelForm):
    class Meta:
        model = CalendarSettings
        fields = ["remind_meetings", "remind_assignments"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting_days = settings.REMINDER_DAYS_BEFORE_MEETING
        due_days = settings.REMINDER_DAYS_BEFORE_DUE
        self.fields["remind_meetings"].help_text = (
            ngettext(
                "One day before each meeting of my groups.",
                "%(count)s days before each meeting of my groups.",
                meeting_days,
            )
            % {"count": meeting_days}
            if meeting_days > 0
            else _("Meeting reminders are switched off for everyone in this installation.")
        )
        self.fields["remind_assignments"].help_text = (
            ngettext(
                "One day before the due date, only when I have not handed anything in.",
                "%(count)s days before the due date, only when I have not handed anything in.",
                due_days,
            )
            % {"count": due_days}
            if due_days > 0
            else _("Assignment reminders are switched off for everyone in this installation.")
        )


class FeedOptionsForm(forms.ModelForm):
    class Meta:
        model = CalendarSettings
        fields = ["feed_includes_assignments"]
