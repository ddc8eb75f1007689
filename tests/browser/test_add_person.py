"""Adding a person to a learning group in the browser, on a wide and a narrow screen: the
facilitator finds a colleague by typing part of the name (the matches appear as they type),
and invites a new address in the same flow. The audit log then tells it in words, and the
administrator's menu stays on one line."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kring.invitations.models import Invitation
from kring.learning.models import Membership
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"wide": 1280, "narrow": 390}


def log_in(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/dashboard/")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_facilitator_adds_a_colleague_and_invites_someone_new(
    page, world, shot, accessible, width
):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    UserFactory(email="sanne@example.org", full_name="Sanne Mulder", organisation=world.client)
    UserFactory(email="sander@example.org", full_name="Sander Mol", organisation=world.client)
    log_in(page, "facilitator_a@example.org")
    page.goto(f"/learning/groups/{world.group_a.pk}/")
    accessible(page)
    page.get_by_role("link", name="Iemand toevoegen").click()
    expect(page.get_by_role("heading", name="Iemand toevoegen")).to_be_visible()
    accessible(page)

    # A known colleague: the matches appear while typing.
    page.get_by_label("Naam of e-mailadres").press_sequentially("sann", delay=30)
    expect(page.get_by_role("link", name="Kiezen Sanne Mulder")).to_be_visible()
    expect(page.get_by_role("link", name="Kiezen Sander Mol")).to_have_count(0)
    shot(page, f"add-person-search-{width}")
    accessible(page)
    page.get_by_role("link", name="Kiezen Sanne Mulder").click()
    expect(page.get_by_label("Deelnemer")).to_be_checked()
    page.get_by_label("Taak").fill("beleidsadvies wonen")
    page.get_by_label("Werkcontext").fill("Ministerie / DG Wonen / Team Noord")
    shot(page, f"add-person-colleague-{width}")
    accessible(page)
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Sanne Mulder is uitgenodigd en doet mee zodra")).to_be_visible()
    assert Membership.objects.get(person__email="sanne@example.org").status == "invited"

    # Someone new: the same search offers the address as an invitation.
    page.get_by_role("link", name="Iemand toevoegen").click()
    page.get_by_label("Naam of e-mailadres").fill("iris@example.org")
    expect(
        page.get_by_text("Nog niemand in Kring heeft het adres iris@example.org")
    ).to_be_visible()
    page.get_by_role("link", name="Deze persoon uitnodigen").click()
    expect(page.get_by_label("Leerbegeleider")).to_have_count(0)  # not by a facilitator
    page.get_by_label("Volledige naam").fill("Iris de Nieuwe")
    page.get_by_role("button", name="Verstuur de uitnodiging").click()
    expect(page.get_by_role("alert").or_(page.locator(".errorlist"))).to_have_count(0)
    expect(
        page.get_by_text("Er is een uitnodiging verstuurd naar iris@example.org")
    ).to_be_visible()
    invitation = Invitation.objects.get(email="iris@example.org")
    assert invitation.group == world.group_a and invitation.role == "participant"
    shot(page, f"add-person-done-{width}")
    accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_administrator_reads_the_log_in_words_under_one_menu(
    page, world, shot, accessible, width
):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    log_in(page, "programme_manager@example.org")
    page.goto(f"/programmes/{world.trajectory.pk}/")
    expect(page.locator(".button-danger")).to_have_count(0)
    page.get_by_role("link", name="Iemand toevoegen").click()
    page.get_by_label("Naam of e-mailadres").fill("outsider@example.org")
    page.get_by_role("link", name="Kiezen Outsider").click()
    page.get_by_label("Lid stuurgroep").check()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Outsider heeft nu de rol Lid stuurgroep.")).to_be_visible()
    shot(page, f"programme-people-{width}")
    accessible(page)

    log_in(page, "admin@example.org")
    header = page.locator(".site-header .wrap")
    if width == "wide":
        # Brand, menu and tools on one line.
        assert header.bounding_box()["height"] < 70
    page.get_by_text("Beheer", exact=True).click()
    page.get_by_role("link", name="Auditlog", exact=True).click()
    expect(page.get_by_role("cell", name="Rol gegeven: Outsider – Lid stuurgroep")).to_be_visible()
    expect(page.locator("code")).to_have_count(0)
    page.get_by_label("Persoon").fill("programme")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text("1 regel")).to_be_visible()
    shot(page, f"audit-log-{width}")
    accessible(page)
