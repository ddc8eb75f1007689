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
        assert not access.can(user, access.Action.VIEW, world.group_a)
        assert not access.can(user, access.Action.LIST, Programme)


@pytest.mark.parametrize("typo", ["teleport", "cycle:facilitat", "facilitate", "planning:view "])
def test_an_unknown_action_raises_instead_of_silently_denying(world, typo):
    # Even the platform admin, who may do much, gets an error: a typo must not pass for a "no".
    with pytest.raises(access.UnknownAction):
        access.can(world.admin, typo, world.group_a)  # type: ignore[arg-type]
    with pytest.raises(access.UnknownAction):
        access.can(world.admin, typo, Programme)  # type: ignore[arg-type]
    with pytest.raises(access.UnknownAction):
        access.get_object(world.admin, typo, Group.objects.all(), pk=world.group_a.pk)  # type: ignore[arg-type]
    # Anonymous visitors too: the error does not depend on who asks.
    with pytest.raises(access.UnknownAction):
        access.can(None, typo, world.group_a)  # type: ignore[arg-type]


def test_known_actions_that_no_rule_grants_are_denied(world):
    assert not access.can(world.admin, access.Action.DECIDE, world.trajectory)
    assert not access.can(world.admin, access.Action.SUBMIT, Programme)
    # An area's action asked of the wrong kind of object is denied, not misrouted.
    assert not access.can(world.admin, access.FormationAction.ADD_POOL, world.group_a)
    assert not access.can(world.facilitator_a, access.CycleAction.FACILITATE, world.trajectory)


def test_the_action_enums_keep_their_string_values(world):
    # Templates, audit records and older call sites may still hold the plain string.
    assert access.as_action("cycle:facilitate") is access.CycleAction.FACILITATE
    assert access.can(world.facilitator_a, "cycle:facilitate", world.group_a)  # type: ignore[arg-type]


def test_facilitator_manages_own_group_only(world):
    assert access.can(world.facilitator_a, access.Action.CHANGE, world.group_a)
    assert access.can(world.facilitator_a, access.Action.MANAGE_ROLES, world.group_a)
    assert not access.can(world.facilitator_a, access.Action.VIEW, world.group_b)
    assert not access.can(world.facilitator_a, access.Action.CHANGE, world.trajectory)


def test_participant_sees_own_group_but_cannot_change_it(world):
    assert access.can(world.participant_a, access.Action.VIEW, world.group_a)
    assert not access.can(world.participant_a, access.Action.CHANGE, world.group_a)
    assert not access.can(world.participant_a, access.Action.VIEW, world.group_b)
    assert not access.can(world.participant_a, access.Action.VIEW_PEOPLE, world.trajectory)


def test_client_contact_sees_programme_but_no_group_or_people(world):
    assert access.can(world.client_contact, access.Action.VIEW, world.trajectory)
    assert not access.can(world.client_contact, access.Action.VIEW_PEOPLE, world.trajectory)
    assert not access.can(world.client_contact, access.Action.VIEW, world.group_a)


def test_provider_wide_programme_manager_sees_every_programme_of_the_provider(world):
    assert access.can(world.programme_manager, access.Action.CHANGE, world.open_programme)
    assert access.can(world.programme_manager, access.Action.CREATE, Programme)
    other_provider_programme = Programme.objects.create(
        name="Elders",
        kind=Programme.Kind.OPEN,
        provider=Organisation.objects.create(name="Ander instituut", kind="provider"),
    )
    assert not access.can(world.programme_manager, access.Action.VIEW, other_provider_programme)


def test_only_platform_admins_manage_organisations_and_read_the_audit_log(world):
    for persona in PERSONAS[2:]:
        user = world.persona(persona)
        assert not access.can(user, access.Action.LIST, Organisation)
        assert not access.can(user, access.Action.LIST, AuditEntry)
    assert access.can(world.admin, access.Action.LIST, AuditEntry)
    assert access.can(world.admin, access.Action.CHANGE, world.client)


def test_people_may_only_edit_themselves(world):
    assert access.can(world.participant_a, access.Action.CHANGE, world.participant_a)
    assert not access.can(world.participant_a, access.Action.CHANGE, world.participant_b)


def test_invitations_are_for_managers_and_facilitators(world):
    assert access.can(world.facilitator_a, access.Action.CREATE, Invitation)
    assert not access.can(world.participant_a, access.Action.CREATE, Invitation)
    assert not access.can(world.facilitator_a, access.Action.CREATE_WITHOUT_PROGRAMME, Invitation)
    assert access.can(world.programme_manager, access.Action.CREATE_WITHOUT_PROGRAMME, Invitation)


def test_get_object_hides_what_you_may_not_see_and_forbids_what_you_may_not_do(world):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises(Http404):
        access.get_object(
            world.outsider, access.Action.VIEW, Group.objects.all(), pk=world.group_a.pk
        )
    # Someone in the programme sees the group's name on its page: told why, not "not found".
    with pytest.raises(PermissionDenied):
        access.get_object(
            world.participant_b, access.Action.VIEW, Group.objects.all(), pk=world.group_a.pk
        )
    with pytest.raises(PermissionDenied):
        access.get_object(
            world.participant_a, access.Action.CHANGE, Group.objects.all(), pk=world.group_a.pk
        )
    with pytest.raises(Http404):
        access.get_object(world.admin, access.Action.VIEW, Group.objects.all(), pk=987654)


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_selectors_agree_with_the_object_rules(world, persona):
    user = world.persona(persona)
    visible = set(access.visible_programmes(user).values_list("pk", flat=True))
    for programme in Programme.objects.all():
        assert (programme.pk in visible) == access.can(user, access.Action.VIEW, programme), (
            programme
        )
    visible_groups = set(access.visible_groups(user).values_list("pk", flat=True))
    for group in Group.objects.select_related("programme"):
        assert (group.pk in visible_groups) == access.can(user, access.Action.VIEW, group), group


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
    assert access.can(teacher, access.Action.CHANGE, world.group_b)
    assert access.can(teacher, access.Action.VIEW, world.group_a)  # still a programme-wide teacher
    assert not access.can(teacher, access.Action.CHANGE, world.group_a)


def test_new_people_without_roles_see_nothing(db):
    person = UserFactory()
    assert list(access.visible_programmes(person)) == []
    assert list(access.visible_groups(person)) == []
