from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "kring.planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        # Re-plan suggestions follow availability, facilitators and cancelled meetings.
        from kring.planning import receivers  # noqa: F401
