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
            "programmes": access.can(user, "list", Programme),
            "invitations": access.can(user, "list", Invitation),
            "organisations": access.can(user, "list", Organisation),
            "audit": access.can(user, "list", AuditEntry),
            "admin": access.is_admin(user),
        }
    return {"nav": nav}
