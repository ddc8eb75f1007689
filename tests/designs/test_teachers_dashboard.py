"""The overview of a teacher who flies in and out, and what a facilitator sees of briefings
and notes back there."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.designs.models import BriefingNote, NoteBack, Session, SessionStaff
from kring.programmes.models import Role
from tests.factories import RoleFactory, SessionFactory, SessionStaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _at(days: float) -> dict[str, datetime.datetime]:
    start = timezone.now() + datetime.timedelta(days=days)
    return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=3)}


def _dashboard(as_user, person) -> str:
    response = as_user(person).get(reverse("site:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def teacher():
    return UserFactory(full_name="Ahmed El Amrani")


def test_a_teacher_sees_sessions_across_programmes_soonest_first_and_notes_back_due(
    teacher, as_user
):
    later = SessionFactory(title="Gastcollege macht", location="Utrecht", **_at(9))
    sooner = SessionFactory(title="Werkplaats systemen", location="Zwolle", **_at(3))
    done = SessionFactory(title="Kennismaking", **_at(-7))
    written = SessionFactory(title="Al teruggekoppeld", **_at(-14))
    cancelled = SessionFactory(title="Afgelast", status=Session.Status.CANCELLED, **_at(5))
    for session in (later, sooner, done, written, cancelled):
        SessionStaffFactory(session=session, person=teacher)
    NoteBack.objects.create(session=written, teacher=teacher, what_happened="Prima")
    BriefingNote.objects.create(session=sooner, text="Welkom")
    page = _dashboard(as_user, teacher)
    sessions = page.split('id="due-sessions"')[1]
    assert sessions.index("Werkplaats systemen") < sessions.index("Gastcollege macht")
    assert "Zwolle" in sessions and sooner.cohort.group.name in sessions
    assert later.cohort.group.programme.name in sessions
    assert "met een notitie van de leerbegeleider" in sessions
    assert "Afgelast" not in page
    due = page.split('id="due-notes-back"')[1].split("</section>")[0]
    assert "Kennismaking" in due and "Al teruggekoppeld" not in due
    assert reverse("designs_teachers:note_back", args=[done.pk]) in due
    assert "Als docent zie je hier je sessies" not in page


def test_a_teacher_without_sessions_gets_an_honest_empty_state(teacher, as_user):
    RoleFactory(person=teacher, role=Role.TEACHER)
    assert "Als docent zie je hier je sessies" in _dashboard(as_user, teacher)


def test_a_facilitator_sees_briefing_notes_to_write_and_notes_back_received(teacher, as_user):
    session = SessionFactory(title="Werkplaats", **_at(10))
    group = session.cohort.group
    facilitator = RoleFactory(group=group, role=Role.FACILITATOR).person
    SessionStaffFactory(session=session, person=teacher)
    SessionFactory(cohort=session.cohort, title="Zonder docent", **_at(12))
    held = SessionFactory(cohort=session.cohort, title="Vorige keer", **_at(-2))
    SessionStaffFactory(session=held, person=teacher)
    NoteBack.objects.create(session=held, teacher=teacher, what_happened="Goede vragen gesteld")
    page = _dashboard(as_user, facilitator)
    to_write = page.split('id="due-briefing-notes"')[1].split("</section>")[0]
    assert "Werkplaats" in to_write and "Zonder docent" not in to_write
    received = page.split('id="due-notes-received"')[1].split("</section>")[0]
    assert "Ahmed El Amrani over Vorige keer" in received
    assert "Goede vragen gesteld" in received
    # Another group's facilitator sees none of it.
    other = RoleFactory(role=Role.FACILITATOR).person
    page = _dashboard(as_user, other)
    assert "Werkplaats" not in page and "Goede vragen" not in page


def test_the_teachers_overview_reads_in_a_fixed_number_of_queries(teacher, as_user):
    def add() -> None:
        session = SessionFactory(**_at(4))
        SessionStaffFactory(session=session, person=teacher, role=SessionStaff.Role.GUEST_TEACHER)
        past = SessionFactory(**_at(-4))
        SessionStaffFactory(session=past, person=teacher)

    add()
    client = as_user(teacher)
    client.get(reverse("site:dashboard"))
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("site:dashboard"))
    for _ in range(3):
        add()
    with CaptureQueriesContext(connection) as later:
        client.get(reverse("site:dashboard"))
    assert len(later.captured_queries) == len(first.captured_queries)
