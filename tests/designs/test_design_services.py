"""Designing a programme: every change is a version with who and why; a new edition copies the
last design with its lasting keys; observations lead to proposals and to the versions that
adopt them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from kring.audit.models import AuditEntry
from kring.core.exceptions import EditConflict
from kring.designs import selectors_design as selectors
from kring.designs import services_design as services
from kring.designs.models import (
    ChangeProposal,
    Component,
    ComponentStaff,
    DesignVersion,
    Edition,
    Observation,
)
from kring.programmes.models import Programme, Role
from tests.factories import (
    CohortFactory,
    ProgrammeFactory,
    RoleFactory,
    RunbookActivityFactory,
    SessionFactory,
    UserFactory,
)
from tests.library.factories import LibraryItemFactory

pytestmark = pytest.mark.django_db

Why = services.Why


@pytest.fixture(autouse=True)
def _in_english():
    """The words of a change are read in English here (Kring's default language is Dutch)."""
    with translation.override("en"):
        yield


@pytest.fixture
def manager():
    return UserFactory(full_name="Petra Programma")


@pytest.fixture
def programme(manager):
    programme = ProgrammeFactory(kind=Programme.Kind.OPEN, client=None, name="Leergang")
    RoleFactory(person=manager, role=Role.PROGRAMME_MANAGER, programme=programme)
    return programme


@pytest.fixture
def edition(manager, programme):
    return services.edition_create(actor=manager, programme=programme, spacing_days=14)


def fresh(edition: Edition) -> int:
    edition.refresh_from_db()
    return edition.version


def add_line(manager, edition, title="Coaching", why=None):
    services.line_create(
        actor=manager,
        edition=edition,
        expected_version=fresh(edition),
        why=why or Why(),
        title=title,
    )
    return edition.lines.get(title=title)


def add_component(manager, line, title="Gastcollege", week=6, why=None, **extra):
    fields = {
        "title": title,
        "work_form": Component.WorkForm.GUEST_LECTURE,
        "length": Component.Length.HALF_DAY,
        "week": week,
        **extra,
    }
    services.component_create(
        actor=manager, line=line, expected_version=fresh(line.edition), why=why or Why(), **fields
    )
    return line.components.get(title=title)


def test_a_new_design_starts_with_version_one(manager, edition):
    assert edition.number == 1
    (version,) = edition.versions.all()
    assert version.number == 1
    assert version.snapshot["lines"] == []
    assert AuditEntry.objects.filter(action="design.edition_create").exists()


def test_every_change_is_a_new_version_with_who_why_and_words(manager, edition):
    line = add_line(manager, edition)
    component = add_component(manager, line, title="Kanteling", week=6)
    services.component_update(
        actor=manager,
        component=component,
        expected_version=fresh(edition),
        why=Why(reason="Later, na de eerste praktijkopdracht", answers="decision"),
        title="Kanteling",
        work_form=Component.WorkForm.GUEST_LECTURE,
        length=Component.Length.HALF_DAY,
        week=9,
    )
    versions = list(edition.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3, 4]
    last = versions[-1]
    assert last.created_by == manager
    assert last.reason == "Later, na de eerste praktijkopdracht"
    assert last.summary == "Guest lecture “Kanteling” moved from week 6 to week 9"
    entry = AuditEntry.objects.filter(action="design.change").latest("pk")
    assert entry.detail == {"reason": "Later, na de eerste praktijkopdracht"}


def test_the_snapshot_holds_the_whole_design(manager, edition):
    line = add_line(manager, edition)
    item = LibraryItemFactory(title="Incidentmethode")
    component = add_component(manager, line, materials=[item])
    RunbookActivityFactory(component=component, title="Opening")
    facilitator = UserFactory(full_name="Eva Begeleider")
    services.staff_add(
        actor=manager,
        component=component,
        expected_version=fresh(edition),
        why=Why(),
        kind=ComponentStaff.Kind.FACILITATOR,
        person=facilitator,
    )
    data = edition.versions.order_by("-number").first().snapshot["lines"][0]["components"][0]
    assert data["key"] == str(component.key)
    assert data["materials"] == [{"id": item.pk, "title": "Incidentmethode"}]
    assert data["staff"] == [
        {"kind": "facilitator", "person": facilitator.pk, "name": "Eva Begeleider", "note": ""}
    ]
    assert data["activities"][0]["title"] == "Opening"


def test_a_stale_editor_does_not_overwrite(manager, edition):
    stale = fresh(edition)
    add_line(manager, edition)
    with pytest.raises(EditConflict):
        services.line_create(
            actor=manager, edition=edition, expected_version=stale, why=Why(), title="Ander"
        )
    assert edition.lines.count() == 1


def test_once_a_cohort_follows_the_edition_a_change_says_why(manager, edition):
    line = add_line(manager, edition)
    CohortFactory(edition=edition)
    with pytest.raises(ValidationError) as error:
        services.line_update(
            actor=manager, line=line, expected_version=fresh(edition), why=Why(), title="Nieuw"
        )
    assert "reason" in error.value.error_dict
    line.refresh_from_db()
    assert line.title == "Coaching"
    assert services.why_required(edition)


def test_an_open_programme_whose_cohorts_began_warns_about_its_structure(manager, edition, clock):
    CohortFactory(edition=edition, starts_on=clock.now.date() + datetime.timedelta(days=3))
    assert not services.structure_fixed(edition)
    CohortFactory(edition=edition, starts_on=clock.now.date())
    assert services.structure_fixed(edition)


def test_only_the_programme_manager_changes_the_design(edition):
    teacher = UserFactory()
    RoleFactory(person=teacher, role=Role.TEACHER, programme=edition.programme)
    with pytest.raises(PermissionDenied):
        services.line_create(
            actor=teacher, edition=edition, expected_version=fresh(edition), why=Why(), title="X"
        )


def test_component_rules_are_checked(manager, edition):
    line = add_line(manager, edition)
    for extra, field in [
        ({"work_form": Component.WorkForm.CUSTOM}, "custom_work_form"),
        ({"length": Component.Length.HOURS}, "hours"),
        ({"week_until": 3}, "week_until"),
    ]:
        with pytest.raises(ValidationError) as error:
            add_component(manager, line, title=f"Fout {field}", **extra)
        assert field in error.value.error_dict
    assert not line.components.exists()
    component = add_component(
        manager, line, title="Wandeling", work_form="custom", custom_work_form="Wandelgesprek",
        length="hours", hours=Decimal("2.5"), week=3, week_until=5,
    )  # fmt: skip
    assert component.work_form_label == "Wandelgesprek"
    assert component.hours == Decimal("2.5")


def test_components_move_up_and_down(manager, edition):
    line = add_line(manager, edition)
    first = add_component(manager, line, title="A", week=1)
    second = add_component(manager, line, title="B", week=2)
    services.component_move(
        actor=manager, component=second, expected_version=fresh(edition), why=Why(), up=True
    )
    assert list(line.components.order_by("order").values_list("title", flat=True)) == ["B", "A"]
    with pytest.raises(ValidationError):
        services.component_move(
            actor=manager, component=second, expected_version=fresh(edition), why=Why(), up=True
        )
    last = edition.versions.order_by("-number").first()
    assert last.summary == "Components of learning line “Coaching” are in another order"
    assert first.pk


def test_learning_lines_move_up_and_down(manager, edition):
    first = add_line(manager, edition)
    second = add_line(manager, edition, title="Advies")
    services.line_move(
        actor=manager, line=second, expected_version=fresh(edition), why=Why(), up=True
    )
    assert list(edition.lines.order_by("order").values_list("title", flat=True)) == [
        "Advies",
        first.title,
    ]
    with pytest.raises(ValidationError):
        services.line_move(
            actor=manager, line=second, expected_version=fresh(edition), why=Why(), up=True
        )
    last = edition.versions.order_by("-number").first()
    assert last.summary == "The learning lines are in another order"


def test_a_component_with_sessions_stays(manager, edition):
    line = add_line(manager, edition)
    component = add_component(manager, line)
    SessionFactory(component=component, cohort=CohortFactory(edition=edition))
    with pytest.raises(ValidationError):
        services.component_delete(
            actor=manager, component=component, expected_version=fresh(edition), why=Why(reason="x")
        )
    assert Component.objects.filter(pk=component.pk).exists()


def test_a_place_still_to_be_filled_needs_a_note(manager, edition):
    component = add_component(manager, add_line(manager, edition))
    with pytest.raises(ValidationError):
        services.staff_add(
            actor=manager, component=component, expected_version=fresh(edition), why=Why(),
            kind=ComponentStaff.Kind.GUEST_TEACHER,
        )  # fmt: skip
    services.staff_add(
        actor=manager, component=component, expected_version=fresh(edition), why=Why(),
        kind=ComponentStaff.Kind.GUEST_TEACHER, note="een wethouder",
    )  # fmt: skip
    (staff,) = component.staff.all()
    assert staff.person is None
    services.staff_remove(actor=manager, staff=staff, expected_version=fresh(edition), why=Why())
    assert not component.staff.exists()


def test_a_new_edition_copies_the_design_with_its_keys(manager, programme, edition):
    line = add_line(manager, edition)
    item = LibraryItemFactory()
    component = add_component(manager, line, materials=[item])
    RunbookActivityFactory(component=component, title="Opening")
    services.staff_add(
        actor=manager, component=component, expected_version=fresh(edition), why=Why(),
        kind=ComponentStaff.Kind.GUEST_TEACHER, note="een wethouder",
    )  # fmt: skip
    second = services.edition_create(actor=manager, programme=programme, name="2028")
    assert second.number == 2
    assert second.copied_from == edition
    assert second.spacing_days == 14
    (new_line,) = second.lines.all()
    (copy,) = new_line.components.all()
    assert new_line.key == line.key and copy.key == component.key
    assert copy.pk != component.pk
    assert list(copy.materials.all()) == [item]
    assert copy.staff.get().note == "een wethouder"
    assert copy.activities.get().title == "Opening"
    # The original is untouched.
    assert component.staff.count() == 1 and component.activities.count() == 1
    first_version = second.versions.get()
    assert first_version.summary == "Copied from edition 1."
    rows = selectors.edition_versions(second)
    assert rows[0].words == []


def test_an_in_company_trajectory_has_one_edition(manager):
    trajectory = ProgrammeFactory()
    RoleFactory(person=manager, role=Role.PROGRAMME_MANAGER, programme=trajectory)
    services.edition_create(actor=manager, programme=trajectory)
    with pytest.raises(ValidationError):
        services.edition_create(actor=manager, programme=trajectory)
    assert trajectory.editions.count() == 1


def test_versions_compare_across_editions_by_key(manager, programme, edition):
    line = add_line(manager, edition)
    add_component(manager, line, title="Kanteling", week=6)
    second = services.edition_create(actor=manager, programme=programme)
    copied = Component.objects.get(line__edition=second)
    services.component_update(
        actor=manager, component=copied, expected_version=fresh(second), why=Why(reason="x"),
        title="Kanteling", work_form="guest_lecture", length="half_day", week=9,
    )  # fmt: skip
    older = edition.versions.order_by("-number").first()
    newer = second.versions.order_by("-number").first()
    assert selectors.change_words(older.snapshot, newer.snapshot) == [
        "Guest lecture “Kanteling” moved from week 6 to week 9"
    ]


def test_observations_become_a_proposal_and_adopting_links_the_version(manager, programme, edition):
    facilitator = UserFactory(full_name="Eva")
    RoleFactory(person=facilitator, role=Role.FACILITATOR, programme=programme)
    line = add_line(manager, edition)
    component = add_component(manager, line, title="Kanteling", week=6)
    observation = services.observation_create(
        actor=facilitator,
        edition=edition,
        kind=Observation.Kind.DID_NOT_WORK,
        text="Te vroeg: de groep had nog geen eigen casus",
        component=component,
    )
    assert observation.component_key == component.key
    proposal = services.proposal_create(
        actor=manager, edition=edition, text="Gastcollege later", observations=[observation]
    )
    second = services.edition_create(actor=manager, programme=programme)
    copied = Component.objects.get(line__edition=second)
    assert list(selectors.open_proposals(second)) == [proposal]
    services.component_update(
        actor=manager, component=copied, expected_version=fresh(second),
        why=Why(reason="Na de eerste praktijkopdracht", proposal=proposal),
        title="Kanteling", work_form="guest_lecture", length="half_day", week=9,
    )  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == ChangeProposal.Status.ADOPTED
    version = proposal.versions.get()
    assert list(version.observations.all()) == [observation]
    # Per component, across editions: the observation that led to its change.
    history = selectors.component_history(copied)
    assert history[-1]["version"] == version
    assert history[-1]["words"] == ["Guest lecture “Kanteling” moved from week 6 to week 9"]
    assert list(selectors.component_observations(copied)) == [observation]
    with pytest.raises(ValidationError):
        services.component_update(
            actor=manager, component=copied, expected_version=fresh(second),
            why=Why(proposal=proposal), title="K", work_form="guest_lecture",
            length="half_day", week=9,
        )  # fmt: skip


def test_a_participant_cannot_observe(edition):
    participant = UserFactory()
    RoleFactory(
        person=participant, role=Role.PARTICIPANT, group=CohortFactory(edition=edition).group
    )
    with pytest.raises(PermissionDenied):
        services.observation_create(actor=participant, edition=edition, kind="worked", text="x")


def test_declining_a_proposal_keeps_the_reason(manager, edition):
    proposal = services.proposal_create(actor=manager, edition=edition, text="X", observations=[])
    services.proposal_decline(
        actor=manager, proposal=proposal, expected_version=1, decision_note="Past niet"
    )
    proposal.refresh_from_db()
    assert proposal.status == ChangeProposal.Status.DECLINED
    assert proposal.decision_note == "Past niet"
    with pytest.raises(ValidationError):
        services.proposal_decline(
            actor=manager, proposal=proposal, expected_version=2, decision_note="Nog eens"
        )


def test_design_warnings_on_the_edition(manager, edition):
    line = add_line(manager, edition)
    lecture = add_component(manager, line, title="Kanteling", week=6)
    add_component(manager, line, title="Werkplaats", week=7, work_form="one_day_session")
    SessionFactory(component=lecture, cohort=CohortFactory(edition=edition))
    codes = [w.code for w in selectors.warnings(edition, services.design_snapshot(edition))]
    assert codes == ["line_without_facilitator", "guest_lecture_unbriefed", "too_close"]


def test_the_phrases_cover_the_engine():
    assert set(selectors.DESIGN_PHRASES) == set(
        __import__("kring.engines.design").engines.design.PHRASES
    )
    assert DesignVersion.Answers.OBSERVATION
