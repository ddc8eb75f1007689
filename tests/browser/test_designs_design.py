"""Designing a programme in the browser, as its programme manager (issue 13, 'done when' 1-3):
design a programme with learning lines and components; version it with reasons and compare
two versions; start a new edition from the last one. Every page visited passes axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kring.accounts.models import Organisation
from kring.designs.models import Component, Edition
from kring.programmes.models import Programme, Role
from tests.factories import ProgrammeFactory, RoleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill("pw-design-13")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/dashboard/")


@pytest.fixture
def programme():
    manager = UserFactory(email="petra@example.org", full_name="Petra van Dijk")
    manager.set_password("pw-design-13")
    manager.save()
    programme = ProgrammeFactory(
        name="Leergang Leerbegeleider", kind=Programme.Kind.OPEN, client=None
    )
    assert programme.provider.kind == Organisation.Kind.PROVIDER
    RoleFactory(person=manager, role=Role.PROGRAMME_MANAGER, programme=programme)
    return programme


def add_component(page, accessible, line: str, title: str, form: str, week: int) -> None:
    page.get_by_role("link", name=f"Onderdeel toevoegen aan {line}").click()
    # The form opens in place (htmx), within the line.
    form_card = page.locator(".change-card")
    expect(form_card).to_be_visible()
    accessible(page)
    form_card.get_by_label("Titel:", exact=True).fill(title)
    form_card.get_by_label("Werkvorm:", exact=True).select_option(label=form)
    form_card.get_by_label("Duur:", exact=True).select_option(label="Een dagdeel")
    form_card.get_by_label("Week:", exact=True).fill(str(week))
    form_card.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("link", name=title)).to_be_visible()


def test_design_version_compare_and_start_a_new_edition(page, programme, accessible, shot):
    log_in(page, "petra@example.org")
    page.get_by_role("link", name="Programma's").first.click()
    page.get_by_role("link", name="Leergang Leerbegeleider").click()
    accessible(page)
    page.get_by_role("link", name="Begin het ontwerp").click()
    accessible(page)
    page.get_by_role("link", name="Begin het ontwerp").click()
    accessible(page)
    page.get_by_label("Naam").fill("2027")
    page.get_by_role("button", name="Begin het ontwerp").click()
    expect(page.get_by_role("heading", name=re.compile("Ontwerp van editie 1"))).to_be_visible()
    accessible(page)

    # 1. Design: a learning line with components.
    page.get_by_role("link", name="Leerlijn toevoegen").click()
    page.locator(".change-card").get_by_label("Titel:", exact=True).fill("Leergroepen begeleiden")
    page.locator(".change-card").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Leergroepen begeleiden")).to_be_visible()
    add_component(
        page, accessible, "Leergroepen begeleiden", "Werkplaats 1", "Meerdaagse workshop", 1
    )
    add_component(page, accessible, "Leergroepen begeleiden", "Gastcollege", "Gastcollege", 6)
    add_component(page, accessible, "Leergroepen begeleiden", "Intervisie", "Intervisie", 4)
    # Placed in time: the intervision in week 4 comes before the guest lecture in week 6.
    titles = page.locator(".design-components > li strong").all_inner_texts()
    assert titles == ["Werkplaats 1", "Intervisie", "Gastcollege"]
    # Reorder in place (htmx): the guest lecture one place up.
    page.get_by_role("button", name=re.compile("Omhoog.*Gastcollege een plek eerder")).click()
    expect(page.locator(".design-components > li strong").nth(1)).to_have_text("Gastcollege")
    # A rule of thumb warns (no facilitator), and blocks nothing.
    expect(page.get_by_text("heeft in geen enkel onderdeel een leerbegeleider")).to_be_visible()
    accessible(page)
    shot(page, "design-editor")

    # Staffing: a guest teacher still to be found.
    page.get_by_role("link", name="Gastcollege").click()
    accessible(page)
    page.get_by_role("link", name="Bezetting toevoegen").click()
    page.get_by_label("Als").select_option(label="Gastdocent")
    page.get_by_label("Notitie").fill("een hoogleraar organisatieleren")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_text("Gastdocent nog te vinden (een hoogleraar organisatieleren)")
    ).to_be_visible()

    # 2. Version with a reason: move the guest lecture from week 6 to week 9.
    page.get_by_role("link", name="Wijzigen", exact=True).click()
    accessible(page)
    page.get_by_label("Week:", exact=True).fill("9")
    page.get_by_label("Reden:", exact=True).fill("Pas na de eerste eigen intervisie")
    page.get_by_label("Het is een antwoord op").select_option(label="Een observatie")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het onderdeel is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("verschoven van week 6 naar week 9")).to_be_visible()
    accessible(page)

    page.get_by_role("navigation", name="Editie 1").get_by_role(
        "link", name="Versies", exact=True
    ).click()
    expect(page.get_by_text("Pas na de eerste eigen intervisie")).to_be_visible()
    expect(
        page.get_by_text("Gastcollege ‘Gastcollege’ verschoven van week 6 naar week 9")
    ).to_be_visible()
    accessible(page)
    shot(page, "design-versions")

    # Compare two versions, side by side and in words.
    edition = Edition.objects.get(programme=programme)
    versions = list(edition.versions.order_by("number"))
    page.get_by_label("Vergelijk:", exact=True).select_option(value=str(versions[2].pk))
    page.get_by_label("met:", exact=True).select_option(value=str(versions[-1].pk))
    page.get_by_role("button", name="Vergelijk").click()
    words = page.get_by_role("region", name=re.compile("Van editie 1 versie"))
    expect(words.get_by_text("Meerdaagse workshop ‘Werkplaats 1’")).to_have_count(0)
    # Added after the earlier version, so it is new (in its latest week), not moved.
    expect(
        words.get_by_text(
            "Gastcollege ‘Gastcollege’ toegevoegd aan ‘Leergroepen begeleiden’, week 9"
        )
    ).to_be_visible()
    expect(words.get_by_text("Intervisie ‘Intervisie’ toegevoegd", exact=False)).to_be_visible()
    expect(page.locator(".compare-columns .card")).to_have_count(2)
    accessible(page)
    shot(page, "design-compare")

    # 3. Start a new edition from the last one.
    page.locator(".breadcrumbs").get_by_role("link", name="Edities").click()
    accessible(page)
    page.get_by_role("link", name="Begin een nieuwe editie").click()
    expect(
        page.get_by_text("De nieuwe editie begint als kopie van het ontwerp van editie 1")
    ).to_be_visible()
    accessible(page)
    page.get_by_label("Naam").fill("2028")
    page.get_by_role("button", name="Begin de editie").click()
    expect(page.get_by_role("heading", name=re.compile("Ontwerp van editie 2"))).to_be_visible()
    expect(page.get_by_role("link", name="Gastcollege")).to_be_visible()
    expect(page.get_by_text("gekopieerd van editie 1")).to_be_visible()
    accessible(page)
    second = Edition.objects.get(programme=programme, number=2)
    copied = Component.objects.get(line__edition=second, title="Gastcollege")
    original = Component.objects.get(line__edition=edition, title="Gastcollege")
    assert copied.key == original.key and copied.week == 9
    assert copied.staff.get().note == "een hoogleraar organisatieleren"

    # Across editions: the copy changes nothing.
    page.get_by_role("link", name="Versies vergelijken", exact=True).click()
    expect(page.get_by_text("De twee ontwerpen zijn gelijk.")).to_be_visible()
    page.locator(".breadcrumbs").get_by_role("link", name="Edities").click()
    page.get_by_role("link", name="Observaties van editie 1").click()
    accessible(page)
