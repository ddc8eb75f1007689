"""The pure part of planning: the weekly grid on the calendar (time zone, daylight saving
time), engine instances with the current plan and ``now_week``, reasons and shortfalls."""

from __future__ import annotations

import datetime
import json
from zoneinfo import ZoneInfo

from kring.engines.scheduling import Tables, evaluate, parse_instance, solve
from kring.planning import compose

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONDAY = datetime.date(2027, 3, 1)


def person(key: str, weekly=None, **extra) -> compose.PersonInput:
    weekly_slots = tuple(range(15)) if weekly is None else tuple(weekly)
    return compose.PersonInput(
        key=key,
        user_id=int(key[1:]),
        name=f"Persoon {key}",
        weekly=weekly_slots,
        **extra,
    )


def rules(**extra) -> compose.SeriesRules:
    values = {"meetings": 3, "min_gap": 2, "max_gap": 4, "target_gap": 3, "first_within": 2}
    values.update(extra)
    return compose.SeriesRules(**values)


def test_a_slot_is_the_same_wall_clock_time_in_winter_and_summer():
    horizon = compose.Horizon(week_start=MONDAY, now_week=0, weeks=8)
    # Tuesday 14:00 (slot 5) before and after the clocks go forward on 28 March 2027.
    winter = horizon.moment(3, 5, AMSTERDAM)
    summer = horizon.moment(4, 5, AMSTERDAM)
    assert (winter.date(), winter.hour) == (datetime.date(2027, 3, 23), 14)
    assert (summer.date(), summer.hour) == (datetime.date(2027, 3, 30), 14)
    assert winter.astimezone(datetime.UTC).hour == 13
    assert summer.astimezone(datetime.UTC).hour == 12


def test_a_meeting_counts_as_the_slot_it_overlaps_most():
    tuesday = datetime.date(2027, 3, 2)
    at = lambda h, m=0: datetime.datetime.combine(tuesday, datetime.time(h, m))  # noqa: E731
    assert compose.nearest_slot(at(14), 120) == 5
    assert compose.nearest_slot(at(10), 120) == 3  # 10-12 overlaps 09-11 most
    assert compose.nearest_slot(at(11, 30), 90) == 4
    assert compose.nearest_slot(at(19), 120) == 5  # evening: the closest, the afternoon
    saturday = datetime.datetime(2027, 3, 6, 10, 0)
    assert compose.nearest_slot(saturday, 120) == 14


def test_the_horizon_starts_early_enough_for_meetings_already_held():
    today = datetime.date(2027, 3, 10)  # a Wednesday
    held = datetime.date(2027, 1, 12)
    horizon = compose.horizon_for(
        today=today, weeks=20, meeting_days=[held, datetime.date(2027, 3, 23)], held_days=[held]
    )
    assert horizon.week_start == datetime.date(2027, 1, 11)
    assert horizon.first_day == datetime.date(2027, 3, 15)  # next Monday
    assert horizon.weeks == horizon.now_week + 20


def test_a_meeting_marked_held_is_never_after_now_week():
    today = datetime.date(2027, 3, 10)
    early_held = datetime.date(2027, 3, 25)  # attendance registered ahead of time
    horizon = compose.horizon_for(
        today=today, weeks=10, meeting_days=[early_held], held_days=[early_held]
    )
    assert horizon.week_of(early_held) < horizon.now_week


def test_the_instance_carries_the_current_plan_with_past_meetings_fixed():
    horizon = compose.Horizon(week_start=MONDAY, now_week=4, weeks=20)
    start = lambda week: datetime.datetime.combine(  # noqa: E731
        horizon.monday(week) + datetime.timedelta(days=1), datetime.time(14)
    )
    meetings = [
        compose.ExistingMeeting(i, i, f"M{i}", start(week), 120, status, 1)
        for i, (week, status) in enumerate([(0, "held"), (3, "held"), (7, "planned")], 1)
    ]
    group = compose.GroupInput(1, "A", ["u1"], ["u2", "u3"], meetings)
    people = {p.key: p for p in (person("u1"), person("u2"), person("u3", weekly=[3, 4]))}
    data = compose.compose_instance(
        groups=[group], people=people, horizon=horizon, rules=rules(), meetings=3, move_penalty=50
    )
    assert data["now_week"] == 4
    assert data["current"] == [
        {"group": "g1", "number": 1, "week": 0, "slot": 5},
        {"group": "g1", "number": 2, "week": 3, "slot": 5},
        {"group": "g1", "number": 3, "week": 7, "slot": 5},
    ]
    assert data["series"]["first_meeting_by_week"] == 5
    instance = parse_instance(data)
    result = solve(instance, time_limit=1)
    kept = {(m.number, m.week, m.slot) for m in result.solution.meetings}
    assert {(1, 0, 5), (2, 3, 5)} <= kept  # what took place stays exactly
    assert evaluate(instance, result.solution).moved <= 1


def test_several_facilitators_are_free_only_together_and_never_double_booked():
    horizon = compose.Horizon(week_start=MONDAY, now_week=0, weeks=12)
    group = compose.GroupInput(2, "Duo", ["u1", "u2"], ["u3"])
    people = {
        p.key: p
        for p in (person("u1", weekly=[1, 2, 3]), person("u2", weekly=[2, 3]), person("u3"))
    }
    data = compose.compose_instance(
        groups=[group], people=people, horizon=horizon, rules=rules(), meetings=3, move_penalty=0
    )
    assert data["groups"][0]["facilitator"] == "t2"
    assert data["people"]["t2"]["weekly"] == [2, 3]
    assert set(data["groups"][0]["members"]) == {"u3", "u1", "u2"}


def test_someone_without_a_grid_counts_as_free_apart_from_what_is_known_taken():
    someone = compose.PersonInput(
        key="u9", user_id=9, name="Nog niet ingevuld", weekly=None, away=frozenset({(1, 4)})
    )
    data = someone.engine_person()
    assert data["weekly"] == list(range(15))
    assert data["away"] == [[1, 4]]
    assert someone.can_come(1, 3) and not someone.can_come(1, 4)


def test_reasons_say_why_someone_cannot_come():
    whole_week = frozenset((2, s) for s in range(15))
    someone = person(
        "u5",
        weekly=[3, 4, 5],
        away=whole_week | {(3, 4)},
        calendar=frozenset({(4, 5)}),
        meetings={(5, 3): "Leergroep C"},
    )
    assert someone.reason(2, 3) == (compose.AWAY_WEEK, "")
    assert someone.reason(3, 4) == (compose.AWAY, "")
    assert someone.reason(5, 3) == (compose.OTHER_MEETING, "Leergroep C")
    assert someone.reason(6, 9) == (compose.GRID, "")
    assert someone.reason(4, 5) == (compose.CALENDAR, "")
    assert person("u6", weekly=[]).reason(1, 1) == (compose.NO_GRID, "")


def _solve_one(group, people, horizon, **rule_values):
    data = compose.compose_instance(
        groups=[group],
        people=people,
        horizon=horizon,
        rules=rules(**rule_values),
        meetings=group.series_length(rule_values.get("meetings", 3)),
        move_penalty=50,
    )
    instance = parse_instance(data)
    result = solve(instance, time_limit=1)
    return compose.read_solution(
        instance=instance,
        solution=result.solution,
        groups=[group],
        people=people,
        horizon=horizon,
        zone=AMSTERDAM,
    )[0].to_json()


def test_the_preview_names_who_cannot_attend_and_keeps_what_need_not_move():
    horizon = compose.Horizon(week_start=MONDAY, now_week=0, weeks=12)
    start = lambda week: datetime.datetime.combine(  # noqa: E731
        horizon.monday(week) + datetime.timedelta(days=1), datetime.time(14)
    )
    meetings = [
        compose.ExistingMeeting(10 + w, n, f"M{n}", start(w), 120, "planned", 3)
        for n, w in enumerate([1, 4, 7], 1)
    ]
    group = compose.GroupInput(1, "A", ["u1"], ["u2", "u3"], meetings)
    people = {
        p.key: p
        for p in (person("u1", weekly=[5]), person("u2", weekly=[5]), person("u3", weekly=[0]))
    }
    preview = _solve_one(group, people, horizon)
    assert [row["change"] for row in preview["meetings"]] == ["kept", "kept", "kept"]
    assert preview["meetings"][0]["new"] == preview["meetings"][0]["old"]
    assert preview["meetings"][0]["absent"] == [
        {"person": 3, "name": "Persoon u3", "reason": compose.GRID, "detail": ""}
    ]
    assert preview["shortfall"] is None


def test_a_series_that_cannot_fit_says_so():
    horizon = compose.Horizon(week_start=MONDAY, now_week=0, weeks=6)
    group = compose.GroupInput(1, "A", ["u1"], ["u2"], titles=["Een", "Twee", "Drie"])
    people = {p.key: p for p in (person("u1"), person("u2"))}
    preview = _solve_one(group, people, horizon, min_gap=4, max_gap=5, target_gap=4)
    assert preview["placed"] < 3
    assert preview["shortfall"]["code"] == compose.SHORT_HORIZON
    assert preview["new_series"] and preview["meetings"][0]["title"] == "Een"
    assert preview["meetings"][-1]["change"] == compose.UNPLACED


def test_an_overdue_series_and_a_rare_facilitator_are_told_apart():
    horizon = compose.Horizon(week_start=MONDAY, now_week=10, weeks=30)
    long_ago = datetime.datetime.combine(MONDAY + datetime.timedelta(days=1), datetime.time(14))
    group = compose.GroupInput(
        1, "A", ["u1"], ["u2"], [compose.ExistingMeeting(1, 1, "M1", long_ago, 120, "held", 1)]
    )
    group.meetings.append(compose.ExistingMeeting(2, 2, "M2", None, 120, "planned", 1))
    people = {p.key: p for p in (person("u1"), person("u2"))}
    preview = _solve_one(group, people, horizon)
    assert preview["shortfall"]["code"] == compose.SHORT_OVERDUE
    assert preview["meetings"][1]["change"] == compose.UNPLACED

    horizon = compose.Horizon(week_start=MONDAY, now_week=0, weeks=20)
    rare = person("u1", away=frozenset((w, 5) for w in range(3, 20)), weekly=[5])
    rare.engine = {"weekly": [5], "away_weeks": list(range(3, 20)), "away": []}
    preview = _solve_one(
        compose.GroupInput(1, "A", ["u1"], ["u2"]), {"u1": rare, "u2": person("u2")}, horizon
    )
    assert preview["shortfall"]["code"] == compose.SHORT_FACILITATOR


def test_groups_are_planned_in_batches_of_equal_series_length():
    with_meetings = compose.GroupInput(
        1,
        "A",
        ["u1"],
        [],
        [compose.ExistingMeeting(i, i, "M", None, 120, "planned", 1) for i in range(5)],
    )
    fresh = compose.GroupInput(2, "B", ["u1"], [])
    other = compose.GroupInput(3, "C", ["u2"], [])
    batches = compose.batches([with_meetings, fresh, other], 6)
    assert [[g.id for g in batch] for batch in batches] == [[2, 3], [1]]


def test_summary_counts_only_what_is_to_come():
    rows = [
        compose.GroupRow(
            group_id=1,
            name="A",
            target=3,
            placed=3,
            new_series=False,
            meetings=[
                compose.MeetingRow(1, week=0, change="past"),
                compose.MeetingRow(
                    2, week=3, change="kept", absent=[compose.Absence(9, "x", "grid")], seats=2
                ),
                compose.MeetingRow(3, week=7, change="moved", seats=2),
            ],
        )
    ]
    summary = compose.summarise(rows, target_gap=3)
    assert summary == compose.Summary(
        meetings=2, missing=0, absences=1, seats=4, full=1, moved=1, gap_deviation=1
    )
    assert Tables  # the engine's tables stay importable for the explanations


# A proposal as Plan.result stores it: the rows read back exactly as they were written, so
# proposals made before the rows were typed still show and can still be accepted.
STORED = {
    "groups": [
        {
            "group": 7,
            "name": "A",
            "target": 3,
            "placed": 2,
            "new_series": False,
            "meetings": [
                {
                    "position": 1,
                    "meeting": 11,
                    "number": 1,
                    "title": "Kennismaken",
                    "version": 2,
                    "status": "held",
                    "old": "2027-03-02T14:00:00+01:00",
                    "week": 0,
                    "slot": 5,
                    "new": "2027-03-02T14:00:00+01:00",
                    "change": "past",
                    "absent": [],
                },
                {
                    "position": 2,
                    "meeting": 12,
                    "number": 2,
                    "title": "Casus",
                    "version": 1,
                    "status": "planned",
                    "old": "2027-03-30T09:00:00+02:00",
                    "week": 5,
                    "slot": 3,
                    "new": "2027-04-06T13:30:00+02:00",
                    "change": "moved",
                    "absent": [{"person": 3, "name": "Bo", "reason": "grid", "detail": ""}],
                    "was_absent": [
                        {"person": 4, "name": "Cas", "reason": "meeting", "detail": "Groep B"}
                    ],
                    "seats": 4,
                },
                {
                    "position": 3,
                    "meeting": None,
                    "number": None,
                    "title": "",
                    "version": None,
                    "status": "",
                    "old": None,
                    "week": None,
                    "slot": None,
                    "new": None,
                    "change": "unplaced",
                    "absent": [],
                },
            ],
            "shortfall": {
                "code": "overdue",
                "placed": 2,
                "target": 3,
                "max_gap": 4,
                "deadline": "2027-05-07",
            },
        }
    ],
    "summary": {
        "meetings": 1,
        "missing": 1,
        "absences": 1,
        "seats": 4,
        "full": 0,
        "moved": 1,
        "gap_deviation": 2,
        "cost": 31.5,
    },
    "no_grid": ["Bo"],
    "first_day": "2027-03-15",
    "last_day": "2027-07-30",
}


def test_a_stored_proposal_reads_back_exactly_as_it_was_written():
    result = compose.PlanResult.from_json(STORED)
    row = result.groups[0].meetings[1]
    assert (row.change, row.old.hour, row.new.day, row.seats) == ("moved", 9, 6, 4)
    assert row.was_absent == [compose.Absence(4, "Cas", compose.OTHER_MEETING, "Groep B")]
    assert result.groups[0].shortfall.deadline == datetime.date(2027, 5, 7)
    assert json.dumps(result.to_json()) == json.dumps(STORED)  # same keys, same order
    move = {"meeting": 12, "group": 7, "old": "2027-03-30T07:00:00+00:00", "new": None}
    assert compose.Move.from_json(move).to_json() == move


def test_the_rules_travel_under_the_names_of_the_form_and_the_plan():
    fields = {
        "weeks": 30,
        "meetings": 5,
        "min_gap_weeks": 2,
        "max_gap_weeks": 6,
        "target_gap_weeks": 4,
        "first_within_weeks": 3,
    }
    series = compose.SeriesRules.from_json({**fields, "groups": [1], "template": None})
    assert (series.weeks, series.min_gap, series.target_gap) == (30, 2, 4)
    assert series.to_json() == fields
