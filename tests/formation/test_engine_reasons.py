"""What the grouping engine tells Kring besides its own message: the rule that cannot be met in
structured form, and its progress. Neither changes what the engine decides."""

from __future__ import annotations

import pytest

from kring.engines.grouping import Infeasible, build_problem, parse_instance
from kring.engines.grouping.search import solve
from tests.engines.grouping.builders import instance, person


def _problem(people, sizes, **kwargs):
    return build_problem(parse_instance(instance(people, sizes, **kwargs)))


@pytest.mark.parametrize(
    ("people", "sizes", "extra", "code", "named"),
    [
        ([person(f"p{k}") for k in range(3)], [2, 2], {}, "sizes_sum", ()),
        (
            [person("a", available=[0]), person("b", available=[1]), person("c"), person("d")],
            [2, 2],
            {"together": [["a", "b"]]},
            "together_no_common_slot",
            ("a", "b"),
        ),
        (
            [person("a"), person("b"), person("c"), person("d")],
            [2, 2],
            {"together": [["a", "b"]], "apart": [["a", "b"]]},
            "apart_but_linked",
            ("a", "b"),
        ),
        (
            [person("a", available=[]), person("b"), person("c"), person("d")],
            [2, 2],
            {},
            "too_few_slots",
            ("a",),
        ),
        (
            [person("a"), person("b"), person("c"), person("d")],
            [4],
            {"together": [["a", "b"], ["b", "c"]], "apart": []},
            None,
            (),
        ),
    ],
)
def test_infeasibility_comes_with_a_structured_reason(people, sizes, extra, code, named):
    problem = _problem(people, sizes, **extra)
    if code is None:
        solve(problem, time_limit=0.5)  # feasible: no reason at all
        return
    with pytest.raises(Infeasible) as caught:
        solve(problem, time_limit=0.5)
    reason = caught.value.reason
    assert reason is not None and reason.code == code
    assert reason.people[: len(named)] == named
    assert str(caught.value)  # the engine's own words are unchanged


def test_a_proven_conflict_lists_the_rules_in_the_way():
    # a, b and c must each be apart from the others, but there are only two groups
    people = [person(x) for x in "abcd"]
    apart = [["a", "b"], ["b", "c"], ["a", "c"]]
    with pytest.raises(Infeasible) as caught:
        solve(_problem(people, [2, 2], apart=apart), time_limit=1.0)
    reason = caught.value.reason
    assert reason is not None and reason.code == "rules_conflict"
    assert {kind for kind, _ids in reason.rules} == {"apart"}


def test_progress_is_reported_and_changes_nothing():
    people = [
        person(f"p{k}", task="t1" if k < 6 else "t2", available=[0, 1, 2, k % 6]) for k in range(12)
    ]
    heard: list[tuple[str, float]] = []
    with_progress = solve(
        _problem(people, [4, 4, 4]), time_limit=1.0, seed=3, progress=lambda *a: heard.append(a)
    )
    without = solve(_problem(people, [4, 4, 4]), time_limit=1.0, seed=3)
    assert sorted(map(sorted, with_progress.groups)) == sorted(map(sorted, without.groups))
    phases = [phase for phase, _score in heard]
    assert phases[0] == "checked" and "valid" in phases
    assert all(0.0 <= score <= 1.0 for _phase, score in heard)
