"""The rules for sending and accepting invitations, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kring.accounts.models import User
from kring.invitations import services as invitations
from kring.invitations.models import Invitation
from kring.programmes.models import Role, RoleAssignment
from tests.invitations.factories import InvitationFactory


def test_inviting_an_existing_address_is_refused(world):
    with pytest.raises(ValidationError) as error:
        invitations.invitation_send(
            inviter=world.programme_manager,
            email="PARTICIPANT_A@example.org",
            full_name="Dubbel",
            organisation=None,
        )
    assert "email" in error.value.message_dict
    assert not Invitation.objects.exists()


def test_a_second_open_invitation_to_one_address_is_refused(world):
    invitations.invitation_send(
        inviter=world.programme_manager, email="nieuw@example.org", full_name="N", organisation=None
    )
    with pytest.raises(ValidationError):
        invitations.invitation_send(
            inviter=world.facilitator_a,
            email="Nieuw@Example.org",
            full_name="N",
            organisation=None,
        )
    assert Invitation.objects.count() == 1


def test_accepting_creates_the_account_with_the_offered_role(world):
    invitation = InvitationFactory(
        invited_by=world.facilitator_a,
        programme=world.trajectory,
        group=world.group_a,
        role=Role.TEACHER,
        organisation=world.client,
    )
    person = invitations.invitation_accept(
        invitation=invitation, full_name="Nieuwe Collega", password="leren-in-de-kring-42"
    )
    assert person.check_password("leren-in-de-kring-42")
    assert RoleAssignment.objects.filter(
        person=person, group=world.group_a, role=Role.TEACHER
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == person
    with pytest.raises(ValidationError):
        invitations.invitation_accept(
            invitation=invitation, full_name="Nog eens", password="leren-in-de-kring-42"
        )


def test_an_expired_invitation_creates_nothing(world):
    invitation = InvitationFactory(
        invited_by=world.facilitator_a, expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError):
        invitations.invitation_accept(
            invitation=invitation, full_name="Te laat", password="leren-in-de-kring-42"
        )
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_weak_password_creates_nothing(world):
    invitation = InvitationFactory(invited_by=world.facilitator_a)
    with pytest.raises(ValidationError):
        invitations.invitation_accept(invitation=invitation, full_name="Zwak", password="12345")
    assert not User.objects.filter(email=invitation.email).exists()


def test_taking_part_in_a_learning_group_waits_for_the_new_persons_yes(world):
    from kring.learning.models import Membership
    from kring.learning.services import membership_respond

    invitation = InvitationFactory(
        invited_by=world.facilitator_a,
        programme=world.trajectory,
        group=world.group_a,
        role=Role.PARTICIPANT,
        organisation=world.client,
    )
    person = invitations.invitation_accept(
        invitation=invitation, full_name="Nieuwe Collega", password="leren-in-de-kring-42"
    )
    membership = Membership.objects.get(person=person, group=world.group_a)
    assert membership.status == Membership.Status.INVITED
    assert membership.needs_work_details
    assert not RoleAssignment.objects.filter(person=person, group=world.group_a).exists()
    assert invitations.pending_group_invitation(person) == membership.pk

    with pytest.raises(ValidationError) as error:
        membership_respond(person=person, membership=membership, accept=True, details={})
    assert set(error.value.message_dict) == {"task", "work_context"}
    membership.refresh_from_db()
    assert membership.status == Membership.Status.INVITED

    membership_respond(
        person=person,
        membership=membership,
        accept=True,
        details={"task": "Beleidsadvies", "work_context": "Gemeente / Wonen", "layer": 2},
    )
    membership.refresh_from_db()
    assert (membership.status, membership.task, membership.layer) == (
        Membership.Status.ACTIVE,
        "Beleidsadvies",
        2,
    )
    assert RoleAssignment.objects.filter(
        person=person, group=world.group_a, role=Role.PARTICIPANT
    ).exists()


def test_an_invitation_into_a_learning_group_that_has_met_needs_a_reason(world):
    from kring.learning.models import Meeting
    from tests.learning.factories import MeetingFactory

    MeetingFactory(group=world.group_a, number=1, status=Meeting.Status.HELD)
    with pytest.raises(ValidationError) as error:
        invitations.invitation_send(
            inviter=world.facilitator_a,
            email="laat@example.org",
            full_name="Laat",
            organisation=world.client,
            programme=world.trajectory,
            group=world.group_a,
            role=Role.PARTICIPANT,
        )
    assert "eerste bijeenkomst" in error.value.message_dict["late_join_reason"][0]
    assert not Invitation.objects.exists()


def test_only_the_sender_or_an_admin_revokes_an_invitation(world):
    invitation = InvitationFactory(invited_by=world.facilitator_a)
    with pytest.raises(PermissionDenied):
        invitations.invitation_revoke(actor=world.facilitator_b, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    invitations.invitation_revoke(actor=world.facilitator_a, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
