"""Changing a person's calendar feed and reminder settings."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from kring.accounts.models import User
from kring.audit.services import audit_record
from kring.calendars.models import CalendarSettings, hash_feed_token


def _settings(user: User | AnonymousUser) -> CalendarSettings:
    found, _created = CalendarSettings.objects.get_or_create(user=user)
    return found


@transaction.atomic
def feed_token_issue(*, actor: User) -> str:
    """Switch the person's calendar feed on with a new secret link, or replace the link they
    had (the old one stops working at once). Returns the token: it is shown once and only
    its hash is kept."""
    token = secrets.token_urlsafe(32)
    found = _settings(actor)
    renewed = found.feed_on
    found.feed_token_hash = hash_feed_token(token)
    found.feed_created_at = timezone.now()
    found.feed_fetched_at = None
    found.save(update_fields=["feed_token_hash", "feed_created_at", "feed_fetched_at"])
    audit_record(actor=actor, action="calendar.feed_reset" if renewed else "calendar.feed_on")
    return token


@transaction.atomic
def feed_turn_off(*, actor: User) -> None:
    """Switch the feed off: its link stops working; a new one can be made later."""
    found = _settings(actor)
    found.feed_token_hash = None
    found.feed_created_at = None
    found.feed_fetched_at = None
    found.save(update_fields=["feed_token_hash", "feed_created_at", "feed_fetched_at"])
    audit_record(actor=actor, action="calendar.feed_off")


def feed_options_set(*, actor: User, include_assignments: bool) -> CalendarSettings:
    found = _settings(actor)
    found.feed_includes_assignments = include_assignments
    found.save(update_fields=["feed_includes_assignments"])
    return found


def reminders_set(*, actor: User, meetings: bool, assignments: bool) -> CalendarSettings:
    """Each person chooses whether they get e-mail reminders."""
    found = _settings(actor)
    found.remind_meetings = meetings
    found.remind_assignments = assignments
    found.save(update_fields=["remind_meetings", "remind_assignments"])
    return found


def feed_fetched(*, user: User) -> None:
    """Note when a calendar app last fetched the feed, so the person sees that it works."""
    CalendarSettings.objects.filter(user=user).update(feed_fetched_at=timezone.now())
