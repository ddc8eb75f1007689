from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SentForm(models.Model):
    """A form that has been sent and made something. Its token came with the form; a second
    sending of the same form (a double click, a repeated request) finds it here and is shown
    what the first one made instead of making it again."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    # Where what the form made is shown; filled in before the transaction ends.
    target = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "token"], name="sent_form_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.target}"


class SharedText(models.Model):
    """A text that several people may change (a group's learning points): nothing written is
    lost. Each change keeps the text as it was in a ``Revision`` with who changed it; a
    deletion only hides the text, so it can be restored for ``RESTORABLE_DAYS``. Written
    through ``kring.core.revisions`` alone, with optimistic locking on ``version``.

    A subclass names the fields whose earlier values are kept in ``REVISED_FIELDS``."""

    REVISED_FIELDS: ClassVar[tuple[str, ...]] = ()

    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def was_changed(self) -> bool:
        return self.version > 1


class Revision(models.Model):
    """One earlier state of a ``SharedText``: the values of its revised fields just before
    someone edited, deleted or restored it, and who did that when."""

    class Kind(models.TextChoices):
        EDITED = "edited", _("Edited")
        DELETED = "deleted", _("Deleted")
        RESTORED = "restored", _("Restored")

    # Which text: its model's label ("learning.learningpoint") and key, as the audit log names
    # objects, so that the floor needs no table per area.
    object_type = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # The revised fields as they were before this change.
    before = models.JSONField(default=dict)
    # The version the text had before this change.
    version = models.PositiveIntegerField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="revision_of_object")]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id} v{self.version} {self.kind}"
