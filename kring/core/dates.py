"""Which dates Kring accepts: one rule for every place a date comes in (forms, services),
so that nobody can store a date that breaks pages for others (9999-12-31 cannot be shown
in local time; 0001-01-01 cannot be stored in UTC).

What a date means decides its span:

- ``PLANNED``: something planned or recorded around now (a meeting, a due date, a period
  away, a pool's closing day, the first meeting of a series): from a year back to five years
  ahead. A year back leaves room to record what happened; five years is longer than any
  cycle or trajectory is planned ahead.
- ``PROGRAMME``: a programme's start and end: a trajectory may have started years before it
  was entered in Kring and may be agreed for years, so ten years either way.

Readers use ``readable`` for what was stored before these rules existed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class DateSpan:
    years_back: int
    years_ahead: int

    def bounds(self, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
        today = today or timezone.localdate()
        return _years_from(today, -self.years_back), _years_from(today, self.years_ahead)


PLANNED = DateSpan(years_back=1, years_ahead=5)
PROGRAMME = DateSpan(years_back=10, years_ahead=10)


def _years_from(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _day(value: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def date_error(
    value: datetime.date | None,
    span: DateSpan = PLANNED,
    *,
    today: datetime.date | None = None,
) -> str | None:
    """Why ``value`` (a date or an aware moment) is refused, or None when it is fine."""
    if value is None:
        return None
    first, last = span.bounds(today)
    try:
        day = _day(value)
    except (OverflowError, ValueError):
        day = None
    if day is not None and first <= day <= last:
        return None
    return _("Choose a date between %(first)s and %(last)s.") % {
        "first": date_format(first),
        "last": date_format(last),
    }


def check_dates(span: DateSpan = PLANNED, **values: datetime.date | None) -> None:
    """Raise ValidationError naming each field whose date lies outside ``span`` (services)."""
    errors = {name: error for name, value in values.items() if (error := date_error(value, span))}
    if errors:
        raise ValidationError(errors, code="date_out_of_range")


def check_changed_dates(
    obj: Any, changes: dict[str, Any], names: tuple[str, ...], span: DateSpan = PLANNED
) -> None:
    """``check_dates`` for the named dates an edit changes: a date stored earlier (a meeting
    two years ago) does not stop an edit of something else."""
    check_dates(
        span,
        **{
            name: changes[name]
            for name in names
            if name in changes and changes[name] != getattr(obj, name)
        },
    )


@deconstructible
class DateSpanValidator:
    """The same rule as a form field validator."""

    def __init__(self, span: DateSpan = PLANNED) -> None:
        self.span = span

    def __call__(self, value: datetime.date | None) -> None:
        error = date_error(value, self.span)
        if error:
            raise ValidationError(error, code="date_out_of_range")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateSpanValidator) and other.span == self.span


INVALID_DATE = gettext_lazy("Enter a valid date.")


class DateField(forms.DateField):
    """A date within ``span`` (in a ModelForm: ``Meta.field_classes``)."""

    span = PLANNED

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(DateSpanValidator(self.span))


class ProgrammeDateField(DateField):
    span = PROGRAMME


class DateTimeField(forms.DateTimeField):
    """A moment within ``span``. A date so far off that it has no local time (0001-01-01
    before UTC, 9999-12-31 after it) is an invalid date, not a server error."""

    span = PLANNED

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(DateSpanValidator(self.span))

    def to_python(self, value: Any) -> datetime.datetime | None:
        try:
            return super().to_python(value)
        except OverflowError as error:
            raise ValidationError(INVALID_DATE, code="invalid") from error


# Moments that can be shown in any local time and have a day or two added: everything but
# what was stored in the years 1 and 9999 before dates were checked.
READABLE_FROM = datetime.datetime(1, 1, 3, tzinfo=datetime.UTC)
READABLE_UNTIL = datetime.datetime(9999, 12, 29, tzinfo=datetime.UTC)


def readable(moment: datetime.datetime | None) -> bool:
    """Whether a stored moment can be shown and calculated with (see ``READABLE_FROM``)."""
    return moment is not None and READABLE_FROM <= moment <= READABLE_UNTIL
