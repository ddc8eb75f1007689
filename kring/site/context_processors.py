from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from kring import access
from kring.accounts.models import Organisation
from kring.audit.models import AuditEntry
from kring.invitations.models import Invitation
from kring.notifications.selectors import unread_count
from kring.programmes.models import Programme


def _nothing() -> int:
    return 0


def kring(request: HttpRequest) -> dict[str, Any]:
    """What the layout needs: which navigation items this person may use, and how many
    notifications they have not read (one query)."""
    user = getattr(request, "user", None)
    nav: dict[str, bool] = {}
    unread: Callable[[], int] = _nothing
    if user is not None and user.is_authenticated:
        nav = {
            "programmes": access.can(user, access.Action.LIST, Programme),
            "reflection": access.has_reflection(user),
            "invitations": access.can(user, access.Action.LIST, Invitation),
            "organisations": access.can(user, access.Action.LIST, Organisation),
            "audit": access.can(user, access.Action.LIST, AuditEntry),
            "admin": access.is_admin(user),
        }
        # Counted when the layout shows it, once: htmx fragments never pay for it.
        unread = functools.cache(functools.partial(unread_count, user))
    return {"nav": nav, "unread_notifications": unread}
