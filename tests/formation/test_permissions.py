"""The permission policy for pools, per role: who sees a pool, who manages it, who may sign
up, and that entries and preferences stay with the staff and the person themselves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kring import access
from kring.formation.models import FormationRun, Pool, PoolEntry, RatherNot
from kring.programmes.models import Role
from tests.conftest import PERSONAS
from tests.factories import RoleFactory, UserFactory
from tests.formation.factories import PoolFactory, entry

# Facilitators of one group (facilitator_a, facilitator_b) are not among them: see
# test_a_group_facilitator_does_not_see_the_pool.
STAFF = {"admin", "programme_manager"}
COLLEAGUES = {"participant_a", "participant_b", "client_contact", "team_leader"}


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_who_may_do_what_with_an_open_pool(world, pool, persona):
    user = world.persona(persona)
    own = PoolEntry.objects.get(pool=pool, person=world.participant_a)
    run = FormationRun.objects.create(pool=pool, number=1)
    assert access.can(user, access.Action.VIEW, pool) == (persona in STAFF | COLLEAGUES)
    assert access.can(user, access.Action.MANAGE, pool) == (persona in STAFF)
    assert access.can(user, access.Action.VIEW_ENTRIES, pool) == (persona in STAFF)
    assert access.can(user, access.Action.SIGN_UP, pool) == (persona in COLLEAGUES)
    assert access.can(user, access.Action.VIEW, own) == (persona in STAFF | {"participant_a"})
    assert access.can(user, access.Action.WITHDRAW, own) == (persona == "participant_a")
    assert access.can(user, access.Action.REMOVE, own) == (persona in STAFF)
    assert access.can(user, access.Action.VIEW, run) == (persona in STAFF)
    assert access.can(user, access.Action.ACCEPT, run) == (persona in STAFF)
    assert access.can(user, access.FormationAction.ADD_POOL, world.trajectory) == (persona in STAFF)


def test_anonymous_visitors_get_nothing(world, pool):
    from django.contrib.auth.models import AnonymousUser

    assert not access.can(AnonymousUser(), access.Action.VIEW, pool)
    assert not access.may_join_pool(AnonymousUser(), world.trajectory)


def test_an_open_programme_pool_is_for_its_participants(world):
    cohort = world.open_programme.groups.get()
    member = UserFactory(organisation=world.client)
    RoleFactory(person=member, role=Role.PARTICIPANT, group=cohort)
    pool = PoolFactory(programme=world.open_programme)
    assert access.can(member, access.Action.SIGN_UP, pool)
    assert not access.can(world.participant_a, access.Action.SIGN_UP, pool)  # another programme
    assert not access.can(world.client_contact, access.Action.VIEW, pool)


def test_after_forming_nobody_changes_or_leaves_an_entry_themselves(world, pool):
    own = PoolEntry.objects.get(pool=pool, person=world.participant_a)
    Pool.objects.filter(pk=pool.pk).update(status=Pool.Status.FORMED)
    own.pool.refresh_from_db()
    assert access.can(world.participant_a, access.Action.VIEW, own)
    assert not access.can(world.participant_a, access.Action.CHANGE, own)
    assert not access.can(world.participant_a, access.Action.WITHDRAW, own)


def test_a_withdrawn_person_still_sees_the_pool_they_left(world, pool):
    pool.status = Pool.Status.CLOSED
    pool.save()
    gone = entry(pool, UserFactory(organisation=world.client), status=PoolEntry.Status.WITHDRAWN)
    assert access.can(gone.person, access.Action.VIEW, pool)
    assert not access.can(world.participant_b, access.Action.VIEW, pool)  # closed, never signed up


def test_a_group_facilitator_does_not_see_the_pool(world, pool, as_user):
    """Facilitating one group (a co-facilitator, too) is no reason to read everyone's sign-up,
    least of all whom they would rather not meet."""
    other = entry(pool, UserFactory(organisation=world.client, full_name="Olga Overdijk"))
    RatherNot.objects.create(entry=other, other=world.participant_a)
    co_facilitator = UserFactory(organisation=world.provider)
    RoleFactory(person=co_facilitator, role=Role.FACILITATOR, group=world.group_a)
    for person in (world.facilitator_a, co_facilitator):
        assert not access.can(person, access.Action.VIEW_ENTRIES, pool)
        assert not access.can(person, access.Action.VIEW, other)
        assert not access.can(person, access.FormationAction.ADD_POOL, world.trajectory)
        response = as_user(person).get(reverse("formation:pool", args=[pool.pk]))
        assert response.status_code == 404
        assert "Olga Overdijk" not in response.content.decode()


def test_the_programme_manager_and_programme_facilitators_form_the_groups(
    world, pool, programme_facilitator, as_user
):
    other = entry(pool, UserFactory(organisation=world.client, full_name="Olga Overdijk"))
    RatherNot.objects.create(entry=other, other=world.participant_a)
    for person in (world.programme_manager, programme_facilitator):
        assert access.can(person, access.Action.VIEW_ENTRIES, pool)
        assert access.can(person, access.Action.VIEW_PROFILES, pool)
        page = as_user(person).get(reverse("formation:pool", args=[pool.pk])).content.decode()
        assert "Olga Overdijk" in page and "Liever niet met" in page
