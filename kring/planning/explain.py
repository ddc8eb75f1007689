"""Words for planning, in the reader's language: what keeps a group from being planned, a
proposal as the page shows it (who cannot attend and why, why a group got fewer meetings,
the cost in words), and the reasons of a re-plan suggestion. Explains what ``compose`` and
the selectors hand it; it reads nothing from the database itself."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.accounts.models import User
from kring.planning import compose
from kring.planning.models import Plan
from kring.programmes.models import Group


def readiness_problems(
    *, group: Group, facilitators: Sequence[User], has_members: bool, empty_grid: Sequence[User]
) -> list[str]:
    """What stops planning this group, in words."""
    problems = []
    if not facilitators:
        problems.append(
            _("%(group)s has no facilitator yet. Add one before planning.") % {"group": group.name}
        )
    if not has_members:
        problems.append(
            _("%(group)s has no members yet. Invite them first, so that their availability counts.")
            % {"group": group.name}
        )
    for facilitator in [f for f in facilitators if f in empty_grid]:
        problems.append(
            _(
                "%(person)s, the facilitator of %(group)s, has not ticked a single moment in "
                "the weekly grid, so no time can be found. Ask them to fill it in first."
            )
            % {"person": facilitator.full_name, "group": group.name}
        )
    return problems


# --- Proposals as the page shows them ---------------------------------------------------------


def reason_text(code: str, detail: str = "") -> str:
    """Why someone cannot attend, in the reader's language."""
    texts = {
        compose.AWAY_WEEK: _("away that week"),
        compose.AWAY: _("away that day"),
        compose.OTHER_MEETING: _("in a meeting of %(group)s then") % {"group": detail}
        if detail
        else _("in another meeting then"),
        compose.GRID: _("not available at this time in their weekly grid"),
        compose.NO_GRID: _("has not ticked any moment in their weekly grid"),
        compose.CALENDAR: _("busy in their own calendar"),
    }
    return texts.get(code, _("not available then"))


def shortfall_text(shortfall: compose.Shortfall | None) -> str:
    """Why a group got fewer meetings than its series asks, with what to do about it."""
    if not shortfall:
        return ""
    counts = {"placed": shortfall.placed, "target": shortfall.target}
    head = _("Only %(placed)s of %(target)s meetings could be planned.") % counts
    code = shortfall.code
    if code == compose.SHORT_SHARED:
        why = _(
            "On its own the group would fit, but people it shares with other groups are "
            "already booked at the times that would. Plan these groups together or loosen "
            "the spacing."
        )
    elif code == compose.SHORT_OVERDUE:
        why = _(
            "The last meeting was too long ago: with at most %(gap)s weeks between meetings, "
            "the next one had to take place by %(day)s. Allow a longer gap to plan the rest."
        ) % {"gap": shortfall.max_gap, "day": _day(shortfall.deadline)}
    elif code == compose.SHORT_HORIZON:
        why = _(
            "The series does not fit before %(day)s with meetings at least %(gap)s weeks "
            "apart. Look further ahead or allow shorter gaps."
        ) % {"day": _day(shortfall.last_day), "gap": shortfall.min_gap}
    else:
        why = _(
            "The facilitator is free too rarely within the spacing rules (weekly grid, periods "
            "away, other meetings). Ask them to add moments, or loosen the spacing."
        )
    return f"{head} {why}"


def _day(day: datetime.date | None) -> str:
    return date_format(day, "DATE_FORMAT") if day else ""


def room_text(row: compose.MeetingRow) -> str:
    """Where a meeting to come of the proposal takes place, or why it has no room."""
    count = {"count": row.people or 0}
    if row.room_id is not None:
        return _("Room: %(room)s") % {"room": row.room_name}
    if row.room_note == compose.ROOM_OWN_PLACE:
        return _("Keeps its own place (no room needed).")
    if row.room_note == compose.ROOM_TOO_SMALL:
        return (
            ngettext(
                "No room holds %(count)s person: choose a place yourself.",
                "No room holds %(count)s people: choose a place yourself.",
                count["count"],
            )
            % count
        )
    if row.room_note == compose.ROOM_TAKEN:
        return (
            ngettext(
                "Every room that holds %(count)s person is taken then: choose a place yourself.",
                "Every room that holds %(count)s people is taken then: choose a place yourself.",
                count["count"],
            )
            % count
        )
    return ""


@dataclass
class AbsenceText:
    name: str
    reason: str


def _absences(absent: Iterable[compose.Absence]) -> list[AbsenceText]:
    return [AbsenceText(a.name, reason_text(a.reason, a.detail)) for a in absent]


@dataclass
class PreviewMeeting:
    position: int
    meeting_id: int | None
    title: str
    change: str
    old: datetime.datetime | None
    new: datetime.datetime | None
    absent: list[AbsenceText]
    seats: int
    was_absent: list[AbsenceText] = field(default_factory=list)
    room: str = ""

    @property
    def moves(self) -> bool:
        return self.change == compose.MOVED

    @property
    def is_past(self) -> bool:
        return self.change == compose.PAST


@dataclass
class PreviewGroup:
    group_id: int
    name: str
    new_series: bool
    meetings: list[PreviewMeeting]
    shortfall: str

    @property
    def moved(self) -> list[PreviewMeeting]:
        return [m for m in self.meetings if m.moves]

    @property
    def upcoming(self) -> list[PreviewMeeting]:
        return [m for m in self.meetings if not m.is_past]

    @property
    def past(self) -> list[PreviewMeeting]:
        return [m for m in self.meetings if m.is_past]


@dataclass
class Preview:
    groups: list[PreviewGroup]
    summary: list[str]
    warnings: list[str]
    moved: int


def preview(plan: Plan) -> Preview:
    """The proposal of a finished plan, in the reader's language."""
    result = compose.PlanResult.from_json(plan.result)
    groups = [
        PreviewGroup(
            group_id=group.group_id,
            name=group.name,
            new_series=group.new_series,
            meetings=[
                PreviewMeeting(
                    position=row.position,
                    meeting_id=row.meeting_id,
                    title=row.title or _("Meeting %(number)s") % {"number": row.position},
                    change=row.change,
                    old=row.old,
                    new=row.new,
                    absent=_absences(row.absent),
                    seats=row.seats or 0,
                    was_absent=_absences(row.was_absent or []),
                    room=room_text(row),
                )
                for row in group.meetings
            ],
            shortfall=shortfall_text(group.shortfall),
        )
        for group in result.groups
    ]
    warnings = (
        [
            _(
                "%(names)s did not fill in the weekly grid: the proposal counts them as able to "
                "come at any time that is not known to be taken."
            )
            % {"names": ", ".join(result.no_grid)}
        ]
        if result.no_grid
        else []
    )
    return Preview(
        groups=groups,
        summary=summary_texts(result.summary, plan),
        warnings=warnings,
        moved=result.summary.moved if result.summary else 0,
    )


def summary_texts(summary: compose.Summary | None, plan: Plan) -> list[str]:
    """The cost of the proposal in its parts, in words."""
    if not summary:
        return []
    lines = []
    meetings = summary.meetings
    missing = summary.missing
    if missing:
        lines.append(
            ngettext(
                "%(count)s meeting could not be planned; see the groups below.",
                "%(count)s meetings could not be planned; see the groups below.",
                missing,
            )
            % {"count": missing}
        )
    else:
        lines.append(
            ngettext(
                "Every meeting has a place: %(count)s meeting to come.",
                "Every meeting has a place: %(count)s meetings to come.",
                meetings,
            )
            % {"count": meetings}
        )
    seats, absences = summary.seats, summary.absences
    if seats:
        lines.append(
            _(
                "Attendance: %(present)s of %(seats)s places filled (%(share)s%%); "
                "%(full)s of %(meetings)s meetings with everyone."
            )
            % {
                "present": seats - absences,
                "seats": seats,
                "share": round(100 * (seats - absences) / seats),
                "full": summary.full,
                "meetings": meetings,
            }
        )
    deviation = summary.gap_deviation
    target_gap = plan.rules.target_gap
    if deviation:
        lines.append(
            ngettext(
                "Spacing: %(weeks)s week off the ideal gap of %(gap)s weeks in total.",
                "Spacing: %(weeks)s weeks off the ideal gap of %(gap)s weeks in total.",
                deviation,
            )
            % {"weeks": deviation, "gap": target_gap}
        )
    else:
        lines.append(_("Spacing: every gap is the ideal %(gap)s weeks.") % {"gap": target_gap})
    moved = summary.moved
    if plan.kind == Plan.Kind.REPLAN or moved:
        lines.append(
            ngettext(
                "Changes: %(count)s planned meeting moves.",
                "Changes: %(count)s planned meetings move.",
                moved,
            )
            % {"count": moved}
            if moved
            else _("Changes: no planned meeting moves.")
        )
    return lines


# --- Re-plan suggestions ----------------------------------------------------------------------


def _numbers(ids: Iterable[int], numbers: dict[int, int]) -> str:
    found = sorted(numbers[i] for i in ids if i in numbers)
    return ", ".join(str(n) for n in found)


def reason_line(reason: dict[str, Any], names: dict[int, str], numbers: dict[int, int]) -> str:
    affected = reason.get("meetings", [])
    count = len(affected)
    listed = _numbers(affected, numbers)
    kind = reason.get("kind")
    if kind == "availability":
        return ngettext(
            "The availability of %(person)s changed: they cannot attend meeting %(numbers)s.",
            "The availability of %(person)s changed: they cannot attend meetings %(numbers)s.",
            count,
        ) % {"person": names.get(reason.get("person") or 0, _("a member")), "numbers": listed}
    if kind == "facilitator":
        if not count:
            return _("The group has no facilitator now. Add one, then re-plan.")
        return ngettext(
            "The facilitator changed: %(person)s cannot lead meeting %(numbers)s.",
            "The facilitator changed: %(person)s cannot lead meetings %(numbers)s.",
            count,
        ) % {
            "person": names.get(reason.get("person") or 0, _("the new facilitator")),
            "numbers": listed,
        }
    if kind == "cancelled":
        return ngettext(
            "Meeting %(cancelled)s was cancelled: the gap before meeting %(numbers)s is now "
            "longer than %(gap)s weeks.",
            "Meeting %(cancelled)s was cancelled: the gap before meetings %(numbers)s is now "
            "longer than %(gap)s weeks.",
            count,
        ) % {
            "cancelled": numbers.get(reason.get("meeting") or 0, "?"),
            "numbers": listed,
            "gap": reason.get("max_gap", "?"),
        }
    return _("Something changed that affects the planned meetings.")
