"""Reading a person's meetings and assignments for their calendar feed and reminders."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from kring import access
from kring.accounts.models import User
from kring.calendars.models import CalendarSettings
from kring.core import dates
from kring.learning.models import Meeting
from kring.programmes.models import Role, RoleAssignment
from kring.reflection.models import Assignment

# Whose meetings are in a calendar: the group's active members (confirming grants the
# participant role) and its facilitators.
ATTENDING_ROLES = (Role.PARTICIPANT, Role.FACILITATOR)


def settings_of(user: User) -> CalendarSettings:
    """The person's calendar settings, or the defaults (nothing is stored until they change)."""
    found = CalendarSettings.objects.filter(user=user).first()
    return found if found is not None else CalendarSettings(user=user)


def attended_group_ids(user: User) -> set[int]:
    return set(
        RoleAssignment.objects.filter(
            person=user, group__isnull=False, role__in=ATTENDING_ROLES
        ).values_list("group_id", flat=True)
    )


def feed_meetings(user: User) -> list[Meeting]:
    """Every dated meeting of the groups this person attends, cancelled ones included (the
    feed marks them cancelled, so calendar apps take them out). A date stored before dates
    were checked (the year 9999) is left out: no calendar app can show it."""
    meetings = (
        Meeting.objects.filter(
            group_id__in=attended_group_ids(user),
            starts_at__range=(dates.READABLE_FROM, dates.READABLE_UNTIL),
        )
        .select_related("group__programme", "room")
        .order_by("starts_at", "pk")
    )
    return [meeting for meeting in meetings if access.can(user, access.Action.VIEW, meeting)]


def feed_assignments(user: User) -> list[Assignment]:
    assignments = (
        Assignment.objects.filter(
            meeting__group_id__in=attended_group_ids(user),
            due_at__range=(dates.READABLE_FROM, dates.READABLE_UNTIL),
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__group__programme")
        .order_by("due_at", "pk")
    )
    return [item for item in assignments if access.can(user, access.Action.VIEW, item)]


# --- Reminders ---------------------------------------------------------------------------------


def _people_by_group(group_ids: set[int], roles: tuple[str, ...]) -> dict[int, dict[int, Any]]:
    people: dict[int, dict[int, Any]] = defaultdict(dict)
    for assignment in RoleAssignment.objects.filter(
        group_id__in=group_ids, role__in=roles, person__is_active=True
    ).select_related("person"):
        assert assignment.group_id is not None
        people[assignment.group_id][assignment.person_id] = assignment.person
    return people


def _opted_out(user_ids: set[int], field: str) -> set[int]:
    return set(
        CalendarSettings.objects.filter(user_id__in=user_ids, **{field: False}).values_list(
            "user_id", flat=True
        )
    )


def due_meeting_reminders(now: datetime.datetime, days: int) -> list[tuple[Any, Meeting]]:
    """(person, meeting) for every planned meeting that starts within ``days`` days from
    now, for its members and facilitators who did not switch meeting reminders off."""
    if days <= 0:
        return []
    meetings = list(
        Meeting.objects.filter(
            status=Meeting.Status.PLANNED,
            starts_at__gt=now,
            starts_at__lte=now + datetime.timedelta(days=days),
        ).select_related("group__programme", "room")
    )
    people = _people_by_group({m.group_id for m in meetings}, ATTENDING_ROLES)
    everyone = {pid for group in people.values() for pid in group}
    out = _opted_out(everyone, "remind_meetings")
    return [
        (person, meeting)
        for meeting in meetings
        for person_id, person in people[meeting.group_id].items()
        if person_id not in out
    ]


def due_assignment_reminders(now: datetime.datetime, days: int) -> list[tuple[Any, Assignment]]:
    """(member, assignment) for every assignment due within ``days`` days from now, for the
    group's active members who have not handed anything in and did not switch these off."""
    if days <= 0:
        return []
    assignments = list(
        Assignment.objects.filter(due_at__gt=now, due_at__lte=now + datetime.timedelta(days=days))
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__group__programme")
        .prefetch_related("submissions")
    )
    members = _people_by_group({a.meeting.group_id for a in assignments}, (Role.PARTICIPANT,))
    everyone = {pid for group in members.values() for pid in group}
    out = _opted_out(everyone, "remind_assignments")
    result = []
    for assignment in assignments:
        handed_in = {submission.author_id for submission in assignment.submissions.all()}
        for person_id, person in members[assignment.meeting.group_id].items():
            if person_id not in out and person_id not in handed_in:
                result.append((person, assignment))
    return result
