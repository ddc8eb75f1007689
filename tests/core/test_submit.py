"""The one way a view hands a sent form to its service (kring.core.forms.submit and friends):
a valid form reaches the service, a service's objection lands on the form with the input kept,
and an edit that crossed someone else's save comes back based on their version."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from kring.core.exceptions import EditConflict
from kring.core.forms import Done, submit, submit_changes, submit_edit
from kring.core.views import act
from kring.programmes.forms import GroupForm
from kring.programmes.models import Group

pytestmark = pytest.mark.django_db


class NameForm(forms.Form):
    name = forms.CharField()
    note = forms.CharField(required=False)


def test_a_valid_form_reaches_the_service_and_its_answer_comes_back():
    form = NameForm({"name": "Anna"})
    done = submit(form, lambda data: data["name"].upper())
    assert done == Done("ANNA")
    assert not form.errors


def test_the_service_gets_a_copy_it_may_change_freely():
    form = NameForm({"name": "Anna", "note": "x"})
    submit(form, lambda data: data.pop("note"))
    assert form.cleaned_data["note"] == "x"


def test_an_unbound_form_on_a_get_gives_nothing_and_no_errors():
    called: list[Any] = []
    form = NameForm(None)
    assert submit(form, called.append) is None
    assert called == []
    assert not form.errors


def test_invalid_input_never_reaches_the_service():
    called: list[Any] = []
    form = NameForm({"name": ""})
    assert submit(form, called.append) is None
    assert called == []
    assert "name" in form.errors


def test_the_service_objection_lands_on_the_field_it_names_and_the_input_stays():
    def refuse(data: dict[str, Any]) -> None:
        raise ValidationError({"name": "This name is taken.", "elsewhere": "Not a field."})

    form = NameForm({"name": "Anna"})
    assert submit(form, refuse) is None
    assert form.errors["name"] == ["This name is taken."]
    assert form.non_field_errors() == ["Not a field."]
    assert form["name"].value() == "Anna"


def test_a_service_answer_of_none_still_counts_as_done():
    done = submit(NameForm({"name": "Anna"}), lambda data: None)
    assert done is not None
    assert done.value is None


def test_an_edit_conflict_is_not_swallowed_by_plain_submit():
    def conflict(data: dict[str, Any]) -> None:
        raise EditConflict

    with pytest.raises(EditConflict):
        submit(NameForm({"name": "Anna"}), conflict)


def test_submit_edit_gives_the_rebased_form_after_a_conflict():
    def conflict(data: dict[str, Any]) -> None:
        raise EditConflict

    form = NameForm({"name": "Anna"})
    rebased = NameForm({"name": "Anna"})
    edit = submit_edit(form, conflict, on_conflict=lambda: (rebased, ["saved meanwhile"]))
    assert edit.done is None
    assert edit.conflict
    assert edit.form is rebased
    assert edit.saved_meanwhile == ["saved meanwhile"]


def test_submit_edit_without_a_conflict_keeps_the_form():
    form = NameForm({"name": "Anna"})
    edit = submit_edit(form, lambda data: 1, on_conflict=lambda: (NameForm(), []))
    assert edit.done == Done(1)
    assert edit.form is form
    assert not edit.conflict


def _group_form(group: Group, name: str, version: int) -> GroupForm:
    data = {"name": name, "kind": group.kind, "description": "", "version": version}
    return GroupForm(data, instance=group)


def test_submit_changes_passes_the_version_apart(world):
    group = world.group_a
    seen: dict[str, Any] = {}
    edit = submit_changes(
        _group_form(group, "Renamed", group.version), lambda **data: seen.update(data)
    )
    assert edit.done is not None
    assert seen["expected_version"] == group.version
    assert seen["name"] == "Renamed"
    assert "version" not in {k for k in seen if k != "expected_version"}


def test_submit_changes_rebases_on_the_record_as_saved_now(world):
    group = world.group_a
    stale = group.version
    Group.objects.filter(pk=group.pk).update(name="Saved meanwhile", version=stale + 1)

    def update(**data: Any) -> None:
        raise EditConflict

    edit = submit_changes(_group_form(group, "Mine", stale), update)
    assert edit.conflict
    assert edit.form["version"].value() == str(stale + 1)
    assert edit.form["name"].value() == "Mine"
    assert any(value == "Saved meanwhile" for _label, value in edit.saved_meanwhile)
    assert edit.form.non_field_errors()


def _request_with_messages() -> Any:
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_button_that_went_through_says_so():
    request = _request_with_messages()
    assert act(request, lambda: None, success="Done.")
    assert [str(m) for m in get_messages(request)] == ["Done."]


def test_a_button_the_service_refused_says_why_and_nothing_else():
    def refuse() -> None:
        raise ValidationError("Already withdrawn.")

    request = _request_with_messages()
    assert not act(request, refuse, success="Done.")
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [
        ("error", "Already withdrawn.")
    ]
