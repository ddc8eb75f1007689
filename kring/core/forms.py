from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kring.core.exceptions import EditConflict

if TYPE_CHECKING:  # a development dependency only
    from django_stubs_ext import StrOrPromise


# The widest whole number any supported database stores in a key (64 bits, signed).
KEY_RANGE = (-(2**63), 2**63 - 1)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field for choosing several records, used by every Kring form instead of it:
    each submitted value must look like a key (a whole number the database can hold) before
    the database is asked, so a huge number or text is an invalid choice with a message,
    never a server error. (A single choice needs no guard: Django answers an impossible key
    there with "not found".)"""

    default_error_messages = {
        "invalid_choice": _(
            "Choose from the list: one of your choices is not (or no longer) in it."
        ),
        "invalid_pk_value": _(
            "Choose from the list: one of your choices is not (or no longer) in it."
        ),
    }

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple) and self.queryset is not None:
            meta = self.queryset.model._meta
            key = meta.pk if self.to_field_name is None else meta.get_field(self.to_field_name)
            if isinstance(key, models.IntegerField):
                for item in value:
                    self._check_key(item)
        return super().clean(value)

    def _check_key(self, item: Any) -> None:
        try:
            number = int(str(item).strip())
        except ValueError:
            number = None
        if number is None or not KEY_RANGE[0] <= number <= KEY_RANGE[1]:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": item},
            )


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names when the form has
    that field, otherwise at the top. The user's input stays in the form."""
    if hasattr(error, "error_dict"):
        for field_name, field_errors in error.error_dict.items():
            target = field_name if field_name in form.fields else None
            for item in field_errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)


F = TypeVar("F", bound=forms.ModelForm)
FormT = TypeVar("FormT", bound=forms.BaseForm)

CONFLICT_MESSAGE = _(
    "Someone else saved this while you were editing it. Nothing has been overwritten. Your "
    "changes are still in the form; what was saved in the meantime is shown beside it. Save "
    "again to replace it with your version, or cancel to keep theirs."
)


def _display(instance: Model, name: str) -> str:
    getter = getattr(instance, f"get_{name}_display", None)
    value = getter() if callable(getter) else getattr(instance, name, None)
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.date):
        return date_format(value)
    return str(value)


def rebase_on_conflict(
    form: FormT,
    *,
    versions: Mapping[str, object],
    message: StrOrPromise = CONFLICT_MESSAGE,
    **form_kwargs: Any,
) -> FormT:
    """After an EditConflict: the same input the person typed, now based on the version(s)
    saved in the meantime (``versions`` names the hidden fields that carry them), with
    ``message`` explaining that nothing was overwritten. Nothing typed is lost, and saving it
    again is a deliberate choice to replace what the other person saved."""
    data = form.data.copy()  # type: ignore[attr-defined]
    for name, value in versions.items():
        data[name] = "" if value is None else str(value)
    rebased: FormT = form.__class__(data, **form_kwargs)
    rebased.is_valid()
    rebased.add_error(None, message)
    return rebased


def conflict_form(form: F, fresh: Model) -> tuple[F, list[tuple[str, str]]]:
    """After an edit conflict: the same input, now based on the version saved in the meantime,
    with that version's values to compare. Saving it again is a deliberate choice."""
    saved = [
        (str(field.label), _display(fresh, name))
        for name, field in form.fields.items()
        if name != "version"
    ]
    rebased = rebase_on_conflict(
        form,
        versions={"version": fresh.version},  # type: ignore[attr-defined]
        instance=fresh,
    )
    return rebased, saved


T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """A sent form that its service accepted; ``value`` is what the service returned."""

    value: T


def submit(form: forms.BaseForm, service: Callable[[dict[str, Any]], T]) -> Done[T] | None:
    """The one way a view hands a sent form to its service. When ``form`` is bound and valid,
    ``service`` gets a copy of its cleaned data (to pop from freely). Its answer comes back as
    ``Done``; a ValidationError it raises is shown on the form (``apply_validation_error``).
    None means: show the form again, with its errors and the user's input (an unbound form,
    on a GET, gives None too and gets no errors)."""
    if not form.is_valid():
        return None
    try:
        value = service(dict(form.cleaned_data))
    except ValidationError as error:
        apply_validation_error(form, error)
        return None
    return Done(value)


@dataclass(frozen=True)
class Edit(Generic[FormT, T]):
    """What became of a sent edit form: ``done`` as from ``submit``, or the ``form`` to show
    again: the same one with its errors, or after an edit conflict the rebased one, with
    ``saved_meanwhile`` what the other person saved."""

    form: FormT
    done: Done[T] | None = None
    saved_meanwhile: list[Any] = field(default_factory=list)
    conflict: bool = False


def submit_edit(
    form: FormT,
    service: Callable[[dict[str, Any]], T],
    *,
    on_conflict: Callable[[], tuple[FormT, list[Any]]],
) -> Edit[FormT, T]:
    """``submit`` for a form that changes something saved with optimistic locking. When the
    service finds that someone else saved in the meantime (EditConflict), ``on_conflict``
    gives the form rebased on their version and what they saved (``conflict_form``, or
    ``rebase_on_conflict`` with nothing beside it), so nothing typed is lost."""
    try:
        done = submit(form, service)
    except EditConflict:
        rebased, saved = on_conflict()
        return Edit(rebased, saved_meanwhile=saved, conflict=True)
    return Edit(form, done)


def submit_changes(form: F, update: Callable[..., T]) -> Edit[F, T]:
    """``submit_edit`` for the common case: a ModelForm with a ``version`` field that changes
    its ``instance``. ``update`` gets ``expected_version`` and the other fields as keyword
    arguments; after a conflict the form is based on the record as saved now, with its values
    beside it (``conflict_form``)."""
    instance = form.instance
    return submit_edit(
        form,
        lambda data: update(expected_version=data.pop("version"), **data),
        on_conflict=lambda: conflict_form(
            form, type(instance)._default_manager.get(pk=instance.pk)
        ),
    )
