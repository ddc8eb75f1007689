from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kring.learning.models import Meeting, Membership


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    task = "beleidsadvies"
    work_context = "Ministerie / DG Wonen / Team Noord"
    layer = Membership.Layer.STAFF
    status = Membership.Status.ACTIVE


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Bijeenkomst {n + 1}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(weeks=2))
