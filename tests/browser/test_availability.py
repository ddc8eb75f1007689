"""Availability in a real browser: a member ticks moments with the mouse and the keyboard,
adds a period away and imports a calendar file; the facilitator, watching the group's grid in
another browser, sees it change."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.availability.models import AwayPeriod, BusyTime, WeeklyAvailability
from tests.availability.ics_samples import next_monday, work_calendar
from tests.factories import PASSWORD
from tests.helpers import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/dashboard/")


def test_a_member_fills_in_availability_and_the_facilitator_sees_it(
    page, browser, live_server, world, shot
):
    # The facilitator opens the group's grid: nobody has filled anything in yet.
    facilitator_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    facilitator = facilitator_context.new_page()
    facilitator.set_default_timeout(10_000)
    log_in(facilitator, "facilitator_a@example.org")
    facilitator.get_by_role("link", name="Beschikbaarheid", exact=True).click()
    facilitator.get_by_role("link", name="Beschikbaarheid van mijn groepen").click()
    facilitator.get_by_role("link", name="Leergroep A").click()
    expect(
        facilitator.get_by_text("Niemand in deze groep heeft al een moment aangevinkt")
    ).to_be_visible()
    monday_morning = facilitator.get_by_role("cell", name="maandag 09:00–11:00")
    expect(monday_morning).to_contain_text("0 van 1")

    # The member ticks Monday morning with the mouse ...
    log_in(page, "participant_a@example.org")
    page.get_by_role("link", name="Beschikbaarheid", exact=True).click()
    expect(page.get_by_text("Je hebt je week nog niet ingevuld.")).to_be_visible()
    # Each tick saves: with JavaScript there is no save button to doubt that.
    expect(page.get_by_role("button", name="Mijn week opslaan")).to_have_count(0)
    page.get_by_role("checkbox", name="maandag 09:00–11:00").click()
    status = page.locator("#week-status")
    expect(status).to_have_text("Opgeslagen: je kunt meestal op 1 moment per week.")

    # ... and Tuesday and Wednesday morning with the keyboard alone.
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(status).to_have_text("Opgeslagen: je kunt meestal op 2 momenten per week.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(status).to_have_text("Opgeslagen: je kunt meestal op 3 momenten per week.")
    expect(page.get_by_role("checkbox", name="woensdag 09:00–11:00")).to_be_checked()
    expect(page.get_by_role("checkbox", name="woensdag 09:00–11:00")).to_be_focused()
    # Unticking works the same way.
    page.keyboard.press("Space")
    expect(status).to_have_text("Opgeslagen: je kunt meestal op 2 momenten per week.")
    assert WeeklyAvailability.objects.get(user=world.participant_a).slots == [0, 3]
    shot(page, "availability-week")

    # A period away, three weeks from now.
    first = timezone.localdate() + datetime.timedelta(days=21)
    page.get_by_label("Eerste dag").fill(first.isoformat())
    page.get_by_label("Laatste dag").fill((first + datetime.timedelta(days=4)).isoformat())
    page.get_by_label("Toelichting (alleen jij ziet die)").fill("Cursus")
    page.get_by_role("button", name="Periode toevoegen").click()
    expect(page.locator("#away-panel").get_by_text("Cursus")).to_be_visible()
    assert AwayPeriod.objects.filter(user=world.participant_a).count() == 1

    # A calendar file with a recurring appointment in another time zone and an all-day event.
    page.get_by_label("Agendabestand (.ics)").set_input_files(
        files=[
            {
                "name": "werk.ics",
                "mimeType": "text/calendar",
                "buffer": work_calendar(next_monday(timezone.localdate())),
            }
        ]
    )
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_text("werk.ics is ontvangen en wordt gelezen.")).to_be_visible()
    expect(page.get_by_text("wordt gelezen, dat duurt even")).to_be_visible()
    # The task worker reads the file; the list asks again by itself until it is done.
    run_queued_tasks()
    imported = page.locator("#imports-list")
    expect(imported).to_contain_text("4 bezette tijden", timeout=10_000)
    expect(imported).to_contain_text("2 hele dagen")
    expect(page.get_by_text("Toon de bezette tijden die nog komen")).to_be_visible()
    expect(page.get_by_text("Secret board stand-up")).to_have_count(0)
    assert BusyTime.objects.filter(user=world.participant_a).count() == 5
    shot(page, "availability-imported")

    # The facilitator reloads and sees the member's week, period away and calendar.
    facilitator.reload()
    expect(monday_morning).to_contain_text("1 van 1")
    for day, count in (("dinsdag", "1 van 1"), ("woensdag", "0 van 1"), ("donderdag", "0 van 1")):
        cell = facilitator.get_by_role("cell", name=f"{day} 09:00–11:00")
        expect(cell).to_contain_text(count)
    row = facilitator.get_by_role("row", name="Participant A")
    expect(row).to_contain_text("2 momenten per week")
    expect(row).to_contain_text("5 bezette tijden in het verschiet")
    expect(row).not_to_contain_text("Cursus")
    shot(facilitator, "availability-group")
    facilitator_context.close()
