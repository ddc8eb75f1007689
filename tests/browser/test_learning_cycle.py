"""A whole learning-group cycle in the browser: the facilitator composes the group and plans
the series, five colleagues confirm, meeting 1 brings agreements and the learning question, a
member hands in a case for the facilitator only, learning points and intentions are
recorded, meeting 2 follows up, members evaluate, and the harvest brings it together. A
member of another group can open none of it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.learning.models import Meeting
from kring.reflection.models import Submission
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLEAGUES = [
    ("sanne@example.org", "Sanne Mulder"),
    ("daan@example.org", "Daan Smit"),
    ("fatima@example.org", "Fatima Yilmaz"),
    ("tom@example.org", "Tom Hendriks"),
    ("eva@example.org", "Eva de Vries"),
]


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/dashboard/")


def as_person(browser, live_server, email: str):
    page = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    page.set_default_timeout(10_000)
    log_in(page, email)
    return page


def record_all_present(page, meeting) -> None:
    """From the meeting page: everyone still open set to present on purpose, then saved."""
    page.goto(f"/learning/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Aanwezigheid vastleggen").click()
    page.get_by_role("button", name="Zet iedereen die nog openstaat op aanwezig").click()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("De bijeenkomst telt als geweest.")).to_be_visible()


def test_a_full_cycle(page, browser, live_server, world, shot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for email, name in COLLEAGUES:
        UserFactory(email=email, full_name=name, organisation=world.client)
    group = world.group_a

    # The facilitator composes the group: five colleagues with the same task.
    log_in(page, "facilitator_a@example.org")
    page.get_by_role("link", name="Leergroep A").click()
    for email, _name in COLLEAGUES:
        page.get_by_label("E-mailadres:", exact=True).fill(email)
        page.get_by_label("Taak").fill("beleidsadvies participatie")
        page.get_by_label("Werkcontext").fill("Ministerie / DG Ruimte / Team Participatie")
        page.get_by_role("button", name="Uitnodigen voor de groep").click()
        expect(page.get_by_text("is uitgenodigd en doet mee zodra")).to_be_visible()
    expect(page.get_by_text("Nog niet bevestigd: ")).to_be_visible()
    shot(page, "cycle-composed")

    # … and plans the whole series at once.
    page.get_by_role("navigation", name="Leergroep").get_by_role(
        "link", name="Bijeenkomsten"
    ).click()
    first = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Datum van de eerste bijeenkomst").fill(first.isoformat())
    page.get_by_role("button", name="Alle bijeenkomsten plannen").click()
    expect(page.get_by_text("De reeks bijeenkomsten is gepland.")).to_be_visible()
    assert group.meetings.count() == 6
    shot(page, "cycle-meetings")

    # Five colleagues read what a learning group asks and confirm.
    members = {}
    for email, _name in COLLEAGUES:
        member = as_person(browser, live_server, email)
        member.get_by_role("link", name="Lezen en antwoorden").click()
        expect(member.get_by_role("heading", name="Wat het van je vraagt")).to_be_visible()
        member.get_by_label("Ja, ik doe mee").check()
        member.get_by_role("button", name="Verstuur mijn antwoord").click()
        expect(member.get_by_text("Welkom in de groep.")).to_be_visible()
        members[email] = member
    sanne, daan = members["sanne@example.org"], members["daan@example.org"]
    page.reload()
    expect(page.get_by_text("Nog niet bevestigd: ")).to_have_count(0)

    # Meeting 1: agreements and the learning question.
    meeting_1 = group.meetings.get(number=1)
    page.goto(f"/learning/groups/{group.pk}/contract/edit/")
    page.get_by_label("Waarover we het hebben").fill("Situaties waarin we bewoners laat betrokken")
    page.get_by_label("Vertrouwelijkheid").fill("Wat hier gezegd wordt, blijft hier")
    page.get_by_label("Elkaar niet beoordelen").fill("We puzzelen samen")
    page.get_by_label("Aanwezigheid").fill("We zijn er alle zes keren")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.get_by_text("De afspraken zijn opgeslagen.")).to_be_visible()
    sanne.goto(f"/learning/groups/{group.pk}/contract/")
    sanne.get_by_role("button", name="Ik onderschrijf deze afspraken").click()
    expect(sanne.get_by_text("Je hebt de afspraken onderschreven.")).to_be_visible()
    sanne.goto(f"/learning/groups/{group.pk}/question/edit/")
    sanne.get_by_label("Gedeeld vraagstuk").fill(
        "Bewoners komen pas aan tafel als het plan vastligt."
    )
    sanne.get_by_label("Leervraag").fill(
        "Hoe betrekken wij bewoners eerder bij ruimtelijke plannen?"
    )
    sanne.get_by_label("Aspecten").fill("timing\nonze eigen ruimte")
    sanne.get_by_role("button", name="Opslaan").click()
    expect(sanne.get_by_text("De leervraag is opgeslagen.")).to_be_visible()

    # The meeting has begun: the facilitator records who is there.
    Meeting.objects.filter(pk=meeting_1.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    record_all_present(page, meeting_1)

    # Sanne, as scribe, records a tagged learning point; everyone sees it appear (htmx).
    sanne.goto(f"/learning/meetings/{meeting_1.pk}/")
    sanne.get_by_label("Leerpunt:", exact=True).fill("We leggen uit waar we zouden moeten vragen.")
    sanne.get_by_label("Soort leren").select_option("double")
    sanne.get_by_label("Niveau").select_option("second")
    sanne.get_by_role("button", name="Toevoegen").first.click()
    expect(sanne.locator("#point-list")).to_contain_text("We leggen uit waar we zouden")
    sanne.get_by_label("Wat ik vóór de volgende bijeenkomst ga proberen").fill(
        "In het overleg eerst drie vragen stellen."
    )
    sanne.get_by_role("button", name="Mijn voornemen vastleggen").click()
    expect(sanne.get_by_text("Je voornemen is vastgelegd.")).to_be_visible()
    shot(sanne, "cycle-meeting-1-member")

    # Between meetings: an assignment, and Sanne's case for the facilitator only.
    meeting_2 = group.meetings.get(number=2)
    page.goto(f"/reflection/meetings/{meeting_2.pk}/assignments/new/")
    page.get_by_label("Titel").fill("Een situatie die niet lukte")
    page.get_by_label("Opdracht:", exact=True).fill("Beschrijf een situatie bij onze leervraag.")
    due = timezone.localtime(meeting_2.starts_at - datetime.timedelta(days=2))
    page.get_by_label("Inleveren uiterlijk").fill(due.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Verwachte tijd (minuten)").fill("90")
    page.get_by_role("button", name="Geef de opdracht").click()
    expect(page.get_by_text("De opdracht is aan de groep gegeven.")).to_be_visible()

    sanne.goto(f"/learning/meetings/{meeting_2.pk}/")
    sanne.get_by_role("link", name="Een situatie die niet lukte").click()
    sanne.get_by_role("link", name="Lever je uitwerking in").first.click()
    sanne.get_by_label("Casus van een spannend gesprek").check()
    sanne.get_by_label("Titel").fill("De informatieavond")
    sanne.get_by_label("Tekst:", exact=True).fill("De zaal was boos; ik bleef het plan uitleggen.")
    sanne.get_by_label("Alleen de leerbegeleider", exact=True).check()
    sanne.get_by_role("button", name="Inleveren").click()
    expect(sanne.get_by_text("Je uitwerking is ingeleverd.")).to_be_visible()
    case = Submission.objects.get()
    page.goto(f"/reflection/submissions/{case.pk}/")
    expect(page.get_by_text("ik bleef het plan uitleggen")).to_be_visible()
    assert daan.goto(f"/reflection/submissions/{case.pk}/").status == 404

    # Meeting 2: follow-up on the intention.
    Meeting.objects.filter(pk=meeting_2.pk).update(starts_at=timezone.now())
    record_all_present(page, meeting_2)
    sanne.goto(f"/learning/meetings/{meeting_2.pk}/")
    expect(sanne.get_by_text("In het overleg eerst drie vragen stellen.")).to_be_visible()
    sanne.get_by_role("combobox", name="Hoe het ging").select_option("done")
    sanne.get_by_role("textbox", name="Wat er gebeurde").fill(
        "De wethouder vertelde zelf over de zorgen."
    )
    sanne.get_by_role("button", name="Vertellen").click()
    expect(sanne.get_by_text("Dank je voor het vertellen wat er gebeurde.")).to_be_visible()
    page.goto(f"/learning/groups/{group.pk}/facilitation/")
    expect(page.get_by_role("heading", name="Opvolging van voornemens")).to_be_visible()
    shot(page, "cycle-facilitation")

    # The evaluation: three members answer; the summary appears without names.
    for email in ("sanne@example.org", "daan@example.org", "fatima@example.org"):
        member = members[email]
        member.goto(f"/learning/groups/{group.pk}/evaluation/")
        for question in range(5):
            member.locator("fieldset.question").nth(question).get_by_label("4").check()
        member.get_by_role("button", name="Mijn evaluatie opslaan").click()
        expect(member.get_by_text("Je evaluatie is opgeslagen.")).to_be_visible()
    expect(members["fatima@example.org"].get_by_text("3 reacties", exact=True)).to_be_visible()

    # The harvest brings it together.
    page.goto(f"/learning/groups/{group.pk}/harvest/")
    harvest = page.locator("article.harvest")
    expect(harvest).to_contain_text("Hoe betrekken wij bewoners eerder bij ruimtelijke plannen?")
    expect(harvest).to_contain_text("We leggen uit waar we zouden moeten vragen.")
    expect(harvest).to_contain_text("De wethouder vertelde zelf over de zorgen.")
    expect(harvest.locator("meter")).to_have_count(5)
    shot(page, "cycle-harvest")

    # A member of another group opens none of it.
    outsider = as_person(browser, live_server, "participant_b@example.org")
    for path in (
        f"/learning/groups/{group.pk}/",
        f"/learning/groups/{group.pk}/contract/",
        f"/learning/groups/{group.pk}/question/",
        f"/learning/groups/{group.pk}/harvest/",
        f"/learning/meetings/{meeting_1.pk}/",
        f"/reflection/submissions/{case.pk}/",
    ):
        assert outsider.goto(path).status == 404, path
