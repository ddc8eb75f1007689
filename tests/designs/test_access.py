"""Who sees what of a programme's sessions: the cohort sees its sessions, only the staff read
the briefing, and only a session's teachers leave a note back."""

from __future__ import annotations

import pytest

from kring import access
from kring.access import Action, DesignAction
from kring.programmes.models import Role
from tests.factories import (
    RoleFactory,
    RunbookActivityFactory,
    SessionStaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_a_teacher_on_a_session_reads_its_briefing_and_writes_a_note_back():
    staff = SessionStaffFactory()
    session = staff.session
    assert access.can(staff.person, Action.VIEW, session)
    assert access.can(staff.person, Action.VIEW_BRIEFING, session)
    assert access.can(staff.person, Action.WRITE_NOTE_BACK, session)


def test_a_participant_sees_the_session_but_not_its_briefing():
    staff = SessionStaffFactory()
    session = staff.session
    participant = RoleFactory(group=session.cohort.group, role=Role.PARTICIPANT).person
    assert access.can(participant, Action.VIEW, session)
    assert not access.can(participant, Action.VIEW_BRIEFING, session)
    assert not access.can(participant, Action.WRITE_NOTE_BACK, session)


def test_an_outsider_sees_nothing_of_a_session():
    session = SessionStaffFactory().session
    outsider = UserFactory()
    assert not access.can(outsider, Action.VIEW, session)
    assert not access.can(outsider, DesignAction.VIEW, session.cohort.edition)


def test_a_teacher_reads_the_design_but_only_the_programme_manager_changes_it():
    staff = SessionStaffFactory()
    activity = RunbookActivityFactory(component=staff.session.component)
    edition = staff.session.cohort.edition
    manager = RoleFactory(
        role=Role.PROGRAMME_MANAGER, programme=edition.programme, group=None
    ).person
    assert access.can(staff.person, Action.VIEW, activity)
    assert not access.can(staff.person, Action.CHANGE, activity)
    assert access.can(staff.person, DesignAction.OBSERVE, edition)
    assert access.can(manager, Action.CHANGE, activity)
    assert access.can(manager, DesignAction.CHANGE, edition)


def test_a_teacher_who_declined_is_no_longer_let_in():
    staff = SessionStaffFactory(status="declined")
    assert not access.can(staff.person, Action.VIEW_BRIEFING, staff.session)
