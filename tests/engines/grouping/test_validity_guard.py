"""The engine never hands out an invalid grouping: its own check guards every result."""

from __future__ import annotations

import json
import random
import time

import pytest

from kring.engines.grouping import check_grouping, parse_instance
from kring.engines.grouping import search as search_module
from kring.engines.grouping.cli import main
from kring.engines.grouping.feasibility import Infeasible
from kring.engines.grouping.model import build_problem
from kring.engines.grouping.scoring import find_violations, similarity_matrix
from kring.engines.grouping.search import SearchResult, certify, find_valid

from .builders import instance, person, planted, write


def small_pool() -> dict:
    """Six people in groups of 3: a manager and report, an apart pair, a together pair, and
    one person who can only meet in slot 0."""
    people = [
        person("boss", position=4, available=[0, 1]),
        person("rep", manager="boss", available=[0, 1]),
        person("a1", available=[0, 1, 2]),
        person("a2", available=[0, 1, 2]),
        person("t1", available=[0, 2]),
        person("t2", available=[0, 2]),
    ]
    return instance(people, [3, 3], apart=[["a1", "a2"]], together=[["t1", "t2"]], slots=3)


def eight_pool() -> dict:
    """The small pool with two flexible people more, in groups of 4."""
    data = small_pool()
    data["people"] += [person("x", available=[0, 1, 2]), person("y", available=[0, 1, 2])]
    data["group_sizes"] = [4, 4]
    return data


def rules_of(found) -> set[str]:
    return {v.rule for v in found}


def test_check_grouping_accepts_a_valid_grouping() -> None:
    good = [["boss", "a1", "t1", "t2"], ["rep", "a2", "x", "y"]]
    assert check_grouping(parse_instance(eight_pool()), good) == []


def test_check_grouping_names_every_broken_rule() -> None:
    data = small_pool()
    found = check_grouping(
        build_problem(parse_instance(data)),
        [["boss", "rep", "a1", "a2"], ["t1", "zz"]],
    )
    assert rules_of(found) == {"unknown", "placement", "sizes", "apart", "together", "manager"}
    manager = next(v for v in found if v.rule == "manager")
    assert manager.people == ("rep", "boss") and manager.group == 0
    assert next(v for v in found if v.rule == "unknown").people == ("zz",)
    sizes = {
        (v.numbers["size"], v.numbers["groups"], v.numbers["asked"])
        for v in found
        if v.rule == "sizes"
    }
    assert sizes == {(1, 1, 0), (3, 0, 2), (4, 1, 0)}


def test_check_grouping_counts_common_slots() -> None:
    people = [
        person("a", available=[0]),
        person("b", available=[1]),
        person("c", available=[0, 1]),
        person("d", available=[0, 1]),
    ]
    data = instance(people, [2, 2], slots=2)
    found = check_grouping(parse_instance(data), [["a", "b"], ["c", "d"]])
    assert [(v.rule, v.group, v.numbers) for v in found] == [
        ("common_slots", 0, {"common": 0, "need": 1})
    ]


def solved(seed: int = 3):
    data = planted(40, seed)
    prob = build_problem(parse_instance(data))
    sim = similarity_matrix(prob)
    start = find_valid(prob, sim, random.Random(0), time.monotonic() + 5)
    return data, prob, sim, start


def test_certify_repairs_a_result_that_breaks_a_rule() -> None:
    data, prob, sim, start = solved()
    a, b = prob.apart[0]
    broken = [list(g) for g in start]
    ga = next(g for g in broken if a in g)
    gb = next(g for g in broken if b in g)
    # put b into a's group in exchange for a single person: the shape stays, a rule breaks
    swap = next(k for k in ga if k != a and len(prob.units[prob.unit_of[k]]) == 1)
    ga[ga.index(swap)], gb[gb.index(b)] = b, swap
    assert [v.rule for v in find_violations(prob, broken)].count("apart") >= 1
    result = certify(
        prob, sim, SearchResult(broken, 1e9), start, random.Random(0), time.monotonic() + 2
    )
    assert find_violations(prob, result.groups) == []
    assert result.stats["broken_rules"] >= 1
    # the reported objective is the groups' own, not the inflated one handed in
    assert result.objective < 1e9


def test_certify_falls_back_when_the_result_lost_its_shape() -> None:
    data, prob, sim, start = solved()
    duplicated = [list(g) for g in start]
    duplicated[0][0] = duplicated[1][0]  # someone twice, someone missing
    result = certify(
        prob, sim, SearchResult(duplicated, 0.0), start, random.Random(0), time.monotonic() + 1
    )
    assert result.groups == start


def test_certify_raises_with_the_rules_when_nothing_is_valid() -> None:
    data, prob, sim, start = solved()
    duplicated = [list(g) for g in start]
    duplicated[0][0] = duplicated[1][0]
    with pytest.raises(
        Infeasible, match="breaks rules it could not repair: .* placed 0 times"
    ) as info:
        certify(
            prob,
            sim,
            SearchResult(duplicated, 0.0),
            duplicated,
            random.Random(0),
            time.monotonic() + 1,
        )
    assert info.value.reason is not None and info.value.reason.code == "engine_fault"
    assert ("placement", (prob.ids[start[0][0]],)) in info.value.reason.rules


def test_cli_repairs_a_broken_search_result(tmp_path, capsys, monkeypatch) -> None:
    data = eight_pool()
    bad = [["boss", "rep", "a1", "x"], ["a2", "t1", "t2", "y"]]  # manager with report

    def broken_search(p, sim, groups, rng, deadline, stats, progress):
        return SearchResult([[p.index[i] for i in g] for g in bad], 99.0, stats=stats)

    monkeypatch.setattr(search_module, "_search", broken_search)
    code = main([str(write(tmp_path, data)), "--time-limit", "1"])
    out, err = capsys.readouterr()
    assert code == 0
    assert check_grouping(parse_instance(data), json.loads(out)["groups"]) == []
    assert "broke 1 rule(s) (rep shares group 0 with their manager boss); it was repaired" in err


def test_cli_exits_1_naming_the_rule_it_could_not_repair(tmp_path, capsys, monkeypatch) -> None:
    data = small_pool()
    bad = [["boss", "rep", "a1"], ["a2", "t1", "t2"]]

    def broken_valid(p, sim, rng, deadline):
        return [[p.index[i] for i in g] for g in bad]

    def broken_search(p, sim, groups, rng, deadline, stats, progress):
        return SearchResult(groups, 0.0, stats=stats)

    monkeypatch.setattr(search_module, "find_valid", broken_valid)
    monkeypatch.setattr(search_module, "_search", broken_search)
    monkeypatch.setattr(search_module, "repair", lambda p, groups, rng, deadline: (groups, 1))
    code = main([str(write(tmp_path, data)), "--time-limit", "1"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "rep shares group 0 with their manager boss" in err


def test_a_failing_search_still_gives_the_first_valid_grouping(tmp_path, capsys, monkeypatch):
    data = eight_pool()

    def failing_search(p, sim, groups, rng, deadline, stats, progress):
        raise ValueError("11 is not in list")

    monkeypatch.setattr(search_module, "_search", failing_search)
    code = main([str(write(tmp_path, data)), "--time-limit", "1"])
    out, err = capsys.readouterr()
    assert code == 0
    assert check_grouping(parse_instance(data), json.loads(out)["groups"]) == []
    assert "the search failed (ValueError: 11 is not in list)" in err
