"""The personal overview in a real browser: a participant goes from the overview to their
overdue assignment and back, a facilitator from the overview to the attendance of the meeting
that has just started, and the bell leads to a notification. axe-core checks every page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kring.learning.models import Meeting
from kring.notifications.models import Notification
from kring.notifications.services import notify
from tests.browser.test_reflection import log_in, log_out
from tests.learning.factories import MembershipFactory
from tests.reflection.factories import AssignmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def group_a_today(world):
    """Group A's second meeting began an hour ago; its assignment was due three days ago."""
    MembershipFactory(group=world.group_a, person=world.participant_a)
    Meeting.objects.create(
        group=world.group_a, number=1, title="Start", starts_at=_days(-28), status="held"
    )
    today = Meeting.objects.create(
        group=world.group_a, number=2, title="Verdieping", starts_at=_days(-1 / 24)
    )
    Meeting.objects.create(
        group=world.group_a,
        number=3,
        title="Oogsten",
        starts_at=_days(12),
        location="Den Haag, zaal 4.12",
    )
    AssignmentFactory(meeting=today, title="Een lastig gesprek", due_at=_days(-3))
    return world, today


def test_participant_from_overview_to_overdue_assignment_and_back(
    page, group_a_today, accessible, shot
):
    world, _today = group_a_today
    log_in(page, "participant_a@example.org")
    assignments = page.get_by_role("region", name="Opdrachten om in te leveren")
    expect(assignments.get_by_text("Te laat")).to_be_visible()
    next_meetings = page.get_by_role("region", name="Volgende bijeenkomsten")
    expect(next_meetings.get_by_text("Den Haag, zaal 4.12")).to_be_visible()
    accessible(page)
    shot(page, "dashboard-participant")

    assignments.get_by_role("link", name="Een lastig gesprek").click()
    expect(page.get_by_role("heading", name="Een lastig gesprek")).to_be_visible()
    accessible(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn overzicht"
    ).click()
    page.wait_for_url("**/dashboard/")
    expect(page.get_by_role("region", name="Opdrachten om in te leveren")).to_be_visible()
    log_out(page)


def test_facilitator_from_overview_to_attendance_of_todays_meeting(
    page, group_a_today, accessible, shot
):
    world, today = group_a_today
    log_in(page, "facilitator_a@example.org")
    to_record = page.get_by_role("region", name="Aanwezigheid nog vastleggen")
    accessible(page)
    shot(page, "dashboard-facilitator")
    to_record.get_by_role("link", name="Bijeenkomst 2: Verdieping").click()
    page.wait_for_url(f"**{reverse('learning:attendance', args=[today.pk])}")
    expect(page.get_by_role("heading", name="Aanwezigheid: Verdieping")).to_be_visible()
    accessible(page)


def test_the_bell_leads_to_the_notification_and_counts_down(page, world, accessible, shot):
    notify(
        recipient=world.participant_a,
        kind=Notification.Kind.GROUP_INVITATION,
        params={"group": world.group_a.name},
        link=reverse("learning:cycle", args=[world.group_a.pk]),
    )
    log_in(page, "participant_a@example.org")
    page.get_by_role("link", name="Meldingen (1 ongelezen)").click()
    expect(page.get_by_role("heading", name="Meldingen", exact=True)).to_be_visible()
    accessible(page)
    shot(page, "notifications")
    page.get_by_role("link", name="Je bent uitgenodigd voor de leergroep Leergroep A").click()
    page.wait_for_url(f"**{reverse('learning:cycle', args=[world.group_a.pk])}")
    expect(page.get_by_role("link", name="Meldingen", exact=True)).to_be_visible()
