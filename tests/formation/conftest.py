from __future__ import annotations

import pytest

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
