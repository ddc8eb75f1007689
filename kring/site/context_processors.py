from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kring import access
from kring.accounts.models import Organisation
from kring.audit.models import AuditEntry
from kring.invitations.models import Invitation
from kring.programmes.models import Programme


def kring(request: HttpRequest) -> dict[str, Any]:
    """What the layout needs: which navigation items this person may use."""
    user = getattr(request, "user", None)
    nav: dict[str, bool] = {}
    if user is not None and user.is_authenticated:
        nav = {
            "programmes": access.can(user, access.Action.LIST, Programme),
            "reflection": access.has_reflection(user),
            "invitations": access.can(user, access.Action.LIST, Invitation),
            "organisations": access.can(user, access.Action.LIST, Organisation),
            "audit": access.can(user, access.Action.LIST, AuditEntry),
            "admin": access.is_admin(user),
        }
    return {"nav": nav}
