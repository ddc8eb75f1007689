"""Sent whenever someone's availability changes (grid, periods away, imported busy times), so
that planning can propose a re-plan for the groups this person is in."""

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.dispatch import Signal

from kring.accounts.models import User

# Sent with ``user``: the person whose availability changed.
availability_changed = Signal()


def changed_on_commit(user: User | AnonymousUser, sender: type) -> None:
    """Send ``availability_changed`` for ``user`` once the change is committed."""
    transaction.on_commit(lambda: availability_changed.send(sender=sender, user=user))
