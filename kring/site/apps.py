from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top of Kring: the pages and commands that bring every area together (the
    dashboard, the layout's navigation, the demo data). Nothing imports it."""

    name = "kring.site"
    verbose_name = _("Kring")
