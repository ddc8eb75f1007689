"""Sent whenever someone's availability changes (grid, periods away, imported busy times), so
that planning can propose a re-plan for the groups this person is in."""

from typing import Any

from django.db import transaction
from django.dispatch import Signal

# Sent with ``user``: the person whose availability changed.
availability_changed = Signal()


def changed_on_commit(user: Any, sender: type) -> None:
    """Send ``availability_changed`` for ``user`` once the change is committed."""
    transaction.on_commit(lambda: availability_changed.send(sender=sender, user=user))
