"""Tests of the scheduling engine (pure Python, no Django, no shared benchmark files)."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kring.engines.scheduling import (
    MalformedInstance,
    absences_by_meeting,
    cannot_attend,
    component_bound,
    dp_bound,
    evaluate,
    greedy,
    parse_instance,
    solve,
)
from kring.engines.scheduling.cli import main

from .builder import cost, instance, person, random_instance, violations

REPO = Path(__file__).resolve().parents[3]


def run_cli(
    tmp_path: Path, data: Any, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str, str]:
    path = tmp_path / "inst.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    code = main([str(path), "--time-limit", "2", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def small() -> dict[str, Any]:
    people = {
        "f1": person([0, 1, 2]),
        "a": person([0, 1]),
        "b": person([1, 2], away_weeks=[4]),
        "c": person([0, 2]),
    }
    return instance(people, [("g1", "f1", ["a", "b"]), ("g2", "f1", ["c"])])


# -- malformed input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["groups"][1].update(facilitator="f09"), "groups[1].facilitator"),
        (lambda d: d["groups"][0]["members"].append("zz"), "groups[0].members[2]"),
        (lambda d: d["series"].update(min_gap_weeks=9), "series.min_gap_weeks"),
        (lambda d: d["series"].pop("meetings"), "series.meetings"),
        (lambda d: d["people"]["a"].update(weekly=[0, "x"]), "people.a.weekly[1]"),
        (lambda d: d["people"]["a"].update(weekly=[7]), "people.a.weekly[0]"),
        (lambda d: d["people"]["b"].update(away=[[1]]), "people.b.away[0]"),
        (lambda d: d.update(weeks=0), "weeks"),
        (lambda d: d.update(rooms=-1), "rooms"),
        (lambda d: d.update(format="other"), "format"),
        (
            lambda d: d.update(current=[{"group": "nope", "number": 1, "week": 0, "slot": 0}]),
            "current[0].group",
        ),
        (lambda d: d.update(move_penalty="high"), "move_penalty"),
    ],
)
def test_malformed_instance_exits_2_naming_the_field(tmp_path, capsys, mutate, field):
    data = small()
    mutate(data)
    code, out, err = run_cli(tmp_path, data, capsys)
    assert code == 2
    assert out == ""
    assert field in err
    with pytest.raises(MalformedInstance, match=field.replace("[", r"\[").replace("]", r"\]")):
        parse_instance(data)


def test_bad_json_and_missing_file_exit_2(tmp_path, capsys):
    code, _, err = run_cli(tmp_path, "{not json", capsys)
    assert code == 2 and "not valid JSON" in err
    code = main([str(tmp_path / "missing.json")])
    _, err = capsys.readouterr()
    assert code == 2 and "cannot read" in err


def test_python_dash_m_entry_point(tmp_path):
    path = tmp_path / "inst.json"
    path.write_text(json.dumps(small()), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kring.engines.scheduling", str(path), "--time-limit", "2"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    sol = json.loads(proc.stdout)
    assert sol["format"] == "kring-schedule-solution/1"
    assert violations(small(), sol) == []


# -- validity -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_solver_output_respects_every_rule(seed):
    data = random_instance(seed)
    result = solve(parse_instance(data), time_limit=2, seed=0)
    sol = result.solution.as_json()
    assert violations(data, sol) == []
    assert result.cost == cost(data, sol)
    report = evaluate(parse_instance(data), result.solution)
    assert report.valid and report.cost == result.cost


def test_tight_rooms_and_shared_people_stay_valid():
    data = random_instance(5, n_groups=8, per_facilitator=4, shared=5, rooms=1, slots=3)
    sol = solve(parse_instance(data), time_limit=2, seed=0).solution.as_json()
    assert violations(data, sol) == []


def test_series_that_cannot_fit_gets_fewer_meetings_and_an_explanation(tmp_path, capsys):
    # The facilitator is away from week 4 on: weeks 0..3 hold at most 2 meetings 2..4 apart.
    people = {"f1": person([0], away_weeks=list(range(4, 20))), "a": person([0])}
    data = instance(people, [("g1", "f1", ["a"])], meetings=3)
    code, out, err = run_cli(tmp_path, data, capsys)
    assert code == 0
    sol = json.loads(out)
    assert violations(data, sol) == []
    assert len(sol["meetings"]) == 2
    assert "g1: only 2 of 3 meetings" in err


def test_first_meeting_by_week_is_kept():
    # Members would all be free only from week 5 on; the first meeting must still be by week 1.
    people = {"f1": person([0, 1]), "a": person([0, 1], away_weeks=[0, 1, 2, 3, 4])}
    data = instance(people, [("g1", "f1", ["a"])], first_by=1, weeks=20)
    sol = solve(parse_instance(data), time_limit=1).solution.as_json()
    assert violations(data, sol) == []
    first = min(sol["meetings"], key=lambda m: m["number"])
    assert first["week"] <= 1


def test_cannot_attend_helper():
    inst = parse_instance(small())
    assert cannot_attend(inst, "g1", 4, 1) == ["b"]
    assert cannot_attend(inst, "g1", 3, 0) == ["b"]
    assert cannot_attend(inst, "g1", 3, 1) == []


# -- bound ----------------------------------------------------------------------------------


def brute_force(data: dict[str, Any]) -> float:
    """Optimum of a one-group instance by enumerating every series."""
    (group,) = data["groups"]
    gid = group["id"]
    now = data.get("now_week") or 0
    past = sorted(
        (m for m in data.get("current") or [] if m["week"] < now), key=lambda m: m["number"]
    )
    free = [(w, s) for w in range(now, data["weeks"]) for s in range(data["slots_per_week"])]
    best = float("inf")
    for n in range(data["series"]["meetings"] - len(past) + 1):
        for combo in itertools.combinations(free, n):
            ms = list(past) + [
                {"group": gid, "number": len(past) + i + 1, "week": w, "slot": s}
                for i, (w, s) in enumerate(combo)
            ]
            sol = {"format": "kring-schedule-solution/1", "meetings": ms}
            if not violations(data, sol):
                best = min(best, cost(data, sol))
    return best


def tiny_people() -> dict[str, dict[str, Any]]:
    return {
        "f": person([0, 1], away=[[3, 0], [5, 1]]),
        "a": person([1], away_weeks=[2, 6]),
        "b": person([0], away=[[7, 0]]),
    }


def test_dp_bound_equals_brute_force_on_a_tiny_instance():
    data = instance(
        tiny_people(),
        [("g", "f", ["a", "b"])],
        weeks=9,
        slots=2,
        meetings=3,
        min_gap=2,
        max_gap=3,
        target_gap=2,
        first_by=2,
    )
    bound = dp_bound(parse_instance(data))
    assert bound.exact
    assert bound.value == brute_force(data)
    assert solve(parse_instance(data), time_limit=1).cost == bound.value


def test_dp_bound_equals_brute_force_when_re_planning():
    current: list[dict[str, Any]] = [
        {"group": "g", "number": 1, "week": 1, "slot": 1},
        {"group": "g", "number": 2, "week": 3, "slot": 0},
        {"group": "g", "number": 3, "week": 6, "slot": 1},
    ]
    data = instance(
        tiny_people(),
        [("g", "f", ["a", "b"])],
        weeks=9,
        slots=2,
        meetings=3,
        min_gap=2,
        max_gap=3,
        target_gap=2,
        first_by=2,
        current=current,
        now_week=2,
        move_penalty=7,
    )
    bound = dp_bound(parse_instance(data))
    assert bound.value == brute_force(data)


def test_component_bound_matches_the_solver_when_components_are_small():
    data = random_instance(4, rooms=None)
    inst = parse_instance(data)
    bound = component_bound(inst, 2.0)
    result = solve(inst, time_limit=2, seed=0)
    assert bound.exact
    assert result.cost == bound.value
    assert dp_bound(inst).value <= bound.value


# -- re-planning ----------------------------------------------------------------------------


def test_re_plan_without_changes_moves_nothing():
    data = random_instance(6)
    first = solve(parse_instance(data), time_limit=2, seed=0).solution.as_json()
    again = dict(data, current=first["meetings"], now_week=8)
    sol = solve(parse_instance(again), time_limit=2, seed=0).solution.as_json()
    assert violations(again, sol) == []
    past = {json.dumps(m, sort_keys=True) for m in first["meetings"] if m["week"] < 8}
    now = {json.dumps(m, sort_keys=True) for m in sol["meetings"]}
    assert past <= now
    assert evaluate(parse_instance(again), solve(parse_instance(again), 2).solution).moved == 0
    assert sorted(now) == sorted(json.dumps(m, sort_keys=True) for m in first["meetings"])


def test_disruption_moves_only_the_affected_meetings():
    data = random_instance(7)
    first = solve(parse_instance(data), time_limit=2, seed=0).solution.as_json()
    now = 8
    # g0's facilitator can no longer make the slot of g0's next meeting
    victim = min(
        (m for m in first["meetings"] if m["group"] == "g0" and m["week"] >= now),
        key=lambda m: m["week"],
    )
    changed = json.loads(json.dumps(data))
    fac = changed["groups"][0]["facilitator"]
    changed["people"][fac]["away"].append([victim["week"], victim["slot"]])
    changed.update(current=first["meetings"], now_week=now)
    sol = solve(parse_instance(changed), time_limit=2, seed=0).solution.as_json()
    assert violations(changed, sol) == []
    kept = {(m["group"], m["week"], m["slot"]) for m in sol["meetings"]}
    moved = [
        m
        for m in first["meetings"]
        if m["week"] >= now and (m["group"], m["week"], m["slot"]) not in kept
    ]
    assert victim in moved
    assert len(moved) <= 3
    # only meetings near the disrupted one move: same group, or a group sharing its facilitator
    fac_groups = {g["id"] for g in changed["groups"] if g["facilitator"] == fac}
    assert {m["group"] for m in moved} <= fac_groups | {"g0"}


# -- determinism and quality ----------------------------------------------------------------


def test_same_seed_gives_the_same_solution():
    # A generous limit: the plan ends by its deterministic budget long before, and the wall
    # clock (which would make runs differ) never cuts in, even on a loaded machine.
    data = random_instance(8, n_groups=12, rooms=1)
    a = solve(parse_instance(data), time_limit=20, seed=3).solution.dumps()
    b = solve(parse_instance(data), time_limit=20, seed=3).solution.dumps()
    assert a == b


@pytest.mark.parametrize("seed", [1, 9])
def test_solver_is_no_worse_than_greedy(seed):
    data = random_instance(seed, n_groups=12)
    inst = parse_instance(data)
    engine = solve(inst, time_limit=2, seed=0)
    baseline = evaluate(inst, greedy(inst))
    assert baseline.valid
    assert engine.cost <= baseline.cost
    assert engine.cost >= dp_bound(inst).value


# -- edge cases -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"groups": []},
        {"rooms": 0},
        {"weeks": 1},
        {"now_week": 30, "current": []},
        {
            "series": {
                "meetings": 1,
                "min_gap_weeks": 0,
                "max_gap_weeks": 0,
                "target_gap_weeks": 0,
                "first_meeting_by_week": 0,
            }
        },
    ],
)
def test_edge_cases_stay_valid(change):
    data = dict(small(), **change)
    result = solve(parse_instance(data), time_limit=1)
    sol = result.solution.as_json()
    assert violations(data, sol) == []
    assert result.cost == cost(data, sol)


def test_absences_by_meeting_lists_who_cannot_attend():
    inst = parse_instance(small())
    sol = solve(inst, time_limit=1).solution
    table = absences_by_meeting(inst, sol)
    assert set(table) == set(sol.meetings)
    for m, names in table.items():
        assert names == cannot_attend(inst, m.group, m.week, m.slot)


def test_explanation_names_the_shared_facilitator(tmp_path, capsys):
    # Both groups must start in week 0 and their facilitator has one slot: one group is left out.
    people = {"f1": person([0]), "a": person([0]), "b": person([0])}
    data = instance(people, [("g1", "f1", ["a"]), ("g2", "f1", ["b"])], first_by=0)
    code, out, err = run_cli(tmp_path, data, capsys)
    assert code == 0
    sol = json.loads(out)
    assert violations(data, sol) == []
    assert len(sol["meetings"]) == 3
    assert "only 0 of 3 meetings" in err
    assert "f1 is booked in" in err


def test_explanation_names_the_room_limit():
    people = {"f1": person([0]), "f2": person([0]), "a": person([0]), "b": person([0])}
    data = instance(people, [("g1", "f1", ["a"]), ("g2", "f2", ["b"])], first_by=0, rooms=1)
    result = solve(parse_instance(data), time_limit=1)
    assert violations(data, result.solution.as_json()) == []
    (why,) = result.explanations.values()
    assert "rooms are taken" in why
