"""In the browser: the facilitator writes down a member's intention and report in the meeting,
marked as written on their behalf, and the member sees it so; a member deletes a learning
point and another restores it; a member answers the follow-up after the cycle. Every page
visited passes axe-core (WCAG 2.1 A/AA), in Dutch and English, wide and narrow."""

from __future__ import annotations

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.accounts.models import User
from kring.learning.models import FollowUpAnswer, Intention, LearningPoint, Meeting
from tests.browser.test_learning_cycle import as_person, log_in
from tests.learning.factories import MeetingFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


def _look(page, shot, accessible, name: str, email: str) -> None:
    """axe at both widths; with KRING_SHOTS=1 a screenshot of each, in Dutch and (reloaded
    with the person's language set to English) in English, after which Dutch returns."""
    languages = ("nl", "en") if os.environ.get("KRING_SHOTS") else ("nl",)
    for language in languages:
        if language != "nl":
            User.objects.filter(email=email).update(language=language)
            page.reload()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            accessible(page)
            if os.environ.get("KRING_SHOTS"):
                shot(page, f"{name}-{language}-{width}")
    if len(languages) > 1:
        User.objects.filter(email=email).update(language="nl")
        page.reload()
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def meetings(world):
    MembershipFactory(group=world.group_a, person=world.participant_a)
    first = MeetingFactory(
        group=world.group_a,
        number=1,
        title="Start en contracteren",
        starts_at=timezone.now() - datetime.timedelta(days=40),
        status=Meeting.Status.HELD,
    )
    second = MeetingFactory(
        group=world.group_a,
        number=2,
        title="Verdieping",
        starts_at=timezone.now() - datetime.timedelta(hours=1),
    )
    return first, second


def test_the_facilitator_records_on_a_members_behalf(
    page, browser, live_server, world, meetings, shot, accessible
):
    first, second = meetings
    log_in(page, "facilitator_a@example.org")
    page.goto(first.get_absolute_url())
    form = page.locator("form.on-behalf-form")
    form.get_by_label("Lid:", exact=True).select_option(label=world.participant_a.full_name)
    form.get_by_label("Wat het lid gaat proberen").fill("Eerst drie vragen stellen.")
    form.get_by_role("button", name="Namens het lid vastleggen").click()
    marked = (
        f"vastgelegd door {world.facilitator_a.full_name} namens {world.participant_a.full_name}"
    )
    expect(page.get_by_text("Het voornemen is namens")).to_be_visible()
    expect(page.locator("#commitments")).to_contain_text(marked)
    _look(page, shot, accessible, "loop-on-behalf-intention", "facilitator_a@example.org")

    # At the next meeting the member tells, and the facilitator writes it down.
    page.goto(second.get_absolute_url())
    follow_up = page.locator("#follow-up")
    follow_up.get_by_label("Hoe het ging").select_option("partly")
    follow_up.get_by_label("Wat er gebeurde").fill("Twee keer gelukt.")
    follow_up.get_by_role("button", name="Namens het lid vastleggen").click()
    expect(page.get_by_text("Wat Participant A vertelde is vastgelegd")).to_be_visible()
    expect(page.locator("#follow-up")).to_contain_text("Twee keer gelukt.")
    intention = Intention.objects.get()
    assert intention.reported_by == world.facilitator_a
    _look(page, shot, accessible, "loop-on-behalf-report", "facilitator_a@example.org")

    # The member sees it marked, and may correct it.
    member = as_person(browser, live_server, "participant_a@example.org")
    member.goto(second.get_absolute_url())
    expect(member.locator("#follow-up")).to_contain_text(marked)
    member.locator("#follow-up").get_by_label("Hoe het ging").select_option("done")
    member.locator("#follow-up").get_by_role("button", name="Vertellen").click()
    expect(member.get_by_text("Dank je")).to_be_visible()
    intention.refresh_from_db()
    assert (intention.outcome, intention.reported_by) == ("done", None)
    _look(member, shot, accessible, "loop-on-behalf-member", "participant_a@example.org")


def test_a_deleted_learning_point_is_restored(
    page, browser, live_server, world, meetings, shot, accessible
):
    first, _ = meetings
    point = LearningPoint.objects.create(
        meeting=first, text="Wie vraagt, stuurt.", author=world.facilitator_a
    )
    log_in(page, "participant_a@example.org")
    page.goto(first.get_absolute_url())
    page.get_by_role("link", name="Bewerken Wie vraagt, stuurt.").click()
    editing = page.locator(f"#point-{point.pk}")
    editing.get_by_label("Leerpunt:", exact=True).fill("Wie vraagt, stuurt het gesprek.")
    editing.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#point-list")).to_contain_text(
        f"gewijzigd door {world.participant_a.full_name}"
    )
    page.get_by_role("link", name="Bewerken Wie vraagt, stuurt het gesprek.").click()
    page.locator(f"#point-{point.pk}").get_by_role("button", name="Dit punt verwijderen").click()
    expect(page.get_by_text("Het punt is verwijderd.")).to_be_visible()
    expect(page.locator("#point-list")).not_to_contain_text("Wie vraagt")
    expect(page.get_by_text("30 dagen terugzetten; daarna is het weg")).to_be_visible()
    _look(page, shot, accessible, "loop-deleted-point", "participant_a@example.org")

    # The facilitator brings it back, and reads its history.
    facilitator = as_person(browser, live_server, "facilitator_a@example.org")
    facilitator.goto(first.get_absolute_url())
    facilitator.get_by_role("button", name="Terugzetten Wie vraagt, stuurt het gesprek.").click()
    expect(facilitator.get_by_text("Het punt is teruggezet.")).to_be_visible()
    expect(facilitator.locator("#point-list")).to_contain_text("Wie vraagt, stuurt het gesprek.")
    assert LearningPoint.objects.get(pk=point.pk).deleted_at is None
    facilitator.get_by_role("link", name="Eerdere versies Wie vraagt, stuurt het gesprek.").click()
    expect(facilitator.get_by_text("Wie vraagt, stuurt.", exact=True)).to_be_visible()
    expect(facilitator.get_by_text("Teruggezet door")).to_be_visible()
    _look(facilitator, shot, accessible, "loop-point-history", "facilitator_a@example.org")


def test_a_member_answers_the_follow_up(
    page, browser, live_server, world, meetings, shot, accessible
):
    first, second = meetings
    Meeting.objects.filter(pk__in=[first.pk, second.pk]).update(
        starts_at=timezone.now() - datetime.timedelta(days=100), status=Meeting.Status.HELD
    )
    log_in(page, "participant_a@example.org")
    page.goto(f"/learning/groups/{world.group_a.pk}/")
    page.get_by_role("link", name="Vertel wat is blijven hangen").click()
    page.get_by_label("Wat is er blijven hangen?").fill("Ik laat vaker een stilte vallen.")
    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(page.get_by_text("Je antwoord is opgeslagen")).to_be_visible()
    assert FollowUpAnswer.objects.get().stuck == "Ik laat vaker een stilte vallen."
    _look(page, shot, accessible, "loop-follow-up-member", "participant_a@example.org")

    facilitator = as_person(browser, live_server, "facilitator_a@example.org")
    facilitator.goto(f"/learning/groups/{world.group_a.pk}/follow-up/")
    expect(facilitator.get_by_text("Ik laat vaker een stilte vallen.")).to_be_visible()
    _look(facilitator, shot, accessible, "loop-follow-up-facilitator", "facilitator_a@example.org")
