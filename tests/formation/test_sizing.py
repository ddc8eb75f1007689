"""From ideal, smallest and largest group size to the exact sizes the engine needs."""

from __future__ import annotations

import pytest

from kring.formation.sizing import SizeProblem, check_order, group_counts, plan_sizes


@pytest.mark.parametrize(
    ("people", "target", "low", "high", "sizes"),
    [
        (40, 5, 4, 6, (5,) * 8),
        (42, 5, 4, 6, (6, 6, 5, 5, 5, 5, 5, 5)),
        (23, 5, 4, 6, (5, 5, 5, 4, 4)),
        (7, 5, 4, 7, (7,)),
        (40, 6, 6, 7, (7, 7, 7, 7, 6, 6)),
        (9, 5, 4, 5, (5, 4)),
        (4, 5, 4, 6, (4,)),
    ],
)
def test_sizes_are_as_close_to_the_ideal_and_as_even_as_possible(people, target, low, high, sizes):
    plan = plan_sizes(people, target=target, minimum=low, maximum=high)
    assert plan.sizes == sizes
    assert sum(plan.sizes) == people
    assert max(plan.sizes) - min(plan.sizes) <= 1


def test_on_a_tie_more_smaller_groups_win():
    # 12 people around 5: two groups of 6 or three of 4 are equally far from the ideal
    assert plan_sizes(12, target=5, minimum=4, maximum=6).sizes == (4, 4, 4)


def test_counts_list_each_size_once():
    plan = plan_sizes(42, target=5, minimum=4, maximum=6)
    assert plan.counts() == [(6, 2), (5, 6)]


def test_a_gap_names_the_numbers_and_a_way_out():
    with pytest.raises(SizeProblem) as caught:
        plan_sizes(11, target=6, minimum=6, maximum=7)
    problem = caught.value
    assert problem.code == "gap"
    assert problem.numbers == {
        "people": 11,
        "minimum": 6,
        "maximum": 7,
        "fewer": 1,
        "fewer_places": 7,
        "more": 2,
        "more_needed": 12,
    }
    assert (5, 7) in problem.alternatives
    assert all(len(group_counts(11, low, high)) for low, high in problem.alternatives)


def test_too_few_people_for_one_group():
    with pytest.raises(SizeProblem) as caught:
        plan_sizes(3, target=5, minimum=4, maximum=6)
    assert caught.value.code == "too_few"


@pytest.mark.parametrize(
    ("target", "low", "high", "code"),
    [(5, 1, 6, "too_small"), (5, 4, 8, "too_large"), (3, 4, 6, "order"), (7, 4, 6, "order")],
)
def test_sizes_that_never_work(target, low, high, code):
    with pytest.raises(SizeProblem) as caught:
        check_order(target=target, minimum=low, maximum=high, ceiling=7)
    assert caught.value.code == code


def test_every_pool_size_either_plans_or_explains():
    for people in range(0, 120):
        try:
            plan = plan_sizes(people, target=5, minimum=4, maximum=6)
        except SizeProblem as problem:
            assert problem.code in {"too_few", "gap"}
            assert not len(group_counts(people, 4, 6))
        else:
            assert sum(plan.sizes) == people
            assert all(4 <= size <= 6 for size in plan.sizes)
