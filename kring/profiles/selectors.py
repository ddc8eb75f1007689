"""Reads of learning profiles.

``my_*`` selectors read the signed-in person's own profiles. ``profile_summaries`` is for a
group-formation pool (kring.formation): it does not check permissions itself, so its caller
must already have decided, through kring.access, that the reader may see the pool. Profiles
reach other people through a pool their owner joined, and in no other way.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from kring.accounts.models import User
from kring.profiles.instrument import Kind
from kring.profiles.models import LearningProfile
from kring.profiles.scoring import Pattern, Profile, ScaleScore


def my_current_profile(person: User) -> LearningProfile | None:
    """The latest completed questionnaire: the person's current learning profile."""
    return (
        LearningProfile.objects.filter(person=person, completed_at__isnull=False)
        .order_by("-completed_at", "-id")
        .first()
    )


def my_questionnaire_in_progress(person: User) -> LearningProfile | None:
    return LearningProfile.objects.filter(person=person, completed_at__isnull=True).first()


def my_profile_history(person: User) -> list[LearningProfile]:
    """Every completed questionnaire, newest first, without the answers (not shown)."""
    return list(
        LearningProfile.objects.filter(person=person, completed_at__isnull=False)
        .defer("answers")
        .order_by("-completed_at", "-id")
    )


@dataclass(frozen=True)
class ProfileSummary:
    """Someone's current learning profile, as a pool shows it: the eight scores and what
    leads, without the answers."""

    person_id: int
    completed_at: datetime.datetime
    profile: Profile

    @property
    def scores(self) -> tuple[ScaleScore, ...]:
        return self.profile.all()

    @property
    def preferences(self) -> Pattern:
        return self.profile.pattern(Kind.PREFERENCE)

    @property
    def habits(self) -> Pattern:
        return self.profile.pattern(Kind.HABIT)


def profile_summaries(user_ids: Iterable[int]) -> dict[int, ProfileSummary]:
    """The current (latest completed) learning profile of each of ``user_ids`` that has one,
    by person id, in one query. People without a completed profile are left out."""
    ids = set(user_ids)
    if not ids:
        return {}
    latest = (
        LearningProfile.objects.filter(person=OuterRef("person"), completed_at__isnull=False)
        .order_by("-completed_at", "-id")
        .values("pk")[:1]
    )
    rows = LearningProfile.objects.filter(
        person_id__in=ids, completed_at__isnull=False, pk=Subquery(latest)
    ).values_list("person_id", "completed_at", "scores")
    return {
        person_id: ProfileSummary(person_id, completed_at, Profile(scores))
        for person_id, completed_at, scores in rows
        if completed_at is not None  # always so (filtered above); for the type checker
    }
