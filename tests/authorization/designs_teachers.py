"""Authorization entries for briefings, notes back, staff constellations and duo agreements.

A session of group A (as a cohort of the trajectory) is taught by the teacher persona, who is
on its staff. Its briefing is read by its staff, the group's facilitator and the programme
manager; participants never read it (403: they see the session itself), people outside the
group do not see the session at all (404). Only the facilitator writes the note for the
teacher; only a teacher of the session leaves a note back. The page of how the staff work
together is for the group's facilitators and teachers and the programme manager; the duo
alone keeps its agreement."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from kring.designs.models import Cohort, Edition, Session, SessionStaff
from tests.authorization.common import (
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REDIRECT,
    Entry,
    group_page,
    outcomes,
)
from tests.conftest import World

SESSION_VIEWERS_REFUSED = ["admin", "programme_manager", "facilitator_a", "participant_a"]


def _session(world: World) -> Session:
    edition, _ = Edition.objects.get_or_create(programme=world.trajectory, number=1)
    cohort, _ = Cohort.objects.get_or_create(
        group=world.group_a, defaults={"edition": edition, "starts_on": datetime.date(2026, 9, 1)}
    )
    start = timezone.now() - datetime.timedelta(days=1)
    session, created = Session.objects.get_or_create(
        cohort=cohort,
        title="Gastcollege",
        defaults={"starts_at": start, "ends_at": start + datetime.timedelta(hours=3)},
    )
    if created:
        SessionStaff.objects.create(
            session=session, person=world.teacher, role=SessionStaff.Role.TEACHER
        )
    return session


def _session_url(name: str):
    return lambda w: reverse(f"designs_teachers:{name}", args=[_session(w).pk])


def _group_url(name: str):
    return lambda w: reverse(f"designs_teachers:{name}", args=[w.group_a.pk])


def _session_page(allowed: list[str]) -> dict[str, str]:
    """Those who see the session but may not do this are refused (403); the rest of the world
    does not see the session (404)."""
    result = outcomes(NOT_FOUND)
    for persona in [*SESSION_VIEWERS_REFUSED, "teacher"]:
        result[persona] = FORBIDDEN
    for persona in allowed:
        result[persona] = OK
    return result


def _staff_page(allowed: list[str], ok: str = OK) -> dict[str, str]:
    result = outcomes(NOT_FOUND)
    for persona in ["admin", "programme_manager", "facilitator_a", "participant_a", "teacher"]:
        result[persona] = FORBIDDEN
    for persona in allowed:
        result[persona] = ok
    return group_page(result)


ENTRIES = {
    "designs_teachers:briefing": Entry(
        url=_session_url("briefing"),
        expect=_session_page(["admin", "programme_manager", "facilitator_a", "teacher"]),
    ),
    "designs_teachers:briefing_note": Entry(
        url=_session_url("briefing_note"), expect=_session_page(["facilitator_a"])
    ),
    "designs_teachers:note_back": Entry(
        url=_session_url("note_back"), expect=_session_page(["teacher"])
    ),
    "designs_teachers:staff": Entry(
        url=_group_url("staff"),
        expect=_staff_page(["admin", "programme_manager", "facilitator_a"]),
    ),
    "designs_teachers:constellation": Entry(
        url=_group_url("constellation"),
        expect=_staff_page(["admin", "programme_manager", "facilitator_a"]),
    ),
    "designs_teachers:duo_agreement": Entry(
        url=_group_url("duo_agreement"), expect=_staff_page(["facilitator_a"])
    ),
    "designs_teachers:duo_confirm": Entry(
        url=_group_url("duo_confirm"),
        method="post",
        expect=_staff_page(["facilitator_a"], ok=REDIRECT),
    ),
}
