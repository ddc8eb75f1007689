"""From design to dates, and a session in live mode. A programme manager plans a new cohort's
sessions from an edition (a preview first, then the sessions) and moves one of them; a
facilitator runs a session from its runbook in live mode, with the incident method as guided
rounds, captures a learning point and records a deviation, which the programme manager turns
into an observation. Every page passes axe-core."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.designs.models import (
    Cohort,
    Component,
    ComponentStaff,
    Deviation,
    Edition,
    LearningLine,
    Observation,
    RunbookActivity,
    Session,
    SessionPoint,
)
from kring.library.models import LibraryItem
from tests.browser.test_learning_cycle import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _design(world) -> Edition:
    edition = Edition.objects.create(
        programme=world.trajectory,
        number=1,
        starts_on=datetime.date(2027, 2, 1),
        ends_on=datetime.date(2027, 12, 31),
    )
    line = LearningLine.objects.create(edition=edition, title="Begeleiden")
    workshop = Component.objects.create(
        line=line,
        title="Werkplaats 1",
        work_form=Component.WorkForm.MULTI_DAY_WORKSHOP,
        length=Component.Length.TWO_DAYS,
        week=1,
    )
    ComponentStaff.objects.create(
        component=workshop, kind=ComponentStaff.Kind.FACILITATOR, person=world.facilitator_a
    )
    Component.objects.create(
        line=line,
        title="Intervisie in trio's",
        work_form=Component.WorkForm.INTERVISION,
        length=Component.Length.HALF_DAY,
        week=3,
    )
    Component.objects.create(
        line=line,
        title="Terugkomdag",
        work_form=Component.WorkForm.ONE_DAY_SESSION,
        length=Component.Length.DAY,
        week=6,
    )
    return edition


def test_a_programme_manager_instantiates_a_cohorts_sessions(world, page, accessible):
    edition = _design(world)
    log_in(page, world.programme_manager.email)
    page.goto(f"/programmes/{world.trajectory.pk}/")
    page.get_by_role("link", name="Groepen en sessies openen").click()
    accessible(page)
    page.get_by_role("link", name="Sessies van een groep plannen").click()
    accessible(page)
    page.get_by_label("Of een nieuwe groep, met de naam").fill("Cohort voorjaar")
    page.get_by_label("Eerste dag").fill("2027-02-01")
    page.get_by_role("button", name="Voorbeeld tonen").click()
    preview = page.get_by_role("region", name="Voorbeeld")
    expect(preview).to_contain_text("Werkplaats 1")
    expect(preview).to_contain_text("Terugkomdag")
    expect(preview).to_contain_text("Intervisie in trio's")
    expect(preview).to_contain_text("in hun eigen cyclus")
    accessible(page)
    assert not Session.objects.exists()
    page.get_by_role("button", name="2 sessies maken").click()
    expect(page.get_by_role("status")).to_contain_text("2 sessies gepland")
    expect(page.get_by_role("heading", name="Sessies van Cohort voorjaar")).to_be_visible()
    accessible(page)
    cohort = Cohort.objects.get(edition=edition)
    assert cohort.sessions.count() == 2

    page.get_by_role("link", name="Terugkomdag").click()
    accessible(page)
    page.get_by_role("link", name="Datum, plek of staf wijzigen").click()
    accessible(page)
    page.get_by_label("Plaats").fill("Zaal 4.12")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("opgeslagen")
    expect(page.locator("h1 + p")).to_contain_text("Zaal 4.12")
    accessible(page)


@pytest.fixture
def running(world):
    edition = _design(world)
    workshop = Component.objects.get(title="Werkplaats 1")
    RunbookActivity.objects.create(
        component=workshop, starts_at=datetime.time(9, 30), minutes=30, title="Inchecken"
    )
    RunbookActivity.objects.create(
        component=workshop,
        starts_at=datetime.time(10, 0),
        minutes=60,
        title="Intervisie oefenen",
        # A transactional test may run after the seeded library has been flushed.
        method=LibraryItem.objects.get_or_create(
            slug="incident-method",
            defaults={
                "kind": LibraryItem.Kind.REFLECTION_METHOD,
                "title": "Intervisie met de incidentmethode",
                "summary": "Een kort voorval, eerst alleen vragen.",
                "reference": "Hendriksen, J. (2000): Intervisie bij werkproblemen.",
            },
        )[0],
        lead="Leerbegeleider",
    )
    cohort = Cohort.objects.create(
        edition=edition, group=world.group_a, starts_on=datetime.date(2027, 2, 1)
    )
    starts = timezone.now() + datetime.timedelta(hours=1)
    return Session.objects.create(
        cohort=cohort,
        component=workshop,
        title="Werkplaats 1",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(days=1, hours=7),
    )


def test_a_facilitator_runs_a_session_in_live_mode_and_records_a_deviation(
    world, running, page, browser, live_server, accessible
):
    session = running
    log_in(page, world.facilitator_a.email)
    next_sessions = page.get_by_role("region", name="Volgende sessies")
    expect(next_sessions).to_contain_text("Werkplaats 1")
    accessible(page)
    next_sessions.get_by_role("link", name="Live-stand").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkplaats 1")
    accessible(page)

    page.get_by_role("button", name="Beginnen met het eerste onderdeel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inchecken")
    # The timer counts down (JavaScript); without it the page names the planned end.
    expect(page.locator(".live-timer-value")).to_contain_text("te gaan")
    page.get_by_role("button", name="Volgend onderdeel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Intervisie oefenen")
    accessible(page)

    page.get_by_role("link", name="In rondes doorlopen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een casus kiezen")
    accessible(page)
    page.get_by_role("link", name="Volgende ronde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alleen vragen")
    page.get_by_role("link", name="Terug naar de live-stand").click()

    page.get_by_role("textbox", name="Leerpunt").fill(
        "Alleen vragen stellen is lastiger dan het lijkt."
    )
    page.get_by_role("button", name="Vastleggen", exact=True).first.click()
    expect(page.locator("#live-points")).to_contain_text("lastiger dan het lijkt")
    assert SessionPoint.objects.filter(session=session).count() == 1

    page.get_by_text("Afwijking vastleggen").click()
    page.get_by_label("Wat we in plaats daarvan deden").fill("Theorie ingekort.")
    page.get_by_role("textbox", name="Waarom").fill(
        "De groep zat vol onrust over de reorganisatie."
    )
    page.locator(".live-deviation").get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("afwijking is vastgelegd")
    accessible(page)
    deviation = Deviation.objects.get()
    assert deviation.activity.title == "Intervisie oefenen"

    manager = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    manager.set_default_timeout(10_000)
    log_in(manager, world.programme_manager.email)
    manager.goto(f"/sessions/editions/{session.cohort.edition_id}/deviations/")
    expect(manager.get_by_role("main")).to_contain_text(
        "Wat we in plaats daarvan deden: Theorie ingekort."
    )
    accessible(manager)
    manager.get_by_text("Er een observatie van maken").click()
    manager.get_by_role("button", name="Opslaan als observatie").click()
    expect(manager.get_by_role("status")).to_contain_text("observatie van deze editie")
    assert Observation.objects.get().deviations.get() == deviation
    accessible(manager)
