"""A facilitator goes from the dashboard through the attendance of today's meeting, which
began a little earlier: the cycle shows it as the attendance to record, nobody is present
until the facilitator chooses, "all present" is a deliberate step that saves nothing by
itself, and a meeting still ahead refuses attendance in words. Every page passes axe-core;
the pages are also looked at in English and on a phone (screenshots in test-artifacts/)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kring.accounts.models import User
from kring.learning.models import Attendance, Meeting
from kring.programmes.models import Role
from tests.browser.test_learning_cycle import log_in
from tests.factories import PASSWORD, RoleFactory, UserFactory
from tests.learning.factories import MeetingFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEMBERS = [("Sanne Mulder", "sanne@example.org"), ("Daan Smit", "daan@example.org")]


def _started_today() -> datetime.datetime:
    """Half an hour ago, or at midnight when the day is younger than that (never later than
    now: a meeting that has not started yet refuses its attendance)."""
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return max(now - datetime.timedelta(minutes=30), midnight)


@pytest.fixture
def today(world):
    group = world.group_a
    members = []
    for name, email in [*MEMBERS, (world.participant_a.full_name, None)]:
        person = (
            UserFactory(full_name=name, email=email, organisation=world.client)
            if email
            else world.participant_a
        )
        MembershipFactory(group=group, person=person)
        if email:
            RoleFactory(person=person, role=Role.PARTICIPANT, group=group)
        members.append(person)
    started = _started_today()
    earlier = MeetingFactory(
        group=group,
        number=1,
        title="Start en contracteren",
        starts_at=started - datetime.timedelta(weeks=6),
        status=Meeting.Status.HELD,
    )
    for person in members:
        Attendance.objects.create(meeting=earlier, person=person, status="present")
    meeting = MeetingFactory(
        group=group, number=2, title="Verdieping", starts_at=started, location="Zaal 4.12"
    )
    ahead = MeetingFactory(
        group=group,
        number=3,
        title="De lessen tot nu toe",
        starts_at=started + datetime.timedelta(weeks=6),
    )
    return world, meeting, ahead, members


def test_a_facilitator_records_todays_attendance_from_the_dashboard(page, today, accessible, shot):
    world, meeting, ahead, members = today
    log_in(page, "facilitator_a@example.org")
    accessible(page)

    # From the dashboard to the group's cycle: today's meeting waits for its attendance.
    page.get_by_role("link", name="Leergroep A", exact=True).click()
    to_record = page.get_by_role("region", name="Aanwezigheid vast te leggen")
    expect(to_record).to_contain_text("2. Verdieping")
    expect(to_record).to_contain_text("Bezig")
    expect(page.get_by_role("region", name="Volgende bijeenkomst")).to_contain_text(
        "3. De lessen tot nu toe"
    )
    accessible(page)
    shot(page, "attendance-cycle-nl-1280")

    # Nobody is present until the facilitator says so.
    to_record.get_by_role("link", name="Aanwezigheid vastleggen van bijeenkomst 2").click()
    expect(page.get_by_role("heading", name="Aanwezigheid: Verdieping")).to_be_visible()
    expect(page.get_by_label("Nog niet vastgelegd")).to_have_count(3)
    for radio in page.get_by_label("Nog niet vastgelegd").all():
        expect(radio).to_be_checked()
    accessible(page)
    shot(page, "attendance-today-nl-1280")

    # "All present" fills in the choices on purpose; it saves nothing by itself.
    page.get_by_role("button", name="Zet iedereen die nog openstaat op aanwezig").click()
    expect(page.get_by_text("Er is nog niets opgeslagen")).to_be_visible()
    assert not Attendance.objects.filter(meeting=meeting).exists()
    daan = page.get_by_role("group", name="Daan Smit")
    expect(daan.get_by_label("Aanwezig", exact=True)).to_be_checked()
    daan.get_by_label("Afwezig met bericht").check()
    accessible(page)
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("De bijeenkomst telt als geweest.")).to_be_visible()
    accessible(page)
    shot(page, "attendance-recorded-nl-1280")
    assert Attendance.objects.filter(meeting=meeting).count() == 3
    assert Attendance.objects.get(meeting=meeting, person=members[1]).status == "excused"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD

    # Back on the cycle, nothing is left to record; the meeting ahead refuses attendance.
    page.get_by_role("link", name="Terug naar de bijeenkomst").click()
    expect(page.get_by_text("Vastgelegd voor 3 van de 3 leden.")).to_be_visible()
    accessible(page)
    page.goto(f"/learning/meetings/{ahead.pk}/attendance/")
    expect(page.get_by_role("heading", name="Nog niet mogelijk")).to_be_visible()
    expect(page.get_by_text("Je legt de aanwezigheid vast zodra ze begonnen is.")).to_be_visible()
    expect(page.get_by_role("radio")).to_have_count(0)
    accessible(page)
    shot(page, "attendance-future-nl-1280")


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("nl", 390), ("en", 390)])
def test_the_attendance_pages_in_english_and_on_a_phone(
    browser, live_server, today, accessible, shot, language, width
):
    world, meeting, ahead, _members = today
    User.objects.filter(pk=world.facilitator_a.pk).update(language=language)
    context = browser.new_context(
        base_url=live_server.url, locale=language, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/login/")
    page.locator("input[name=username]").fill("facilitator_a@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator(".login-box [type=submit]").click()
    page.wait_for_url("**/dashboard/")
    for name, path in [
        ("cycle", f"/learning/groups/{world.group_a.pk}/"),
        ("today", f"/learning/meetings/{meeting.pk}/attendance/"),
        ("filled", f"/learning/meetings/{meeting.pk}/attendance/?fill=present"),
        ("future", f"/learning/meetings/{ahead.pk}/attendance/"),
        ("meetings", f"/learning/groups/{world.group_a.pk}/meetings/"),
        ("facilitation", f"/learning/groups/{world.group_a.pk}/facilitation/"),
    ]:
        page.goto(path)
        accessible(page)
        shot(page, f"attendance-{name}-{language}-{width}")
    if language == "en":
        page.goto(f"/learning/meetings/{ahead.pk}/attendance/")
        expect(page.get_by_text("Attendance can be recorded once it has started.")).to_be_visible()
    context.close()
