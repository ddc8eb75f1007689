"""The learning-profile instrument and its scoring, without Django: the item bank's shape,
scale scores on 0–100, reverse keys, incomplete and invalid answers, ties, dominant and flat
profiles, the readings and the chart geometry."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from kring.profiles import charts, readings
from kring.profiles.instrument import (
    HABIT_ITEMS,
    ITEMS,
    PARTS,
    PREFERENCE_ITEMS,
    SCALES,
    Kind,
    items_of,
)
from kring.profiles.scoring import (
    STEP,
    Band,
    IncompleteAnswers,
    InvalidAnswers,
    Profile,
    Shape,
    check_answers,
    distributions,
    keyed,
    scale_score,
    score_answers,
)

SCALE_CODES = [scale.code for scale in SCALES]


def answers_for(**levels: int) -> dict[str, int]:
    """Every statement of a scale answered so that the scale lands at ``level`` (1..5);
    scales not named land at 3."""
    return {
        item.code: 6 - levels.get(item.scale, 3) if item.reverse else levels.get(item.scale, 3)
        for item in ITEMS
    }


def profile(**scores: float) -> Profile:
    return Profile({code: float(scores.get(code, 50.0)) for code in SCALE_CODES})


# --- The item bank ---------------------------------------------------------------------------


def test_five_preferences_and_three_habits_with_four_statements_each():
    kinds = Counter(scale.kind for scale in SCALES)
    assert kinds == {Kind.PREFERENCE: 5, Kind.HABIT: 3}
    assert Counter(item.scale for item in ITEMS) == dict.fromkeys(SCALE_CODES, 4)
    assert len({item.code for item in ITEMS}) == len(ITEMS) == 32


def test_every_scale_has_one_reverse_keyed_statement():
    for code in SCALE_CODES:
        assert sum(item.reverse for item in items_of(code)) == 1, code


def test_every_text_exists_in_both_languages_and_differs_between_them():
    for item in ITEMS:
        assert item.text.nl.strip() and item.text.en.strip()
        assert item.text.nl != item.text.en
    for scale in SCALES:
        assert scale.name.nl and scale.name.en and scale.description.nl and scale.description.en


def test_the_page_asks_preferences_first_then_habits_and_never_two_of_a_scale_in_a_row():
    assert [part.kind for part in PARTS] == [Kind.PREFERENCE, Kind.HABIT]
    assert {i.scale for i in PREFERENCE_ITEMS} == {s.code for s in SCALES if s.kind == "preference"}
    assert {i.scale for i in HABIT_ITEMS} == {s.code for s in SCALES if s.kind == "habit"}
    for part in PARTS:
        scales = [item.scale for item in part.items]
        assert all(a != b for a, b in zip(scales, scales[1:], strict=False)), part.kind


def test_the_pure_modules_load_without_django():
    code = (
        "import sys\n"
        "import kring.profiles.instrument, kring.profiles.scoring\n"
        "import kring.profiles.readings, kring.profiles.charts\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- Scale scores ------------------------------------------------------------------------------


def test_all_agree_is_100_all_neutral_is_50_all_disagree_is_0():
    top = score_answers(answers_for(**dict.fromkeys(SCALE_CODES, 5)))
    middle = score_answers(answers_for())
    bottom = score_answers(answers_for(**dict.fromkeys(SCALE_CODES, 1)))
    assert set(top.scores.values()) == {100.0}
    assert set(middle.scores.values()) == {50.0}
    assert set(bottom.scores.values()) == {0.0}


def test_a_scale_score_is_the_mean_stretched_to_0_100():
    assert scale_score([1, 1, 1, 1]) == 0
    assert scale_score([5, 5, 5, 5]) == 100
    assert scale_score([4, 4, 4, 5]) == pytest.approx(81.25)
    assert scale_score([2, 3, 3, 3]) == pytest.approx(50 - STEP)


def test_reverse_keyed_statements_count_the_other_way_round():
    reverse = next(item for item in items_of("knowledge") if item.reverse)
    forward = next(item for item in items_of("knowledge") if not item.reverse)
    assert keyed(reverse.code, 1) == 5
    assert keyed(reverse.code, 4) == 2
    assert keyed(forward.code, 4) == 4

    # Agreeing with everything, the reverse one included, is not a top score.
    answers = answers_for()
    for item in items_of("knowledge"):
        answers[item.code] = 5
    assert score_answers(answers).scores["knowledge"] == 75.0
    answers[reverse.code] = 1  # disagreeing that reading bores you
    assert score_answers(answers).scores["knowledge"] == 100.0


def test_one_changed_answer_moves_a_scale_by_one_step():
    answers = answers_for()
    first = items_of("practising")[0]
    answers[first.code] += 1 if not first.reverse else -1
    assert score_answers(answers).scores["practising"] == 50 + STEP


def test_rounding_is_half_up_as_people_round():
    assert profile(discovering=12.5).score_of("discovering").rounded == 13
    assert profile(discovering=87.5).score_of("discovering").rounded == 88
    assert profile(discovering=6.25).score_of("discovering").rounded == 6


# --- Refused answers ---------------------------------------------------------------------------


def test_incomplete_answers_are_refused_with_the_open_statements_in_page_order():
    answers = answers_for()
    del answers["wa1"], answers["rp4"], answers["pa1"]
    with pytest.raises(IncompleteAnswers) as refused:
        score_answers(answers)
    assert refused.value.missing == ("pa1", "wa1", "rp4")


def test_a_part_way_answer_set_is_fine_to_keep():
    assert check_answers({"pa1": 4, "in2": 2}, complete=False) == {"pa1": 4, "in2": 2}
    assert check_answers({}, complete=False) == {}


@pytest.mark.parametrize("value", [0, 6, -1, "4", 3.0, True, None])
def test_values_outside_the_five_answers_are_refused(value):
    with pytest.raises(InvalidAnswers) as refused:
        check_answers({"pa1": value}, complete=False)
    assert "pa1" in refused.value.problems


def test_unknown_statements_are_refused():
    with pytest.raises(InvalidAnswers):
        check_answers({**answers_for(), "zz9": 3}, complete=True)


def test_a_profile_needs_all_eight_scales():
    with pytest.raises(ValueError):
        Profile({"participating": 50.0})


# --- Patterns: ties, dominant, flat, spread ---------------------------------------------------


def test_equal_top_scores_lead_together_and_keep_the_instrument_order():
    pattern = profile(watching=75, discovering=75, practising=25, knowledge=25).pattern(
        Kind.PREFERENCE
    )
    assert [s.scale.code for s in pattern.leading] == ["discovering", "watching"]
    assert [s.scale.code for s in pattern.ranked][:2] == ["discovering", "watching"]
    assert pattern.shape == Shape.SPREAD
    assert [s.scale.code for s in pattern.trailing] == ["knowledge", "practising"]


def test_scores_within_one_answer_step_of_the_top_count_as_a_tie():
    pattern = profile(participating=75, discovering=75 - STEP, watching=40).pattern(Kind.PREFERENCE)
    assert {s.scale.code for s in pattern.leading} == {"participating", "discovering"}
    pattern = profile(participating=75, discovering=75 - 2 * STEP, watching=40).pattern(
        Kind.PREFERENCE
    )
    assert [s.scale.code for s in pattern.leading] == ["participating"]


def test_one_scale_far_above_the_rest_is_dominant():
    pattern = profile(knowledge=93.75, practising=75, participating=50).pattern(Kind.PREFERENCE)
    assert pattern.shape == Shape.DOMINANT
    assert [s.scale.code for s in pattern.leading] == ["knowledge"]
    # Two steps above the next is a lead, not dominance.
    pattern = profile(knowledge=87.5, practising=75, participating=50).pattern(Kind.PREFERENCE)
    assert pattern.shape == Shape.SPREAD


def test_all_scales_close_together_is_flat_with_a_level():
    high = profile(**{**dict.fromkeys(SCALE_CODES, 75.0), "watching": 87.5}).pattern(
        Kind.PREFERENCE
    )
    assert (high.shape, high.level) == (Shape.FLAT, Band.HIGH)
    assert high.trailing == ()
    middle = profile().pattern(Kind.PREFERENCE)
    assert (middle.shape, middle.level) == (Shape.FLAT, Band.MIDDLE)
    low = profile(**dict.fromkeys(SCALE_CODES, 18.75)).pattern(Kind.HABIT)
    assert (low.shape, low.level) == (Shape.FLAT, Band.LOW)


def test_habits_are_read_apart_from_preferences():
    scored = profile(interaction=100, reflection=50, reproduction=12.5, practising=100)
    habits = scored.pattern(Kind.HABIT)
    assert [s.scale.code for s in habits.ranked] == ["interaction", "reflection", "reproduction"]
    assert habits.shape == Shape.DOMINANT
    assert all(s.scale.kind == Kind.HABIT for s in habits.ranked)


def test_bands():
    assert profile(reflection=62.5).score_of("reflection").band == Band.HIGH
    assert profile(reflection=56.25).score_of("reflection").band == Band.MIDDLE
    assert profile(reflection=37.5).score_of("reflection").band == Band.LOW


# --- A pool's distribution ---------------------------------------------------------------------


def test_distribution_per_scale_over_several_profiles():
    people = [profile(reflection=25), profile(reflection=50), profile(reflection=100)]
    spread = {d.scale.code: d for d in distributions(people)}
    reflection = spread["reflection"]
    assert (reflection.count, reflection.mean, reflection.lowest, reflection.highest) == (
        3,
        58,
        25,
        100,
    )
    assert (reflection.high, reflection.middle, reflection.low) == (1, 1, 1)
    assert [d.scale.code for d in distributions(people)] == SCALE_CODES
    assert distributions([])[0].mean is None


# --- Readings ------------------------------------------------------------------------------------


def test_a_dominant_preference_gets_its_own_reading_in_either_language():
    scored = profile(practising=100, knowledge=62.5, participating=50)
    dutch = readings.read(scored, "nl")
    assert dutch.preferences.shape == Shape.DOMINANT
    assert "oefenen" in dutch.preferences.summary
    assert [s.code for s in dutch.preferences.leading] == ["practising"]
    assert dutch.preferences.leading[0].ask and dutch.preferences.leading[0].watch
    english = readings.read(scored, "en")
    assert "practising" in english.preferences.summary
    assert english.preferences.leading[0].name == "Practising"
    # Practising is what a learning group offers less of itself: it is something to ask for.
    assert english.to_ask == ("Practising",)


def test_a_spread_profile_names_what_leads_and_what_trails():
    scored = profile(participating=87.5, discovering=87.5, knowledge=18.75)
    summary = readings.read(scored, "en").preferences.summary
    assert "participating and discovering" in summary
    assert "acquiring knowledge" in summary
    assert "participeren en ontdekken" in readings.read(scored, "nl").preferences.summary


def test_a_flat_profile_singles_nothing_out_and_reads_by_its_level():
    low = readings.read(profile(**dict.fromkeys(SCALE_CODES, 18.75)), "en")
    assert low.preferences.leading == () and low.habits.leading == ()
    assert "None of the five ways of learning stands out" in low.preferences.summary
    assert len(low.preferences.others) == 5
    high = readings.read(profile(**dict.fromkeys(SCALE_CODES, 87.5)), "nl")
    assert "Alle vijf manieren van leren spreken je aan" in high.preferences.summary
    assert "alle drie de denkgewoonten" in high.habits.summary
    assert high.offered == () and high.to_ask == ()


def test_what_the_group_offers_and_what_to_ask_for():
    scored = profile(interaction=93.75, reflection=50, reproduction=25, watching=100)
    reading = readings.read(scored, "en")
    assert reading.offered == ("Watching others", "Interaction")
    assert reading.to_ask == ()
    assert readings.join_names(["a", "b", "c"], "nl") == "a, b en c"
    assert readings.join_names(["a"], "en") == "a"


def test_every_scale_has_texts_to_ask_and_to_watch_for():
    for code, text in readings.SCALE_TEXTS.items():
        assert code in SCALE_CODES
        assert len(text.ask) >= 2 and len(text.watch) >= 2
    assert set(readings.SCALE_TEXTS) == set(SCALE_CODES)


# --- Chart geometry ---------------------------------------------------------------------------


def test_the_profile_chart_draws_a_bar_per_scale_in_proportion():
    chart = charts.profile_chart(
        profile(discovering=75, reflection=0),
        language="en",
        titles={Kind.PREFERENCE: "Preferences", Kind.HABIT: "Habits"},
    )
    bars = {bar.code: bar for section in chart.sections for bar in section.bars}
    assert list(bars) == SCALE_CODES
    assert bars["discovering"].width == pytest.approx(chart.track * 0.75)
    assert bars["reflection"].width == 0
    assert bars["discovering"].label == "Discovering" and bars["discovering"].score == 75
    ys = [bar.bar_y for bar in bars.values()]
    assert ys == sorted(ys) and max(ys) < chart.height
    assert [tick.value for tick in chart.ticks] == [0, 25, 50, 75, 100]
    assert all(bar.value_x < chart.width for bar in bars.values())


def test_mini_charts_and_dot_strips_for_a_pool():
    mini = charts.mini_chart(profile(participating=100, reproduction=0))
    assert len(mini.bars) == 8
    assert mini.bars[0].height == mini.height  # 100 fills the column
    assert mini.bars[-1].height == 1.0  # 0 still shows a sliver
    assert mini.bars[5].x - mini.bars[4].x > mini.bars[1].x - mini.bars[0].x  # the kind gap

    strips = charts.strip_chart(
        distributions([profile(reflection=50), profile(reflection=50), profile(reflection=75)])
    )
    reflection = next(s for s in strips.strips if s.distribution.scale.code == "reflection")
    same = [dot for dot in reflection.dots if dot.cx == reflection.dots[0].cx]
    assert len(same) == 2 and same[0].cy != same[1].cy  # equal scores stack
    assert all(0 < dot.cy < strips.height for dot in reflection.dots)
