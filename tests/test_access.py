"""The permission policy: deny by default, each role sees only what it may, and the list
selectors agree with the per-object rules."""

from __future__ import annotations

import pytest

from kring import access
from kring.accounts.models import Organisation
from kring.audit.models import AuditEntry
from kring.invitations.models import Invitation
from kring.programmes.models import Group, Programme
from tests.conftest import PERSONAS
from tests.factories import UserFactory


def test_anonymous_and_inactive_people_may_do_nothing(world):
    world.facilitator_a.is_active = False
    for user in (None, world.facilitator_a):
        assert not access.can(user, "view", world.group_a)
        assert not access.can(user, "list", Programme)


def test_unknown_actions_are_denied(world):
    assert not access.can(world.admin, "teleport", world.trajectory)
    assert not access.can(world.admin, "teleport", Programme)


def test_facilitator_manages_own_group_only(world):
    assert access.can(world.facilitator_a, "change", world.group_a)
    assert access.can(world.facilitator_a, "manage_roles", world.group_a)
    assert not access.can(world.facilitator_a, "view", world.group_b)
    assert not access.can(world.facilitator_a, "change", world.trajectory)


def test_participant_sees_own_group_but_cannot_change_it(world):
    assert access.can(world.participant_a, "view", world.group_a)
    assert not access.can(world.participant_a, "change", world.group_a)
    assert not access.can(world.participant_a, "view", world.group_b)
    assert not access.can(world.participant_a, "view_people", world.trajectory)


def test_client_contact_sees_programme_but_no_group_or_people(world):
    assert access.can(world.client_contact, "view", world.trajectory)
    assert not access.can(world.client_contact, "view_people", world.trajectory)
    assert not access.can(world.client_contact, "view", world.group_a)


def test_provider_wide_programme_manager_sees_every_programme_of_the_provider(world):
    assert access.can(world.programme_manager, "change", world.open_programme)
    assert access.can(world.programme_manager, "create", Programme)
    other_provider_programme = Programme.objects.create(
        name="Elders",
        kind=Programme.Kind.OPEN,
        provider=Organisation.objects.create(name="Ander instituut", kind="provider"),
    )
    assert not access.can(world.programme_manager, "view", other_provider_programme)


def test_only_platform_admins_manage_organisations_and_read_the_audit_log(world):
    for persona in PERSONAS[2:]:
        user = world.persona(persona)
        assert not access.can(user, "list", Organisation)
        assert not access.can(user, "list", AuditEntry)
    assert access.can(world.admin, "list", AuditEntry)
    assert access.can(world.admin, "change", world.client)


def test_people_may_only_edit_themselves(world):
    assert access.can(world.participant_a, "change", world.participant_a)
    assert not access.can(world.participant_a, "change", world.participant_b)


def test_invitations_are_for_managers_and_facilitators(world):
    assert access.can(world.facilitator_a, "create", Invitation)
    assert not access.can(world.participant_a, "create", Invitation)
    assert not access.can(world.facilitator_a, "create_without_programme", Invitation)
    assert access.can(world.programme_manager, "create_without_programme", Invitation)


def test_get_object_hides_what_you_may_not_see_and_forbids_what_you_may_not_do(world):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises(Http404):
        access.get_object(world.participant_b, "view", Group.objects.all(), pk=world.group_a.pk)
    with pytest.raises(PermissionDenied):
        access.get_object(world.participant_a, "change", Group.objects.all(), pk=world.group_a.pk)
    with pytest.raises(Http404):
        access.get_object(world.admin, "view", Group.objects.all(), pk=987654)


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_selectors_agree_with_the_object_rules(world, persona):
    user = world.persona(persona)
    visible = set(access.visible_programmes(user).values_list("pk", flat=True))
    for programme in Programme.objects.all():
        assert (programme.pk in visible) == access.can(user, "view", programme), programme
    visible_groups = set(access.visible_groups(user).values_list("pk", flat=True))
    for group in Group.objects.select_related("programme"):
        assert (group.pk in visible_groups) == access.can(user, "view", group), group


def test_one_person_may_hold_several_roles(world):
    from kring.programmes.services import role_assign

    role_assign(
        actor=world.programme_manager,
        person=world.teacher,
        role="facilitator",
        programme=world.trajectory,
        group=world.group_b,
    )
    teacher = type(world.teacher).objects.get(pk=world.teacher.pk)
    assert access.can(teacher, "change", world.group_b)
    assert access.can(teacher, "view", world.group_a)  # still a programme-wide teacher
    assert not access.can(teacher, "change", world.group_a)


def test_new_people_without_roles_see_nothing(db):
    person = UserFactory()
    assert list(access.visible_programmes(person)) == []
    assert list(access.visible_groups(person)) == []
