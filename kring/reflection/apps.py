from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReflectionConfig(AppConfig):
    name = "kring.reflection"
    verbose_name = _("Reflection")
