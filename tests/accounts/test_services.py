"""Services about people and organisations: who may use them, whoever calls."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kring.accounts import services as accounts
from kring.accounts.models import Organisation


def test_organisations_are_created_and_changed_by_platform_admins_only(world):
    # Services check who acts, whoever calls them (README: "Where permission is decided").
    before = Organisation.objects.count()
    with pytest.raises(PermissionDenied):
        accounts.organisation_create(
            actor=world.programme_manager, name="Eigen club", kind=Organisation.Kind.CLIENT
        )
    with pytest.raises(PermissionDenied):
        accounts.organisation_update(
            actor=world.programme_manager,
            organisation=world.client,
            name="Hernoemd",
            kind=world.client.kind,
            description="",
        )
    assert Organisation.objects.count() == before
    world.client.refresh_from_db()
    assert world.client.name != "Hernoemd"
