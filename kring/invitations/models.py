from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import Organisation, User
from kring.programmes.models import Group, Programme, Role


def _new_nonce() -> str:
    return secrets.token_hex(16)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An invitation to join Kring by e-mail. The link's token is an HMAC over a random nonce
    with the installation's secret key, so neither the database nor the task queue holds a
    working link."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    full_name = models.CharField(_("full name"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    message = models.TextField(_("personal message"), blank=True)
    late_join_reason = models.TextField(
        _("reason for joining late"),
        blank=True,
        help_text=_("Given when the invitation brings someone into a learning group that has met."),
    )
    invited_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations_sent")
    language = models.CharField(
        _("language of the invitation"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    nonce = models.CharField(max_length=32, default=_new_nonce, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def get_status_display(self) -> str:
        return str(
            {
                "accepted": _("accepted"),
                "revoked": _("withdrawn"),
                "expired": _("expired"),
                "open": _("waiting"),
            }[self.status]
        )
