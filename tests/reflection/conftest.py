from __future__ import annotations

from dataclasses import dataclass

import pytest

from kring.accounts.models import User
from kring.learning.models import Meeting
from kring.programmes.models import Role
from kring.reflection.models import Assignment
from tests.conftest import World
from tests.factories import RoleFactory, UserFactory
from tests.reflection.factories import AssignmentFactory, MeetingFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of these tests land in a temporary directory, never in var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@dataclass
class Scene:
    """Group A with a second member, a meeting three weeks ahead and an assignment for it."""

    world: World
    meeting: Meeting
    assignment: Assignment
    colleague_a: User


@pytest.fixture
def scene(world) -> Scene:
    colleague = UserFactory(email="colleague_a@example.org", full_name="Colleague A")
    RoleFactory(person=colleague, role=Role.PARTICIPANT, group=world.group_a)
    meeting = MeetingFactory(group=world.group_a, number=1, title="Start")
    assignment = AssignmentFactory(meeting=meeting, created_by=world.facilitator_a)
    return Scene(world=world, meeting=meeting, assignment=assignment, colleague_a=colleague)
