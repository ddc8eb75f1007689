"""The engine's reasons and the size rules in Dutch, naming people by name."""

from __future__ import annotations

import pytest
from django.utils import translation

from kring.formation.explain import (
    name_list,
    reason_text,
    size_plan_text,
    size_problem_text,
    slot_words,
)
from kring.formation.sizing import SizeProblem, plan_sizes

NAMES = {"101": "Ann Alders", "102": "Bob Bakker", "103": "Cas Claes"}


def names(ids) -> str:
    return name_list([NAMES[i] for i in ids])


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def test_sizes_in_words():
    assert size_plan_text(plan_sizes(40, target=5, minimum=4, maximum=6)) == "8 groepen van 5"
    assert (
        size_plan_text(plan_sizes(42, target=5, minimum=4, maximum=6))
        == "2 groepen van 6 en 6 groepen van 5"
    )


def test_a_size_gap_in_words_with_a_way_out():
    with pytest.raises(SizeProblem) as caught:
        plan_sizes(11, target=6, minimum=6, maximum=7)
    assert size_problem_text(caught.value) == (
        "11 mensen passen niet in groepen van 6 tot 7. 1 groep heeft hoogstens 7 plaatsen, en "
        "2 groepen hebben minstens 12 mensen nodig. Met groepen van 5 tot 7 lukt het wel."
    )


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (
            {"code": "together_no_common_slot", "people": ["101", "102"]},
            "Ann Alders en Bob Bakker moeten in dezelfde groep, maar hebben geen moment",
        ),
        (
            {
                "code": "apart_but_linked",
                "people": ["101", "103"],
                "rules": [["together", ["101", "102", "103"]]],
            },
            "Ann Alders en Cas Claes mogen niet in dezelfde groep, maar de regels die mensen "
            "bij elkaar houden verbinden hen (Ann Alders, Bob Bakker en Cas Claes)",
        ),
        (
            {"code": "too_few_slots", "people": ["102"], "numbers": {"available": 0, "need": 1}},
            "Bob Bakker heeft nog geen enkel moment",
        ),
        (
            {
                "code": "too_few_partners",
                "people": ["103"],
                "numbers": {"compatible": 1, "smallest": 4},
            },
            "Cas Claes kan maar met 1 ander persoon een groep delen",
        ),
        (
            {
                "code": "rules_conflict",
                "rules": [
                    ["apart", ["101", "102"]],
                    ["manager", ["103", "101"]],
                    ["common_slots", []],
                ],
            },
            "Er bestaat geen indeling waarin al deze regels gelden: Ann Alders en Bob Bakker "
            "mogen niet in dezelfde groep; Cas Claes blijft gescheiden van de eigen "
            "leidinggevende Ann Alders; elke groep heeft een gezamenlijk moment in de week nodig.",
        ),
        ({"code": "not_found"}, "Kring vond binnen de zoektijd geen indeling"),
    ],
)
def test_reasons_name_people(reason, expected):
    text = reason_text(reason, names)
    assert text.startswith(expected)
    assert not any(f" {i} " in f" {text} " for i in NAMES)


def test_moments_in_words():
    assert slot_words([14, 0, 4]) == [
        "maandag 09:00-11:00",
        "dinsdag 11:30-13:30",
        "vrijdag 14:00-16:00",
    ]
