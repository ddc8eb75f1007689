"""Reads for notifications: always one person's own."""

from __future__ import annotations

from django.db.models import QuerySet

from kring.accounts.models import User
from kring.notifications.models import Notification


def unread_count(person: User) -> int:
    return Notification.objects.filter(recipient=person, read_at__isnull=True).count()


def notifications_of(person: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=person).order_by("-created_at", "-id")
