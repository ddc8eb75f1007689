"""The foundation's user flows in a real browser: log in, switch language, the overview for
different roles, invite a person who accepts, log out."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.helpers import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def test_log_in_see_the_overview_and_log_out(page, world, shot):
    log_in(page, "facilitator_a@example.org")
    page.wait_for_url("**/dashboard/")
    expect(page.get_by_role("heading", name="Fijn je te zien, Facilitator")).to_be_visible()
    expect(page.get_by_role("link", name="Leergroep A")).to_be_visible()
    shot(page, "dashboard-facilitator")
    page.locator(".account-menu summary").click()  # the menu under the name
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/login/")
    page.goto("/dashboard/")
    assert "/login/" in page.url


def test_a_wrong_password_is_explained(page, world):
    log_in(page, "facilitator_a@example.org", "verkeerd")
    expect(page.get_by_text("horen niet bij elkaar")).to_be_visible()
    assert "/login/" in page.url


def test_switch_language_to_english_and_back(page, world, shot):
    page.goto("/login/")
    page.get_by_role("button", name="Switch to English").click()
    expect(page.get_by_role("heading", name="Log in to Kring")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    shot(page, "login-english")
    log_in_en = page.get_by_label("E-mail address")
    log_in_en.fill("participant_a@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name=re.compile("Good to see you"))).to_be_visible()
    world.participant_a.refresh_from_db()
    assert world.participant_a.language == "en"
    page.get_by_role("button", name="Schakel naar het Nederlands").click()
    expect(page.get_by_role("heading", name=re.compile("Fijn je te zien"))).to_be_visible()


def test_the_overview_differs_by_role(page, world, shot):
    log_in(page, "participant_b@example.org")
    expect(page.get_by_role("link", name="Leergroep B")).to_be_visible()
    expect(page.get_by_role("link", name="Leergroep A")).to_have_count(0)
    expect(page.get_by_role("link", name="Nieuw programma")).to_have_count(0)
    shot(page, "dashboard-participant")
    page.locator(".account-menu summary").click()  # the menu under the name
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, "programme_manager@example.org")
    expect(page.get_by_role("link", name="Nieuw programma")).to_be_visible()
    expect(page.get_by_role("link", name="Samen leren")).to_be_visible()
    shot(page, "dashboard-programme-manager")
    page.get_by_role("link", name="Samen leren").click()
    expect(page.get_by_role("heading", name="Mensen en rollen")).to_be_visible()
    shot(page, "programme-detail-manager")


def test_invite_a_person_who_accepts_and_starts(page, browser, live_server, world, shot):
    log_in(page, "facilitator_a@example.org")
    page.get_by_role("link", name="Leergroep A").first.click()
    page.get_by_role("link", name="Iemand toevoegen").click()
    page.get_by_label("Naam of e-mailadres").fill("iris@example.org")
    page.get_by_role("link", name="Deze persoon uitnodigen").click()
    page.get_by_label("Volledige naam").fill("Iris de Nieuwe")
    expect(page.get_by_label("Deelnemer")).to_be_checked()
    shot(page, "invitation-form")
    page.get_by_role("button", name="Verstuur de uitnodiging").click()
    expect(
        page.get_by_text("Er is een uitnodiging verstuurd naar iris@example.org")
    ).to_be_visible()
    shot(page, "invitation-sent")

    run_queued_tasks()
    assert len(mail.outbox) == 1
    path = re.search(r"/invite/\S+/", mail.outbox[0].body).group(0)

    invitee = browser.new_context(base_url=live_server.url).new_page()
    invitee.goto(path)
    expect(invitee.get_by_role("heading", name="Welkom bij Kring")).to_be_visible()
    invitee.get_by_label("Kies een wachtwoord").fill("samen-leren-2027")
    invitee.get_by_label("Herhaal het wachtwoord").fill("samen-leren-2027")
    shot(invitee, "invitation-accept")
    invitee.get_by_role("button", name="Maak mijn account aan").click()
    expect(invitee.get_by_text("Welkom bij Kring, Iris de Nieuwe.")).to_be_visible()
    # Taking part in a learning group is her own choice: she reads what it asks and says yes.
    expect(invitee.get_by_role("heading", name="Wat een leergroep is")).to_be_visible()
    invitee.get_by_label("Ja, ik doe mee").check()
    invitee.get_by_label("Je taak").fill("Beleidsadvies wonen")
    invitee.get_by_label("Je werkomgeving").fill("Gemeente / Wonen / Team Noord")
    shot(invitee, "invitation-group-confirm")
    invitee.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(invitee.get_by_text("Welkom in de groep.")).to_be_visible()
    invitee.goto(path)
    assert (
        invitee.get_by_role(
            "heading", name="Deze uitnodiging kan niet worden gebruikt"
        ).is_visible()
        or invitee.get_by_role("heading", name="Je bent al ingelogd").is_visible()
    )
    invitee.context.close()
