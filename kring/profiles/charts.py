"""Geometry of the learning-profile charts, drawn by the templates as inline SVG.

Nothing here knows about colours or fonts: the templates give every shape a class and
kring.css styles it (the CSP forbids style attributes). The numbers are in SVG user units; the
profile chart's view box is 320 wide, so on a 390 px phone it is drawn at about its own size
and its 15-unit text stays legible, and on a desktop it is capped by CSS.

Pure Python: no Django imports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kring.profiles.instrument import SCALES, Kind
from kring.profiles.scoring import STEP, Distribution, Profile

# --- One person's profile: horizontal bars, grouped by kind ------------------------------------

WIDTH = 320
BAR_X = 4  # room for the 0-line and its label
TRACK = 252  # 0..100 drawn over this many units
TITLE_HEIGHT = 30
ROW_HEIGHT = 46
BAR_HEIGHT = 16
AXIS_HEIGHT = 26
GAP = 14
TICKS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Bar:
    code: str
    label: str
    description: str
    score: int  # 0..100, rounded
    label_y: int
    bar_y: int
    width: float  # of the filled part
    value_x: float  # where the score is written
    grid_top: int  # gridlines run along the bar only, never through the labels
    grid_bottom: int


@dataclass(frozen=True)
class Tick:
    value: int
    x: float
    anchor: str  # SVG text-anchor


@dataclass(frozen=True)
class Section:
    kind: str
    title: str
    title_y: int
    bars: tuple[Bar, ...]
    tick_y: int


@dataclass(frozen=True)
class ProfileChart:
    width: int
    height: int
    bar_x: int
    track: int
    bar_height: int
    ticks: tuple[Tick, ...]
    sections: tuple[Section, ...]


def _x(score: float) -> float:
    return BAR_X + TRACK * score / 100


def _ticks() -> tuple[Tick, ...]:
    anchors = {0: "start", 100: "end"}
    return tuple(Tick(v, round(_x(v), 2), anchors.get(v, "middle")) for v in TICKS)


def profile_chart(
    profile: Profile, *, language: str | None, titles: Mapping[Kind, str]
) -> ProfileChart:
    """Two sections (preferences, habits), one labelled bar per scale, a 0–100 axis each."""
    sections = []
    y = 0
    for kind in (Kind.PREFERENCE, Kind.HABIT):
        title_y = y + 18
        y += TITLE_HEIGHT
        bars = []
        for score in profile.of_kind(kind):
            bars.append(
                Bar(
                    code=score.scale.code,
                    label=score.scale.name.in_language(language),
                    description=score.scale.description.in_language(language),
                    score=score.rounded,
                    label_y=y + 15,
                    bar_y=y + 22,
                    width=round(TRACK * score.score / 100, 2),
                    value_x=BAR_X + TRACK + 8,
                    grid_top=y + 19,
                    grid_bottom=y + 22 + BAR_HEIGHT + 3,
                )
            )
            y += ROW_HEIGHT
        sections.append(
            Section(
                kind=kind.value,
                title=titles[kind],
                title_y=title_y,
                bars=tuple(bars),
                tick_y=y + 16,
            )
        )
        y += AXIS_HEIGHT + GAP
    return ProfileChart(
        width=WIDTH,
        height=y - GAP,
        bar_x=BAR_X,
        track=TRACK,
        bar_height=BAR_HEIGHT,
        ticks=_ticks(),
        sections=tuple(sections),
    )


# --- A pool: a small bar set per person, and a dot strip per scale ------------------------------

MINI_BAR = 7
MINI_GAP = 2
MINI_KIND_GAP = 6
MINI_HEIGHT = 28


@dataclass(frozen=True)
class MiniBar:
    code: str
    kind: str
    x: int
    y: float
    height: float


@dataclass(frozen=True)
class MiniChart:
    width: int
    height: int
    bars: tuple[MiniBar, ...]


def mini_chart(profile: Profile) -> MiniChart:
    """Eight thin columns (five preferences, a gap, three habits) for a table cell."""
    bars = []
    x = 0
    previous_kind = SCALES[0].kind
    for scale in SCALES:
        if scale.kind != previous_kind:
            x += MINI_KIND_GAP - MINI_GAP
            previous_kind = scale.kind
        # A score of 0 still shows a sliver, so the column is visibly there.
        height = max(1.0, round(MINI_HEIGHT * float(profile.scores[scale.code]) / 100, 2))
        bars.append(MiniBar(scale.code, scale.kind.value, x, MINI_HEIGHT - height, height))
        x += MINI_BAR + MINI_GAP
    return MiniChart(width=x - MINI_GAP, height=MINI_HEIGHT, bars=tuple(bars))


STRIP_WIDTH = 200
STRIP_PAD = 5
DOT_RADIUS = 4
DOT_STEP = 8


@dataclass(frozen=True)
class Dot:
    cx: float
    cy: float


@dataclass(frozen=True)
class Strip:
    distribution: Distribution
    dots: tuple[Dot, ...]
    mean_x: float | None


@dataclass(frozen=True)
class StripChart:
    width: int
    height: int
    axis_y: int
    mid_x: float
    strips: tuple[Strip, ...]


def strip_chart(distributions: Sequence[Distribution]) -> StripChart:
    """A dot per person on a 0–100 line for each scale; equal scores (to one answer step)
    stack upwards. All strips get the same height, so that the table's rows line up."""
    span = STRIP_WIDTH - 2 * STRIP_PAD

    def x_of(score: float) -> float:
        return round(STRIP_PAD + span * score / 100, 2)

    stacks = []
    tallest = 1
    for distribution in distributions:
        counts: dict[int, int] = {}
        placed = []
        for score in sorted(distribution.scores):
            slot = int(score / STEP + 0.5)
            level = counts.get(slot, 0)
            counts[slot] = level + 1
            placed.append((x_of(slot * STEP), level))
        tallest = max(tallest, max(counts.values(), default=1))
        stacks.append((distribution, placed))
    axis_y = tallest * DOT_STEP + 2
    strips = tuple(
        Strip(
            distribution=distribution,
            dots=tuple(Dot(cx, axis_y - DOT_RADIUS - level * DOT_STEP) for cx, level in placed),
            mean_x=x_of(distribution.mean) if distribution.mean is not None else None,
        )
        for distribution, placed in stacks
    )
    return StripChart(
        width=STRIP_WIDTH, height=axis_y + 4, axis_y=axis_y, mid_x=x_of(50), strips=strips
    )
