"""Reads about invitations, shaped for pages."""

from __future__ import annotations

from kring.accounts.models import User
from kring.invitations.models import Invitation

SHOWN_ON_OVERVIEW = 5


def open_invitations_sent(person: User) -> tuple[list[Invitation], int]:
    """The invitations ``person`` sent that are still waiting for an answer, the ones that
    expire soonest first (at most ``SHOWN_ON_OVERVIEW``), and how many there are in all."""
    waiting = Invitation.objects.open().filter(invited_by=person)
    shown = list(
        waiting.select_related("programme", "group").order_by("expires_at")[:SHOWN_ON_OVERVIEW]
    )
    total = len(shown) if len(shown) < SHOWN_ON_OVERVIEW else waiting.count()
    return shown, total
