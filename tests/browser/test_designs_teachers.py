"""A teacher who flies in, in a real browser: from the overview to the briefing of the coming
session (with the facilitator's note), then to the session that has ended, to leave a note
back that the facilitator reads. axe-core checks every page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.designs.models import BriefingNote, NoteBack, SessionStaff
from kring.programmes.models import Role
from tests.browser.test_reflection import log_in, log_out
from tests.factories import (
    RoleFactory,
    RunbookActivityFactory,
    SessionFactory,
    SessionStaffFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _at(days: float) -> dict[str, datetime.datetime]:
    start = timezone.now() + datetime.timedelta(days=days)
    return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=4)}


def test_a_teacher_reads_a_briefing_and_leaves_a_note_back(page, accessible):
    ended = SessionFactory(title="Werkplaats 1: contracteren", location="Driebergen", **_at(-3))
    group = ended.cohort.group
    coming = SessionFactory(cohort=ended.cohort, title="Werkplaats 2: systemisch kijken", **_at(4))
    RunbookActivityFactory(component=coming.component, title="Opstellingen in de ruimte")
    teacher = UserFactory(email="docent@example.org", full_name="Ahmed El Amrani")
    facilitator = UserFactory(email="begeleider@example.org", full_name="Lotte Bakker")
    RoleFactory(group=group, role=Role.FACILITATOR, person=facilitator)
    for session in (ended, coming):
        SessionStaffFactory(session=session, person=teacher, role=SessionStaff.Role.TEACHER)
    BriefingNote.objects.create(
        session=coming,
        text="Twee deelnemers zitten midden in een reorganisatie.",
        written_by=facilitator,
    )

    log_in(page, "docent@example.org")
    accessible(page)
    page.get_by_role("link", name="Werkplaats 2: systemisch kijken").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Briefing: Werkplaats 2")
    expect(page.get_by_text("Twee deelnemers zitten midden in een reorganisatie.")).to_be_visible()
    expect(page.get_by_text("Opstellingen in de ruimte")).to_be_visible()
    accessible(page)

    page.get_by_role("link", name="Mijn overzicht").first.click()
    page.get_by_role("link", name="Geef een terugkoppeling op Werkplaats 1: contracteren").click()
    accessible(page)
    page.get_by_label("Wat er gebeurde").fill("De groep kwam pas op gang met een opstelling.")
    page.get_by_label("Tips voor de volgende docent").fill(
        "Begin in beweging, niet met een rondje."
    )
    page.get_by_role("button", name="Verstuur de terugkoppeling").click()
    expect(page.get_by_text("Je terugkoppeling is bij de leerbegeleider")).to_be_visible()
    expect(page.locator("#notes-back")).to_contain_text("kwam pas op gang")
    accessible(page)
    assert NoteBack.objects.filter(session=ended, teacher=teacher).exists()

    page.get_by_role("link", name="Mijn overzicht").first.click()
    expect(page.locator("#due-notes-back")).to_have_count(0)
    log_out(page)

    # The facilitator hears of it and reads it; the next teacher finds the tip.
    log_in(page, "begeleider@example.org")
    page.get_by_role("link", name="Ahmed El Amrani over Werkplaats 1: contracteren").click()
    expect(page.locator("#notes-back")).to_contain_text("Begin in beweging")
    accessible(page)
    page.goto(f"/teaching/sessions/{coming.pk}/briefing/")
    expect(page.get_by_text("Begin in beweging, niet met een rondje.")).to_be_visible()
    page.get_by_role("link", name="Hoe de begeleiding samenwerkt").click()
    accessible(page)


def test_a_facilitator_writes_the_note_and_the_duo_its_agreement(page, accessible):
    coming = SessionFactory(title="Gastcollege: macht", **_at(2))
    group = coming.cohort.group
    facilitator = UserFactory(email="begeleider@example.org", full_name="Lotte Bakker")
    RoleFactory(group=group, role=Role.FACILITATOR, person=facilitator)
    RoleFactory(group=group, role=Role.TEACHER, person=UserFactory(full_name="Ahmed El Amrani"))
    SessionStaffFactory(session=coming, role=SessionStaff.Role.GUEST_TEACHER)

    log_in(page, "begeleider@example.org")
    page.get_by_role("link", name="Schrijf een notitie voor Gastcollege: macht").click()
    accessible(page)
    page.get_by_label("Notitie voor de docent").fill("De groep wil vooral voorbeelden.")
    page.get_by_role("button", name="Sla de notitie op").click()
    expect(page.get_by_text("De groep wil vooral voorbeelden.")).to_be_visible()

    page.get_by_role("link", name="Hoe de begeleiding samenwerkt").click()
    page.get_by_role("link", name="Leg de samenstelling vast").click()
    accessible(page)
    page.get_by_label("Samenstelling").select_option("duo")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Een duo dat beide rollen deelt")).to_be_visible()
    page.get_by_role("link", name="Schrijf de duo-afspraken").click()
    accessible(page)
    page.get_by_label("Hoe we de rollen verdelen").fill("Lotte het proces, Ahmed de inhoud.")
    page.get_by_label("Ingrijpen in elkaars deel").fill("Eerst een vraag, dan pas overnemen.")
    later = timezone.localdate() + datetime.timedelta(days=60)
    page.get_by_label("We kijken hier opnieuw naar op").fill(later.isoformat())
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.get_by_text("Eerst een vraag, dan pas overnemen.")).to_be_visible()
    accessible(page)
