"""Sent when a meeting's status changes (planned, held, cancelled), once committed, so that
planning can suggest a re-plan when a cancelled meeting leaves too long a gap."""

from django.dispatch import Signal

# Sent with ``meeting`` and ``old_status``.
meeting_status_changed = Signal()
