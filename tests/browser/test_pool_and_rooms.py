"""The pool page at scale and rooms in planning, in a real browser: the programme manager
searches and filters a pool of hundreds with htmx, pages through it and comes back with the
browser's back button; then keeps the organisation's rooms, and a planning proposal shows
which room each meeting gets and puts the meetings there when accepted. axe-core checks
every page on the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kring.learning.models import Meeting
from kring.rooms.models import Room
from tests.factories import PASSWORD
from tests.formation.factories import PoolFactory, big_pool
from tests.planning.conftest import TUESDAY_AFTERNOON, grid, members
from tests.planning.test_services import propose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/dashboard/")


def test_search_filter_and_page_through_a_large_pool(page, world, shot, accessible):
    pool = PoolFactory(programme=world.trajectory, created_by=world.programme_manager)
    big_pool(pool, 240)
    log_in(page, "programme_manager@example.org")
    page.goto(f"/formation/pools/{pool.pk}/")
    rows = page.locator(".entries-table tbody tr")
    expect(rows).to_have_count(50)
    expect(page.get_by_text("240 mensen gevonden · 1–50 getoond")).to_be_visible()
    accessible(page)
    shot(page, "pool-large")

    # Typing searches as you go; the address follows, so the list can be shared.
    page.get_by_label("Naam of e-mailadres").fill("deelnemer 0012")
    expect(rows).to_have_count(10)
    expect(page).to_have_url(re.compile(r"q=deelnemer(\+|%20)0012"))
    expect(rows.first).to_contain_text("Deelnemer 00120")

    # A filter narrows it further: who has not said yet when they can meet.
    page.get_by_label("Wanneer ze kunnen").select_option(label="Nog niet ingevuld")
    expect(rows).to_have_count(3)  # 00120, 00124, 00128: every fourth has no week
    expect(rows.first).to_contain_text("nog niet")
    accessible(page)

    # Everyone again, then the next page; the back button returns to the search.
    page.get_by_role("link", name="Iedereen tonen").click()
    expect(rows).to_have_count(50)
    page.get_by_role("link", name="Volgende").click()
    expect(page.get_by_text("Pagina 2 van 5")).to_be_visible()
    expect(rows.first).to_contain_text("Deelnemer 00050")
    page.go_back()
    expect(page.get_by_text("Pagina 1 van 5")).to_be_visible()
    page.go_back()
    expect(page.get_by_label("Naam of e-mailadres")).to_have_value("deelnemer 0012")
    expect(rows).to_have_count(3)


def test_two_people_of_a_large_pool_are_picked_by_name_for_a_rule(page, world, shot, accessible):
    pool = PoolFactory(programme=world.trajectory, created_by=world.programme_manager)
    big_pool(pool, 2000)
    log_in(page, "programme_manager@example.org")
    page.goto(f"/formation/pools/{pool.pk}/#pairs")
    rules = page.get_by_role("region", name="Wie samen moet of juist niet")
    first = rules.get_by_label("Persoon:", exact=True)
    first.fill("deelnemer 0123")
    # The list under the field holds a few matches, found as one types.
    options = rules.locator("#id_first-options option")
    expect(options).to_have_count(10)
    expect(options.first).to_have_attribute(
        "value", "Deelnemer 01230 (deelnemer01230@pool.example.org)"
    )
    accessible(page)
    first.fill("Deelnemer 01230 (deelnemer01230@pool.example.org)")
    rules.get_by_label("Andere persoon").fill("Niemand Bekend")
    rules.get_by_label("Mogen niet in dezelfde groep").check()
    rules.get_by_role("button", name="Regel toevoegen").click()
    rules = page.get_by_role("region", name="Wie samen moet of juist niet")
    expect(rules.get_by_text("Niemand in deze aanmelding heet „Niemand Bekend”")).to_be_visible()
    expect(rules.get_by_label("Persoon:", exact=True)).to_have_value(
        "Deelnemer 01230 (deelnemer01230@pool.example.org)"
    )
    accessible(page)
    shot(page, "pool-pair-error")
    rules.get_by_label("Andere persoon").fill("deelnemer01999@pool.example.org")
    rules.get_by_role("button", name="Regel toevoegen").click()
    expect(page.get_by_text("De regel is toegevoegd.")).to_be_visible()
    expect(
        page.get_by_role("region", name="Wie samen moet of juist niet").locator(
            "strong", has_text="Deelnemer 01999"
        )
    ).to_be_visible()
    accessible(page)


def test_rooms_are_kept_and_planning_puts_the_meetings_in_them(page, world, shot, accessible):
    log_in(page, "programme_manager@example.org")
    page.goto("/rooms/")
    expect(page.get_by_role("heading", name="Ruimtes", exact=True)).to_be_visible()
    page.get_by_label("Naam").fill("Zaal 1")
    page.get_by_label("Plaatsen").fill("8")
    page.get_by_label("Adres of gebouw").fill("Rijnstraat 8")
    page.get_by_role("button", name="Ruimte toevoegen").click()
    expect(page.get_by_text("De ruimte Zaal 1 is toegevoegd.")).to_be_visible()
    page.get_by_label("Naam").fill("Spreekkamer")
    page.get_by_label("Plaatsen").fill("3")
    page.get_by_role("button", name="Ruimte toevoegen").click()
    expect(page.locator("table tbody tr")).to_have_count(2)
    accessible(page)
    shot(page, "rooms")

    # Group A: its facilitator and four members, all free on Tuesday afternoons.
    group = world.group_a
    grid(world.facilitator_a, [TUESDAY_AFTERNOON, 2, 8])
    members(world, group, 4, slots=[TUESDAY_AFTERNOON, 2, 8])
    plan = propose(world, [group])
    page.goto(f"/planning/plans/{plan.pk}/")
    expect(page.get_by_text("Ruimte: Zaal 1").first).to_be_visible()
    expect(page.get_by_text("Ruimte: Zaal 1")).to_have_count(3)
    accessible(page)
    shot(page, "plan-rooms")
    page.get_by_role("button", name="Dit voorstel aannemen").click()
    expect(page.get_by_text("Het voorstel is uitgevoerd.")).to_be_visible()
    hall = Room.objects.get(name="Zaal 1")
    assert set(Meeting.objects.filter(group=group).values_list("room", flat=True)) == {hall.pk}

    # The meeting shows its room and building.
    meeting = Meeting.objects.filter(group=group).order_by("number").first()
    page.goto(f"/learning/meetings/{meeting.pk}/")
    expect(page.get_by_text("Zaal 1, Rijnstraat 8")).to_be_visible()
    accessible(page)
