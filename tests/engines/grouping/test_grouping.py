"""Grouping engine: parsing, hard rules, exact optimum, baselines, determinism, CLI."""

from __future__ import annotations

import json
import random
import time
from typing import Any

import pytest

from kring.engines.grouping.cli import main
from kring.engines.grouping.exact import solve_exact
from kring.engines.grouping.feasibility import Infeasible
from kring.engines.grouping.greedy import greedy_solution
from kring.engines.grouping.model import MalformedInstance, build_problem, parse_instance
from kring.engines.grouping.random_baseline import random_solution
from kring.engines.grouping.scoring import (
    pair_similarity,
    score,
    similarity_matrix,
    violations,
)
from kring.engines.grouping.search import solve

from .builders import instance, person, planted, write


def run_cli(tmp_path, capsys, data: dict[str, Any], *extra: str) -> tuple[int, str, str]:
    path = write(tmp_path, data)
    code = main([str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def groups_of(data: dict[str, Any], out: str) -> list[list[str]]:
    solution = json.loads(out)
    assert solution["format"] == "kring-grouping-solution/1"
    return solution["groups"]


# --- parsing ---------------------------------------------------------------------------


def test_bad_position_names_the_field() -> None:
    people = [person("a"), person("b", position=7)]
    with pytest.raises(
        MalformedInstance, match=r"people\[1\]\.position: must be an integer from 1 to 4"
    ):
        parse_instance(instance(people, [2]))


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.pop("group_sizes"), "group_sizes"),
        (lambda d: d.update(format="other/1"), "format"),
        (lambda d: d["weights"].update(task=-1), "weights.task"),
        (lambda d: d["rules"].update(min_common_slots="1"), "rules.min_common_slots"),
        (lambda d: d["people"][0].update(manager="nobody"), "people[0].manager"),
        (lambda d: d["people"][1].update(id="a"), "people[1].id"),
        (lambda d: d["people"][0].update(available=[99]), "people[0].available"),
        (lambda d: d.update(apart=[["a", "zz"]]), "apart[0]"),
        (lambda d: d.update(together=[["a", "a"]]), "together[0]"),
        (lambda d: d.update(group_sizes=[2, 0]), "group_sizes[1]"),
    ],
)
def test_malformed_fields(mutate, field: str) -> None:
    data = instance([person("a"), person("b")], [2])
    mutate(data)
    with pytest.raises(MalformedInstance) as info:
        parse_instance(data)
    assert str(info.value).startswith(field)


def test_cli_exits_2_on_malformed(tmp_path, capsys) -> None:
    code, out, err = run_cli(
        tmp_path, capsys, instance([person("a"), person("b", position=0)], [2])
    )
    assert code == 2 and out == ""
    assert "people[1].position" in err


def test_cli_exits_2_on_bad_json_and_missing_file(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main([str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


# --- infeasibility ---------------------------------------------------------------------


def test_sizes_sum_mismatch_exits_1(tmp_path, capsys) -> None:
    code, out, err = run_cli(
        tmp_path, capsys, instance([person(f"p{k}") for k in range(5)], [2, 2])
    )
    assert code == 1 and out == ""
    assert "group sizes sum to 4 but the pool has 5 people" in err


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            instance(
                [person(f"p{k}") for k in range(4)],
                [2, 2],
                apart=[["p0", "p1"]],
                together=[["p0", "p1"]],
            ),
            "p0 and p1 must be apart",
        ),
        (
            instance(
                [person("p0"), person("p1", manager="p0"), person("p2"), person("p3")],
                [2, 2],
                together=[["p0", "p1"]],
            ),
            "manager p0",
        ),
        (
            instance(
                [person(f"p{k}") for k in range(6)],
                [2, 2, 2],
                together=[["p0", "p1"], ["p1", "p2"]],
            ),
            "together rules link 3 people",
        ),
        (
            instance(
                [person("p0", available=[0]), person("p1", available=[1])]
                + [person(f"p{k}") for k in range(2, 4)],
                [2, 2],
                together=[["p0", "p1"]],
            ),
            "p0 and p1 must be together but share 0 common slot",
        ),
        (
            instance(
                [person("p0", available=[5])] + [person(f"p{k}") for k in range(1, 4)],
                [2, 2],
            ),
            "p0 can be grouped with only 0 other people",
        ),
    ],
)
def test_provably_infeasible_rules_are_named(tmp_path, capsys, data, words: str) -> None:
    code, out, err = run_cli(tmp_path, capsys, data, "--time-limit", "1")
    assert code == 1 and out == ""
    assert words in err


def test_hidden_infeasibility_is_reported(tmp_path, capsys) -> None:
    # three people who pairwise must be apart cannot fill two groups of 2 with a fourth
    people = [person(f"p{k}") for k in range(4)]
    apart = [["p0", "p1"], ["p1", "p2"], ["p0", "p2"]]
    code, out, err = run_cli(
        tmp_path, capsys, instance(people, [2, 2], apart=apart), "--time-limit", "1"
    )
    assert code == 1 and out == ""
    assert "proven" in err and "apart" in err


# --- hard rules and the solvers --------------------------------------------------------


def rules_instance() -> dict[str, Any]:
    """Every rule in play, with an attractive but forbidden grouping for each."""
    p = [
        person("boss", task="lawyer", position=4, available=[0, 1]),
        person("rep", task="lawyer", position=4, manager="boss", available=[0, 1]),
        person("x1", task="lawyer", position=4, available=[0, 1]),
        person("x2", task="lawyer", position=4, available=[0, 1]),
        person("y1", task="analyst", position=1, available=[2, 3]),
        person("y2", task="analyst", position=1, available=[3, 4]),
        person("y3", task="analyst", position=1, available=[0, 2]),
        person("z1", task="advisor", position=2, available=[0, 1, 2, 3, 4]),
        person("z2", task="advisor", position=2, available=[0, 1, 2, 3, 4]),
    ]
    return instance(
        p,
        [3, 3, 3],
        apart=[["x1", "x2"]],
        together=[["y1", "z1"]],
        min_common_slots=1,
    )


def check_rules(groups: list[list[str]], data: dict[str, Any]) -> None:
    where = {pid: g for g, members in enumerate(groups) for pid in members}
    assert sorted(where) == sorted(p["id"] for p in data["people"])
    assert sorted(len(g) for g in groups) == sorted(data["group_sizes"])
    for a, b in data["apart"]:
        assert where[a] != where[b]
    for a, b in data["together"]:
        assert where[a] == where[b]
    for p in data["people"]:
        if p["manager"]:
            assert where[p["id"]] != where[p["manager"]]
    avail = {p["id"]: set(p["available"]) for p in data["people"]}
    for members in groups:
        common = set.intersection(*(avail[m] for m in members))
        assert len(common) >= data["rules"]["min_common_slots"]


def test_engine_respects_every_rule(tmp_path, capsys) -> None:
    data = rules_instance()
    code, out, err = run_cli(tmp_path, capsys, data, "--time-limit", "1")
    assert code == 0, err
    check_rules(groups_of(data, out), data)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_search_greedy_random_valid_on_planted(seed: int) -> None:
    data = planted(40, seed)
    prob = build_problem(parse_instance(data))
    sim = similarity_matrix(prob)
    res = solve(prob, time_limit=1.0, seed=seed)
    assert violations(prob, res.groups) == []
    check_rules(prob.group_ids(res.groups).groups, data)
    greedy, left = greedy_solution(prob, sim, time.monotonic() + 5)
    assert left == 0 and violations(prob, greedy) == []
    rnd, left = random_solution(prob, random.Random(seed), time.monotonic() + 5)
    assert left == 0 and violations(prob, rnd) == []


def test_similarity_matrix_matches_definition() -> None:
    data = planted(30, 4)
    data["people"][0]["context"] = ""
    data["people"][1]["context"] = "org-0"
    prob = build_problem(parse_instance(data))
    sim = similarity_matrix(prob)
    for i in range(prob.n):
        for j in range(prob.n):
            if i != j:
                assert sim[i, j] == pytest.approx(pair_similarity(prob, i, j), abs=1e-12)
    # hand check: same task, same path, same position, same slots -> 1
    twins = instance([person("a"), person("b")], [2])
    tp = build_problem(parse_instance(twins))
    assert pair_similarity(tp, 0, 1) == pytest.approx(1.0)


def tiny_known() -> dict[str, Any]:
    """Two pairs of twins (a1/a2 and b1/b2): the optimum pairs the twins, unless a rule bars it."""
    p = [
        person("a1", task="lawyer", context="x/1", position=1),
        person("b1", task="analyst", context="y/2", position=4),
        person("a2", task="lawyer", context="x/1", position=1),
        person("b2", task="analyst", context="y/2", position=4),
    ]
    return instance(p, [2, 2])


def test_exact_finds_the_known_optimum() -> None:
    prob = build_problem(parse_instance(tiny_known()))
    sim = similarity_matrix(prob)
    res = solve_exact(prob, sim, 10.0)
    assert res is not None and res.proven_optimal
    got = sorted(sorted(prob.ids[k] for k in g) for g in res.groups)
    assert got == [["a1", "a2"], ["b1", "b2"]]
    assert score(prob, res.groups) == pytest.approx(1.0)


def test_exact_optimum_under_an_apart_rule() -> None:
    data = tiny_known()
    data["apart"] = [["a1", "a2"]]
    prob = build_problem(parse_instance(data))
    sim = similarity_matrix(prob)
    res = solve_exact(prob, sim, 10.0)
    assert res is not None and res.proven_optimal
    # the twins of a must split; both remaining splits are symmetric and score the same:
    # sim(a, b) = 0 task + 0 context + 0 position + 1/8 availability
    assert score(prob, res.groups) == pytest.approx(1.0 / 8.0)
    assert violations(prob, res.groups) == []


def test_engine_reaches_exact_optimum_on_small_pool() -> None:
    data = planted(16, 9)
    prob = build_problem(parse_instance(data))
    sim = similarity_matrix(prob)
    exact = solve_exact(prob, sim, 30.0)
    assert exact is not None and exact.proven_optimal
    res = solve(prob, time_limit=2.0, seed=0)
    assert res.objective == pytest.approx(exact.objective, abs=1e-6)


def test_same_seed_same_output(tmp_path, capsys) -> None:
    data = planted(20, 5)
    outs = []
    for _ in range(2):
        code, out, err = run_cli(tmp_path, capsys, data, "--time-limit", "1", "--seed", "7")
        assert code == 0, err
        outs.append(out)
    assert outs[0] == outs[1]


def test_search_beats_greedy() -> None:
    data = planted(120, 11)
    prob = build_problem(parse_instance(data))
    sim = similarity_matrix(prob)
    greedy, _ = greedy_solution(prob, sim, time.monotonic() + 5)
    res = solve(prob, time_limit=2.0, seed=0)
    assert violations(prob, res.groups) == []
    assert score(prob, res.groups) > score(prob, greedy) + 1e-6


def test_cli_output_is_a_solution(tmp_path, capsys) -> None:
    data = planted(25, 3)
    code, out, err = run_cli(tmp_path, capsys, data, "--time-limit", "1")
    assert code == 0, err
    check_rules(groups_of(data, out), data)


def test_infeasible_exception_carries_message() -> None:
    data = instance([person(f"p{k}") for k in range(3)], [2, 2])
    prob = build_problem(parse_instance(data))
    with pytest.raises(Infeasible, match="sum to 4"):
        solve(prob, time_limit=0.5)
