"""The shared form fields that keep bad input from becoming a server error."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.utils import translation

import kring
from kring.core.forms import ModelMultipleChoiceField
from kring.programmes.models import Group

pytestmark = pytest.mark.django_db


def _all_form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(kring.__path__, "kring."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    pending: list[type] = [forms.BaseForm]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("kring."):
                found.append(sub)
    return found


def test_every_choice_of_several_records_uses_the_safe_field():
    classes = _all_form_classes()
    assert len(classes) > 30
    plain = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, forms.ModelMultipleChoiceField)
        and not isinstance(field, ModelMultipleChoiceField)
    ]
    assert plain == []


@pytest.mark.parametrize("value", ["9" * 30, "-" + "9" * 30, "abc", "", "1.5", str(2**63)])
def test_a_value_that_cannot_be_a_key_is_an_invalid_choice(world, value):
    field = ModelMultipleChoiceField(queryset=Group.objects.all())
    with pytest.raises(forms.ValidationError) as raised:
        field.clean([str(world.group_a.pk), value])
    assert raised.value.code == "invalid_choice"
    assert field.clean([str(world.group_a.pk)]).get() == world.group_a


def test_an_empty_choice_says_choose_in_the_readers_language(world):
    """Django's "---------" means nothing to a reader: wherever Django offers it (a foreign
    key, a model's choices, a choice field), the page says "— kies —"."""

    class Example(forms.ModelForm):
        class Meta:
            model = Group
            fields = ["programme", "kind"]

    class Plain(forms.Form):
        group = forms.ModelChoiceField(queryset=Group.objects.all(), required=False)

    with translation.override("nl"):
        html = str(Example()) + str(Plain())
    assert "---------" not in html
    assert html.count("— kies —") == 3
    with translation.override("en"):
        assert "— choose —" in str(Plain())
