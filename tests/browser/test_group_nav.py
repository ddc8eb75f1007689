"""A group's navigation in a real browser: a member walks from the main menu through the
group's tabs into an assignment and back to the group's overview without leaving the group's
tab bar; the programme manager reaches a group's harvest from the programme page, and a closed
page tells each persona why. axe-core checks every page on the way."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.learning.models import LearningPoint, Meeting, Membership
from kring.reflection.models import Assignment
from tests.browser.test_reflection import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def group_a(world):
    Membership.objects.create(
        group=world.group_a, person=world.participant_a, task="beleid", work_context="DG"
    )
    meeting = Meeting.objects.create(
        group=world.group_a,
        number=1,
        title="Start",
        starts_at=timezone.now() + datetime.timedelta(days=21),
    )
    Assignment.objects.create(
        meeting=meeting,
        title="Een gesprek dat schuurde",
        instructions="Beschrijf een gesprek dat spannend was.",
        due_at=timezone.now() + datetime.timedelta(days=14),
        created_by=world.facilitator_a,
    )
    LearningPoint.objects.create(meeting=meeting, text="Eerst luisteren", shared=True)
    LearningPoint.objects.create(meeting=meeting, text="Alleen voor ons")
    return world


def _tabs(page):
    return page.get_by_role("navigation", name="Onderdelen van Leergroep A")


def test_a_member_walks_the_groups_tabs_into_an_assignment_and_back(
    page, group_a, accessible, shot
):
    log_in(page, "participant_a@example.org")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Reflectie").click()
    accessible(page)
    page.get_by_role("link", name="Leergroep A").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reflectie in Leergroep A")
    expect(_tabs(page).get_by_role("link", name="Reflectie")).to_have_attribute(
        "aria-current", "page"
    )
    accessible(page)

    page.get_by_role("link", name="Een gesprek dat schuurde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een gesprek dat schuurde")
    expect(_tabs(page).get_by_role("link", name="Reflectie")).to_have_attribute(
        "aria-current", "true"
    )
    accessible(page)
    shot(page, "groupnav-assignment-member")

    # Back along the breadcrumb to the group's overview, its cycle.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role(
        "link", name="Leergroep A"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leergroep A")
    expect(_tabs(page).get_by_role("link", name="Overzicht")).to_have_attribute(
        "aria-current", "page"
    )
    accessible(page)

    # The group chooses on its harvest which learning points its programme manager reads.
    _tabs(page).get_by_role("link", name="Oogst").click()
    page.get_by_role("button", name="Delen met de programmamanager Alleen voor ons").click()
    expect(page.get_by_role("button", name="Niet meer delen Alleen voor ons")).to_be_visible()
    accessible(page)

    # And by the tab bar to the journal, which stays in the group's Reflection section.
    _tabs(page).get_by_role("link", name="Reflectie").click()
    page.get_by_role("link", name="Mijn logboek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn logboek")
    expect(_tabs(page).get_by_role("link", name="Reflectie")).to_have_attribute(
        "aria-current", "true"
    )
    accessible(page)


def test_the_programme_manager_reaches_the_harvest_and_hears_why_the_rest_is_closed(
    page, group_a, accessible, shot
):
    log_in(page, "programme_manager@example.org")
    page.goto("/programmes/")
    page.get_by_role("link", name="Samen leren").click()
    page.get_by_role("link", name="Oogst van Leergroep A").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oogst van Leergroep A")
    expect(page.get_by_text("Eerst luisteren")).to_be_visible()
    expect(page.get_by_text("Alleen voor ons")).to_have_count(0)
    expect(_tabs(page).get_by_role("link", name="Oogst")).to_have_attribute("aria-current", "page")
    expect(_tabs(page).get_by_role("link", name="Reflectie")).to_have_count(0)
    accessible(page)
    shot(page, "groupnav-harvest-programme-manager")

    page.goto(f"/reflection/groups/{group_a.group_a.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit mag je niet doen")
    expect(page.get_by_text("Als programmamanager lees je de oogst van de groep")).to_be_visible()
    accessible(page)
    shot(page, "groupnav-403-programme-manager")
    page.get_by_role("link", name="Open de oogst van Leergroep A").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oogst van Leergroep A")
    log_out(page)

    log_in(page, "participant_b@example.org")
    page.goto(f"/learning/groups/{group_a.group_a.pk}/")
    expect(page.get_by_text("Jouw plek is in Leergroep B, niet in Leergroep A")).to_be_visible()
    accessible(page)
    shot(page, "groupnav-403-participant-other-group")
    page.get_by_role("link", name="Naar Leergroep B").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leergroep B")
