from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-product notifications: what Kring also sends by e-mail, waiting in the header's bell.
    A floor app: the areas call its ``notify``; it imports only ``accounts`` and ``core``."""

    name = "kring.notifications"
    verbose_name = _("Notifications")
