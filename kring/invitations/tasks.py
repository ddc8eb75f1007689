"""Background work for invitations, run by the database-backed task worker."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from kring.accounts.models import User
from kring.core.mail import send_templated_mail
from kring.invitations.models import Invitation
from kring.invitations.tokens import invitation_token
from kring.notifications.models import Notification
from kring.notifications.services import notify


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
        "invitations:invitation_accept", kwargs={"token": invitation_token(invitation)}
    )
    # Someone who already has an account also finds it in Kring. The one-time link stays
    # in the e-mail alone: a notification only says where to look.
    existing = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    if existing is not None:
        notify(
            recipient=existing,
            kind=Notification.Kind.INVITATION,
            params={"inviter": invitation.invited_by.full_name},
        )
    send_templated_mail(
        to=invitation.email,
        language=invitation.language,
        template="invitations/email/invitation",
        context={"invitation": invitation, "link": link},
    )
    return True
