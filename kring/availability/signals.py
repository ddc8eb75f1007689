"""Sent whenever someone's availability changes (grid, periods away, imported busy times), so
that planning can propose a re-plan for the groups this person is in."""

from django.dispatch import Signal

# Sent with ``user``: the person whose availability changed.
availability_changed = Signal()
