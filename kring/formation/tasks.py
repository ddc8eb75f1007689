"""Background tasks for forming learning groups, run by the database-backed task worker:
forming groups (``work.run_execute``) and the invitation to a pool. Services enqueue these;
nothing here calls back into services."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from kring.core.mail import send_templated_mail
from kring.formation import work
from kring.formation.models import PoolEntry
from kring.notifications.models import Notification
from kring.notifications.services import notify


@task()
def form_groups(run_id: int) -> str:
    """Let the grouping engine propose groups for a run; the run page shows its progress."""
    return work.run_execute(run_id)


@task()
def send_pool_invitation(entry_id: int) -> bool:
    """Ask someone a facilitator added to a pool whether they want to take part, in their
    own language, with what a learning group asks."""
    entry = (
        PoolEntry.objects.select_related("pool__programme", "person", "added_by")
        .filter(pk=entry_id, status=PoolEntry.Status.INVITED)
        .first()
    )
    if entry is None:
        return False
    link = settings.BASE_URL + reverse("formation:sign_up", args=[entry.pool_id])
    notify(
        recipient=entry.person,
        kind=Notification.Kind.POOL_INVITATION,
        params={"pool": entry.pool.name},
        link=reverse("formation:pool", args=[entry.pool_id]),
    )
    context = {"entry": entry, "link": link}
    send_templated_mail(
        to=entry.person.email,
        language=entry.person.language,
        template="formation/email/pool_invitation",
        context=context,
    )
    return True
