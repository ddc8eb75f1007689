from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


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
