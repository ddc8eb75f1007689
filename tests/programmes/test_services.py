"""Services: the rules they enforce, the audit trail they leave, and that refused input
changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kring.accounts.models import User
from kring.audit.models import AuditEntry
from kring.core.exceptions import EditConflict
from kring.programmes import services
from kring.programmes.models import Group, Programme, Role, RoleAssignment


def test_creating_a_programme_makes_the_creator_its_manager_and_is_audited(world):
    programme = services.programme_create(
        actor=world.programme_manager,
        name="  Nieuw traject ",
        kind=Programme.Kind.IN_COMPANY,
        provider=world.provider,
        client=world.client,
    )
    assert programme.name == "Nieuw traject"
    assert RoleAssignment.objects.filter(
        person=world.programme_manager, programme=programme, role=Role.PROGRAMME_MANAGER
    ).exists()
    assert AuditEntry.objects.filter(action="programme.create", object_id=str(programme.pk))


def test_an_in_company_trajectory_needs_a_client(world):
    before = Programme.objects.count()
    with pytest.raises(ValidationError) as error:
        services.programme_create(
            actor=world.programme_manager,
            name="Zonder opdrachtgever",
            kind=Programme.Kind.IN_COMPANY,
            provider=world.provider,
        )
    assert "client" in error.value.message_dict
    assert Programme.objects.count() == before


def test_end_before_start_is_refused(world):
    with pytest.raises(ValidationError):
        services.programme_create(
            actor=world.programme_manager,
            name="Achterstevoren",
            kind=Programme.Kind.OPEN,
            provider=world.provider,
            starts_on=datetime.date(2027, 5, 1),
            ends_on=datetime.date(2027, 4, 1),
        )


def test_only_programme_managers_create_programmes(world):
    with pytest.raises(PermissionDenied):
        services.programme_create(
            actor=world.facilitator_a,
            name="Eigen initiatief",
            kind=Programme.Kind.OPEN,
            provider=world.provider,
        )


def test_a_stale_edit_is_refused_and_overwrites_nothing(world):
    programme = world.trajectory
    services.programme_update(
        actor=world.programme_manager,
        programme=Programme.objects.get(pk=programme.pk),
        expected_version=1,
        name="Eerste versie",
    )
    with pytest.raises(EditConflict):
        services.programme_update(
            actor=world.admin,
            programme=Programme.objects.get(pk=programme.pk),
            expected_version=1,
            name="Tweede versie",
        )
    fresh = Programme.objects.get(pk=programme.pk)
    assert (fresh.name, fresh.version) == ("Eerste versie", 2)


def test_an_over_long_name_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.group_create(
            actor=world.programme_manager,
            programme=world.trajectory,
            name="x" * 201,
            kind=Group.Kind.LEARNING_GROUP,
        )
    assert "name" in error.value.message_dict
    assert not Group.objects.filter(name__startswith="xxx").exists()


def test_group_names_are_unique_within_a_programme(world):
    with pytest.raises(ValidationError):
        services.group_create(
            actor=world.programme_manager,
            programme=world.trajectory,
            name="Leergroep A",
            kind=Group.Kind.LEARNING_GROUP,
        )


def test_roles_must_fit_their_place(world):
    with pytest.raises(ValidationError):
        services.role_assign(
            actor=world.programme_manager,
            person=world.outsider,
            role=Role.CLIENT_CONTACT,
            programme=world.trajectory,
            group=world.group_a,
        )
    with pytest.raises(ValidationError):
        services.role_assign(
            actor=world.admin, person=world.outsider, role=Role.PARTICIPANT, programme=None
        )


def test_the_same_role_twice_in_one_place_is_refused(world):
    with pytest.raises(ValidationError):
        services.role_assign(
            actor=world.facilitator_a,
            person=world.participant_a,
            role=Role.PARTICIPANT,
            programme=world.trajectory,
            group=world.group_a,
        )


def test_a_facilitator_cannot_staff_another_group(world):
    with pytest.raises(PermissionDenied):
        services.role_assign(
            actor=world.facilitator_a,
            person=world.outsider,
            role=Role.PARTICIPANT,
            programme=world.trajectory,
            group=world.group_b,
        )


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User.objects.create_user("argon@example.org", "een-sterk-wachtwoord", full_name="A")
    assert user.password.startswith("argon2")
