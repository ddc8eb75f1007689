"""Services: the rules they enforce, the audit trail they leave, and that refused input
changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kring.accounts import services as accounts
from kring.accounts.models import Invitation, User
from kring.audit.models import AuditEntry
from kring.core.exceptions import EditConflict
from kring.programmes import services
from kring.programmes.models import Group, Programme, Role, RoleAssignment
from tests.factories import InvitationFactory


def test_creating_a_programme_makes_the_creator_its_manager_and_is_audited(world):
    programme = services.programme_create(
        actor=world.programme_manager,
        name="  Nieuw traject ",
        kind=Programme.Kind.IN_COMPANY,
        provider=world.provider,
        client=world.client,
    )
    assert programme.name == "Nieuw traject"
    assert RoleAssignment.objects.filter(
        person=world.programme_manager, programme=programme, role=Role.PROGRAMME_MANAGER
    ).exists()
    assert AuditEntry.objects.filter(action="programme.create", object_id=str(programme.pk))


def test_an_in_company_trajectory_needs_a_client(world):
    before = Programme.objects.count()
    with pytest.raises(ValidationError) as error:
        services.programme_create(
            actor=world.programme_manager,
            name="Zonder opdrachtgever",
            kind=Programme.Kind.IN_COMPANY,
            provider=world.provider,
        )
    assert "client" in error.value.message_dict
    assert Programme.objects.count() == before


def test_end_before_start_is_refused(world):
    with pytest.raises(ValidationError):
        services.programme_create(
            actor=world.programme_manager,
            name="Achterstevoren",
            kind=Programme.Kind.OPEN,
            provider=world.provider,
            starts_on=datetime.date(2027, 5, 1),
            ends_on=datetime.date(2027, 4, 1),
        )


def test_only_programme_managers_create_programmes(world):
    with pytest.raises(PermissionDenied):
        services.programme_create(
            actor=world.facilitator_a,
            name="Eigen initiatief",
            kind=Programme.Kind.OPEN,
            provider=world.provider,
        )


def test_a_stale_edit_is_refused_and_overwrites_nothing(world):
    programme = world.trajectory
    services.programme_update(
        actor=world.programme_manager,
        programme=Programme.objects.get(pk=programme.pk),
        expected_version=1,
        name="Eerste versie",
    )
    with pytest.raises(EditConflict):
        services.programme_update(
            actor=world.admin,
            programme=Programme.objects.get(pk=programme.pk),
            expected_version=1,
            name="Tweede versie",
        )
    fresh = Programme.objects.get(pk=programme.pk)
    assert (fresh.name, fresh.version) == ("Eerste versie", 2)


def test_an_over_long_name_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.group_create(
            actor=world.programme_manager,
            programme=world.trajectory,
            name="x" * 201,
            kind=Group.Kind.LEARNING_GROUP,
        )
    assert "name" in error.value.message_dict
    assert not Group.objects.filter(name__startswith="xxx").exists()


def test_group_names_are_unique_within_a_programme(world):
    with pytest.raises(ValidationError):
        services.group_create(
            actor=world.programme_manager,
            programme=world.trajectory,
            name="Leergroep A",
            kind=Group.Kind.LEARNING_GROUP,
        )


def test_roles_must_fit_their_place(world):
    with pytest.raises(ValidationError):
        services.role_assign(
            actor=world.programme_manager,
            person=world.outsider,
            role=Role.CLIENT_CONTACT,
            programme=world.trajectory,
            group=world.group_a,
        )
    with pytest.raises(ValidationError):
        services.role_assign(
            actor=world.admin, person=world.outsider, role=Role.PARTICIPANT, programme=None
        )


def test_the_same_role_twice_in_one_place_is_refused(world):
    with pytest.raises(ValidationError):
        services.role_assign(
            actor=world.facilitator_a,
            person=world.participant_a,
            role=Role.PARTICIPANT,
            programme=world.trajectory,
            group=world.group_a,
        )


def test_a_facilitator_cannot_staff_another_group(world):
    with pytest.raises(PermissionDenied):
        services.role_assign(
            actor=world.facilitator_a,
            person=world.outsider,
            role=Role.PARTICIPANT,
            programme=world.trajectory,
            group=world.group_b,
        )


def test_inviting_an_existing_address_is_refused(world):
    with pytest.raises(ValidationError) as error:
        accounts.invitation_send(
            inviter=world.programme_manager,
            email="PARTICIPANT_A@example.org",
            full_name="Dubbel",
            organisation=None,
        )
    assert "email" in error.value.message_dict
    assert not Invitation.objects.exists()


def test_a_second_open_invitation_to_one_address_is_refused(world):
    accounts.invitation_send(
        inviter=world.programme_manager, email="nieuw@example.org", full_name="N", organisation=None
    )
    with pytest.raises(ValidationError):
        accounts.invitation_send(
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
    person = accounts.invitation_accept(
        invitation=invitation, full_name="Nieuwe Collega", password="leren-in-de-kring-42"
    )
    assert person.check_password("leren-in-de-kring-42")
    assert RoleAssignment.objects.filter(
        person=person, group=world.group_a, role=Role.TEACHER
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == person
    with pytest.raises(ValidationError):
        accounts.invitation_accept(
            invitation=invitation, full_name="Nog eens", password="leren-in-de-kring-42"
        )


def test_an_expired_invitation_creates_nothing(world):
    invitation = InvitationFactory(
        invited_by=world.facilitator_a, expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError):
        accounts.invitation_accept(
            invitation=invitation, full_name="Te laat", password="leren-in-de-kring-42"
        )
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_weak_password_creates_nothing(world):
    invitation = InvitationFactory(invited_by=world.facilitator_a)
    with pytest.raises(ValidationError):
        accounts.invitation_accept(invitation=invitation, full_name="Zwak", password="12345")
    assert not User.objects.filter(email=invitation.email).exists()


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User.objects.create_user("argon@example.org", "een-sterk-wachtwoord", full_name="A")
    assert user.password.startswith("argon2")


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
    person = accounts.invitation_accept(
        invitation=invitation, full_name="Nieuwe Collega", password="leren-in-de-kring-42"
    )
    membership = Membership.objects.get(person=person, group=world.group_a)
    assert membership.status == Membership.Status.INVITED
    assert membership.needs_work_details
    assert not RoleAssignment.objects.filter(person=person, group=world.group_a).exists()
    assert accounts.pending_group_invitation(person) == membership.pk

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


def test_no_invitation_into_a_learning_group_once_it_has_met(world):
    from kring.learning.models import Meeting
    from tests.learning.factories import MeetingFactory

    MeetingFactory(group=world.group_a, number=1, status=Meeting.Status.HELD)
    with pytest.raises(ValidationError) as error:
        accounts.invitation_send(
            inviter=world.facilitator_a,
            email="laat@example.org",
            full_name="Laat",
            organisation=world.client,
            programme=world.trajectory,
            group=world.group_a,
            role=Role.PARTICIPANT,
        )
    assert "eerste bijeenkomst" in error.value.message_dict["group"][0]
    assert not Invitation.objects.exists()
