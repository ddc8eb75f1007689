"""Authorization entries for availability and personal calendars.

Everyone signed in keeps their own availability, calendar feed and reminders; a period away
or an imported calendar is its owner's alone (404 for anyone else). A group's availability is
for its facilitators and the programme's managers: others who may see the group get 403, the
rest 404. The calendar feed needs no login: its secret token is the key.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from kring.availability.models import AwayPeriod, CalendarImport
from kring.calendars import services as calendar_services
from tests.authorization.common import (
    GROUP_A_VIEWERS,
    NOT_FOUND,
    OK,
    REDIRECT,
    Entry,
    group_page,
    outcomes,
    viewers_only,
)
from tests.conftest import World

# Periods away lie ahead, within the planned span.
SOON = datetime.date.today() + datetime.timedelta(days=30)


def _period(world: World) -> AwayPeriod:
    today = timezone.localdate()
    return AwayPeriod.objects.create(user=world.participant_a, starts_on=today, ends_on=today)


def _import(world: World) -> CalendarImport:
    return CalendarImport.objects.create(user=world.participant_a, file_name="werk.ics")


def _feed(world: World) -> str:
    token = calendar_services.feed_token_issue(actor=world.participant_a)
    return reverse("calendars:feed", args=[token])


OWNER_ONLY = outcomes(NOT_FOUND, participant_a=REDIRECT)

ENTRIES: dict[str, Entry] = {
    "availability:mine": Entry(lambda w: reverse("availability:mine"), outcomes(OK)),
    "availability:week_save": Entry(
        lambda w: reverse("availability:week_save"),
        outcomes(REDIRECT),
        "post",
        {"slots": "0", "version": "0"},
    ),
    "availability:away_add": Entry(
        lambda w: reverse("availability:away_add"),
        outcomes(REDIRECT),
        "post",
        {"starts_on": str(SOON), "ends_on": str(SOON + datetime.timedelta(days=4))},
    ),
    "availability:away_remove": Entry(
        lambda w: reverse("availability:away_remove", args=[_period(w).pk]), OWNER_ONLY, "post"
    ),
    # Without a file the form comes back with its error: the page itself opens for everyone.
    "availability:calendar_import": Entry(
        lambda w: reverse("availability:calendar_import"), outcomes(OK), "post"
    ),
    "availability:calendar_import_remove": Entry(
        lambda w: reverse("availability:calendar_import_remove", args=[_import(w).pk]),
        OWNER_ONLY,
        "post",
    ),
    "availability:groups": Entry(lambda w: reverse("availability:groups"), outcomes(OK)),
    "availability:group": Entry(
        lambda w: reverse("availability:group", args=[w.group_a.pk]),
        viewers_only(GROUP_A_VIEWERS, ["facilitator_a", "programme_manager"]),
    ),
    "calendars:settings": Entry(lambda w: reverse("calendars:settings"), outcomes(OK)),
    "calendars:feed_issue": Entry(lambda w: reverse("calendars:feed_issue"), outcomes(OK), "post"),
    "calendars:feed_off": Entry(
        lambda w: reverse("calendars:feed_off"), outcomes(REDIRECT), "post"
    ),
    "calendars:feed_options": Entry(
        lambda w: reverse("calendars:feed_options"), outcomes(REDIRECT), "post"
    ),
    "calendars:reminders": Entry(
        lambda w: reverse("calendars:reminders"), outcomes(REDIRECT), "post"
    ),
    # The feed opens with its token alone, for whoever holds it, signed in or not.
    "calendars:feed": Entry(_feed, outcomes(OK, anonymous=OK)),
}

# Pages of group A itself: the trajectory's other people are refused with a reason.
for _name in ("availability:group",):
    ENTRIES[_name].expect = group_page(ENTRIES[_name].expect)
