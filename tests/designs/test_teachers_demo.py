"""The demo part of teachers who fly in, on sessions as the sessions lane makes them: the
teacher's overview is full, the facilitator sees the rule of thumb, the duo's agreement is
due for a look."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.designs import demo_teachers
from kring.designs.models import BriefingNote, Component, DuoAgreement, NoteBack
from kring.programmes.models import Role
from tests.factories import ComponentFactory, RoleFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_teacher_a_full_overview(as_user):
    now = timezone.now()
    first = SessionFactory(starts_at=now - datetime.timedelta(days=30), title="Werkplaats 1")
    cohort = first.cohort
    line = first.component.line
    sessions = [first]
    for days, title, form in (
        (-9, "Intervisie", Component.WorkForm.INTERVISION),
        (2, "Gastcollege", Component.WorkForm.GUEST_LECTURE),
        (5, "Werkplaats 2", Component.WorkForm.MULTI_DAY_WORKSHOP),
        (20, "Werkplaats 3", Component.WorkForm.MULTI_DAY_WORKSHOP),
    ):
        start = now + datetime.timedelta(days=days)
        component = ComponentFactory(line=line, title=title, work_form=form)
        sessions.append(
            SessionFactory(
                cohort=cohort,
                component=component,
                title=title,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=7),
            )
        )
    facilitator, teacher, manager = UserFactory(), UserFactory(), UserFactory()
    RoleFactory(person=manager, role=Role.PROGRAMME_MANAGER, programme=cohort.group.programme)
    demo_teachers.load(sessions=sessions, facilitator=facilitator, teacher=teacher, manager=manager)
    demo_teachers.load(  # loading twice changes nothing
        sessions=sessions, facilitator=facilitator, teacher=teacher, manager=manager
    )
    assert NoteBack.objects.count() == 1 and BriefingNote.objects.count() == 1
    assert DuoAgreement.objects.count() == 2
    page = as_user(teacher).get(reverse("site:dashboard")).content.decode()
    for section in ("due-notes-back", "due-sessions", "due-duo"):
        assert f'id="{section}"' in page, section
    page = as_user(facilitator).get(reverse("site:dashboard")).content.decode()
    assert "Gastcollege binnen drie dagen" in page
    assert 'id="due-notes-received"' in page
