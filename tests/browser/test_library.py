"""The library in a real browser: a facilitator searches it, brings an item into a meeting of
their group with a note, a member of that group sees it, and a member of another group does
not even learn that the meeting exists."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kring.library.models import LibraryItem
from tests.factories import PASSWORD
from tests.library.factories import LibraryItemFactory, meeting_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/dashboard/")


def log_out(page) -> None:
    page.locator(".account-menu summary").click()  # the menu under the name
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/login/")


def test_a_facilitator_brings_a_library_item_into_a_meeting_of_their_group(page, world, shot):
    meeting = meeting_of(world.group_a, title="Start")
    LibraryItemFactory(
        kind=LibraryItem.Kind.REFLECTION_METHOD,
        title="Spiegelvragen stellen",
        slug="spiegelvragen-stellen",
        summary="Vragen die iemand de eigen woorden terug laten horen.",
    )
    resources_url = reverse("library:meeting_resources", args=[meeting.pk])

    log_in(page, "facilitator_a@example.org")
    page.get_by_role("link", name="Bibliotheek").click()
    page.get_by_label("Zoeken").fill("spiegelvragen")
    # htmx replaces the results as one types and keeps the search in the address.
    expect(page.locator("#result-count")).to_contain_text("1 item")
    expect(page).to_have_url(re.compile(r"/library/\?q=spiegelvragen"))
    shot(page, "library-search")
    page.get_by_role("link", name="Spiegelvragen stellen").click()
    page.get_by_role("link", name="Leergroep A · 1. Start").click()
    expect(page.get_by_label("Item uit de bibliotheek")).to_have_value(
        str(LibraryItem.objects.get(slug="spiegelvragen-stellen").pk)
    )
    page.get_by_label("Toelichting voor de groep").fill("Probeer er vóór de bijeenkomst twee.")
    page.get_by_role("button", name="Toevoegen aan deze bijeenkomst").click()
    expect(
        page.get_by_text("Spiegelvragen stellen is aan deze bijeenkomst toegevoegd.")
    ).to_be_visible()
    shot(page, "library-meeting-resources-facilitator")
    log_out(page)

    log_in(page, "participant_a@example.org")
    page.goto(resources_url)
    resources = page.locator("#meeting-resources")
    expect(resources.get_by_role("link", name="Spiegelvragen stellen")).to_be_visible()
    expect(resources.get_by_text("Probeer er vóór de bijeenkomst twee.")).to_be_visible()
    expect(page.get_by_role("button", name="Weghalen")).to_have_count(0)
    shot(page, "library-meeting-resources-participant")
    log_out(page)

    log_in(page, "participant_b@example.org")
    response = page.goto(resources_url)
    assert response is not None and response.status == 404
    expect(page.get_by_text("Spiegelvragen stellen")).to_have_count(0)
