"""From design to dates: instantiating an edition's design for a cohort, the rules of thumb,
and changing a session afterwards."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kring.audit.models import AuditEntry
from kring.core.exceptions import EditConflict, Refused
from kring.designs import selectors_sessions as selectors
from kring.designs import services_sessions as services
from kring.designs.models import Cohort, Component, ComponentStaff, Session, SessionStaff
from kring.programmes.models import Group, Role
from tests.factories import (
    ComponentFactory,
    EditionFactory,
    GroupFactory,
    LearningLineFactory,
    RoleFactory,
    RunbookActivityFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2027, 2, 1)


@pytest.fixture
def design():
    edition = EditionFactory(starts_on=MONDAY, ends_on=datetime.date(2027, 6, 30), spacing_days=14)
    manager = UserFactory(full_name="Petra Manager")
    RoleFactory(person=manager, role=Role.PROGRAMME_MANAGER, programme=edition.programme)
    line = LearningLineFactory(edition=edition)
    workshop = ComponentFactory(
        line=line,
        title="Werkplaats 1",
        work_form=Component.WorkForm.MULTI_DAY_WORKSHOP,
        length=Component.Length.TWO_DAYS,
        week=1,
    )
    lecture = ComponentFactory(
        line=line,
        title="Gastcollege",
        work_form=Component.WorkForm.GUEST_LECTURE,
        length=Component.Length.HOURS,
        hours=3,
        week=2,
    )
    half = ComponentFactory(
        line=line,
        title="Terugkomdagdeel",
        work_form=Component.WorkForm.ONE_DAY_SESSION,
        length=Component.Length.HALF_DAY,
        week=8,
    )
    meeting = ComponentFactory(
        line=line,
        title="Leergroep",
        work_form=Component.WorkForm.LEARNING_GROUP_MEETING,
        length=Component.Length.HALF_DAY,
        week=3,
    )
    intervision = ComponentFactory(
        line=line,
        title="Intervisie",
        work_form=Component.WorkForm.INTERVISION,
        length=Component.Length.HALF_DAY,
        week=4,
    )
    facilitator = UserFactory(full_name="Fleur Begeleider")
    ComponentStaff.objects.create(
        component=workshop, kind=ComponentStaff.Kind.FACILITATOR, person=facilitator
    )
    ComponentStaff.objects.create(
        component=lecture, kind=ComponentStaff.Kind.GUEST_TEACHER, note="nog te vinden"
    )
    return {
        "edition": edition,
        "manager": manager,
        "facilitator": facilitator,
        "workshop": workshop,
        "lecture": lecture,
        "half": half,
        "meeting": meeting,
        "intervision": intervision,
    }


def _local(moment: datetime.datetime) -> tuple[datetime.date, datetime.time]:
    local = timezone.localtime(moment)
    return local.date(), local.time()


def test_a_session_falls_on_the_cohorts_weekday_and_skips_the_weekend():
    wednesday = datetime.date(2027, 2, 3)
    assert selectors.session_day(wednesday, 1) == wednesday
    assert selectors.session_day(wednesday, 3) == datetime.date(2027, 2, 17)
    saturday = datetime.date(2027, 2, 6)
    assert selectors.session_day(saturday, 1) == datetime.date(2027, 2, 8)
    friday = datetime.date(2027, 2, 5)
    assert selectors.session_day(friday, 1, days=2) == datetime.date(2027, 2, 4)


def test_the_preview_makes_sessions_of_dated_components_and_leaves_meetings_to_the_cycle(design):
    plan = selectors.session_plan(edition=design["edition"], starts_on=MONDAY)
    titles = [item.title for item in plan.new]
    assert titles == ["Werkplaats 1", "Gastcollege", "Terugkomdagdeel"]
    skipped = {s.component.title: s.learning_cycle for s in plan.skipped}
    assert skipped == {"Leergroep": True, "Intervisie": True}
    workshop, lecture, half = plan.new
    assert _local(workshop.starts_at) == (MONDAY, datetime.time(9, 30))
    # Two consecutive days end on the second day.
    assert _local(workshop.ends_at) == (datetime.date(2027, 2, 2), datetime.time(16, 30))
    assert _local(lecture.ends_at)[1] == datetime.time(12, 30)
    assert _local(half.ends_at)[1] == datetime.time(13, 0)
    assert [(s.person, s.role) for s in workshop.staff] == [
        (design["facilitator"], SessionStaff.Role.FACILITATOR)
    ]
    # Nothing is created by looking.
    assert not Session.objects.exists()
    assert not Cohort.objects.exists()


def test_the_runbook_gives_the_session_its_times(design):
    RunbookActivityFactory(component=design["half"], starts_at=datetime.time(13, 30), minutes=60)
    RunbookActivityFactory(component=design["half"], starts_at=datetime.time(14, 30), minutes=90)
    plan = selectors.session_plan(edition=design["edition"], starts_on=MONDAY)
    half = next(item for item in plan.new if item.title == "Terugkomdagdeel")
    assert _local(half.starts_at)[1] == datetime.time(13, 30)
    assert _local(half.ends_at)[1] == datetime.time(16, 0)


def test_rules_of_thumb_warn_about_spacing_the_edition_and_open_staffing(design):
    plan = selectors.session_plan(edition=design["edition"], starts_on=datetime.date(2027, 6, 1))
    codes = {(w.code, w.title) for w in plan.warnings}
    assert ("close", "Gastcollege") in codes  # a week after the workshop, spacing is 14 days
    assert ("after_edition", "Terugkomdagdeel") in codes
    assert ("unstaffed", "Gastcollege") in codes


def test_instantiating_creates_the_cohort_its_sessions_and_staff_once(design):
    cohort, created = services.sessions_instantiate(
        actor=design["manager"],
        edition=design["edition"],
        starts_on=MONDAY,
        new_group_name="Cohort voorjaar",
        location="Utrecht",
    )
    assert cohort.group.kind == Group.Kind.COHORT
    assert cohort.group.name == "Cohort voorjaar"
    assert len(created) == 3
    assert {s.location for s in created} == {"Utrecht"}
    workshop = next(s for s in created if s.component == design["workshop"])
    assert list(workshop.staff.values_list("person", "role")) == [
        (design["facilitator"].pk, SessionStaff.Role.FACILITATOR)
    ]
    # Planning again adds only what is missing: nothing.
    _cohort, again = services.sessions_instantiate(
        actor=design["manager"], edition=design["edition"], starts_on=MONDAY, cohort=cohort
    )
    assert again == []
    assert Session.objects.filter(cohort=cohort).count() == 3
    # A component added to the design later gets its session when planning again.
    ComponentFactory(
        line=design["workshop"].line,
        title="Oogstdag",
        work_form=Component.WorkForm.HARVEST_DAY,
        length=Component.Length.DAY,
        week=12,
    )
    _cohort, added = services.sessions_instantiate(
        actor=design["manager"], edition=design["edition"], starts_on=MONDAY, cohort=cohort
    )
    assert [s.title for s in added] == ["Oogstdag"]
    assert AuditEntry.objects.filter(action="cohort.sessions_plan").count() == 3


def test_an_existing_cohort_group_can_follow_the_edition(design):
    group = GroupFactory(programme=design["edition"].programme, kind=Group.Kind.COHORT)
    cohort, created = services.sessions_instantiate(
        actor=design["manager"], edition=design["edition"], starts_on=MONDAY, group=group
    )
    assert cohort.group == group
    assert len(created) == 3


def test_a_cohort_is_needed(design):
    with pytest.raises(ValidationError):
        services.sessions_instantiate(
            actor=design["manager"], edition=design["edition"], starts_on=MONDAY
        )
    assert not Group.objects.filter(kind=Group.Kind.COHORT).exists()


def test_only_who_plans_sessions_instantiates(design):
    with pytest.raises(Refused):
        services.sessions_instantiate(
            actor=design["facilitator"],
            edition=design["edition"],
            starts_on=MONDAY,
            new_group_name="Cohort",
        )
    support = UserFactory()
    RoleFactory(person=support, role=Role.SUPPORT_STAFF, programme=design["edition"].programme)
    _cohort, created = services.sessions_instantiate(
        actor=support, edition=design["edition"], starts_on=MONDAY, new_group_name="Cohort"
    )
    assert len(created) == 3


def test_a_session_is_changed_with_optimistic_locking(design):
    _cohort, created = services.sessions_instantiate(
        actor=design["manager"], edition=design["edition"], starts_on=MONDAY, new_group_name="C"
    )
    session = created[0]
    later = session.starts_at + datetime.timedelta(days=7)
    services.session_update(
        actor=design["manager"],
        session=session,
        expected_version=1,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=7),
    )
    session.refresh_from_db()
    assert session.starts_at == later
    assert session.version == 2
    with pytest.raises(EditConflict):
        services.session_update(
            actor=design["manager"], session=session, expected_version=1, location="Elders"
        )
    with pytest.raises(ValidationError):
        services.session_update(
            actor=design["manager"],
            session=session,
            expected_version=2,
            ends_at=later - datetime.timedelta(hours=1),
        )
    session.refresh_from_db()
    assert session.starts_at == later


def test_staff_can_be_added_and_taken_off(design):
    _cohort, created = services.sessions_instantiate(
        actor=design["manager"], edition=design["edition"], starts_on=MONDAY, new_group_name="C"
    )
    session = created[1]
    teacher = UserFactory()
    staff = services.session_staff_add(
        actor=design["manager"], session=session, person=teacher, role="guest_teacher"
    )
    assert session.staff.get().person == teacher
    services.session_staff_remove(actor=design["manager"], staff=staff)
    assert not session.staff.exists()
