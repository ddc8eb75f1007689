"""What a formation run stores besides the engine's instance: the snapshot the proposal page
explains it with reads back exactly as it was written, so runs made earlier still show."""

from __future__ import annotations

import json

from kring.formation import compose

STORED = {
    "target": 5,
    "min": 4,
    "max": 6,
    "people": {
        "12": {"task": "  Beleidsadvies  ", "context": "Ministerie / DG Wonen", "manager": 15},
        "15": {"task": "Leidinggeven", "context": "Ministerie", "manager": None},
    },
    "rather_not": [["12", "15"]],
    "apart": [],
    "together": [["15", "12"]],
}


def test_a_stored_snapshot_reads_back_exactly_as_it_was_written():
    snapshot = compose.Snapshot.from_json(STORED)
    assert (snapshot.target, snapshot.minimum, snapshot.maximum) == (5, 4, 6)
    assert snapshot.people["12"] == compose.Told("  Beleidsadvies  ", "Ministerie / DG Wonen", 15)
    assert snapshot.rather_not == [("12", "15")] and snapshot.together == [("15", "12")]
    assert json.dumps(snapshot.to_json()) == json.dumps(STORED)  # same keys, same order


def test_the_proposal_lists_groups_that_are_alike_next_to_each_other():
    instance = {
        "people": [
            {"id": "1", "context": "b/x", "task": "advies"},
            {"id": "2", "context": "a/y", "task": "advies"},
            {"id": "3", "context": "b/x", "task": "beleid"},
            {"id": "4", "context": "a/y", "task": "beleid"},
        ]
    }
    assert compose.display_order(instance, [["1", "3"], ["2", "4"]]) == [["2", "4"], ["1", "3"]]
