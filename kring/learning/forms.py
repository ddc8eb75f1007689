from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import User, normalise_email
from kring.core import dates
from kring.learning.models import (
    AgreementVersion,
    Attendance,
    Intensity,
    Intention,
    LearningPoint,
    Meeting,
    Membership,
    SeriesTemplate,
)
from kring.rooms.models import Room
from kring.rooms.selectors import usable_rooms


def _person_by_email(email: str, *, required: bool = True) -> User | None:
    if not email:
        return None
    person = User.objects.filter(email=normalise_email(email), is_active=True).first()
    if person is None and required:
        raise forms.ValidationError(
            _("No one with this e-mail address has an account yet. Invite them first.")
        )
    return person


class MemberAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    task = forms.CharField(
        label=_("Task"),
        max_length=150,
        help_text=_("What this person mainly does, e.g. policy advice."),
    )
    work_context = forms.CharField(
        label=_("Work context"),
        max_length=200,
        help_text=_("The organisation unit, from large to small, separated by /."),
    )
    layer = forms.TypedChoiceField(
        label=_("Hierarchical layer"), choices=Membership.Layer.choices, coerce=int
    )
    manager_email = forms.EmailField(
        label=_("Their manager's e-mail address"),
        required=False,
        help_text=_("Optional. Lets Kring notice a manager and their own staff in one group."),
    )
    late_join_reason = forms.CharField(
        label=_("Reason for joining late"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed once the first meeting has taken place."),
    )

    def clean_email(self) -> User | None:
        return _person_by_email(self.cleaned_data["email"])

    def clean_manager_email(self) -> User | None:
        return _person_by_email(self.cleaned_data.get("manager_email", ""), required=False)


class SizeOverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why this group may be larger than seven"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class RespondForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Do you take part?"),
        choices=[("yes", _("Yes, I take part")), ("no", _("No, not now"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    # Asked only of someone whose work is not known yet (they came in by a Kring invitation).
    task = forms.CharField(
        label=_("Your task"),
        max_length=150,
        required=False,
        help_text=_("What you mainly do, e.g. policy advice."),
    )
    work_context = forms.CharField(
        label=_("Your work context"),
        max_length=200,
        required=False,
        help_text=_("Your organisation unit, from large to small, separated by /."),
    )
    layer = forms.TypedChoiceField(
        label=_("Your hierarchical layer"),
        choices=Membership.Layer.choices,
        coerce=int,
        required=False,
    )

    def __init__(self, *args: Any, ask_work: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ask_work = ask_work
        if not ask_work:
            for name in ("task", "work_context", "layer"):
                del self.fields[name]


class SeriesForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=SeriesTemplate.objects.none())
    first_date = dates.DateField(
        label=_("Date of the first meeting"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        initial=datetime.time(14, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = templates
        field.empty_label = None

    def clean_first_date(self) -> datetime.date:
        day = self.cleaned_data["first_date"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The first meeting cannot lie in the past."))
        return day


def _room_label(room: Room) -> str:
    return _("%(room)s (%(count)s places)") % {"room": room.name, "count": room.capacity}


class MeetingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = [
            "title",
            "starts_at",
            "duration_minutes",
            "room",
            "location",
            "online_url",
            "purpose",
            "agenda",
            "status",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "agenda": forms.Textarea(attrs={"rows": 5}),
        }
        field_classes = {"starts_at": dates.DateTimeField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M"]  # type: ignore[attr-defined]
        self.fields["duration_minutes"].min_value = 15  # type: ignore[attr-defined]
        # The rooms of the programme's provider and client, and the meeting's own room even
        # when it has been taken out of use since.
        room = self.fields["room"]
        assert isinstance(room, forms.ModelChoiceField)
        programme = self.instance.group.programme
        usable = usable_rooms([programme.provider_id, programme.client_id])
        if self.instance.room_id is not None:
            usable = usable | Room.objects.filter(pk=self.instance.room_id)
        room.queryset = usable.distinct()
        room.empty_label = _("No room: a place in words")
        room.label_from_instance = _room_label  # type: ignore[method-assign,assignment]
        room.help_text = _("Or describe the place below, such as online or at the client.")
        self.fields["location"].help_text = _("Only when the meeting is not in one of the rooms.")
        status = self.fields["status"]
        if self.instance.status == Meeting.Status.HELD:
            # Held follows from the recorded attendance; it is not set by hand.
            status.disabled = True
            status.help_text = _("Held: the attendance has been recorded.")
        else:
            status.choices = [  # type: ignore[attr-defined]
                (Meeting.Status.PLANNED, Meeting.Status.PLANNED.label),
                (Meeting.Status.CANCELLED, Meeting.Status.CANCELLED.label),
            ]
            status.help_text = _("A meeting counts as held once its attendance is recorded.")


class AgreementsForm(forms.ModelForm):
    base_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = AgreementVersion
        fields = [
            "in_scope",
            "out_of_scope",
            "confidentiality",
            "judging",
            "attendance",
            "other",
            "change_note",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["in_scope", "out_of_scope", "confidentiality", "judging", "attendance"]
        } | {"other": forms.Textarea(attrs={"rows": 2})}


class LearningQuestionForm(forms.Form):
    base_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    shared_issue = forms.CharField(
        label=_("Shared issue"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The question from practice that the group shares and has no ready answer to."),
    )
    learning_question = forms.CharField(
        label=_("Learning question"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The shared issue as a question the group wants to learn from."),
    )
    aspects = forms.CharField(
        label=_("Aspects"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One aspect per line."),
    )
    change_note = forms.CharField(label=_("What changed and why"), max_length=300, required=False)


class AttendanceForm(forms.Form):
    """One choice per active member. Nobody is present until the facilitator says so: a
    member starts as "not recorded yet". ``fill`` pre-fills that choice for everyone still
    open (the deliberate "all present"), which is only saved when the facilitator saves."""

    NOT_RECORDED = ""

    def __init__(
        self,
        *args: Any,
        members: list[Membership],
        current: dict[int, str],
        fill: str = "",
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.members = members
        for membership in members:
            recorded = current.get(membership.person_id)
            choices = list(Attendance.Status.choices)
            if recorded is None:
                choices.insert(0, (self.NOT_RECORDED, _("Not recorded yet")))
            self.fields[f"person_{membership.person_id}"] = forms.ChoiceField(
                label=membership.person.full_name,
                choices=choices,
                required=False,
                initial=recorded or fill or self.NOT_RECORDED,
                widget=forms.RadioSelect,
            )

    def statuses(self) -> dict[int, str]:
        """The choice per person; an empty choice means "not recorded yet"."""
        return {
            int(name.removeprefix("person_")): value or self.NOT_RECORDED
            for name, value in self.cleaned_data.items()
        }


class AttendanceShareForm(forms.Form):
    share = forms.IntegerField(
        label=_("Agreed attendance, in percent of the meetings"),
        min_value=1,
        max_value=100,
        help_text=_(
            "Kring tells you, and the member, when a member can no longer reach this share. "
            "It never stops anyone from taking part."
        ),
    )


class LearningPointForm(forms.Form):
    text = forms.CharField(
        label=_("Learning point"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    loop = forms.ChoiceField(
        label=_("Kind of learning"),
        required=False,
        choices=[("", _("Not tagged")), *LearningPoint.Loop.choices],
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("Not tagged")), *LearningPoint.Level.choices],
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("A learning point cannot be empty."))
        return text


class EvaluationPointForm(LearningPointForm):
    """A point from the end-of-cycle evaluation conversation: only its text. That it belongs to
    the evaluation is decided by the page it is added on, not by the form."""

    loop = None  # type: ignore[assignment]
    level = None  # type: ignore[assignment]
    version = None  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["id"] = "eval-point"


class IntentionForm(forms.Form):
    # Shares the meeting page with the learning-point form: a prefix keeps ids unique.
    prefix = "intention"

    text = forms.CharField(
        label=_("What I will try before the next meeting"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class IntentionReportForm(forms.Form):
    outcome = forms.ChoiceField(label=_("How it went"), choices=Intention.Outcome.choices)
    report = forms.CharField(
        label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IntensityForm(forms.Form):
    intensity = forms.ChoiceField(
        label=_("Facilitation intensity"), choices=Intensity.choices, widget=forms.RadioSelect
    )


class WishForm(forms.Form):
    wish = forms.ChoiceField(
        label=_("The facilitation I would like"),
        choices=[("", _("No preference")), *Intensity.choices],
        required=False,
        widget=forms.RadioSelect,
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Private note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000
    )


class InterventionForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.none(), required=False
    )
    intervention = forms.CharField(
        label=_("What I did"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    response = forms.CharField(
        label=_("How the group responded"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = meetings


SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class EvaluationForm(forms.Form):
    """Our own end-of-cycle evaluation: five questions, each a 1–5 score and free text."""

    QUESTIONS = [
        ("helped", _("What helped you learn in this group?")),
        ("missing", _("What did you miss?")),
        ("facilitator", _("What did the external facilitator add?")),
        ("self", _("What did taking part give you?")),
        ("group", _("What did the group as a whole gain?")),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, question in self.QUESTIONS:
            self.fields[f"{name}_score"] = forms.TypedChoiceField(
                label=question,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 = hardly, 5 = very much"),
            )
            self.fields[f"{name}_text"] = forms.CharField(
                label=_("Explain (optional)"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def question_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"{name}_score"], self[f"{name}_text"]) for name, _q in self.QUESTIONS]


class TemplateForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = SeriesTemplate
        fields = ["name", "duration_minutes", "min_gap_weeks", "max_gap_weeks"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def validate_unique(self) -> None:
        # The service keeps names unique within the organisation.
        pass


class TemplateMeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One agenda part per line."),
    )


TemplateMeetingFormSet = forms.formset_factory(TemplateMeetingForm, extra=1, max_num=20)


class TemplateCopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the new template"), max_length=150)
