"""The teacher's briefing before a session and the note back after it (D7): what the briefing
shows, what it never shows, who may read it, and where a note back goes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AuditEntry
from kring.designs.models import BriefingNote, Component, NoteBack, Session, SessionStaff
from kring.designs.services_teachers import briefing_note_save, note_back_save
from kring.learning.models import (
    FacilitatorNote,
    Intention,
    Intervention,
    LearningPoint,
    LearningQuestionVersion,
    Meeting,
)
from kring.notifications.models import Notification
from kring.programmes.models import Group, Role
from tests.factories import (
    ComponentFactory,
    OrganisationFactory,
    RoleFactory,
    RunbookActivityFactory,
    SessionFactory,
    SessionStaffFactory,
    UserFactory,
)
from tests.reflection.factories import (
    AssignmentFactory,
    JournalEntryFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def _in(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


@dataclass
class Scene:
    session: Session
    earlier: Session
    group: Group
    facilitator: object
    manager: object
    teacher: object
    participant: object


@pytest.fixture
def scene() -> Scene:
    """A cohort with an earlier session (and its teacher's note back) and a coming one taught
    by Ahmed, with its runbook; a facilitator, a programme manager and a participant."""
    earlier = SessionFactory(
        title="Kennismaking", starts_at=_in(-14), ends_at=_in(-14) + datetime.timedelta(hours=7)
    )
    cohort = earlier.cohort
    line = earlier.component.line
    component = ComponentFactory(
        line=line, title="Systemisch kijken", order=earlier.component.order + 1
    )
    session = SessionFactory(
        cohort=cohort,
        component=component,
        title="Systemisch kijken",
        starts_at=_in(2),
        ends_at=_in(2) + datetime.timedelta(hours=7),
        location="Amersfoort",
    )
    RunbookActivityFactory(component=component, title="Opstellingen in de kring", lead="Ahmed")
    group = cohort.group
    group.name = "Cohort voorjaar"
    group.save(update_fields=["name"])
    facilitator = RoleFactory(group=group, role=Role.FACILITATOR).person
    manager = RoleFactory(programme=group.programme, group=None, role=Role.PROGRAMME_MANAGER).person
    teacher = UserFactory(full_name="Ahmed El Amrani")
    SessionStaffFactory(session=session, person=teacher, role=SessionStaff.Role.TEACHER)
    earlier_teacher = UserFactory(full_name="Greet Vos")
    SessionStaffFactory(session=earlier, person=earlier_teacher)
    NoteBack.objects.create(
        session=earlier,
        teacher=earlier_teacher,
        what_happened="De groep kwam traag op gang.",
        tips="Begin met een korte check-in; de groep wil eerst landen.",
    )
    participant = UserFactory(
        full_name="Sanne Mulder",
        email="sanne.prive@example.org",
        organisation=OrganisationFactory(name="Gemeente Zwolle"),
    )
    RoleFactory(group=group, role=Role.PARTICIPANT, person=participant)
    return Scene(session, earlier, group, facilitator, manager, teacher, participant)


def _briefing(client, session: Session) -> str:
    response = client.get(reverse("designs_teachers:briefing", args=[session.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_briefing_shows_the_group_where_it_stands_and_what_came_before(scene, as_user):
    meeting = Meeting.objects.create(group=scene.group, number=1, title="Start", status="held")
    LearningPoint.objects.create(meeting=meeting, text="Vroeg betrekken loont.", shared=True)
    LearningQuestionVersion.objects.create(
        group=scene.group,
        number=1,
        shared_issue="Gemeenten haken laat aan.",
        learning_question="Hoe betrekken we gemeenten vroeg?",
        aspects="Vertrouwen\nTijdsdruk",
    )
    BriefingNote.objects.create(session=scene.session, text="Let op: twee nieuwe deelnemers.")
    page = _briefing(as_user(scene.teacher), scene.session)
    assert "Sanne Mulder" in page and "Gemeente Zwolle" in page and "Deelnemer" in page
    assert "Hoe betrekken we gemeenten vroeg?" in page and "Tijdsdruk" in page
    assert "Vroeg betrekken loont." in page
    assert "Opstellingen in de kring" in page
    assert "Kennismaking" in page  # the previous component and the previous session
    assert "Begin met een korte check-in" in page  # tips of the earlier teacher
    assert "Let op: twee nieuwe deelnemers." in page
    assert "Amersfoort" in page


def test_the_briefing_never_shows_what_the_group_keeps_to_itself(scene, as_user):
    """Cases, submissions, journals, facilitator notes, interventions, intentions and the
    learning points the group did not share are in the database, and nowhere on the page."""
    meeting = Meeting.objects.create(group=scene.group, number=1, title="Start", status="held")
    secrets = {
        "GEHEIM-PUNT": LearningPoint.objects.create(meeting=meeting, text="GEHEIM-PUNT"),
        "GEHEIM-NOTITIE": FacilitatorNote.objects.create(
            group=scene.group, author=scene.facilitator, text="GEHEIM-NOTITIE"
        ),
        "GEHEIM-INTERVENTIE": Intervention.objects.create(
            group=scene.group, author=scene.facilitator, intervention="GEHEIM-INTERVENTIE"
        ),
        "GEHEIM-VOORNEMEN": Intention.objects.create(
            meeting=meeting, person=scene.participant, text="GEHEIM-VOORNEMEN"
        ),
        "GEHEIM-DAGBOEK": JournalEntryFactory(
            group=scene.group, author=scene.participant, title="GEHEIM-DAGBOEK"
        ),
    }
    assignment = AssignmentFactory(meeting=meeting, title="GEHEIM-OPDRACHT")
    SubmissionFactory(
        assignment=assignment, author=scene.participant, title="GEHEIM-CASUS", text="GEHEIM-TEKST"
    )
    assert len(secrets) == 5
    for viewer in (scene.teacher, scene.facilitator, scene.manager):
        page = _briefing(as_user(viewer), scene.session)
        for secret in [*secrets, "GEHEIM-OPDRACHT", "GEHEIM-CASUS", "GEHEIM-TEKST"]:
            assert secret not in page, secret
        assert "sanne.prive@example.org" not in page


@pytest.mark.parametrize("who", ["participant", "other_teacher", "outsider", "declined"])
def test_only_the_staff_read_the_briefing(scene, as_user, who):
    if who == "participant":
        person = scene.participant
        expected = 403
    elif who == "other_teacher":
        # A teacher of another session of the same cohort gets nothing of this one.
        person = UserFactory()
        other = SessionFactory(cohort=scene.session.cohort, component=scene.session.component)
        SessionStaffFactory(session=other, person=person)
        expected = 404
    elif who == "declined":
        person = UserFactory()
        SessionStaffFactory(
            session=scene.session, person=person, status=SessionStaff.Status.DECLINED
        )
        expected = 404
    else:
        person = UserFactory()
        expected = 404
    client = as_user(person)
    for name in ("briefing", "note_back", "briefing_note"):
        response = client.get(reverse(f"designs_teachers:{name}", args=[scene.session.pk]))
        assert response.status_code == expected, name


def test_the_briefing_reads_in_a_fixed_number_of_queries(scene, as_user):
    client = as_user(scene.teacher)
    url = reverse("designs_teachers:briefing", args=[scene.session.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for _ in range(3):
        person = UserFactory()
        RoleFactory(group=scene.group, role=Role.PARTICIPANT, person=person)
        RunbookActivityFactory(component=scene.session.component)
        earlier = SessionFactory(
            cohort=scene.session.cohort, starts_at=_in(-30 - _), ends_at=_in(-29.9 - _)
        )
        NoteBack.objects.create(
            session=earlier, teacher=UserFactory(), what_happened="Goed", tips="Een tip"
        )
    with CaptureQueriesContext(connection) as later:
        client.get(url)
    assert len(later.captured_queries) == len(first.captured_queries)


def test_the_facilitator_writes_the_note_and_a_stale_edit_overwrites_nothing(scene, as_user):
    client = as_user(scene.facilitator)
    url = reverse("designs_teachers:briefing_note", args=[scene.session.pk])
    response = client.post(url, {"text": "De groep is moe na de reorganisatie.", "version": 0})
    assert response.status_code == 302
    note = BriefingNote.objects.get(session=scene.session)
    assert note.written_by == scene.facilitator
    assert AuditEntry.objects.filter(action="briefing_note.save").exists()
    # Someone saved meanwhile: the stale form is shown again, nothing is overwritten.
    briefing_note_save(
        actor=scene.facilitator, session=scene.session, text="Nieuwere tekst", expected_version=1
    )
    response = client.post(url, {"text": "Oude versie", "version": 1})
    assert response.status_code == 200
    assert "Nieuwere tekst" in response.content.decode()
    assert BriefingNote.objects.get(session=scene.session).text == "Nieuwere tekst"
    # An empty note is refused, in words.
    response = client.post(url, {"text": "   ", "version": 2})
    assert response.status_code == 200
    assert BriefingNote.objects.get(session=scene.session).text == "Nieuwere tekst"


def test_a_teacher_does_not_write_the_facilitators_note(scene, as_user):
    client = as_user(scene.teacher)
    response = client.post(
        reverse("designs_teachers:briefing_note", args=[scene.session.pk]),
        {"text": "Ik schrijf mijn eigen briefing", "version": 0},
    )
    assert response.status_code == 403
    assert not BriefingNote.objects.exists()


def test_a_note_back_waits_for_the_session_and_then_reaches_facilitator_and_manager(scene, as_user):
    client = as_user(scene.teacher)
    url = reverse("designs_teachers:note_back", args=[scene.session.pk])
    data = {
        "what_happened": "Goede energie.",
        "noticed": "",
        "tips": "Laat ze tekenen.",
        "version": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Je kunt je terugkoppeling geven zodra" in response.content.decode()
    assert not NoteBack.objects.filter(session=scene.session).exists()

    Session.objects.filter(pk=scene.session.pk).update(
        starts_at=_in(-1), ends_at=_in(-1) + datetime.timedelta(hours=7)
    )
    scene.session.refresh_from_db()
    response = client.post(url, data)
    assert response.status_code == 302
    note = NoteBack.objects.get(session=scene.session, teacher=scene.teacher)
    told = set(
        Notification.objects.filter(kind=Notification.Kind.NOTE_BACK).values_list(
            "recipient", flat=True
        )
    )
    assert told == {scene.facilitator.pk, scene.manager.pk}
    page = _briefing(as_user(scene.facilitator), scene.session)
    assert "Goede energie." in page and "Laat ze tekenen." in page
    # Changing it later is optimistically locked and tells nobody again.
    note_back_save(
        actor=scene.teacher,
        session=scene.session,
        what_happened="Bijgewerkt",
        expected_version=note.version,
    )
    client = as_user(scene.teacher)
    response = client.post(url, {**data, "version": note.version})
    assert response.status_code == 200
    assert NoteBack.objects.get(pk=note.pk).what_happened == "Bijgewerkt"
    assert Notification.objects.filter(kind=Notification.Kind.NOTE_BACK).count() == 2


def test_the_next_teacher_reads_the_tips_but_a_participant_never_reads_a_note_back(scene, as_user):
    Session.objects.filter(pk=scene.session.pk).update(starts_at=_in(-1), ends_at=_in(-0.5))
    scene.session.refresh_from_db()
    note_back_save(
        actor=scene.teacher, session=scene.session, what_happened="Ging goed", tips="TIP-VOOR-JOU"
    )
    later = SessionFactory(
        cohort=scene.session.cohort, starts_at=_in(20), ends_at=_in(20.3), title="Later"
    )
    next_teacher = UserFactory()
    SessionStaffFactory(session=later, person=next_teacher, role=SessionStaff.Role.GUEST_TEACHER)
    assert "TIP-VOOR-JOU" in _briefing(as_user(next_teacher), later)
    participant = as_user(scene.participant)
    for session in (scene.session, later):
        response = participant.get(reverse("designs_teachers:briefing", args=[session.pk]))
        assert response.status_code == 403
        assert "TIP-VOOR-JOU" not in response.content.decode()


def test_a_guest_lecture_without_a_note_three_days_before_warns_and_does_not_block(scene, as_user):
    Component.objects.filter(pk=scene.session.component_id).update(
        work_form=Component.WorkForm.GUEST_LECTURE
    )
    SessionStaff.objects.filter(session=scene.session).update(role=SessionStaff.Role.GUEST_TEACHER)
    page = _briefing(as_user(scene.facilitator), scene.session)
    assert "Een gastcollege over minder dan 3 dagen" in page
    dashboard = as_user(scene.facilitator).get(reverse("site:dashboard")).content.decode()
    assert "Gastcollege binnen drie dagen" in dashboard
    # The guest teacher can still read the briefing: a warning, never a block.
    assert "Systemisch kijken" in _briefing(as_user(scene.teacher), scene.session)
    briefing_note_save(
        actor=scene.facilitator, session=scene.session, text="Welkom!", expected_version=0
    )
    assert "Een gastcollege over minder dan" not in _briefing(
        as_user(scene.facilitator), scene.session
    )
