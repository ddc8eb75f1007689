"""Writes about the library and the items a meeting brings in."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import User
from kring.audit.services import audit_record
from kring.core.locking import save_versioned
from kring.learning.models import Meeting
from kring.library.models import RESERVED_SLUGS, LibraryItem, MeetingResource

ITEM_FIELDS = ["kind", "title", "summary", "reference", "url"]


def _free_slug(title: str) -> str:
    """A slug derived from the title that no other item uses yet."""
    base = slugify(title)[:90].strip("-") or "item"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or LibraryItem.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def library_item_create(
    *,
    actor: User,
    kind: str,
    title: str,
    summary: str,
    reference: str,
    url: str = "",
    slug: str = "",
) -> LibraryItem:
    """Add an item to the library. Its slug is fixed from now on, so that links to it keep
    working; without one, it is derived from the title."""
    access.require(actor, access.Action.CREATE, LibraryItem)
    with transaction.atomic():
        item = LibraryItem(
            kind=kind,
            title=title.strip(),
            summary=summary.strip(),
            reference=reference.strip(),
            url=url.strip(),
            slug=slug.strip() or _free_slug(title),
            created_by=actor,
        )
        item.full_clean()
        item.save()
        audit_record(actor=actor, action="library_item.create", obj=item)
    return item


def library_item_update(
    *, actor: User, item: LibraryItem, expected_version: int, **changes: Any
) -> LibraryItem:
    """Change an item's text. Optimistic locking: nothing is written when someone else saved
    the item after ``expected_version`` was read."""
    access.require(actor, access.Action.CHANGE, item)
    with transaction.atomic():
        for field_name in ITEM_FIELDS:
            if field_name in changes:
                value = changes[field_name]
                setattr(item, field_name, value.strip() if isinstance(value, str) else value)
        item.updated_at = timezone.now()
        item.full_clean(validate_unique=False)
        save_versioned(item, expected_version=expected_version, fields=[*ITEM_FIELDS, "updated_at"])
        audit_record(actor=actor, action="library_item.update", obj=item)
    return item


def meeting_resource_attach(
    *, actor: User, meeting: Meeting, item: LibraryItem, note: str = ""
) -> MeetingResource:
    """Bring a library item into a meeting. Whoever may change the meeting (its facilitators,
    the programme's managers) may do so; an item is brought in once per meeting."""
    access.require(actor, access.Action.CHANGE, meeting)
    if MeetingResource.objects.filter(meeting=meeting, item=item).exists():
        raise ValidationError(
            {"item": _("%(item)s is already part of this meeting.") % {"item": item}}
        )
    with transaction.atomic():
        resource = MeetingResource(meeting=meeting, item=item, note=note.strip(), added_by=actor)
        resource.full_clean()
        resource.save()
        audit_record(
            actor=actor,
            action="meeting_resource.attach",
            obj=resource,
            detail={"meeting": meeting.pk, "item": item.pk},
        )
    return resource


def meeting_resource_detach(*, actor: User, resource: MeetingResource) -> None:
    """Take an item out of a meeting; the item stays in the library."""
    access.require(actor, access.Action.REMOVE, resource)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="meeting_resource.detach",
            obj=resource,
            detail={"meeting": resource.meeting_id, "item": resource.item_id},
        )
        resource.delete()
