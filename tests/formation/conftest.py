from __future__ import annotations

import pytest

from kring.programmes.models import Role
from tests.factories import RoleFactory, UserFactory
from tests.formation.factories import PoolFactory, entry


@pytest.fixture
def pool(world):
    """An open pool in the trajectory with participant A signed up."""
    pool = PoolFactory(programme=world.trajectory, created_by=world.programme_manager)
    entry(pool, world.participant_a)
    return pool


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what services leave for after the commit (queueing tasks) at the end of the block,
    as a real request would: ``with committed(): services.run_start(...)``."""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def programme_facilitator(world):
    """A facilitator named for the whole trajectory by its programme manager: with the
    programme manager, the people who form its learning groups."""
    person = UserFactory(organisation=world.provider, full_name="Programma Begeleider")
    RoleFactory(person=person, role=Role.FACILITATOR, programme=world.trajectory)
    return person
