"""The design pages as each role meets them: the programme manager designs, versions and
compares; facilitators and teachers read and observe; participants and the client contact see
the programme but never its design."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kring.designs import services_design as services
from kring.designs.models import ChangeProposal, Component, DesignVersion, Edition, Observation
from kring.programmes.models import Programme
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(world) -> Edition:
    return services.edition_create(actor=world.programme_manager, programme=world.trajectory)


def design_url(edition: Edition) -> str:
    return reverse("designs_design:edition", args=[edition.pk])


def post_line(client, edition, title, **why):
    data = {
        "title": title,
        "why-version": edition.version,
        **{f"why-{k}": v for k, v in why.items()},
    }
    return client.post(reverse("designs_design:line_create", args=[edition.pk]), data)


def test_the_programme_manager_designs_in_the_browser(world, as_user, edition):
    client = as_user(world.programme_manager)
    response = post_line(client, edition, "Leren in leergroepen")
    assert response.status_code == 302
    line = edition.lines.get()
    edition.refresh_from_db()
    response = client.post(
        reverse("designs_design:component_create", args=[line.pk]),
        {
            "title": "Gastcollege",
            "work_form": "guest_lecture",
            "length": "half_day",
            "week": "6",
            "why-version": edition.version,
            "why-reason": "De groep vroeg erom",
            "why-answers": "learning_question",
        },
    )
    assert response.status_code == 302
    page = client.get(design_url(edition)).content.decode()
    assert "Gastcollege" in page
    assert "Leren in leergroepen" in page
    # The rule of thumb about a line without a facilitator shows, and blocks nothing.
    assert "heeft in geen enkel onderdeel een leerbegeleider" in page
    version = edition.versions.order_by("-number").first()
    assert version.reason == "De groep vroeg erom"
    assert version.answers == DesignVersion.Answers.LEARNING_QUESTION


def test_a_stale_form_keeps_the_input_and_says_so(world, as_user, edition):
    client = as_user(world.programme_manager)
    stale = edition.version
    post_line(client, edition, "Eerste")
    response = client.post(
        reverse("designs_design:line_create", args=[edition.pk]),
        {"title": "Tweede", "why-version": stale},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Iemand anders heeft dit ontwerp gewijzigd" in page
    assert 'value="Tweede"' in page
    assert edition.lines.count() == 1


def test_with_a_cohort_the_why_is_required_and_said_so(world, as_user, edition):
    CohortFactory(edition=edition)
    client = as_user(world.programme_manager)
    form_page = client.get(reverse("designs_design:line_create", args=[edition.pk]))
    assert "Verplicht: er volgt een groep deze editie." in form_page.content.decode()
    response = post_line(client, edition, "Zonder reden")
    assert response.status_code == 400
    assert "zeg waarom het ontwerp verandert" in response.content.decode()
    assert not edition.lines.exists()


def test_open_programme_whose_cohort_began_warns_on_change(world, as_user, clock):
    manager = world.programme_manager
    edition = services.edition_create(actor=manager, programme=world.open_programme)
    CohortFactory(edition=edition, starts_on=clock.now.date())
    page = as_user(manager).get(reverse("designs_design:line_create", args=[edition.pk]))
    assert "De hoofdstructuur ligt binnen een editie vast" in page.content.decode()


def test_reorder_with_htmx_returns_the_design(world, as_user, edition):
    manager = world.programme_manager
    client = as_user(manager)
    post_line(client, edition, "Lijn")
    line = edition.lines.get()
    for title, week in (("A", 1), ("B", 2)):
        edition.refresh_from_db()
        client.post(
            reverse("designs_design:component_create", args=[line.pk]),
            {"title": title, "work_form": "one_day_session", "length": "day", "week": week,
             "why-version": edition.version},
        )  # fmt: skip
    edition.refresh_from_db()
    b = line.components.get(title="B")
    response = client.post(
        reverse("designs_design:component_move", args=[b.pk]),
        {"direction": "up", "why-version": edition.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="design"' in response.content.decode()
    assert "<html" not in response.content.decode()
    assert list(line.components.order_by("order").values_list("title", flat=True)) == ["B", "A"]


def test_learning_lines_move_in_place_with_htmx(world, as_user, edition):
    client = as_user(world.programme_manager)
    post_line(client, edition, "Eerste")
    edition.refresh_from_db()
    post_line(client, edition, "Tweede")
    edition.refresh_from_db()
    second = edition.lines.get(title="Tweede")
    response = client.post(
        reverse("designs_design:line_move", args=[second.pk]),
        {"direction": "up", "why-version": edition.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert list(edition.lines.order_by("order").values_list("title", flat=True)) == [
        "Tweede",
        "Eerste",
    ]


def test_start_a_new_edition_from_the_last(world, as_user):
    manager = world.programme_manager
    client = as_user(manager)
    response = client.post(
        reverse("designs_design:edition_create", args=[world.open_programme.pk]),
        {"name": "2027", "spacing_days": "14"},
    )
    first = Edition.objects.get(programme=world.open_programme)
    assert response.status_code == 302
    services.line_create(
        actor=manager, edition=first, expected_version=first.version, why=services.Why(), title="L"
    )
    response = client.post(
        reverse("designs_design:edition_create", args=[world.open_programme.pk]),
        {"name": "2028"},
    )
    second = Edition.objects.get(programme=world.open_programme, number=2)
    assert response["Location"] == design_url(second)
    assert second.lines.get().key == first.lines.get().key
    editions = client.get(reverse("designs_design:editions", args=[world.open_programme.pk]))
    assert "Begin een nieuwe editie" in editions.content.decode()


def test_an_in_company_trajectory_offers_no_second_edition(world, as_user, edition):
    page = as_user(world.programme_manager).get(
        reverse("designs_design:editions", args=[world.trajectory.pk])
    )
    assert "Begin een nieuwe editie" not in page.content.decode()
    assert world.trajectory.kind == Programme.Kind.IN_COMPANY


def test_compare_two_versions_in_words_and_side_by_side(world, as_user, edition):
    manager = world.programme_manager
    client = as_user(manager)
    post_line(client, edition, "Kennis")
    line = edition.lines.get()
    edition.refresh_from_db()
    client.post(
        reverse("designs_design:component_create", args=[line.pk]),
        {"title": "Gastcollege X", "work_form": "guest_lecture", "length": "half_day",
         "week": 6, "why-version": edition.version},
    )  # fmt: skip
    component = line.components.get()
    edition.refresh_from_db()
    client.post(
        reverse("designs_design:component_edit", args=[component.pk]),
        {"title": "Gastcollege X", "work_form": "guest_lecture", "length": "half_day",
         "week": 9, "line": line.pk, "why-version": edition.version, "why-reason": "Later"},
    )  # fmt: skip
    older, newer = edition.versions.order_by("-number")[1], edition.versions.order_by("-number")[0]
    page = client.get(
        reverse("designs_design:compare", args=[world.trajectory.pk]),
        {"a": older.pk, "b": newer.pk},
    )
    text = page.content.decode()
    assert "Gastcollege ‘Gastcollege X’ verschoven van week 6 naar week 9" in text
    assert text.count("Gastcollege X") >= 3  # in words and in both columns
    versions = client.get(reverse("designs_design:versions", args=[edition.pk])).content.decode()
    assert "Later" in versions


def test_facilitator_observes_and_the_manager_proposes(world, as_user, edition):
    services.line_create(
        actor=world.programme_manager, edition=edition, expected_version=edition.version,
        why=services.Why(), title="Lijn",
    )  # fmt: skip
    client = as_user(world.facilitator_a)
    url = reverse("designs_design:observations", args=[edition.pk])
    page = client.get(url).content.decode()
    assert "Leg een observatie vast" in page
    assert "Wijzigingsvoorstellen" not in page
    response = client.post(url, {"kind": "group_needed", "text": "Meer oefenen", "component": ""})
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert observation.author == world.facilitator_a
    # The facilitator reads the design but does not get the editor's buttons.
    design = client.get(design_url(edition)).content.decode()
    assert "Leerlijn toevoegen" not in design
    manager = as_user(world.programme_manager)
    response = manager.post(
        reverse("designs_design:proposal_create", args=[edition.pk]),
        {"text": "Oefenmiddag erbij", "observations": [observation.pk]},
    )
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert list(proposal.observations.all()) == [observation]
    response = manager.post(
        reverse("designs_design:proposal_decline", args=[proposal.pk]),
        {"version": proposal.version, "decision_note": "Geen tijd"},
    )
    proposal.refresh_from_db()
    assert proposal.status == ChangeProposal.Status.DECLINED


@pytest.mark.parametrize("persona", ["participant_a", "client_contact", "team_leader"])
def test_participants_and_the_client_never_see_the_design(world, as_user, edition, persona):
    client = as_user(getattr(world, persona))
    assert client.get(design_url(edition)).status_code == 403
    programme_page = client.get(reverse("programmes:programme_detail", args=[world.trajectory.pk]))
    assert programme_page.status_code == 200
    assert "Ontwerp en edities" not in programme_page.content.decode()
    response = client.post(
        reverse("designs_design:observations", args=[edition.pk]),
        {"kind": "worked", "text": "x"},
    )
    assert response.status_code == 403
    assert not Observation.objects.exists()


def test_a_teacher_reads_but_does_not_change(world, as_user, edition):
    client = as_user(world.teacher)
    assert client.get(design_url(edition)).status_code == 200
    response = post_line(client, edition, "Niet van mij")
    assert response.status_code == 403
    assert not edition.lines.exists()


def test_the_programme_page_shows_type_and_design(world, as_user, edition):
    programme = world.trajectory
    client = as_user(world.programme_manager)
    response = client.post(
        reverse("programmes:programme_edit", args=[programme.pk]),
        {"name": programme.name, "kind": programme.kind, "client": programme.client_id,
         "status": programme.status, "tailoring": "couture", "duration_months": "7",
         "participant_count": "40", "system_impact": "organisation",
         "version": programme.version},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(reverse("programmes:programme_detail", args=[programme.pk])).content.decode()
    assert "Couture" in page
    assert "7 maanden" in page
    assert "Ontwerp van editie 1" in page


def test_the_component_page_shows_the_observations_behind_its_changes(world, as_user, edition):
    manager = world.programme_manager
    services.line_create(
        actor=manager, edition=edition, expected_version=edition.version, why=services.Why(),
        title="Lijn",
    )  # fmt: skip
    line = edition.lines.get()
    edition.refresh_from_db()
    services.component_create(
        actor=manager, line=line, expected_version=edition.version, why=services.Why(),
        title="Werkplaats", work_form="one_day_session", length="day", week=3,
    )  # fmt: skip
    component = Component.objects.get()
    observation = services.observation_create(
        actor=world.facilitator_a, edition=edition, kind="did_not_work", text="Te vroeg in het jaar"
    )
    edition.refresh_from_db()
    services.component_update(
        actor=manager, component=component, expected_version=edition.version,
        why=services.Why(reason="Later", observations=[observation]),
        title="Werkplaats", work_form="one_day_session", length="day", week=8,
    )  # fmt: skip
    page = as_user(manager).get(reverse("designs_design:component", args=[component.pk]))
    text = page.content.decode()
    assert "Te vroeg in het jaar" in text
    assert "verschoven van week 3 naar week 8" in text


def test_the_design_page_keeps_its_queries_few(
    world, as_user, edition, django_assert_max_num_queries
):
    manager = world.programme_manager
    services.line_create(
        actor=manager, edition=edition, expected_version=edition.version, why=services.Why(),
        title="Lijn",
    )  # fmt: skip
    line = edition.lines.get()
    for week in range(1, 8):
        edition.refresh_from_db()
        services.component_create(
            actor=manager, line=line, expected_version=edition.version, why=services.Why(),
            title=f"Deel {week}", work_form="one_day_session", length="day", week=week,
        )  # fmt: skip
    client = as_user(manager)
    with django_assert_max_num_queries(40):
        assert client.get(design_url(edition)).status_code == 200


def test_the_overview_leads_to_the_design_and_open_proposals(world, as_user, edition):
    services.proposal_create(
        actor=world.programme_manager, edition=edition, text="Later", observations=[]
    )
    page = as_user(world.programme_manager).get(reverse("site:dashboard")).content.decode()
    assert reverse("designs_design:edition", args=[edition.pk]) in page
    assert "1 open wijzigingsvoorstel" in page
    facilitator = as_user(world.facilitator_a).get(reverse("site:dashboard")).content.decode()
    assert reverse("designs_design:edition", args=[edition.pk]) in facilitator
    assert "open wijzigingsvoorstel" not in facilitator
    participant = as_user(world.participant_a).get(reverse("site:dashboard")).content.decode()
    assert reverse("designs_design:edition", args=[edition.pk]) not in participant
