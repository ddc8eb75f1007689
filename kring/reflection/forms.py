from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kring.core import dates
from kring.reflection.models import Assignment, JournalEntry, JournalExcerpt, Submission
from kring.reflection.uploads import check_upload

# A short prompt per form of submission, shown beside the choice so that members know what
# each form asks of them.
FORM_PROMPTS: dict[str, Any] = {
    Submission.Form.TEXT: _(
        "Answer the assignment in your own words, as long or as short as it needs to be."
    ),
    Submission.Form.RICH_DESCRIPTION: _(
        "Describe one event as concretely as you can: where and when, who was there, what was "
        "said and done, and what you noticed in yourself."
    ),
    Submission.Form.TENSE_CONVERSATION: _(
        "Take a conversation that was tense. What was at stake for whom, how did it unfold, "
        "where did it turn, and what did you do or leave undone?"
    ),
    Submission.Form.REVERIE: _(
        "Let your mind wander around a situation that stays with you. Write down the thoughts "
        "and feelings that come up, without judging or tidying them."
    ),
    Submission.Form.DRAWING: _(
        "Draw or photograph a situation that touched you and add the picture. Say in a few "
        "words what it shows and why you chose it."
    ),
    Submission.Form.OBSERVATION: _(
        "Describe how a colleague handled a situation in practice: what they did and said, how "
        "others responded, and what you take from it. Leave out who it was."
    ),
}


VISIBILITY_HINTS: dict[str, Any] = {
    Submission.Visibility.GROUP: _("The other members and the facilitator read it."),
    Submission.Visibility.FACILITATOR: _(
        "The other members do not see it, not even that it exists."
    ),
}


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class VersionedForm(forms.ModelForm):
    """Carries the version the editor started from, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            del self.fields["version"]
        else:
            self.fields["version"].initial = self.instance.version


class AssignmentForm(VersionedForm):
    class Meta:
        model = Assignment
        fields = ["title", "instructions", "due_at", "effort_minutes"]
        widgets = {
            "instructions": forms.Textarea(attrs={"rows": 6}),
            "due_at": DateTimeInput(),
            "effort_minutes": forms.NumberInput(attrs={"min": 1, "max": 600, "step": 5}),
        }
        field_classes = {"due_at": dates.DateTimeField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        due_at = self.fields["due_at"]
        assert isinstance(due_at, forms.DateTimeField)
        due_at.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class SubmissionForm(VersionedForm):
    upload = forms.FileField(
        label=_("Drawing, photo or PDF"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp,.pdf"}),
    )
    remove_upload = forms.BooleanField(label=_("Remove the current file"), required=False)

    class Meta:
        model = Submission
        fields = ["form", "title", "text", "visibility"]
        widgets = {
            "form": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _("JPEG, PNG, WebP or PDF, at most %(limit)s MB.") % {
            "limit": settings.KRING_UPLOAD_MAX_MB
        }
        if not self.instance.upload:
            del self.fields["remove_upload"]
        # Radio lists without an empty choice and without a default: the member picks the
        # form and, above all, who reads it, on purpose.
        for name, choices in (
            ("form", Submission.Form.choices),
            ("visibility", Submission.Visibility.choices),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
        self.fields["form"].error_messages["required"] = _("Choose the form of your work.")
        self.fields["visibility"].error_messages["required"] = _("Choose who may read your work.")
        self.fields["form"].label = _("The form of your work")

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload:
            check_upload(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        form = data.get("form")
        has_file = bool(data.get("upload")) or (
            bool(self.instance.upload) and not data.get("remove_upload")
        )
        if "upload" in self.errors:
            return data
        if form == Submission.Form.DRAWING and not has_file:
            self.add_error("upload", ValidationError(_("Add the drawing or photo itself.")))
        elif form and form != Submission.Form.DRAWING and not (data.get("text") or "").strip():
            self.add_error("text", ValidationError(_("Write your text here.")))
        return data

    def form_choices(self) -> list[tuple[str, str, str]]:
        """The forms to choose from, each with its prompt, for a radio list with hints."""
        return [
            (value, str(label), str(FORM_PROMPTS[value]))
            for value, label in Submission.Form.choices
        ]

    def visibility_choices(self) -> list[tuple[str, str, str]]:
        return [
            (value, str(label), str(VISIBILITY_HINTS[value]))
            for value, label in Submission.Visibility.choices
        ]

    def validate_unique(self) -> None:
        # The assignment and author are not form fields; the service keeps them unique.
        pass


class JournalEntryForm(VersionedForm):
    class Meta:
        model = JournalEntry
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 14})}


class ExcerptForm(forms.ModelForm):
    class Meta:
        model = JournalExcerpt
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "text": _(
                "Only this text is shared, not your journal entry. Shorten or rephrase it as "
                "you like; you can withdraw it later."
            )
        }
