from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormationConfig(AppConfig):
    name = "kring.formation"
    verbose_name = _("Forming learning groups")
