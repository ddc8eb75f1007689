"""Nothing written is lost: every change to a ``SharedText`` keeps the text as it was and who
changed it, and a deletion hides the text for ``RESTORABLE_DAYS`` in which it can be restored.
Shared by every area whose texts several people may change; services call these inside their
own checks (the permission is theirs to ask), and every write is optimistically locked, so two
people who change the same text at once never overwrite each other silently."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kring.core.exceptions import EditConflict
from kring.core.locking import save_versioned
from kring.core.models import Revision, SharedText

# How long a deleted text can be brought back; the page that offers it says so.
RESTORABLE_DAYS = 30


def _label(obj: SharedText) -> str:
    return obj._meta.label_lower


def _snapshot(obj: SharedText) -> dict[str, Any]:
    return {name: obj.serializable_value(name) for name in obj.REVISED_FIELDS}


def _keep(
    obj: SharedText, *, kind: str, actor: Any, version: int, before: dict[str, Any]
) -> Revision:
    return Revision.objects.create(
        object_type=_label(obj),
        object_id=obj.pk,
        kind=kind,
        before=before,
        version=version,
        changed_by=actor,
    )


def revise(
    obj: SharedText, *, actor: Any, expected_version: int, changes: Mapping[str, Any]
) -> bool:
    """Change ``obj``'s revised fields, keeping the earlier text. Raises EditConflict (and
    writes nothing) when someone saved or deleted it since the editor read
    ``expected_version``. Returns False when nothing actually changed."""
    if obj.is_deleted:
        raise EditConflict
    if all(obj.serializable_value(name) == value for name, value in changes.items()):
        if obj.version != expected_version:
            raise EditConflict
        return False
    before = _snapshot(obj)
    with transaction.atomic():
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.updated_by = actor
        save_versioned(obj, expected_version=expected_version, fields=[*changes, "updated_by"])
        _keep(obj, kind=Revision.Kind.EDITED, actor=actor, version=expected_version, before=before)
    return True


def delete(obj: SharedText, *, actor: Any, expected_version: int) -> None:
    """Hide ``obj``; it can be restored for RESTORABLE_DAYS. Raises EditConflict when someone
    changed it since ``expected_version`` was read: they may have written something new."""
    if obj.is_deleted:
        raise EditConflict
    with transaction.atomic():
        obj.deleted_at = timezone.now()
        obj.deleted_by = actor
        save_versioned(obj, expected_version=expected_version, fields=["deleted_at", "deleted_by"])
        _keep(
            obj,
            kind=Revision.Kind.DELETED,
            actor=actor,
            version=expected_version,
            before=_snapshot(obj),
        )


def restorable_since(now: datetime.datetime | None = None) -> datetime.datetime:
    """Texts deleted after this moment can still be restored."""
    return (now or timezone.now()) - datetime.timedelta(days=RESTORABLE_DAYS)


def is_restorable(obj: SharedText) -> bool:
    return obj.deleted_at is not None and obj.deleted_at > restorable_since()


def restore(obj: SharedText, *, actor: Any) -> bool:
    """Bring a deleted text back, as it was when deleted. Returns False when it is not deleted
    (someone restored it already) or was deleted too long ago."""
    if not is_restorable(obj):
        return False
    version = obj.version
    obj.deleted_at = None
    obj.deleted_by = None
    obj.updated_by = actor
    with transaction.atomic():
        try:
            save_versioned(
                obj, expected_version=version, fields=["deleted_at", "deleted_by", "updated_by"]
            )
        except EditConflict:
            return False  # someone restored it at the same moment
        _keep(obj, kind=Revision.Kind.RESTORED, actor=actor, version=version, before=_snapshot(obj))
    return True


def history(obj: SharedText) -> QuerySet[Revision]:
    """Every earlier state of ``obj``, newest first, with who changed it."""
    return Revision.objects.filter(object_type=_label(obj), object_id=obj.pk).select_related(
        "changed_by"
    )


def purge_expired(model: type[SharedText], now: datetime.datetime | None = None) -> int:
    """Remove for good the texts of ``model`` deleted longer than RESTORABLE_DAYS ago, with
    their history: what nobody restored in time is gone, as the page promised. Returns how
    many texts were removed."""
    expired = model._default_manager.filter(deleted_at__lte=restorable_since(now))
    ids = list(expired.values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        Revision.objects.filter(object_type=model._meta.label_lower, object_id__in=ids).delete()
        expired.filter(pk__in=ids).delete()
    return len(ids)
