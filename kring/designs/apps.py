from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesignsConfig(AppConfig):
    name = "kring.designs"
    verbose_name = _("Programme designs")
