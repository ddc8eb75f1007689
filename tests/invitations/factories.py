from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from kring.invitations.models import Invitation
from tests.factories import UserFactory


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"nieuw{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Nieuwe Persoon {n}")
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(
        lambda: datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=14)
    )
