"""Optimistic locking, shared by every service that edits something two people may edit at
once: a write succeeds only if nobody saved since the editor read ``expected_version``."""

from __future__ import annotations

from django.db.models import F, Model
from django.utils import timezone

from kring.core.exceptions import EditConflict


def save_versioned(obj: Model, *, expected_version: int, fields: list[str]) -> None:
    """Write ``fields`` of ``obj`` and bump its version, or raise EditConflict and write
    nothing when the stored version is no longer ``expected_version``."""
    if "updated_at" not in fields and any(
        field.name == "updated_at" for field in obj._meta.concrete_fields
    ):
        # Every versioned write is a change: keep "last modified" true without each caller.
        obj.updated_at = timezone.now()  # type: ignore[attr-defined]
        fields = [*fields, "updated_at"]
    values = {name: getattr(obj, name) for name in fields}
    updated = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=expected_version)
        .update(version=F("version") + 1, **values)
    )
    if not updated:
        raise EditConflict
    obj.version = expected_version + 1  # type: ignore[attr-defined]
