from __future__ import annotations

import pytest

from kring.learning.models import Membership
from tests.learning.factories import MeetingFactory, MembershipFactory


@pytest.fixture
def cycle(world):
    """Group A with participant A as an active member and two meetings."""
    MembershipFactory(group=world.group_a, person=world.participant_a)
    first = MeetingFactory(group=world.group_a, number=1, title="Start en contracteren")
    second = MeetingFactory(group=world.group_a, number=2, title="Verdieping")
    return world, first, second


def active(world, person, group=None) -> Membership:
    return MembershipFactory(group=group or world.group_a, person=person)
