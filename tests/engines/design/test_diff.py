"""The design diff in words: what a programme manager reads when two versions are compared."""

from __future__ import annotations

import copy

from kring.engines.design import Change, design_warnings, diff_designs, in_words

LABELS = {
    "guest_lecture": "Guest lecture",
    "multi_day_workshop": "Multi-day workshop",
    "one_day_session": "One-day session",
    "intervision": "Intervision",
    "half_day": "Half a day",
    "day": "A day",
    "two_days": "Two consecutive days",
    "hours": "A number of hours",
    "facilitator": "Facilitator",
    "guest_teacher": "Guest teacher",
    "fixed_teacher": "Fixed teacher",
}


def component(key: str, title: str, week: int, **extra) -> dict:
    base = {
        "key": key,
        "title": title,
        "work_form": "guest_lecture",
        "custom_work_form": "",
        "length": "half_day",
        "hours": None,
        "week": week,
        "week_until": None,
        "description": "",
        "staff": [],
        "materials": [],
        "activities": [],
    }
    base.update(extra)
    return base


def design(*lines: dict, spacing: int | None = None) -> dict:
    return {"spacing_days": spacing, "lines": list(lines)}


def line(key: str, title: str, *components: dict, description: str = "") -> dict:
    return {"key": key, "title": title, "description": description, "components": list(components)}


BASE = design(
    line(
        "L1",
        "Coaching",
        component("C1", "Kanteling", 6),
        component("C2", "Werkplaats 1", 2, work_form="multi_day_workshop", length="two_days"),
    ),
    line("L2", "Organisatie", component("C3", "Intervisie", 4, work_form="intervision")),
)


def words(old: dict, new: dict) -> list[str]:
    return in_words(diff_designs(old, new), labels=LABELS)


def test_the_same_design_has_no_changes():
    assert diff_designs(BASE, copy.deepcopy(BASE)) == []
    assert words(BASE, BASE) == []


def test_the_issues_own_example_moved_added_renamed():
    new = copy.deepcopy(BASE)
    new["lines"][0]["components"][0]["week"] = 9
    new["lines"][0]["components"].append(component("C9", "Y", 10))
    new["lines"][1]["title"] = "Organisatieontwikkeling"
    assert words(BASE, new) == [
        "Learning line “Organisatie” renamed to “Organisatieontwikkeling”",
        "Guest lecture “Kanteling” moved from week 6 to week 9",
        "Guest lecture “Y” added to “Coaching”, week 10",
    ]


def test_removed_components_and_lines_come_last():
    new = design(line("L1", "Coaching", component("C1", "Kanteling", 6)))
    assert words(BASE, new) == [
        "Multi-day workshop “Werkplaats 1” removed from “Coaching”",
        "Intervision “Intervisie” removed from “Organisatie”",
        "Learning line “Organisatie” removed",
    ]


def test_a_new_line_with_its_components():
    new = copy.deepcopy(BASE)
    new["lines"].append(line("L3", "Systeem", component("C4", "Wereldcafé", 12, week_until=14)))
    assert words(BASE, new) == [
        "Learning line “Systeem” added",
        "Guest lecture “Wereldcafé” added to “Systeem”, weeks 12–14",
    ]


def test_a_window_and_back_to_a_week():
    new = copy.deepcopy(BASE)
    new["lines"][0]["components"][0]["week_until"] = 8
    assert words(BASE, new) == ["Guest lecture “Kanteling” moved from week 6 to weeks 6–8"]
    assert words(new, BASE) == ["Guest lecture “Kanteling” moved from weeks 6–8 to week 6"]


def test_a_window_ending_in_its_own_week_is_a_week():
    new = copy.deepcopy(BASE)
    new["lines"][0]["components"][0]["week_until"] = 6
    assert diff_designs(BASE, new) == []


def test_renamed_component_is_matched_by_key_not_title():
    new = copy.deepcopy(BASE)
    new["lines"][0]["components"][0]["title"] = "Kanteling in de praktijk"
    assert words(BASE, new) == ["Guest lecture “Kanteling” renamed to “Kanteling in de praktijk”"]


def test_two_components_with_the_same_title_stay_apart():
    old = design(line("L1", "A", component("C1", "Sessie", 1), component("C2", "Sessie", 3)))
    new = copy.deepcopy(old)
    new["lines"][0]["components"][1]["week"] = 5
    changes = diff_designs(old, new)
    assert [c.component_key for c in changes] == ["C2"]


def test_component_moved_to_another_line():
    new = copy.deepcopy(BASE)
    moved = new["lines"][0]["components"].pop(0)
    new["lines"][1]["components"].append(moved)
    assert words(BASE, new) == [
        "Guest lecture “Kanteling” moved from learning line “Coaching” to “Organisatie”"
    ]


def test_work_form_and_custom_work_form():
    new = copy.deepcopy(BASE)
    new["lines"][0]["components"][0]["work_form"] = "custom"
    new["lines"][0]["components"][0]["custom_work_form"] = "Wandelgesprek"
    assert words(BASE, new) == ["“Kanteling”: work form Wandelgesprek instead of Guest lecture"]
    renamed = copy.deepcopy(new)
    renamed["lines"][0]["components"][0]["custom_work_form"] = "Stiltewandeling"
    assert words(new, renamed) == [
        "“Kanteling”: work form Stiltewandeling instead of Wandelgesprek"
    ]


def test_length_in_hours():
    new = copy.deepcopy(BASE)
    new["lines"][0]["components"][0].update(length="hours", hours="2.5")
    assert words(BASE, new) == [
        "Guest lecture “Kanteling” now takes 2.5 hours instead of half a day"
    ]
    longer = copy.deepcopy(new)
    longer["lines"][0]["components"][0]["hours"] = "3.0"
    assert words(new, longer) == [
        "Guest lecture “Kanteling” now takes 3 hours instead of 2.5 hours"
    ]


def test_staff_added_removed_and_still_to_be_found():
    new = copy.deepcopy(BASE)
    new["lines"][0]["components"][0]["staff"] = [
        {"kind": "facilitator", "person": 7, "name": "Eva", "note": ""},
        {"kind": "guest_teacher", "person": None, "name": "", "note": "een wethouder"},
    ]
    assert words(BASE, new) == [
        "Eva (facilitator) added to the staff of “Kanteling”",
        "Guest teacher still to be found (een wethouder) added to the staff of “Kanteling”",
    ]
    found = copy.deepcopy(new)
    found["lines"][0]["components"][0]["staff"][1] = {
        "kind": "guest_teacher",
        "person": 9,
        "name": "Jan",
        "note": "een wethouder",
    }
    assert words(new, found) == [
        "Jan (guest teacher) added to the staff of “Kanteling”",
        "Guest teacher still to be found (een wethouder) no longer on the staff of “Kanteling”",
    ]


def test_same_person_twice_in_one_kind_counts():
    one = copy.deepcopy(BASE)
    one["lines"][0]["components"][0]["staff"] = [
        {"kind": "guest_teacher", "person": None, "name": "", "note": ""}
    ]
    two = copy.deepcopy(one)
    two["lines"][0]["components"][0]["staff"].append(
        {"kind": "guest_teacher", "person": None, "name": "", "note": ""}
    )
    assert words(one, two) == ["Guest teacher still to be found added to the staff of “Kanteling”"]


def test_materials_runbook_and_description():
    new = copy.deepcopy(BASE)
    target = new["lines"][0]["components"][0]
    target["materials"] = [{"id": 3, "title": "Incidentmethode"}]
    target["activities"] = [{"day": 1, "starts_at": "09:30", "minutes": 30, "title": "Opening"}]
    target["description"] = "Anders"
    assert words(BASE, new) == [
        "Description of Guest lecture “Kanteling” changed",
        "Material “Incidentmethode” added to “Kanteling”",
        "Runbook of Guest lecture “Kanteling” changed",
    ]
    assert words(new, BASE)[1] == "Material “Incidentmethode” removed from “Kanteling”"


def test_reordering_is_named_once_per_line_but_not_for_an_addition():
    new = copy.deepcopy(BASE)
    new["lines"][0]["components"].reverse()
    assert words(BASE, new) == ["Components of learning line “Coaching” are in another order"]
    added_first = copy.deepcopy(BASE)
    added_first["lines"][0]["components"].insert(0, component("C0", "Nieuw", 1))
    assert words(BASE, added_first) == ["Guest lecture “Nieuw” added to “Coaching”, week 1"]


def test_lines_reordered_and_described_and_spacing():
    new = copy.deepcopy(BASE)
    new["lines"].reverse()
    new["lines"][0]["description"] = "Nieuw"
    new["spacing_days"] = 14
    assert words(BASE, new) == [
        "Days between sessions at least: 14 instead of none",
        "The learning lines are in another order",
        "Description of learning line “Organisatie” changed",
    ]


def test_empty_designs_and_missing_fields():
    assert diff_designs({}, {}) == []
    assert words({}, BASE)[0] == "Learning line “Coaching” added"


def test_changes_name_their_component_and_line():
    new = copy.deepcopy(BASE)
    new["lines"][1]["components"][0]["week"] = 5
    (change,) = diff_designs(BASE, new)
    assert change == Change(
        "component_moved",
        {
            "title": "Intervisie",
            "work_form": "intervision",
            "custom_work_form": "",
            "old": (4, None),
            "new": (5, None),
        },
        line_key="L2",
        component_key="C3",
    )


def test_phrases_in_another_language():
    new = copy.deepcopy(BASE)
    new["lines"][0]["components"][0]["week"] = 9
    dutch = {
        "component_moved": "%(form)s ‘%(title)s’ verschoven van %(old)s naar %(new)s",
        "when_week": "week %(week)s",
    }
    assert in_words(
        diff_designs(BASE, new), phrases=dutch, labels={"guest_lecture": "Gastcollege"}
    ) == ["Gastcollege ‘Kanteling’ verschoven van week 6 naar week 9"]


def test_an_unknown_label_is_shown_as_its_code():
    new = copy.deepcopy(BASE)
    new["lines"][0]["components"][0]["week"] = 7
    assert in_words(diff_designs(BASE, new)) == [
        "Guest_lecture “Kanteling” moved from week 6 to week 7"
    ]


# --- Rules of thumb -------------------------------------------------------------------------


def codes(found) -> list[str]:
    return [w.code for w in found]


def test_a_line_without_a_facilitator_warns_an_empty_line_does_not():
    found = design_warnings(design(line("L1", "A", component("C1", "X", 1)), line("L2", "Leeg")))
    assert codes(found) == ["line_without_facilitator"]
    assert found[0].params == {"line": "A"}


def test_one_facilitated_component_is_enough_for_the_line():
    staffed = component(
        "C2", "Y", 3, staff=[{"kind": "facilitator", "person": 1, "name": "Eva", "note": ""}]
    )
    assert design_warnings(design(line("L1", "A", component("C1", "X", 1), staffed))) == []


def test_a_place_still_to_be_filled_warns():
    open_place = component(
        "C1",
        "X",
        1,
        staff=[
            {"kind": "facilitator", "person": 1, "name": "Eva", "note": ""},
            {"kind": "guest_teacher", "person": None, "name": "", "note": "iemand van VNG"},
        ],
    )
    (warning,) = design_warnings(design(line("L1", "A", open_place)))
    assert warning.code == "staff_to_find"
    assert warning.params["note"] == "iemand van VNG"
    assert warning.component_key == "C1"


def test_components_closer_than_the_spacing_warn_across_lines():
    facilitated = [{"kind": "facilitator", "person": 1, "name": "Eva", "note": ""}]
    found = design_warnings(
        design(
            line(
                "L1",
                "A",
                component("C1", "X", 1, staff=facilitated),
                component("C3", "Z", 6, staff=facilitated),
            ),
            line("L2", "B", component("C2", "Y", 2, staff=facilitated)),
            spacing=14,
        )
    )
    assert codes(found) == ["too_close"]
    assert found[0].params == {"first": "X", "second": "Y", "days": 7, "spacing": 14, "week": 2}


def test_windows_do_not_count_for_spacing_and_no_spacing_no_warning():
    facilitated = [{"kind": "facilitator", "person": 1, "name": "Eva", "note": ""}]
    lines = line(
        "L1",
        "A",
        component("C1", "X", 1, staff=facilitated),
        component("C2", "Buddy", 1, week_until=10, staff=facilitated),
        component("C3", "Z", 3, staff=facilitated),
    )
    assert design_warnings(design(lines, spacing=14)) == []
    assert design_warnings(design(lines, spacing=15))[0].code == "too_close"
    assert design_warnings(design(lines)) == []


def test_same_week_components_are_zero_days_apart():
    facilitated = [{"kind": "facilitator", "person": 1, "name": "Eva", "note": ""}]
    found = design_warnings(
        design(
            line(
                "L1",
                "A",
                component("C1", "X", 4, staff=facilitated),
                component("C2", "Y", 4, staff=facilitated),
            ),
            spacing=7,
        )
    )
    assert found[0].params["days"] == 0


def test_guest_lecture_without_briefing_notes():
    facilitated = [{"kind": "facilitator", "person": 1, "name": "Eva", "note": ""}]
    lecture = component("C1", "Kanteling", 6, staff=facilitated)
    workshop = component("C2", "W", 9, work_form="one_day_session", staff=facilitated)
    found = design_warnings(
        design(line("L1", "A", lecture, workshop)), unbriefed={"C1": 2, "C2": 1}
    )
    assert codes(found) == ["guest_lecture_unbriefed"]
    assert found[0].params == {"title": "Kanteling", "sessions": 2}
    assert design_warnings(design(line("L1", "A", lecture)), unbriefed={"C1": 0}) == []
