"""Answer sets and stored profiles for the learning-profile tests."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kring.accounts.models import User
from kring.profiles.instrument import INSTRUMENT_VERSION, ITEMS, SCALES
from kring.profiles.models import LearningProfile
from kring.profiles.scoring import score_answers


def answers_for(**levels: int) -> dict[str, int]:
    """Answers that put each named scale at ``level`` (1..5, as if every statement of it were
    answered ``level``, reverse-keyed ones turned around); unnamed scales at 3 (score 50)."""
    result = {}
    for item in ITEMS:
        level = levels.get(item.scale, 3)
        result[item.code] = 6 - level if item.reverse else level
    return result


def scores_for(**levels: float) -> dict[str, float]:
    """A full set of scale scores (0..100); unnamed scales at 50."""
    return {scale.code: float(levels.get(scale.code, 50.0)) for scale in SCALES}


def completed_profile(person: User, *, days_ago: int = 0, **levels: int) -> LearningProfile:
    answers = answers_for(**levels)
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    return LearningProfile.objects.create(
        person=person,
        instrument_version=INSTRUMENT_VERSION,
        answers=answers,
        scores=dict(score_answers(answers).scores),
        started_at=moment,
        updated_at=moment,
        completed_at=moment,
    )


def post_data(answers: dict[str, int], action: str = "finish") -> dict[str, str]:
    return {**{code: str(value) for code, value in answers.items()}, "action": action}
