"""Writes about invitations: sending, resending, withdrawing and accepting them. Views,
commands and (later) the API all come through here, so the rules hold whichever way a change
arrives."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import Organisation, User, normalise_email
from kring.accounts.services import email_taken
from kring.audit.services import audit_record
from kring.invitations.models import Invitation
from kring.invitations.tasks import send_invitation_email
from kring.learning.models import Membership
from kring.learning.services import (
    group_size_problem,
    late_join_check,
    member_add,
    membership_from_invitation,
)
from kring.programmes.models import Group, Programme, Role, RoleAssignment
from kring.programmes.services import (
    _role_assign,
    role_assign,
    role_grant_check,
    role_scope_check,
)


def invitation_send(
    *,
    inviter: User,
    email: str,
    full_name: str,
    organisation: Organisation | None,
    language: str = "nl",
    programme: Programme | None = None,
    group: Group | None = None,
    role: str = "",
    message: str = "",
    late_join_reason: str = "",
) -> Invitation:
    """Invite someone by e-mail; the mail itself goes out through the task queue.

    Rules: one account per e-mail address, and one open invitation per address, so that a
    person never receives two competing links. A role offered with the invitation must fit
    its programme or group, and the inviter must be allowed to grant it: nobody grants by
    invitation what they may not assign directly (the same rules as a direct assignment).
    """
    email = normalise_email(email)
    if email_taken(email):
        raise ValidationError(
            {"email": _("Someone with this e-mail address already has an account.")}
        )
    if Invitation.objects.open().filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This address already has an open invitation. Resend that one instead.")}
        )
    if role:
        role_scope_check(role=role, programme=programme, group=group)
        role_grant_check(actor=inviter, role=role, programme=programme, group=group, person=None)
    late = False
    if group is not None and _joins_learning_group(role, group):
        late = late_join_check(group, late_join_reason)
        problem = group_size_problem(group)
        if problem:
            raise ValidationError({"group": problem})
    with transaction.atomic():
        invitation = Invitation(
            email=email,
            full_name=full_name.strip(),
            organisation=organisation,
            language=language,
            programme=programme,
            group=group,
            role=role,
            message=message.strip(),
            late_join_reason=late_join_reason.strip() if late else "",
            invited_by=inviter,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        invitation.full_clean()
        invitation.save()
        audit_record(actor=inviter, action="invitation.send", obj=invitation, detail={"role": role})
        transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk))
    return invitation


def person_add(
    *,
    actor: User,
    programme: Programme,
    group: Group | None,
    role: str,
    person: User | None = None,
    email: str = "",
    full_name: str = "",
    organisation: Organisation | None = None,
    language: str = "nl",
    message: str = "",
    task: str = "",
    work_context: str = "",
    layer: int = Membership.Layer.STAFF,
    manager: User | None = None,
    late_join_reason: str = "",
) -> Membership | RoleAssignment | Invitation:
    """The one way to add someone to a programme or one of its groups.

    A colleague who has an account (``person``) gets the role at once; as a participant of a
    learning group they are invited into it and take part once they confirm, with the
    late-joiner and group-size rules of ``member_add``. A new address (``email``) gets a Kring
    invitation that carries the role, and the reason for joining late where the group has met.
    Only a role the actor may grant in this place, to this person (``access.may_grant``).
    """
    access.require(actor, access.Action.MANAGE_ROLES, group or programme)
    if person is None:
        return invitation_send(
            inviter=actor,
            email=email,
            full_name=full_name,
            organisation=organisation,
            language=language,
            programme=programme,
            group=group,
            role=role,
            message=message,
            late_join_reason=late_join_reason,
        )
    if group is not None and _joins_learning_group(role, group):
        role_grant_check(actor=actor, role=role, programme=programme, group=group, person=person)
        return member_add(
            actor=actor,
            group=group,
            person=person,
            task=task,
            work_context=work_context,
            layer=layer,
            manager=manager,
            late_join_reason=late_join_reason,
        )
    return role_assign(actor=actor, person=person, role=role, programme=programme, group=group)


def invitation_resend(*, actor: User, invitation: Invitation) -> Invitation:
    """Send the link again with a fresh validity period; an accepted one cannot be resent."""
    if invitation.accepted_at or invitation.revoked_at or not _sender_may_still_grant(invitation):
        raise ValidationError(_("This invitation can no longer be sent."))
    with transaction.atomic():
        invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
        invitation.save(update_fields=["expires_at"])
        audit_record(actor=actor, action="invitation.resend", obj=invitation)
        transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk))
    return invitation


def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    access.require(actor, access.Action.REVOKE, invitation)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been accepted."))
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="invitation.revoke", obj=invitation)
    return invitation


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Why a link cannot be used, in words for the person who clicked it; None when it can."""
    if invitation is None:
        return _("This invitation link is not valid. Check that you copied the whole link.")
    if invitation.accepted_at:
        return _("This invitation has already been used. You can log in with your account.")
    if invitation.revoked_at:
        return _("This invitation has been withdrawn. Ask the person who invited you.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Ask %(name)s to send you a new one.") % {
            "name": invitation.invited_by.full_name
        }
    if not _sender_may_still_grant(invitation):
        return _(
            "%(name)s can no longer give the role this invitation offers, so the link no longer "
            "works. Ask %(name)s or the programme manager for a new invitation."
        ) % {"name": invitation.invited_by.full_name}
    return None


def _sender_may_still_grant(invitation: Invitation) -> bool:
    """An invitation grants only what its sender may grant at the moment it is used: a
    facilitator who has left the group no longer brings anyone into it."""
    return not invitation.role or access.may_grant(
        invitation.invited_by,
        invitation.role,
        programme=invitation.programme,
        group=invitation.group,
        person=None,
    )


def _joins_learning_group(role: str, group: Group | None) -> bool:
    return (
        role == Role.PARTICIPANT and group is not None and group.kind == Group.Kind.LEARNING_GROUP
    )


def invitation_accept(*, invitation: Invitation, full_name: str, password: str) -> User:
    """Create the account, grant the role that came with the invitation, close the link."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        problem = invitation_problem(locked)
        if problem:
            raise ValidationError(problem)
        if email_taken(locked.email):
            raise ValidationError(_("Someone with this e-mail address already has an account."))
        person = User(
            email=locked.email,
            full_name=full_name.strip(),
            organisation=locked.organisation,
            language=locked.language,
        )
        validate_password(password, user=person)
        person.set_password(password)
        person.full_clean()
        person.save()
        if locked.group is not None and _joins_learning_group(locked.role, locked.group):
            # Taking part in a learning group is confirmed in the group itself, like every
            # member: the account comes first, the membership waits for their "yes".
            membership_from_invitation(
                person=person,
                group=locked.group,
                invited_by=locked.invited_by,
                late_join_reason=locked.late_join_reason,
            )
        elif locked.role:
            # invitation_problem() checked just now that the sender may still grant this role
            # to a new address; the new account is that address.
            _role_assign(
                actor=locked.invited_by,
                person=person,
                role=locked.role,
                programme=locked.programme,
                group=locked.group,
            )
        locked.accepted_at = timezone.now()
        locked.accepted_by = person
        locked.save(update_fields=["accepted_at", "accepted_by"])
        audit_record(actor=person, action="invitation.accept", obj=locked)
    return person


def pending_group_invitation(person: User) -> int | None:
    """The learning-group membership a newly arrived person still has to confirm, if any."""
    return (
        Membership.objects.filter(person=person, status=Membership.Status.INVITED)
        .order_by("-invited_at")
        .values_list("pk", flat=True)
        .first()
    )
