from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.utils import timezone, translation

from kring.accounts.models import Organisation, User
from kring.programmes.models import Group, Programme, Role
from tests.factories import (
    GroupFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProviderFactory,
    RoleFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in Kring's default language: a test that switches language (as a
    user can) must not change what the next test reads."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class World:
    """The personas of every authorization test: one in-company trajectory with learning
    groups A and B, an open programme, and a person for each role (as in the demo data)."""

    provider: Organisation
    client: Organisation
    trajectory: Programme
    open_programme: Programme
    group_a: Group
    group_b: Group
    admin: User
    programme_manager: User
    facilitator_a: User
    facilitator_b: User
    participant_a: User
    participant_b: User
    client_contact: User
    teacher: User
    team_leader: User
    outsider: User

    def persona(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


PERSONAS = [
    "anonymous",
    "admin",
    "programme_manager",
    "facilitator_a",
    "facilitator_b",
    "participant_a",
    "participant_b",
    "client_contact",
    "teacher",
    "team_leader",
    "outsider",
]


@pytest.fixture
def world(db) -> World:
    provider = ProviderFactory()
    client = OrganisationFactory(name="Ministerie van Proef")
    trajectory = ProgrammeFactory(name="Samen leren", provider=provider, client=client)
    open_programme = ProgrammeFactory(
        name="Open leergang", kind=Programme.Kind.OPEN, provider=provider, client=None
    )
    group_a = GroupFactory(programme=trajectory, name="Leergroep A")
    group_b = GroupFactory(programme=trajectory, name="Leergroep B")
    GroupFactory(programme=open_programme, name="Cohort", kind=Group.Kind.COHORT)

    def person(name: str, organisation: Organisation, **extra) -> User:
        return UserFactory(
            email=f"{name}@example.org",
            full_name=name.replace("_", " ").title(),
            organisation=organisation,
            **extra,
        )

    admin = person("admin", provider, is_staff=True, is_superuser=True)
    manager = person("programme_manager", provider)
    RoleFactory(person=manager, role=Role.PROGRAMME_MANAGER, programme=None)
    RoleFactory(person=manager, role=Role.PROGRAMME_MANAGER, programme=trajectory)
    facilitator_a = person("facilitator_a", provider)
    RoleFactory(person=facilitator_a, role=Role.FACILITATOR, group=group_a)
    facilitator_b = person("facilitator_b", provider)
    RoleFactory(person=facilitator_b, role=Role.FACILITATOR, group=group_b)
    participant_a = person("participant_a", client)
    RoleFactory(person=participant_a, role=Role.PARTICIPANT, group=group_a)
    participant_b = person("participant_b", client)
    RoleFactory(person=participant_b, role=Role.PARTICIPANT, group=group_b)
    client_contact = person("client_contact", client)
    RoleFactory(person=client_contact, role=Role.CLIENT_CONTACT, programme=trajectory)
    teacher = person("teacher", provider)
    RoleFactory(person=teacher, role=Role.TEACHER, programme=trajectory)
    team_leader = person("team_leader", client)
    RoleFactory(person=team_leader, role=Role.TEAM_LEADER, programme=trajectory)
    outsider = person("outsider", OrganisationFactory(name="Elders"))
    return World(
        provider=provider,
        client=client,
        trajectory=trajectory,
        open_programme=open_programme,
        group_a=group_a,
        group_b=group_b,
        admin=admin,
        programme_manager=manager,
        facilitator_a=facilitator_a,
        facilitator_b=facilitator_b,
        participant_a=participant_a,
        participant_b=participant_b,
        client_contact=client_contact,
        teacher=teacher,
        team_leader=team_leader,
        outsider=outsider,
    )


@pytest.fixture
def as_user(client):
    """Log a persona in on the test client: ``as_user(world.facilitator_a)``."""

    def login(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


class Clock:
    """A fixed "now" for the code under test, which asks ``django.utils.timezone.now``.
    Rows keep their real creation times (model defaults hold the real function)."""

    def __init__(self, now: datetime.datetime) -> None:
        self.now = now

    def set(self, now: datetime.datetime) -> None:
        self.now = now

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        """An aware moment on ``day`` in Kring's time zone (Europe/Amsterdam)."""
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# A Saturday in December, as in the issue that made the cycle date-aware.
FIXED_NOW = datetime.datetime(2026, 12, 5, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """``clock.now`` is what Kring takes for now (5 December 2026, 11:00 in Amsterdam, unless
    ``clock.set`` moves it)."""
    fixed = Clock(FIXED_NOW)
    monkeypatch.setattr(timezone, "now", lambda: fixed.now)
    return fixed
