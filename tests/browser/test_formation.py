"""Forming the learning groups of the demo's 40-person pool in the browser: the programme
manager opens the pool, sets the group sizes, lets Kring form the groups (the background worker
runs while the page shows progress), looks at the proposal, moves a member and sees the score
change, accepts, and finds the new groups with everyone invited. Separately, a colleague
signs up for a pool with the weekly grid and sees nobody else's entry."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from playwright.sync_api import expect

from kring.formation.models import FormationRun, Pool, PoolEntry
from kring.learning.models import Membership
from kring.programmes.models import Group, Role, RoleAssignment
from kring.site.management.commands.load_demo import DEMO_PASSWORD, load_demo
from tests.factories import PASSWORD
from tests.formation.factories import PoolFactory, entry
from tests.helpers import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/dashboard/")


def test_form_the_groups_of_the_demo_pool(page, live_server, shot):
    with transaction.atomic():
        load_demo()
    pool = Pool.objects.get(name="Leergroepen voorjaar 2027")
    assert pool.entries.filter(status=PoolEntry.Status.SIGNED_UP).count() == 40

    # The programme manager opens the pool from the programme and sets the sizes.
    log_in(page, "programmamanager@demo.kring")
    page.get_by_role("link", name="Samen leren in de beleidspraktijk").first.click()
    page.get_by_role("link", name="Leergroepen voorjaar 2027").click()
    expect(page.get_by_role("heading", name="Aangemelde mensen")).to_be_visible()
    expect(page.locator(".entries-table tbody tr")).to_have_count(40)
    page.get_by_role("link", name="Groepen vormen").click()
    page.get_by_label("Grootste groep").fill("7")
    page.get_by_label("Kleinste groep").fill("6")
    page.get_by_label("Ideale groepsgrootte").fill("6")
    page.keyboard.press("Tab")  # leaving the field explains the sizes at once
    expect(page.locator("#sizes")).to_contain_text(
        "Met 40 aangemelde mensen vormt Kring 4 groepen van 7 en 2 groepen van 6."
    )
    page.get_by_label("Kleinste groep").fill("4")
    page.get_by_label("Ideale groepsgrootte").fill("5")
    page.get_by_label("Grootste groep").fill("6")
    page.keyboard.press("Tab")
    expect(page.locator("#sizes")).to_contain_text("vormt Kring 8 groepen van 5.")
    page.get_by_label("Zoektijd in seconden").fill("2")
    shot(page, "formation-settings")
    page.keyboard.press("Tab")  # the keyboard reaches "Save and form groups" next
    expect(page.get_by_role("button", name="Opslaan en groepen vormen")).to_be_focused()
    page.keyboard.press("Enter")

    # The run waits for the worker, which runs here; the page picks the proposal up itself.
    expect(page.get_by_role("heading", name="Kring vormt de groepen")).to_be_visible()
    expect(page.locator("progress")).to_be_visible()
    shot(page, "formation-progress")
    run_queued_tasks()
    expect(page.get_by_role("heading", name="Hoe goed de groepen passen")).to_be_visible()
    run = FormationRun.objects.get(pool=pool)
    assert run.status == FormationRun.Status.PROPOSED
    expect(page.locator(".group-card")).to_have_count(8)
    expect(page.get_by_text("Gezamenlijke momenten").first).to_be_visible()
    shot(page, "formation-proposal")

    # Moving someone updates the score and the warnings at once.
    before = page.locator("#score").inner_text()
    first = page.locator(".group-card").first
    mover = first.locator(".member strong").first.inner_text()
    first.locator("select").first.select_option(label="Groep 2")
    first.get_by_role("button", name=f"Verplaatsen {mover}").click()
    expect(page.locator("#score")).not_to_have_text(before)
    expect(page.get_by_text("vóór deze wijziging")).to_be_visible()
    second = page.locator(".group-card").nth(1)
    expect(second.locator(".member strong", has_text=mover)).to_be_visible()
    expect(second.locator(".member")).to_have_count(6)
    shot(page, "formation-moved")

    # Accept: name the groups, give the first a facilitator, create them.
    page.get_by_role("link", name="Aannemen en groepen aanmaken").click()
    page.get_by_label("Naam van groep 1").fill("Leergroep Bouwregels")
    page.get_by_label("Leerbegeleider van groep 1").select_option(label="Lotte Bakker")
    page.get_by_role("button", name="De groepen aanmaken").click()
    expect(
        page.get_by_text("8 leergroepen zijn aangemaakt en 40 mensen zijn uitgenodigd.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="De groepen zijn aangemaakt")).to_be_visible()
    shot(page, "formation-accepted")

    groups = Group.objects.filter(formed_from__run=run)
    assert groups.count() == 8
    assert (
        Membership.objects.filter(group__in=groups, status=Membership.Status.INVITED).count() == 40
    )
    assert RoleAssignment.objects.filter(
        group__name="Leergroep Bouwregels",
        role=Role.FACILITATOR,
        person__email="leerbegeleider@demo.kring",
    ).exists()
    page.get_by_role("link", name="Leergroep Bouwregels").click()
    expect(page.get_by_role("heading", name="Leergroep Bouwregels")).to_be_visible()
    expect(page.get_by_text("Nog niet bevestigd: ")).to_be_visible()


def test_a_colleague_signs_up_with_the_weekly_grid(page, live_server, world, shot):
    pool = PoolFactory(programme=world.trajectory, name="Leergroepen najaar")
    entry(pool, world.participant_a)
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(world.participant_b.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("De aanmelding is open: Leergroepen najaar")).to_be_visible()
    page.get_by_role("link", name="Verder lezen").click()
    expect(page.get_by_text("Participant A")).to_have_count(0)
    page.get_by_role("link", name="Aanmelden").click()
    page.get_by_label("Taak:", exact=True).fill("projectleiding gebiedsontwikkeling")
    page.get_by_label("Werkcontext").fill("Ministerie van Proef / DG Ruimte / Team Zuid")
    page.get_by_label("Senior medewerker of specialist").check()
    # the grid is a table of checkboxes, each named by day and time, reached by keyboard
    tuesday = page.get_by_label("dinsdag 09:00–11:00")
    tuesday.focus()
    page.keyboard.press("Space")
    expect(tuesday).to_be_checked()
    page.get_by_label("donderdag 14:00–16:00").check()
    page.get_by_label("Participant A").check()  # rather not: for the staff's eyes only
    shot(page, "formation-sign-up")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_text("Vink dit aan om je aan te melden")).to_be_visible()
    expect(page.get_by_label("dinsdag 09:00–11:00")).to_be_checked()  # nothing lost
    page.get_by_label(re.compile("^Ik doe vrijwillig mee")).check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_text("Je bent aangemeld.").first).to_be_visible()
    expect(page.get_by_text("dinsdag 09:00-11:00, donderdag 14:00-16:00")).to_be_visible()
    expect(page.get_by_text("Participant A")).to_have_count(0)
    own = PoolEntry.objects.get(pool=pool, person=world.participant_b)
    assert own.takes_part and own.layer == 2
    assert list(own.rather_not.values_list("other", flat=True)) == [world.participant_a.pk]
