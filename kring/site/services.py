"""Writes that span areas: setting up something several areas take part in."""

from __future__ import annotations

from django.db import transaction

from kring.accounts import services as accounts_services
from kring.accounts.models import Organisation, User
from kring.learning.services import standard_template_create


def organisation_create(
    *, actor: User, name: str, kind: str, description: str = ""
) -> Organisation:
    """A new organisation, ready to use: with Kring's standard meeting-series template, so
    that no page has to create it when it is first shown."""
    with transaction.atomic():
        organisation = accounts_services.organisation_create(
            actor=actor, name=name, kind=kind, description=description
        )
        standard_template_create(organisation=organisation)
    return organisation
