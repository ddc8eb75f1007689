"""Recording the audit trail. Services call ``audit_record`` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models

from kring.accounts.models import User
from kring.audit.models import AuditEntry


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    obj: models.Model | None = None,
    confidential: bool = False,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry. ``actor`` may be anonymous (e.g. accepting an invitation)."""
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor_id=actor_id,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        confidential=confidential,
        detail=detail or {},
    )
