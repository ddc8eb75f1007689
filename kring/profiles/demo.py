"""Demo learning profiles: most participants of the demo trajectory have filled in the
questionnaire, so that a formation pool shows a spread; deelnemer1 and the facilitators have
not, so that the questionnaire itself can be tried."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kring.accounts.models import User
from kring.profiles.instrument import INSTRUMENT_VERSION, ITEMS
from kring.profiles.models import LearningProfile
from kring.profiles.scoring import score_answers

# Per person the level (1..5) of each scale, in the order participating, discovering,
# watching, knowledge, practising | interaction, reflection, reproduction.
LEVELS: dict[str, tuple[int, ...]] = {
    "deelnemer2": (5, 4, 4, 2, 2, 4, 4, 2),
    "deelnemer3": (3, 5, 3, 4, 2, 5, 3, 2),
    "deelnemer4": (4, 3, 5, 3, 3, 3, 4, 3),
    "deelnemer5": (2, 3, 3, 5, 4, 2, 4, 5),
    "deelnemer6": (4, 4, 4, 4, 4, 4, 4, 4),
    "deelnemer7": (3, 2, 4, 3, 5, 3, 2, 5),
    "deelnemer8": (4, 5, 3, 2, 2, 5, 4, 1),
    "deelnemer9": (3, 3, 2, 4, 3, 3, 5, 3),
}
# Real answers are not uniform within a scale: nudge some statements up or down.
NUDGE = (0, 1, 0, -1)
SCALE_ORDER = (
    "participating",
    "discovering",
    "watching",
    "knowledge",
    "practising",
    "interaction",
    "reflection",
    "reproduction",
)


def _answers(levels: tuple[int, ...], seed: int) -> dict[str, int]:
    by_scale = dict(zip(SCALE_ORDER, levels, strict=True))
    answers = {}
    for position, item in enumerate(ITEMS):
        level = min(5, max(1, by_scale[item.scale] + NUDGE[(position + seed) % len(NUDGE)]))
        answers[item.code] = 6 - level if item.reverse else level
    return answers


def _completed(person: User, answers: dict[str, int], moment: datetime.datetime) -> None:
    """A questionnaire filled in at ``moment``, scored as Kring scores it."""
    LearningProfile.objects.create(
        person=person,
        instrument_version=INSTRUMENT_VERSION,
        answers=answers,
        scores=dict(score_answers(answers).scores),
        started_at=moment,
        updated_at=moment,
        completed_at=moment,
    )


def load_profiles_demo(*, people: dict[str, User]) -> None:
    now = timezone.now()
    for seed, (key, levels) in enumerate(LEVELS.items()):
        _completed(
            people[key], _answers(levels, seed), now - datetime.timedelta(days=20 + 3 * seed)
        )
    # deelnemer2 filled it in once before: an earlier result kept with its date.
    earlier = _answers((4, 3, 4, 3, 3, 3, 3, 3), 7)
    _completed(people["deelnemer2"], earlier, now - datetime.timedelta(days=250))


def load_pool_profiles_demo() -> None:
    """Most of the colleagues in the demo pool filled in the questionnaire too (every fifth
    did not), so that the facilitators forming groups see a realistic spread."""
    import random

    now = timezone.now()
    people = User.objects.filter(email__regex=r"^pool\d\d@demo\.kring$").order_by("email")
    for number, person in enumerate(people, start=1):
        if number % 5 == 0:
            continue
        pick = random.Random(number)
        levels = tuple(pick.choice((2, 3, 3, 4, 4, 5)) for _ in SCALE_ORDER)
        _completed(person, _answers(levels, number), now - datetime.timedelta(days=5 + number))
