from __future__ import annotations

from collections.abc import Sequence

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kring.accounts.models import User
from kring.availability.services import set_weekly_slots
from kring.formation.models import Pool, PoolEntry
from tests.factories import UserFactory


class PoolFactory(DjangoModelFactory):
    class Meta:
        model = Pool

    name = factory.Sequence(lambda n: f"Leergroepen ronde {n + 1}")
    status = Pool.Status.OPEN
    search_seconds = 2


def entry(
    pool: Pool,
    person: User,
    *,
    task: str = "beleidsadvies",
    context: str = "Ministerie van Proef / DG Wonen / Team Noord",
    layer: int = 1,
    manager: User | None = None,
    slots: Sequence[int] | None = (0, 1, 2),
    status: str = PoolEntry.Status.SIGNED_UP,
) -> PoolEntry:
    """Someone in the pool, with their usual week."""
    if slots is not None:
        set_weekly_slots(person, slots)
    return PoolEntry.objects.create(
        pool=pool,
        person=person,
        task=task,
        work_context=context,
        layer=layer,
        manager=manager,
        status=status,
        signed_up_at=timezone.now() if status == PoolEntry.Status.SIGNED_UP else None,
        added_by=person,
    )


def colleagues(pool: Pool, count: int, **kwargs) -> list[PoolEntry]:
    """``count`` colleagues of the pool's client organisation, signed up."""
    organisation = pool.programme.client
    return [entry(pool, UserFactory(organisation=organisation), **kwargs) for _ in range(count)]
