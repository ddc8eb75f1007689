"""Tests of the staffing engine (pure Python, no Django).

The shared generator and evaluator (../shared/benchmarks/staffing) judge the sweep of generated
instances; the tests that need them are skipped when they are not there."""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kring.engines.staffing import (
    MalformedInstance,
    Tables,
    construct,
    evaluate,
    greedy,
    lower_bound,
    parse_instance,
    solution_json,
    solve,
)
from kring.engines.staffing.cli import main
from kring.engines.staffing.teams import polish

REPO = Path(__file__).resolve().parents[3]


def shared(name: str) -> ModuleType:
    env = os.environ.get("KRING_BENCHMARKS_DIR")
    root = Path(env) if env else REPO.parent / "shared" / "benchmarks"
    path = root / "staffing" / f"{name}.py"
    if not path.exists():
        pytest.skip(f"the shared {name}.py is not at {path} (set KRING_BENCHMARKS_DIR)")
    key = f"kring_test_staffing_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


def person(weekdays: list[int], skills: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"weekdays": weekdays, "away": []}
    if skills is not None:
        out.update(skills=skills, guest=False, max_days=None, max_days_per_month=None)
        out["target_days"] = None
    out.update(extra)
    return out


def session(sid: str, line: str, earliest: int, latest: int, **extra: Any) -> dict[str, Any]:
    out = {"id": sid, "line": line, "days": 1, "earliest": earliest, "latest": latest}
    out.update(skills=["coaching"], teachers=1)
    out.update(extra)
    return out


def small() -> dict[str, Any]:
    """Two cohorts of three sessions share a facilitator; three coaches, one a guest who only
    works on Fridays."""
    gaps = {"min_gap": 5, "max_gap": 15, "target_gap": 10}
    return {
        "format": "kring-staffing/1",
        "name": "small",
        "start_date": "2027-08-30",
        "days": 60,
        "rooms": 1,
        "lines": {"A/coaching": {"continuity": 40, "kind": "fixed"}},
        "people": {
            "f1": person([0, 1, 2, 3, 4]),
            "t1": person([0, 1, 2], ["coaching"], target_days=3, preferred_weekdays=[1]),
            "t2": person([1, 2, 3], ["coaching"], max_days=4, target_days=3),
            "g1": person([4], ["coaching"], guest=True),
        },
        "cohorts": [
            {
                "id": f"A-{k}",
                "programme": "A",
                "facilitators": ["f1"],
                "blocked": [[20, 24]],
                "sessions": [
                    session(f"A-{k}-1", "A/coaching", 0, 10),
                    session(f"A-{k}-2", "A/coaching", 5, 30, **gaps),
                    session(f"A-{k}-3", "A/coaching", 10, 45, **gaps),
                ],
            }
            for k in (1, 2)
        ],
        "current": None,
        "now_day": 0,
        "move_penalty": 50,
        "swap_penalty": 20,
    }


def judge(data: dict[str, Any], plan_json: dict[str, Any]) -> dict[str, Any]:
    ev = shared("evaluate")
    return ev.evaluate(ev.load_instance(data), plan_json)


def quick(instance: Any, seconds: float = 0.5, seed: int = 0) -> Any:
    """A solve whose budget is ``seconds`` of work but with a generous wall clock, so that a
    busy test machine does not cut it short (and the result stays reproducible)."""
    return solve(instance, seconds, seed, deadline=time.monotonic() + 60 + 10 * seconds)


# -- malformed input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.update(format="x"), "format"),
        (lambda d: d.update(start_date="2027-08-31"), "start_date"),
        (
            lambda d: d["cohorts"][1]["sessions"][0].update(line="B/x"),
            "cohorts[1].sessions[0].line",
        ),
        (lambda d: d["cohorts"][0].update(facilitators=["zz"]), "cohorts[0].facilitators"),
        (lambda d: d["people"]["t1"].update(weekdays=[7]), "people['t1'].weekdays"),
        (lambda d: d["cohorts"][0]["sessions"][1].update(min_gap=20), "cohorts[0].sessions[1]"),
        (lambda d: d["cohorts"][1]["sessions"][2].update(id="A-1-1"), "cohorts[1].sessions[2].id"),
        (lambda d: d.update(rooms=[1, 2]), "rooms"),
        (lambda d: d.update(current=[{"session": "nope", "day": 1}]), "current[0]"),
    ],
)
def test_malformed_instances_name_the_field(mutate: Any, field: str) -> None:
    data = small()
    mutate(data)
    with pytest.raises(MalformedInstance) as caught:
        parse_instance(data)
    assert str(caught.value).startswith(field)


def test_cli_refuses_a_malformed_instance_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = small()
    data["cohorts"][0]["sessions"][0]["teachers"] = -1
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main([str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "cohorts[0].sessions[0].teachers" in err
    path.write_text("{not json", encoding="utf-8")
    assert main([str(path)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.json")]) == 2


def test_cli_prints_a_valid_solution(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(small()), encoding="utf-8")
    assert main([str(path), "--time-limit", "2", "--seed", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["format"] == "kring-staffing-solution/1"
    instance = parse_instance(small())
    plan = {e["session"]: (e["day"], tuple(e["teachers"])) for e in out["sessions"]}
    report = evaluate(instance, plan)
    assert report.valid, report.violations
    assert report.parts["unplaced"] == 0 and report.parts["missing_teachers"] == 0


# -- the small instance, by hand ------------------------------------------------------------


def test_small_instance_is_planned_whole_and_its_cost_is_the_evaluators() -> None:
    data = small()
    instance = parse_instance(data)
    result = quick(instance)
    assert result.report.valid, result.report.violations
    verdict = judge(data, solution_json(instance, result.plan))
    assert verdict["valid"], verdict["violations"]
    assert verdict["cost"] == result.cost
    assert verdict["unplaced"] == 0 and verdict["missing_teachers"] == 0
    # one room: never two sessions on a day; the shared facilitator is never double-booked
    days = [d for d, _ in result.plan.values()]
    assert len(days) == len(set(days))
    assert result.cost < evaluate(instance, greedy(instance)).cost or result.cost == 0
    assert lower_bound(instance).value <= result.cost


def test_nobody_has_the_skill_leaves_the_places_empty_and_says_so() -> None:
    data = small()
    data["cohorts"][1]["sessions"][1]["skills"] = ["ethics"]
    instance = parse_instance(data)
    result = quick(instance)
    assert result.report.valid
    day, team = result.plan["A-2-2"]
    assert team == ()
    assert result.report.parts["missing_teachers"] == 1
    assert "ethics" in result.explanations["A-2-2"]


def test_a_session_without_a_possible_day_is_left_out_and_explained() -> None:
    data = small()
    data["cohorts"][0]["sessions"][0].update(earliest=20, latest=20)  # blocked
    data["cohorts"][0]["sessions"][1].update(earliest=25, latest=30)
    instance = parse_instance(data)
    result = quick(instance)
    assert result.report.valid
    assert "A-1-1" not in result.plan
    assert "blocked" in result.explanations["A-1-1"]


# -- re-planning ----------------------------------------------------------------------------


def test_replanning_keeps_the_past_and_an_unchanged_plan() -> None:
    data = small()
    instance = parse_instance(data)
    first = quick(instance)
    data["current"] = solution_json(instance, first.plan)["sessions"]
    data["now_day"] = 12
    again = quick(parse_instance(data), seed=5)
    assert again.report.valid, again.report.violations
    assert again.report.parts["moved"] == 0 and again.report.parts["swapped"] == 0
    for sid, (day, team) in first.plan.items():
        if day < 12:
            assert again.plan[sid][0] == day and set(again.plan[sid][1]) == set(team)


def test_replanning_after_a_teacher_falls_ill_moves_only_what_it_must() -> None:
    data = small()
    instance = parse_instance(data)
    first = quick(instance)
    data["current"] = solution_json(instance, first.plan)["sessions"]
    data["now_day"] = 12
    ill = {t for sid, (d, team) in first.plan.items() if d >= 12 for t in team}
    victim = sorted(ill)[0]
    data["people"][victim]["away"] = [[12, 59]]
    replan = parse_instance(data)
    result = quick(replan, seed=1)
    assert result.report.valid, result.report.violations
    hit = [sid for sid, (d, team) in first.plan.items() if d >= 12 and victim in team]
    # the victim's sessions lose the victim; every other session keeps its day and team
    assert result.report.parts["swapped"] == len(hit)
    for sid, (day, team) in first.plan.items():
        if sid not in hit:
            assert result.plan[sid] == (day, team) or set(result.plan[sid][1]) == set(team)
    assert all(victim not in result.plan[sid][1] for sid in hit)


# -- determinism, construction, bound -------------------------------------------------------


def test_same_seed_same_plan() -> None:
    instance = parse_instance(small())
    a = quick(instance, 0.5, seed=7)
    b = quick(instance, 0.5, seed=7)
    assert a.plan == b.plan


def test_greedy_construct_and_polish_are_valid_on_the_examples() -> None:
    ev = shared("evaluate")
    root = Path(ev.__file__).parent / "examples"
    for path in sorted(root.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        instance = parse_instance(data)
        tables = Tables(instance)
        for plan in (greedy(instance, tables), construct(instance, tables)):
            plan = polish(tables, plan, 0, 20 * len(instance.sessions))
            verdict = ev.evaluate(ev.load_instance(data), solution_json(instance, plan))
            assert verdict["valid"], (path.name, verdict["violations"])
            assert verdict["cost"] == evaluate(instance, plan).cost
            assert lower_bound(instance, tables).value <= verdict["cost"]


# -- a small sweep over the generator's options ---------------------------------------------

SWEEP = [
    ["--cohorts", "2", "--sessions", "3", "--weeks", "8"],
    ["--cohorts", "3", "--sessions", "6", "--rooms", "1"],
    ["--cohorts", "0", "--workshops", "4"],
    ["--cohorts", "4", "--sessions", "5", "--skills-per-teacher", "1", "--density", "0.3"],
    ["--cohorts", "5", "--sessions", "6", "--guest-share", "0.8", "--away-rate", "0.3"],
    ["--cohorts", "4", "--sessions", "8", "--replan", "--rooms", "2"],
    ["--cohorts", "6", "--sessions", "4", "--teachers", "2", "--density", "0.2"],
    ["--cohorts", "3", "--sessions", "5", "--replan", "--now-day", "50", "--move-penalty", "0"],
    ["--cohorts", "3", "--sessions", "12", "--weeks", "12", "--facilitator-density", "0.2"],
]


@pytest.mark.parametrize("options", SWEEP, ids=lambda o: " ".join(o))
def test_generated_instances_get_valid_plans(options: list[str]) -> None:
    gen, ev = shared("generate"), shared("evaluate")
    data, plant = gen.build(gen.parse_args([*options, "--seed", "5"]))
    data = json.loads(json.dumps(data))
    instance = parse_instance(copy.deepcopy(data))
    result = quick(instance, 0.3)
    verdict = ev.evaluate(ev.load_instance(data), solution_json(instance, result.plan))
    assert verdict["valid"], verdict["violations"]
    assert verdict["cost"] == result.cost
    assert lower_bound(instance).value <= verdict["cost"]
    planted = ev.evaluate(ev.load_instance(data), plant)
    assert planted["valid"]
    assert lower_bound(instance).value <= planted["cost"]
