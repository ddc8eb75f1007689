"""Authorization entries for in-product notifications: everyone signed in has their own list;
a notification opens for its recipient alone and is a 404 for everyone else, platform admins
included, so that it does not betray its existence."""

from __future__ import annotations

from django.urls import reverse

from kring.notifications.models import Notification
from kring.notifications.services import notify
from tests.authorization.common import NOT_FOUND, OK, REDIRECT, Entry, only, outcomes
from tests.conftest import World


def _notification_of_participant_a(world: World) -> str:
    notification = notify(
        recipient=world.participant_a,
        kind=Notification.Kind.GROUP_INVITATION,
        params={"group": world.group_a.name},
        link=reverse("site:dashboard"),
    )
    assert notification is not None
    return reverse("notifications:open", args=[notification.pk])


ENTRIES: dict[str, Entry] = {
    "notifications:list": Entry(lambda w: reverse("notifications:list"), outcomes(OK)),
    "notifications:open": Entry(
        _notification_of_participant_a,
        only([], denied=NOT_FOUND, participant_a=REDIRECT),
    ),
    "notifications:mark_all_read": Entry(
        lambda w: reverse("notifications:mark_all_read"), outcomes(REDIRECT), method="post"
    ),
}
