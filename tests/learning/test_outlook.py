"""Whether a member can still reach the attendance the group agreed: the pure computation."""

from __future__ import annotations

import pytest

from kring.learning.outlook import attendance_outlook, meetings_needed


@pytest.mark.parametrize(
    ("meetings", "share", "needed"),
    [(8, 75, 6), (6, 75, 5), (6, 100, 6), (4, 50, 2), (7, 80, 6), (0, 75, 0), (5, 1, 1)],
)
def test_the_agreed_share_is_rounded_up(meetings, share, needed):
    assert meetings_needed(meetings, share) == needed


def test_eight_meetings_three_quarters_and_three_missed_is_out_of_reach():
    outlook = attendance_outlook(meetings=8, attended=2, missed=3, share_percent=75)
    assert outlook.needed == 6
    assert outlook.remaining == 3
    assert outlook.best_possible == 5
    assert not outlook.reachable
    assert outlook.margin == -1


def test_two_missed_of_eight_leaves_no_room_but_is_still_reachable():
    outlook = attendance_outlook(meetings=8, attended=3, missed=2, share_percent=75)
    assert outlook.reachable and outlook.margin == 0


def test_at_the_start_everything_is_possible():
    outlook = attendance_outlook(meetings=6, attended=0, missed=0, share_percent=75)
    assert outlook.reachable and outlook.margin == 1


def test_a_whole_cycle_attended_is_reachable_with_a_full_share():
    outlook = attendance_outlook(meetings=6, attended=6, missed=0, share_percent=100)
    assert outlook.reachable and outlook.remaining == 0


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        attendance_outlook(meetings=3, attended=2, missed=2, share_percent=75)
    with pytest.raises(ValueError):
        attendance_outlook(meetings=3, attended=-1, missed=0, share_percent=75)
