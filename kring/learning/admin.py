"""An organisation added in Django's admin gets the standard meeting-series template too, as
one added on its page does: pages only read that template, they never create it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kring.accounts.admin import OrganisationAdmin
from kring.accounts.models import Organisation
from kring.learning.services import standard_template_create

admin.site.unregister(Organisation)


@admin.register(Organisation)
class OrganisationWithTemplateAdmin(OrganisationAdmin):
    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            standard_template_create(organisation=obj)
