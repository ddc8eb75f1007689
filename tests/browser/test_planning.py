"""Planning and re-planning the demo programme in the browser: the programme manager plans
both learning groups (group A is halfway its cycle, group B is planned), sees who cannot attend
and why, and accepts; then a member of group A goes away for a week, the re-plan suggestion
appears, the re-plan moves only that meeting (what took place stays), and exactly the people
of group A get an e-mail."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from kring.accounts.models import User
from kring.availability.models import AwayPeriod
from kring.availability.services import away_period_add
from kring.availability.slots import monday_of
from kring.learning.models import Meeting
from kring.planning.models import Plan
from kring.programmes.models import Group
from kring.site.management.commands.load_demo import DEMO_PASSWORD, load_demo
from tests.helpers import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The demo is written for this day: group A has held three meetings, group B starts soon.
DEMO_TODAY = datetime.date(2026, 11, 21)


def shift_demo_to_today() -> None:
    """Move the demo's dates by whole weeks so that they stand to today as they stand to the
    day the demo was written for (weekdays and wall-clock times stay the same)."""
    weeks = (monday_of(timezone.localdate()) - monday_of(DEMO_TODAY)).days // 7
    if not weeks:
        return
    delta = datetime.timedelta(weeks=weeks)
    zone = timezone.get_current_timezone()
    for meeting in Meeting.objects.exclude(starts_at=None):
        local = timezone.localtime(meeting.starts_at, zone).replace(tzinfo=None) + delta
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.make_aware(local, zone))
    for period in AwayPeriod.objects.all():
        AwayPeriod.objects.filter(pk=period.pk).update(
            starts_on=period.starts_on + delta, ends_on=period.ends_on + delta
        )


def log_in(page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/dashboard/")


def test_plan_and_replan_the_demo_programme(page, live_server, settings, shot):
    settings.PLANNING_TIME_LIMIT = 2
    with transaction.atomic():
        load_demo()
    shift_demo_to_today()
    group_a = Group.objects.get(name__startswith="Leergroep A")
    group_b = Group.objects.get(name__startswith="Leergroep B")
    held = {m.pk: m.starts_at for m in group_a.meetings.filter(status=Meeting.Status.HELD)}
    assert len(held) == 3

    # The programme manager plans both groups of the trajectory.
    log_in(page, "programmamanager@demo.kring")
    page.get_by_role("link", name="Bijeenkomsten plannen").first.click()
    expect(page.get_by_role("heading", name="Bijeenkomsten plannen")).to_be_visible()
    expect(page.get_by_label("Leergroep A – Vroeg betrekken")).to_be_checked()
    expect(page.get_by_label("Leergroep B – Samenwerken met gemeenten")).to_be_checked()
    shot(page, "planning-form")
    page.get_by_role("button", name="Voorstel maken").click()
    expect(page.get_by_role("heading", name="Het voorstel wordt uitgewerkt")).to_be_visible()
    expect(page.locator("progress")).to_be_visible()
    shot(page, "planning-progress")

    # The background worker works it out; the page picks it up by itself.
    run_queued_tasks()
    expect(page.get_by_role("heading", name="Het voorstel in het kort")).to_be_visible()
    fatima = page.get_by_text(
        "Fatima Yilmaz — op dit moment niet beschikbaar volgens het eigen weekrooster"
    )
    expect(fatima.first).to_be_visible()
    expect(page.get_by_text("3 eerdere bijeenkomsten blijven zoals ze zijn")).to_be_visible()
    shot(page, "planning-preview")
    page.get_by_role("button", name=re.compile("^Aannemen")).click()
    expect(page.get_by_text("Het voorstel is uitgevoerd.")).to_be_visible()
    run_queued_tasks()
    assert {m.pk: m.starts_at for m in group_a.meetings.filter(pk__in=held)} == held
    # Group B now meets on Thursday mornings, when all of its members can.
    first_b = timezone.localtime(group_b.meetings.get(number=1).starts_at)
    assert (first_b.weekday(), first_b.hour) == (3, 9)

    # Daan goes away for the week of group A's fifth meeting.
    fifth = group_a.meetings.get(number=5)
    before = {m.pk: m.starts_at for m in group_a.meetings.all()}
    monday = monday_of(timezone.localtime(fifth.starts_at).date())
    daan = User.objects.get(email="deelnemer2@demo.kring")
    with transaction.atomic():
        away_period_add(
            actor=daan, starts_on=monday, ends_on=monday + datetime.timedelta(days=4), note="Cursus"
        )
    mail.outbox.clear()

    page.goto("/dashboard/")
    expect(
        page.get_by_text("Herplannen voorgesteld voor Leergroep A – Vroeg betrekken")
    ).to_be_visible()
    expect(page.get_by_text("De beschikbaarheid van Daan Smit is veranderd")).to_be_visible()
    page.get_by_role("link", name="Bekijk de planning van Leergroep A – Vroeg betrekken").click()
    page.get_by_role("button", name="Herplannen Leergroep A – Vroeg betrekken").click()
    expect(page.get_by_role("heading", name="Herplannen")).to_be_visible()
    run_queued_tasks()
    expect(page.get_by_role("heading", name="1 bijeenkomst verschuift")).to_be_visible()
    expect(page.locator(".moves li")).to_have_count(1)
    expect(page.locator(".moves li")).to_contain_text("5. Wat en hoe we leerden")
    shot(page, "planning-replan-preview")
    plan = Plan.objects.filter(kind=Plan.Kind.REPLAN).get()
    assert [g.pk for g in plan.groups.all()] == [group_a.pk]
    page.get_by_role(
        "button", name="Aannemen: 1 bijeenkomst verschuiven en de betrokkenen laten weten"
    ).click()
    expect(page.get_by_text("krijgt een e-mail met de nieuwe data")).to_be_visible()

    after = {m.pk: m.starts_at for m in group_a.meetings.all()}
    changed = {pk for pk in after if after[pk] != before[pk]}
    assert changed == {fifth.pk}
    assert monday_of(timezone.localtime(after[fifth.pk]).date()) != monday

    # Exactly group A's people hear of it: its five members and its facilitator.
    run_queued_tasks()
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(
        ["leerbegeleider@demo.kring"] + [f"deelnemer{n}@demo.kring" for n in range(1, 6)]
    )
    assert all("Wat en hoe we leerden" in message.body for message in mail.outbox)
