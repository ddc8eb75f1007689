"""Forms for briefings, notes back, staff constellations and duo agreements. They validate one
request's input; the rules are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import User
from kring.designs.models import BriefingNote, Constellation, DuoAgreement, NoteBack

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BriefingNoteForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = BriefingNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "text": _(
                "What the teacher should know about this group before the session: what "
                "moves them, what to watch for, what you agreed on. Teachers read it in their "
                "briefing; participants never see it."
            )
        }


class NoteBackForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = NoteBack
        fields = ["what_happened", "noticed", "tips"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
        help_texts = {
            "noticed": _("About the group, the programme or the material."),
            "tips": _("The next teacher of this group reads these in their briefing."),
        }


class ConstellationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Constellation
        fields = ["kind", "third", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "third": _(
                "Someone at a distance the staff reflect with: often the programme manager, "
                "sometimes someone from outside. Optional."
            ),
        }

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["third"]
        field.queryset = people if people is not None else User.objects.none()  # type: ignore[attr-defined]
        field.label_from_instance = lambda person: person.full_name  # type: ignore[attr-defined]


class DuoAgreementForm(forms.ModelForm):
    base_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = DuoAgreement
        fields = ["roles", "intervening", "signals", "blind_spots", "revisit_on", "change_note"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["roles", "intervening", "signals", "blind_spots"]
        } | {"revisit_on": DATE}
        help_texts = {
            "roles": _("Who leads what, and how you divide facilitating and teaching."),
            "intervening": _("When one of you may step into the other's part, and how."),
            "signals": _("How you let each other know something is needed, during a session."),
            "blind_spots": _("What each of you tends to miss, so the other watches for it."),
            "revisit_on": _("On this date you both get a reminder to look at it again."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revisit_on"].required = True


class DuoConfirmForm(forms.Form):
    base_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    revisit_on = forms.DateField(label=_("We look at this again on"), widget=DATE)
