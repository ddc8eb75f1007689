"""Writes about people and organisations. Views, commands and (later) the API all
come through here, so the rules hold whichever way a change arrives."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import Organisation, User, normalise_email
from kring.audit.services import audit_record


def organisation_create(
    *, actor: User, name: str, kind: str, description: str = ""
) -> Organisation:
    access.require(actor, access.Action.CREATE, Organisation)
    with transaction.atomic():
        organisation = Organisation(name=name.strip(), kind=kind, description=description)
        organisation.full_clean()
        organisation.save()
        audit_record(actor=actor, action="organisation.create", obj=organisation)
    return organisation


def organisation_update(
    *, actor: User, organisation: Organisation, name: str, kind: str, description: str
) -> Organisation:
    access.require(actor, access.Action.CHANGE, organisation)
    with transaction.atomic():
        organisation.name = name.strip()
        organisation.kind = kind
        organisation.description = description
        organisation.full_clean()
        organisation.save(update_fields=["name", "kind", "description"])
        audit_record(actor=actor, action="organisation.update", obj=organisation)
    return organisation


def profile_update(
    *, actor: User, person: User, full_name: str, job_title: str, language: str
) -> User:
    """A person keeps their own name, job title and language up to date."""
    with transaction.atomic():
        person.full_name = full_name.strip()
        person.job_title = job_title.strip()
        person.language = language
        person.full_clean(exclude=["password"])
        person.save(update_fields=["full_name", "job_title", "language"])
        audit_record(actor=actor, action="person.update_profile", obj=person)
    return person


def language_set(*, person: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("This language is not available."))
    if person.language != language:
        person.language = language
        person.save(update_fields=["language"])


def email_taken(email: str) -> bool:
    return User.objects.filter(email__iexact=normalise_email(email)).exists()
