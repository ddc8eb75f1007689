"""The composition rules, on plain profiles (no database)."""

from __future__ import annotations

import pytest

from kring.learning.composition import (
    MemberProfile,
    assess,
    context_overlap,
    missed_two_of_last_three,
    propose_dates,
)


def member(i: int, **extra) -> MemberProfile:
    base = {
        "id": i,
        "name": f"Lid {i}",
        "task": "beleidsadvies",
        "work_context": "Ministerie / DG Wonen / Team Noord",
        "layer": 1,
    }
    return MemberProfile(**{**base, **extra})


def codes(composition) -> set[str]:
    return {w.code for w in composition.warnings}


def test_five_alike_colleagues_raise_no_warning():
    result = assess([member(i) for i in range(5)])
    assert codes(result) == set()
    assert result.task_share == 1.0 and result.context_share == 1.0
    assert result.common_task == "beleidsadvies"
    assert result.common_context == "Ministerie / DG Wonen / Team Noord"


def test_six_is_large_and_eight_needs_a_reason():
    assert "large" in codes(assess([member(i) for i in range(6)]))
    assert "too_large" in codes(assess([member(i) for i in range(8)]))
    overridden = assess([member(i) for i in range(8)], size_override=True)
    assert "too_large" not in codes(overridden) and "large" in codes(overridden)


def test_a_manager_with_their_own_staff_is_named():
    people = [member(1, layer=4, name="Anna"), member(2, manager_id=1, name="Bert"), member(3)]
    result = assess(people)
    assert "mixed_layers" in codes(result)
    warning = next(w for w in result.warnings if w.code == "manager_with_staff")
    assert warning.people == ("Anna", "Bert")


def test_unconfirmed_members_are_listed():
    result = assess([member(1), member(2, confirmed=False, name="Cees")])
    warning = next(w for w in result.warnings if w.code == "not_confirmed")
    assert warning.people == ("Cees",)


def test_different_tasks_and_contexts_are_noticed():
    people = [
        member(1, task="inkoop", work_context="Gemeente A / Inkoop"),
        member(2, task="beleid", work_context="Ministerie / DG Wonen"),
        member(3, task="ICT", work_context="Provincie / ICT"),
    ]
    assert {"different_tasks", "different_contexts"} <= codes(assess(people))


def test_rules_are_for_learning_groups_only():
    result = assess([member(i, layer=i % 3 + 1) for i in range(20)], is_learning_group=False)
    assert result.warnings == []


def test_context_overlap_counts_shared_leading_units():
    assert context_overlap("A / B / C", "a/b/c") == 1.0
    assert context_overlap("A / B / C", "A / B / D") == pytest.approx(2 / 3)
    assert context_overlap("A / B", "X / B") == 0.0
    assert context_overlap("", "A") == 0.0


def test_proposed_dates_keep_the_spacing_rules():
    weeks = propose_dates(2, 6, min_gap=6, max_gap=8)
    assert weeks == [2, 9, 16, 23, 30, 37]
    gaps = [b - a for a, b in zip(weeks, weeks[1:], strict=False)]
    assert all(6 <= gap <= 8 for gap in gaps)
    with pytest.raises(ValueError):
        propose_dates(0, 3, min_gap=9, max_gap=8)


def test_absence_rule_two_of_the_last_three():
    assert missed_two_of_last_three([True, False, True, False])
    assert missed_two_of_last_three([False, False])
    assert not missed_two_of_last_three([False, True, True, False])
    assert not missed_two_of_last_three([False])


def test_staff_with_senior_staff_is_not_a_hierarchy_but_with_their_team_leader_it_is():
    assert "mixed_layers" not in codes(assess([member(1, layer=1), member(2, layer=2)]))
    assert "mixed_layers" in codes(assess([member(1, layer=1), member(2, layer=3)]))
