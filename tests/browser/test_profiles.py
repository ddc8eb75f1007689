"""The learning profile in a real browser: a participant opens it from the dashboard, answers
half the statements with the keyboard and saves, comes back, finds the open statements
marked when finishing too early, finishes, and sees the chart and its reading."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kring.profiles.instrument import ITEMS
from kring.profiles.models import LearningProfile
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/dashboard/")


def answer(page, code: str, value: int) -> None:
    page.locator(f"#id_{code}_{value}").check()


def test_filling_in_the_learning_profile(page, world, shot):
    log_in(page, "participant_a@example.org")
    page.get_by_role("link", name="Mijn leerprofiel").click()
    expect(page.get_by_role("heading", name="Mijn leerprofiel", level=1)).to_be_visible()
    page.get_by_role("link", name="Vul de vragenlijst in").click()
    expect(page.get_by_role("heading", name="Vragenlijst leerprofiel")).to_be_visible()

    # The first statement with the keyboard: focus its first option, arrow to "Eens".
    first = page.get_by_role("group", name="1. Ik leer het meest over mijn werk")
    first.get_by_label("Helemaal oneens").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(first.get_by_label("Eens", exact=True)).to_be_checked()

    # Half of the rest by clicking, then save part way.
    half = ITEMS[1:16]
    for item in half:
        answer(page, item.code, 5 if item.scale in {"discovering", "watching"} else 2)
    page.get_by_role("button", name="Bewaar en ga later verder").click()
    expect(page.get_by_text("Je antwoorden zijn bewaard.")).to_be_visible()
    expect(page.get_by_text("16 van de 32 uitspraken beantwoord")).to_be_visible()

    # Back later: the answers are there. Finishing too early marks what is still open.
    page.get_by_role("link", name="Ga verder met de vragenlijst").click()
    expect(page.locator("#id_pa1_4")).to_be_checked()
    answer(page, ITEMS[16].code, 3)
    page.get_by_role("button", name="Toon mijn profiel").click()
    expect(page.get_by_text("Er zijn nog 15 uitspraken zonder antwoord.")).to_be_visible()
    expect(page.get_by_role("link", name="Uitspraak 18")).to_be_visible()
    expect(page.locator(f"#id_{ITEMS[16].code}_3")).to_be_checked()
    shot(page, "profiles-questionnaire-open-statements")

    for item in ITEMS[17:]:
        answer(page, item.code, 1 if item.reverse else 4)
    page.get_by_role("button", name="Toon mijn profiel").click()

    expect(page.get_by_text("Je leerprofiel is klaar.")).to_be_visible()
    chart = page.get_by_role("img", name="Leerprofiel")
    expect(chart).to_be_visible()
    expect(
        page.get_by_role("heading", name="Wat het zegt over leren in een leergroep")
    ).to_be_visible()
    expect(page.get_by_text("Wat je van de groep kunt vragen").first).to_be_visible()
    page.get_by_text("De scores als tabel").click()
    expect(page.get_by_role("rowheader", name="Ontdekken")).to_be_visible()
    shot(page, "profiles-result")

    result = LearningProfile.objects.get(person=world.participant_a)
    assert result.is_complete and result.scores["discovering"] > result.scores["practising"]
