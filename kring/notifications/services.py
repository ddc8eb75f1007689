"""Writes for notifications. ``notify`` is called by the areas' background tasks next to each
e-mail, so nothing that is mailed is only in someone's inbox. Marking read concerns a
person's own notifications only (``recipient=actor``), so it needs no other question."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.utils import timezone

from kring.accounts.models import User
from kring.notifications.models import Notification

Param = str | int


def _plain(value: Param | datetime.datetime | None) -> Param:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return value


def notify(
    *,
    recipient: User,
    kind: str,
    params: Mapping[str, Param | datetime.datetime | None] | None = None,
    link: str = "",
) -> Notification | None:
    """Leave a notification for ``recipient``: a kind and its parameters, worded when read.
    ``link`` is a path inside Kring. Nobody is notified who can no longer sign in."""
    if not recipient.is_active:
        return None
    if link and not link.startswith("/"):
        raise ValueError("A notification links to a path inside Kring, not to another site.")
    return Notification.objects.create(
        recipient=recipient,
        kind=Notification.Kind(kind),
        params={key: _plain(value) for key, value in (params or {}).items()},
        link=link,
    )


def notification_open(*, actor: User, notification: Notification) -> Notification:
    """Opening a notification marks it read; opening it again changes nothing."""
    if notification.read_at is None:
        now = timezone.now()
        updated = Notification.objects.filter(
            pk=notification.pk, recipient=actor, read_at__isnull=True
        ).update(read_at=now)
        if updated:
            notification.read_at = now
    return notification


def notifications_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of ``actor`` read. Returns how many were unread."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_settled(*, recipient: User, kind: str, link: str) -> int:
    """What a notification asked has been done (a question answered): the recipient's unread
    ones of that kind and link are marked read, so the bell no longer counts them."""
    return Notification.objects.filter(
        recipient=recipient, kind=kind, link=link, read_at__isnull=True
    ).update(read_at=timezone.now())
