"""The library: concepts, models and reflection methods that facilitators bring into a group,
each with a summary of our own and the literature it comes from."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.learning.models import Meeting

# Path segments of the library's own pages, so that no item's address can shadow them.
RESERVED_SLUGS = frozenset({"new", "meetings", "resources"})


class LibraryItem(models.Model):
    """One concept, model or reflection method. The summary is written by us; the reference
    says where the idea comes from, so that people can read the original."""

    class Kind(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        MODEL = "model", _("Model")
        REFLECTION_METHOD = "reflection_method", _("Reflection method")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    # The same in every language and every installation, so that links to an item stay valid.
    slug = models.SlugField(
        _("short name in the address"),
        max_length=100,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens. Cannot be changed later."),
    )
    summary = models.TextField(_("summary"), help_text=_("In your own words, a few sentences."))
    reference = models.TextField(
        _("literature"),
        help_text=_("One bibliographic reference per line: author(s), year, title, publisher."),
    )
    url = models.URLField(_("web link"), blank=True, help_text=_("Optional: where to read more."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["title"]
        verbose_name = _("library item")
        verbose_name_plural = _("library items")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["concept", "model", "reflection_method"]),
                name="library_item_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This short name is reserved. Choose another.")})

    def references(self) -> list[str]:
        return [line.strip() for line in self.reference.splitlines() if line.strip()]

    def citations(self) -> str:
        """Author and year of each reference ("Edmondson, A. (1999)"), for short listings."""
        short = []
        for reference in self.references():
            end = reference.find("):")
            short.append(reference[: end + 1] if end > 0 else reference)
        return "; ".join(short)


class MeetingResource(models.Model):
    """A library item that a facilitator brings into one meeting, with an optional note on
    why or how to use it."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="resources"
    )
    # PROTECT: an item in use by a group must not silently disappear from its meetings.
    item = models.ForeignKey(
        LibraryItem,
        verbose_name=_("library item"),
        on_delete=models.PROTECT,
        related_name="meeting_uses",
    )
    note = models.TextField(
        _("note for the group"),
        blank=True,
        help_text=_(
            "Optional: why this helps, or what to read or try before the meeting. Everyone who "
            "can see the meeting reads it, so do not mention cases."
        ),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "added_at", "pk"]
        verbose_name = _("meeting resource")
        verbose_name_plural = _("meeting resources")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "item"], name="meeting_resource_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.item}"
