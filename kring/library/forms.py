from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.learning.models import Meeting
from kring.library import selectors
from kring.library.models import LibraryItem


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *LibraryItem.Kind.choices],
        required=False,
    )

    def filters(self) -> dict[str, str]:
        """The valid filters; a field with invalid input (an unknown kind) filters nothing."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"query": data.get("q", "").strip(), "kind": data.get("kind", "")}


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    # Links typed without a scheme are meant as https; say so now rather than in Django 6.
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class LibraryItemForm(forms.ModelForm):
    """Carries the version the editor started from, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = LibraryItem
        fields = ["kind", "title", "slug", "summary", "reference", "url"]
        formfield_callback = _formfield
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 7}),
            "reference": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            del self.fields["version"]
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Lower-case letters, digits and hyphens; left empty, it is made from the title. "
                "Cannot be changed later."
            )
        else:
            # Links to an item use its slug; changing it would break them.
            del self.fields["slug"]
            self.fields["version"].initial = self.instance.version

    def validate_unique(self) -> None:
        # The service checks the slug, also when it derives one from the title.
        pass


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class MeetingResourceForm(forms.Form):
    item = ItemChoiceField(label=_("Library item"), queryset=LibraryItem.objects.none())
    note = forms.CharField(
        label=_("Note for the group"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional: why this helps, or what to read or try before the meeting. Everyone who "
            "can see the meeting reads it, so do not mention cases."
        ),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        item = self.fields["item"]
        assert isinstance(item, ItemChoiceField)
        item.queryset = selectors.attachable_items(meeting)
        # Grouped by kind, so that a long library stays easy to scan.
        grouped: dict[str, list[tuple[int, str]]] = {}
        for library_item in item.queryset:
            label = str(LibraryItem.Kind(library_item.kind).label)
            grouped.setdefault(label, []).append((library_item.pk, library_item.title))
        item.choices = [("", "---------"), *grouped.items()]
