"""Whether a member can still reach the share of meetings the group agreed. Pure Python, no
Django: counts in, an outlook out.

Attendance alerts that only look back (two of the last three missed) come too late for a
member who has already missed so much that the meetings still to come cannot make up for it.
The outlook looks ahead: it says how many meetings the agreed share asks of this member, how
many they can still reach at best, and so whether a conversation is due now.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AttendanceOutlook:
    meetings: int  # the meetings of the cycle that count for this member
    attended: int
    missed: int  # absent, with or without notice
    needed: int  # meetings to attend for the agreed share

    @property
    def remaining(self) -> int:
        """Meetings still to come (or not yet recorded) for this member."""
        return max(self.meetings - self.attended - self.missed, 0)

    @property
    def best_possible(self) -> int:
        return self.attended + self.remaining

    @property
    def reachable(self) -> bool:
        return self.best_possible >= self.needed

    @property
    def margin(self) -> int:
        """How many more meetings this member can miss and still reach the share; negative
        once it is out of reach."""
        return self.best_possible - self.needed


def meetings_needed(meetings: int, share_percent: int) -> int:
    """The agreed share of ``meetings``, rounded up: 75 % of 6 meetings is 5 (4.5 would fall
    short of the agreement)."""
    if meetings <= 0:
        return 0
    share = min(max(share_percent, 0), 100)
    return -(-meetings * share // 100)


def attendance_outlook(
    *, meetings: int, attended: int, missed: int, share_percent: int
) -> AttendanceOutlook:
    """The outlook of one member: ``meetings`` counted for them in the whole cycle (held and
    still to come), of which they ``attended`` and ``missed`` so many."""
    if min(meetings, attended, missed) < 0:
        raise ValueError("Counts cannot be negative.")
    if attended + missed > meetings:
        raise ValueError("A member cannot attend or miss more meetings than the cycle has.")
    return AttendanceOutlook(
        meetings=meetings,
        attended=attended,
        missed=missed,
        needed=meetings_needed(meetings, share_percent),
    )
