"""Scoring the learning profile: answers in, a profile of eight scale scores (0–100) out.

A scale's score is the mean of its items on the 1–5 answer scale, after reverse-keyed items
are turned around (5 becomes 1), stretched to 0–100: all "strongly disagree" is 0, all
"neutral" is 50, all "strongly agree" is 100. With four items per scale one answer step on one
item moves the score by 6.25 points, and the thresholds below are counted in those steps, so
that the reading never hangs on less than one changed answer.

Pure Python: no Django imports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kring.profiles.instrument import (
    HIGHEST,
    ITEM_BY_CODE,
    ITEMS,
    LOWEST,
    SCALE_BY_CODE,
    SCALES,
    Kind,
    Scale,
    items_of,
    scales_of,
)

STEP = 100 / ((HIGHEST - LOWEST) * 4)  # one answer step on one of four items: 6.25 points
# Scales within one step of the highest count as leading together: a tie, not a ranking.
CLOSE = STEP
# A kind whose scales all lie within two steps of each other is flat: no preference stands out.
FLAT_SPREAD = 2 * STEP
# One scale at least three steps above all others is dominant.
DOMINANT_GAP = 3 * STEP
# Bands for a score or a kind's mean: an average answer of 3.5 or more is high, 2.5 or less
# is low.
HIGH_FROM = 62.5
LOW_UNTIL = 37.5


class AnswerError(ValueError):
    """The answers cannot be scored."""


class IncompleteAnswers(AnswerError):
    def __init__(self, missing: Sequence[str]) -> None:
        self.missing = tuple(missing)
        super().__init__(f"{len(self.missing)} statement(s) without an answer")


class InvalidAnswers(AnswerError):
    def __init__(self, problems: Mapping[str, object]) -> None:
        self.problems = dict(problems)
        super().__init__(f"invalid answers for {sorted(self.problems)}")


class Shape(StrEnum):
    DOMINANT = "dominant"  # one scale clearly above the rest
    FLAT = "flat"  # all scales close together
    SPREAD = "spread"  # some lead, some trail


class Band(StrEnum):
    HIGH = "high"
    MIDDLE = "middle"
    LOW = "low"


def band(score: float) -> Band:
    if score >= HIGH_FROM:
        return Band.HIGH
    if score <= LOW_UNTIL:
        return Band.LOW
    return Band.MIDDLE


def check_answers(answers: Mapping[str, object], *, complete: bool) -> dict[str, int]:
    """The answers as ``{item code: 1..5}``. Unknown items and values outside the scale are
    refused (``InvalidAnswers``); with ``complete``, so is any statement left unanswered
    (``IncompleteAnswers``). A part-way answer set may leave statements open."""
    problems: dict[str, object] = {}
    clean: dict[str, int] = {}
    for code, value in answers.items():
        if code not in ITEM_BY_CODE:
            problems[code] = value
            continue
        # bool is an int in Python; True is not an answer.
        if isinstance(value, bool) or not isinstance(value, int) or not LOWEST <= value <= HIGHEST:
            problems[code] = value
        else:
            clean[code] = value
    if problems:
        raise InvalidAnswers(problems)
    if complete:
        missing = [item.code for item in ITEMS if item.code not in clean]
        if missing:
            raise IncompleteAnswers(missing)
    return clean


def keyed(item_code: str, value: int) -> int:
    """The answer as it counts for the item's scale: reverse-keyed items turned around."""
    if ITEM_BY_CODE[item_code].reverse:
        return LOWEST + HIGHEST - value
    return value


def scale_score(values: Sequence[int]) -> float:
    """Keyed answers of one scale → 0..100."""
    if not values:
        raise ValueError("a scale needs at least one answer")
    mean = sum(values) / len(values)
    return (mean - LOWEST) / (HIGHEST - LOWEST) * 100


@dataclass(frozen=True)
class ScaleScore:
    scale: Scale
    score: float

    @property
    def rounded(self) -> int:
        """Half up, as people round: 12.5 shows as 13 (Python's round() would give 12)."""
        return int(self.score + 0.5)

    @property
    def band(self) -> Band:
        return band(self.score)


@dataclass(frozen=True)
class Pattern:
    """How the scales of one kind relate to each other."""

    kind: Kind
    ranked: tuple[ScaleScore, ...]  # highest first; equal scores keep the instrument's order
    shape: Shape
    level: Band  # of the kind's mean score
    leading: tuple[ScaleScore, ...]  # the highest, and any within one answer step of it
    trailing: tuple[ScaleScore, ...]  # the lowest and any close to it; empty when flat

    @property
    def spread(self) -> float:
        return self.ranked[0].score - self.ranked[-1].score


@dataclass(frozen=True)
class Profile:
    """Eight scale scores, 0..100."""

    scores: Mapping[str, float]

    def __post_init__(self) -> None:
        if set(self.scores) != set(SCALE_BY_CODE):
            raise ValueError(f"a profile needs a score for each of {sorted(SCALE_BY_CODE)}")

    def score_of(self, scale_code: str) -> ScaleScore:
        return ScaleScore(SCALE_BY_CODE[scale_code], float(self.scores[scale_code]))

    def all(self) -> tuple[ScaleScore, ...]:
        return tuple(self.score_of(scale.code) for scale in SCALES)

    def of_kind(self, kind: Kind) -> tuple[ScaleScore, ...]:
        return tuple(self.score_of(scale.code) for scale in scales_of(kind))

    def pattern(self, kind: Kind) -> Pattern:
        scores = self.of_kind(kind)
        # sorted() is stable: equal scores stay in the instrument's order.
        ranked = tuple(sorted(scores, key=lambda s: -s.score))
        top, bottom = ranked[0].score, ranked[-1].score
        leading = tuple(s for s in ranked if top - s.score <= CLOSE)
        if top - bottom <= FLAT_SPREAD:
            shape = Shape.FLAT
        elif len(leading) == 1 and top - ranked[1].score >= DOMINANT_GAP:
            shape = Shape.DOMINANT
        else:
            shape = Shape.SPREAD
        trailing = (
            ()
            if shape == Shape.FLAT
            else tuple(s for s in ranked if s.score - bottom <= CLOSE and s not in leading)
        )
        mean = sum(s.score for s in scores) / len(scores)
        return Pattern(
            kind=kind,
            ranked=ranked,
            shape=shape,
            level=band(mean),
            leading=leading,
            trailing=trailing,
        )


def score_answers(answers: Mapping[str, object]) -> Profile:
    """Score a complete set of answers; refuses incomplete or invalid ones."""
    clean = check_answers(answers, complete=True)
    return Profile(
        {
            scale.code: scale_score([keyed(i.code, clean[i.code]) for i in items_of(scale.code)])
            for scale in SCALES
        }
    )


@dataclass(frozen=True)
class Distribution:
    """How one scale's scores spread over a set of people (a pool)."""

    scale: Scale
    scores: tuple[float, ...]

    @property
    def count(self) -> int:
        return len(self.scores)

    @property
    def mean(self) -> int | None:
        if not self.scores:
            return None
        return int(sum(self.scores) / len(self.scores) + 0.5)

    @property
    def lowest(self) -> int | None:
        return int(min(self.scores) + 0.5) if self.scores else None

    @property
    def highest(self) -> int | None:
        return int(max(self.scores) + 0.5) if self.scores else None

    def in_band(self, which: Band) -> int:
        return sum(1 for score in self.scores if band(score) == which)

    @property
    def high(self) -> int:
        return self.in_band(Band.HIGH)

    @property
    def middle(self) -> int:
        return self.in_band(Band.MIDDLE)

    @property
    def low(self) -> int:
        return self.in_band(Band.LOW)


def distributions(profiles: Sequence[Profile]) -> tuple[Distribution, ...]:
    """Per scale, in the instrument's order, the scores of all ``profiles``."""
    return tuple(
        Distribution(scale, tuple(float(p.scores[scale.code]) for p in profiles))
        for scale in SCALES
    )
