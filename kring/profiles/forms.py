from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kring.profiles.instrument import ANSWER_OPTIONS, ITEMS, PARTS, Item, Part


class QuestionnaireForm(forms.Form):
    """One field per statement, named by the item's code. Every field is optional here:
    saving part way is allowed, and whether the questionnaire is complete is the service's
    rule (it reports the open statements, which the view marks on this form)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language()
        choices = [(value, text.in_language(language)) for value, text in ANSWER_OPTIONS]
        for item in ITEMS:
            self.fields[item.code] = forms.TypedChoiceField(
                label=item.text.in_language(language),
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the five answers.")},
            )

    def answers(self) -> dict[str, int]:
        """The statements answered in this request."""
        return {code: value for code, value in self.cleaned_data.items() if value is not None}

    def mark_open(self, codes: tuple[str, ...]) -> None:
        for code in codes:
            self.add_error(code, _("Choose the answer that fits you best."))

    def parts(self) -> list[dict[str, Any]]:
        """The page's parts with their numbered statements, for the template."""
        language = get_language()
        number = 0
        result = []
        for part in PARTS:
            rows = []
            for item in part.items:
                number += 1
                rows.append({"number": number, "item": item, "field": self[item.code]})
            result.append(_part(part, rows, language))
        return result


def _part(part: Part, rows: list[dict[str, Any]], language: str | None) -> dict[str, Any]:
    return {
        "kind": part.kind.value,
        "title": part.title.in_language(language),
        "intro": part.intro.in_language(language),
        "rows": rows,
    }


def item_numbers() -> dict[str, int]:
    """The number each statement has on the page."""
    items: list[Item] = [item for part in PARTS for item in part.items]
    return {item.code: number for number, item in enumerate(items, start=1)}
