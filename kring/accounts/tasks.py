"""Background work for accounts, run by the database-backed task worker."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from kring.accounts.models import Invitation
from kring.accounts.tokens import invitation_token


@task()
def send_invitation_email(invitation_id: int) -> bool:
    """Mail the one-time link, in the language chosen for the invitee, as text and HTML."""
    invitation = (
        Invitation.objects.select_related("invited_by", "programme", "group")
        .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    link = settings.BASE_URL + reverse(
        "accounts:invitation_accept", kwargs={"token": invitation_token(invitation)}
    )
    with translation.override(invitation.language):
        context = {"invitation": invitation, "link": link}
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation.txt", context)
        html = render_to_string("accounts/email/invitation.html", context)
    message = EmailMultiAlternatives(subject, body, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()
    return True
