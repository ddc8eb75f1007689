"""Granting and removing roles in the browser, on a wide and a narrow screen: the invitation
form offers a facilitator only their own group and the roles they may give, and explains who
invites new facilitators; a programme manager gets every role. Removing a role asks first, and
the last facilitator of a group is kept."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kring.programmes.models import RoleAssignment
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"wide": 1280, "narrow": 390}


def log_in(page, email: str) -> None:
    page.context.clear_cookies()  # whoever was logged in before
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/dashboard/")


def _option_labels(page, label: str) -> list[str]:
    return [text.strip() for text in page.get_by_label(label).locator("option").all_inner_texts()]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_invitation_form_offers_what_each_may_grant(page, world, shot, accessible, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    log_in(page, "facilitator_a@example.org")
    page.goto("/invitations/new/")
    expect(page.get_by_label("Groep")).to_have_value(str(world.group_a.pk))
    assert _option_labels(page, "Groep") == ["— kies —", "Leergroep A"]
    assert _option_labels(page, "Rol") == ["Nog geen rol", "Docent", "Gastdocent", "Deelnemer"]
    expect(
        page.get_by_text("Nieuwe leerbegeleiders nodigt de programmamanager uit")
    ).to_be_visible()
    shot(page, f"invitation-form-facilitator-{width}")
    accessible(page)

    log_in(page, "programme_manager@example.org")
    page.goto("/invitations/new/")
    roles = _option_labels(page, "Rol")
    assert "Programmamanager" in roles and "Leerbegeleider" in roles
    expect(page.get_by_text("Nieuwe leerbegeleiders nodigt de programmamanager uit")).to_have_count(
        0
    )
    shot(page, f"invitation-form-programme-manager-{width}")
    accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_removing_the_last_facilitator_asks_and_explains(page, world, shot, accessible, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    own = RoleAssignment.objects.get(person=world.facilitator_a, group=world.group_a)
    log_in(page, "facilitator_a@example.org")
    page.goto(f"/programmes/groups/{world.group_a.pk}/")
    # One action for the whole list: choose whose role, then confirm on the next page.
    page.get_by_role("link", name="Rol verwijderen").click()
    page.get_by_label("Facilitator A · Leerbegeleider").check()
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Je bent de enige leerbegeleider van Leergroep A")).to_be_visible()
    expect(page.get_by_role("button", name="Rol verwijderen")).to_have_count(0)
    shot(page, f"role-remove-last-facilitator-{width}")
    accessible(page)

    log_in(page, "programme_manager@example.org")
    page.goto(f"/programmes/roles/{own.pk}/remove/")
    page.get_by_label("Reden").fill("Facilitator A stopt met begeleiden.")
    page.get_by_role("button", name="Rol verwijderen").click()
    expect(page.get_by_text("Vink het vakje aan om te bevestigen dat Leergroep A")).to_be_visible()
    shot(page, f"role-remove-programme-manager-{width}")
    accessible(page)
    page.get_by_label("Ja, laat de groep voorlopig zonder leerbegeleider").check()
    page.get_by_role("button", name="Rol verwijderen").click()
    expect(page.get_by_text("Facilitator A heeft de rol Leerbegeleider niet meer.")).to_be_visible()
    assert not RoleAssignment.objects.filter(pk=own.pk).exists()
