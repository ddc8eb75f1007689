"""Reflection in a real browser: the facilitator gives an assignment, a member hands in a
case with a picture for the facilitator only, the facilitator reads it, another member of
the group does not see it, and a member of another group gets a 404."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.learning.models import Meeting
from kring.programmes.models import Role
from kring.reflection.models import Submission
from tests.factories import PASSWORD, RoleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
    b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


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


def test_a_case_for_the_facilitator_only(page, world, shot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    colleague = UserFactory(email="colleague_a@example.org", full_name="Collega Anna")
    RoleFactory(person=colleague, role=Role.PARTICIPANT, group=world.group_a)
    meeting = Meeting.objects.create(
        group=world.group_a,
        number=1,
        title="Start",
        starts_at=timezone.now() + datetime.timedelta(days=21),
    )

    # The facilitator gives an assignment for the first meeting.
    log_in(page, "facilitator_a@example.org")
    page.goto("/reflection/")
    page.get_by_role("link", name="Leergroep A").click()
    page.get_by_role("link", name="Nieuwe opdracht voor bijeenkomst 1").click()
    page.get_by_label("Titel").fill("Een gesprek dat schuurde")
    page.get_by_label("Opdracht:", exact=True).fill("Beschrijf een gesprek dat spannend was.")
    due = timezone.localtime(timezone.now() + datetime.timedelta(days=14))
    page.get_by_label("Inleveren uiterlijk").fill(due.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Verwachte tijd (minuten)").fill("90")
    shot(page, "reflection-assignment-form")
    page.get_by_role("button", name="Geef de opdracht").click()
    expect(page.get_by_text("De opdracht is aan de groep gegeven.")).to_be_visible()
    expect(page.get_by_role("heading", name="Een gesprek dat schuurde")).to_be_visible()
    log_out(page)

    # A member hands in a case of a tense conversation, with a drawing, for the facilitator.
    log_in(page, "participant_a@example.org")
    page.goto("/reflection/")
    page.get_by_role("link", name="Leergroep A").click()
    page.get_by_role("link", name="Een gesprek dat schuurde").click()
    page.get_by_role("link", name="Lever je uitwerking in").first.click()
    page.get_by_label("Casus van een spannend gesprek").check()
    expect(page.get_by_text("Neem een gesprek dat spannend was.")).to_be_visible()
    page.get_by_label("Titel").fill("Het overleg met de directeur")
    page.get_by_label("Tekst:", exact=True).fill(
        "Ik wilde ruimte voor het team; hij wilde vandaag een besluit."
    )
    page.get_by_label("Tekening, foto of pdf").set_input_files(
        files=[{"name": "schets.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_label("Alleen de leerbegeleider", exact=True).check()
    shot(page, "reflection-submission-form")
    page.get_by_role("button", name="Inleveren").click()
    expect(page.get_by_text("Je uitwerking is ingeleverd.")).to_be_visible()
    expect(page.get_by_text("De andere leden zien deze uitwerking niet.")).to_be_visible()
    submission = Submission.objects.get()
    assert submission.visibility == Submission.Visibility.FACILITATOR
    detail = f"/reflection/submissions/{submission.pk}/"
    log_out(page)

    # The facilitator sees it, with the picture, and who has not handed in yet.
    log_in(page, "facilitator_a@example.org")
    page.goto(f"/reflection/assignments/{submission.assignment_id}/")
    expect(page.get_by_role("link", name="Het overleg met de directeur")).to_be_visible()
    expect(page.get_by_role("heading", name="Wie heeft ingeleverd")).to_be_visible()
    expect(page.locator("li", has_text="Collega Anna")).to_be_visible()
    shot(page, "reflection-assignment-facilitator")
    page.get_by_role("link", name="Het overleg met de directeur").click()
    expect(page.get_by_text("hij wilde vandaag een besluit")).to_be_visible()
    picture = page.get_by_role("img", name="Het beeld bij “Het overleg met de directeur”")
    expect(picture).to_be_visible()
    # The picture is loaded through the confidential download view: wait for it to arrive.
    width = picture.evaluate(
        """img => img.complete ? img.naturalWidth : new Promise(done => {
            img.addEventListener("load", () => done(img.naturalWidth));
            img.addEventListener("error", () => done(0));
        })"""
    )
    assert width == 1
    shot(page, "reflection-submission-facilitator")
    log_out(page)

    # Another member of the same group neither sees it listed nor opens it.
    log_in(page, "colleague_a@example.org")
    page.goto(f"/reflection/assignments/{submission.assignment_id}/")
    expect(page.get_by_role("heading", name="Een gesprek dat schuurde")).to_be_visible()
    expect(page.get_by_text("Het overleg met de directeur")).to_have_count(0)
    response = page.goto(detail)
    assert response.status == 404
    assert page.request.get(f"{detail}file/").status == 404
    log_out(page)

    # A member of another group gets a 404 on the assignment, the case and its file.
    log_in(page, "participant_b@example.org")
    assert page.goto(f"/reflection/assignments/{submission.assignment_id}/").status == 404
    assert page.goto(detail).status == 404
    assert page.request.get(f"{detail}file/").status == 404
    shot(page, "reflection-not-found")
    assert meeting.pk
