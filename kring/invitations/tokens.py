"""One-time invitation links."""

from __future__ import annotations

from django.utils.crypto import constant_time_compare, salted_hmac

from kring.invitations.models import Invitation

# The salt keeps the name from when invitations lived in accounts: links already sent must
# keep working.
_SALT = "kring.accounts.invitation"


def invitation_token(invitation: Invitation) -> str:
    mac = salted_hmac(_SALT, f"{invitation.pk}:{invitation.nonce}:{invitation.email}").hexdigest()
    return f"{invitation.pk}-{mac}"


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link belongs to, whatever its state, or None for a forged link."""
    pk, _, mac = token.partition("-")
    if not pk.isdigit() or not mac:
        return None
    invitation = (
        Invitation.objects.select_related("programme", "group", "organisation", "invited_by")
        .filter(pk=int(pk))
        .first()
    )
    if invitation is None or not constant_time_compare(invitation_token(invitation), token):
        return None
    return invitation
