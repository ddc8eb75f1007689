from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst

from kring.rooms.models import Room


class RoomForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    capacity = forms.IntegerField(
        label=capfirst(Room._meta.get_field("capacity").verbose_name),
        help_text=Room._meta.get_field("capacity").help_text,
        min_value=1,
        max_value=500,
    )

    class Meta:
        model = Room
        fields = ["name", "capacity", "location", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        # Editing a room is checked against the version it was read at; a new room has none.
        self.fields["version"].required = self.instance.pk is not None
