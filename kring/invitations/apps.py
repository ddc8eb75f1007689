from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvitationsConfig(AppConfig):
    """Invitations sit above accounts, programmes and learning: they bring a new person into a
    programme or group, so they may use those apps, and those apps never use them."""

    name = "kring.invitations"
    verbose_name = _("Invitations")
