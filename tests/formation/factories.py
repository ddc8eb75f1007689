from __future__ import annotations

from collections.abc import Sequence

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kring.accounts.models import User
from kring.availability.models import WeeklyAvailability
from kring.availability.services import set_weekly_slots
from kring.formation.models import Pool, PoolEntry, RatherNot
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


def big_pool(pool: Pool, count: int, *, prefix: str = "Deelnemer") -> None:
    """``count`` colleagues of the client organisation in the pool, made in a few bulk
    inserts (a pool of thousands in seconds): every fourth has not filled in their week,
    every tenth is still waiting to confirm, every seventh would rather not meet the
    previous one."""
    organisation = pool.programme.client
    name = organisation.name if organisation else "Eigen organisatie"
    units = ["DG Wonen / Team Noord", "DG Wonen / Team Zuid", "DG Bouwen / Team Oost"]
    tasks = ["beleidsadvies", "toezicht", "juridisch advies", "projectleiding"]
    users = User.objects.bulk_create(
        User(
            email=f"{prefix.lower()}{n:05d}@pool.example.org",
            full_name=f"{prefix} {n:05d}",
            organisation=organisation,
            password="!",
        )
        for n in range(count)
    )
    WeeklyAvailability.objects.bulk_create(
        WeeklyAvailability(user=user, slots=[n % 15, (n + 4) % 15])
        for n, user in enumerate(users)
        if n % 4
    )
    now = timezone.now()
    entries = PoolEntry.objects.bulk_create(
        PoolEntry(
            pool=pool,
            person=user,
            task=tasks[n % len(tasks)],
            work_context=f"{name} / {units[n % 3]}",
            layer=1 + n % 4,
            status=PoolEntry.Status.INVITED if n % 10 == 9 else PoolEntry.Status.SIGNED_UP,
            signed_up_at=None if n % 10 == 9 else now,
            added_by=user,
        )
        for n, user in enumerate(users)
    )
    RatherNot.objects.bulk_create(
        RatherNot(entry=item, other=users[n - 1])
        for n, item in enumerate(entries)
        if n and n % 7 == 0
    )
