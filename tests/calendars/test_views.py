"""The calendar page: switching the feed on, seeing its link once, resetting and switching it
off, and the reminder opt-outs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kring.calendars.models import CalendarSettings, hash_feed_token
from tests.reflection.factories import MeetingFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_page_explains_the_feed_and_reminders(world, as_user):
    MeetingFactory(group=world.group_a, number=1, title="Start")
    body = as_user(world.participant_a).get(reverse("calendars:settings")).content.decode()
    assert "Je feed staat uit." in body
    assert "nu 1 bijeenkomst" in body
    assert "2 dagen vóór elke bijeenkomst van mijn groepen." in body
    assert "Binnenkort in je feed" in body


def test_switching_the_feed_on_shows_its_link_once(world, as_user):
    client = as_user(world.participant_a)
    response = client.post(reverse("calendars:feed_issue"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    url = response.context["feed_url"]
    assert url.startswith("http://testserver/calendar/feed/") and url.endswith(".ics")
    assert "Kopieer hem nu" in response.content.decode()
    assert "webcal://testserver/calendar/feed/" in response.content.decode()
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert CalendarSettings.objects.get(
        user=world.participant_a
    ).feed_token_hash == hash_feed_token(token)
    # The page does not show it again.
    body = client.get(reverse("calendars:settings")).content.decode()
    assert token not in body
    assert "Je feed staat aan sinds" in body
    assert "Nieuwe link maken" in body
    # The feed works without a login.
    client.logout()
    assert client.get(url).status_code == 200


def test_a_new_link_through_htmx_returns_the_feed_panel(world, as_user):
    response = as_user(world.participant_a).post(reverse("calendars:feed_issue"), **HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="feed-panel">')
    assert "Feedlink" in body


def test_the_feed_is_switched_off(world, as_user):
    client = as_user(world.participant_a)
    url = client.post(reverse("calendars:feed_issue")).context["feed_url"]
    response = client.post(reverse("calendars:feed_off"), follow=True)
    assert "Je agendafeed staat uit." in response.content.decode()
    assert client.get(url).status_code == 404


def test_reminders_are_switched_off_per_person(world, as_user):
    client = as_user(world.participant_a)
    response = client.post(
        reverse("calendars:reminders"), {"remind_assignments": "on"}, follow=True
    )
    assert "Je instellingen voor herinneringen zijn opgeslagen." in response.content.decode()
    found = CalendarSettings.objects.get(user=world.participant_a)
    assert (found.remind_meetings, found.remind_assignments) == (False, True)


def test_assignments_can_be_left_out_of_the_feed(world, as_user):
    client = as_user(world.participant_a)
    client.post(reverse("calendars:feed_options"), {})
    assert not CalendarSettings.objects.get(user=world.participant_a).feed_includes_assignments
