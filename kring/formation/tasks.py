"""Background work for forming learning groups, run by the database-backed task worker."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from kring.formation.models import PoolEntry


@task()
def form_groups(run_id: int) -> str:
    """Let the grouping engine propose groups for a run; the run page shows its progress."""
    from kring.formation.services import run_execute

    return run_execute(run_id)


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
    context = {"entry": entry, "link": link}
    with translation.override(entry.person.language):
        subject = render_to_string("formation/email/pool_invitation_subject.txt", context).strip()
        body = render_to_string("formation/email/pool_invitation.txt", context)
        html = render_to_string("formation/email/pool_invitation.html", context)
    message = EmailMultiAlternatives(subject, body, to=[entry.person.email])
    message.attach_alternative(html, "text/html")
    message.send()
    return True
