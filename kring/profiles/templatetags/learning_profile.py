"""Template helpers for learning profiles: bilingual instrument texts, and the shapes that
``profiles/_pool_profiles.html`` draws for a pool."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kring.accounts.models import User
from kring.profiles import charts
from kring.profiles.instrument import Text
from kring.profiles.scoring import Pattern, Shape, distributions
from kring.profiles.selectors import ProfileSummary

register = template.Library()


@register.filter
def local(text: Text) -> str:
    """An instrument text (scale name, description) in the current language."""
    return text.in_language(get_language())


@dataclass(frozen=True)
class PoolRow:
    person: User
    summary: ProfileSummary
    chart: charts.MiniChart
    leading_preferences: str
    leading_habits: str


@dataclass(frozen=True)
class PoolOverview:
    """The spread (``strips``) and the counts cover the whole pool; ``rows`` and ``missing``
    only the people shown, when a page of the pool is shown."""

    rows: tuple[PoolRow, ...]
    missing: tuple[Any, ...]
    strips: charts.StripChart | None
    filled: int = 0
    missing_count: int = 0
    partial: bool = False


def _leading(pattern: Pattern, language: str | None) -> str:
    if pattern.shape == Shape.FLAT:
        return _("No clear lead")
    return ", ".join(s.scale.name.in_language(language) for s in pattern.leading)


@register.simple_tag
def pool_overview(
    rows: Iterable[tuple[Any, ProfileSummary | None]], shown: Collection[int] | None = None
) -> PoolOverview:
    """``rows`` as the pool page passes them: (person, summary or None) pairs for the whole
    pool; ``shown``, when given, the ids of the people whose own lines are shown (a page of a
    large pool)."""
    if isinstance(shown, str):  # not passed: the template engine hands over ""
        shown = None
    language = get_language()
    filled = []
    missing = []
    summaries = []
    pairs = list(rows)
    for person, summary in pairs:
        if summary is not None:
            summaries.append(summary)
        if shown is not None and person.pk not in shown:
            continue
        if summary is None:
            missing.append(person)
            continue
        filled.append(
            PoolRow(
                person=person,
                summary=summary,
                chart=charts.mini_chart(summary.profile),
                leading_preferences=_leading(summary.preferences, language),
                leading_habits=_leading(summary.habits, language),
            )
        )
    strips = (
        charts.strip_chart(distributions([summary.profile for summary in summaries]))
        if summaries
        else None
    )
    return PoolOverview(
        rows=tuple(filled),
        missing=tuple(missing),
        strips=strips,
        filled=len(summaries),
        missing_count=len(pairs) - len(summaries),
        partial=shown is not None,
    )
