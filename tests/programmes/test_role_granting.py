"""Granting roles: nobody grants a role they may not assign directly, whether they assign it
themselves or offer it with an invitation, and an invitation grants only what its sender may
still grant when it is accepted.

The tables below are the decision, role by role and place by place. ANYONE: granted to an
existing account and by invitation to a new address. COLLEAGUE: only to someone who already
has an account in the granter's own organisation (a co-facilitator), never by invitation.
Everything not in a table is refused."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kring import access
from kring.accounts.models import User
from kring.invitations import services as invitations
from kring.invitations.models import Invitation
from kring.invitations.tokens import invitation_token
from kring.learning.models import Membership
from kring.programmes import services
from kring.programmes.models import Role, RoleAssignment
from tests.conftest import World
from tests.factories import RoleFactory, UserFactory
from tests.invitations.factories import InvitationFactory

ANYONE, COLLEAGUE = "anyone", "colleague"

IN_A_GROUP = [Role.PARTICIPANT, Role.TEACHER, Role.GUEST_TEACHER, Role.FACILITATOR]
ORGANISATION_WIDE = [Role.PROGRAMME_MANAGER, Role.SUPPORT_STAFF, Role.TEAM_LEADER]
FACILITATING = {
    Role.PARTICIPANT: ANYONE,
    Role.TEACHER: ANYONE,
    Role.GUEST_TEACHER: ANYONE,
    Role.FACILITATOR: COLLEAGUE,
}

# Who may grant what, per place. A group's facilitators staff their own group; the programme
# manager staffs the whole programme; only a platform admin grants organisation-wide roles.
GRANTS: dict[str, dict[str, dict[str, str]]] = {
    "group_a": {
        "admin": dict.fromkeys(IN_A_GROUP, ANYONE),
        "programme_manager": dict.fromkeys(IN_A_GROUP, ANYONE),
        "facilitator_a": FACILITATING,
        "programme_facilitator": FACILITATING,
    },
    "trajectory": {
        "admin": dict.fromkeys(Role, ANYONE),
        "programme_manager": dict.fromkeys(Role, ANYONE),
    },
    "organisation": {"admin": dict.fromkeys(ORGANISATION_WIDE, ANYONE)},
}
GRANTERS = [
    "admin",
    "programme_manager",
    "programme_facilitator",
    "facilitator_a",
    "facilitator_b",
    "teacher",
    "participant_a",
    "client_contact",
    "team_leader",
]
CASES = [
    (place, role)
    for place, roles in [
        ("group_a", IN_A_GROUP),
        ("trajectory", list(Role)),
        ("organisation", ORGANISATION_WIDE),
    ]
    for role in roles
]


def _granter(world: World, name: str) -> User:
    if name == "programme_facilitator":
        # A facilitator for the whole trajectory (of every group in it), named by its manager.
        person = UserFactory(organisation=world.provider, full_name="Programma Begeleider")
        RoleFactory(person=person, role=Role.FACILITATOR, programme=world.trajectory)
        return person
    return world.persona(name)


def _place(world: World, place: str) -> dict:
    if place == "group_a":
        return {"programme": world.trajectory, "group": world.group_a}
    if place == "trajectory":
        return {"programme": world.trajectory, "group": None}
    return {"programme": None, "group": None}


def _holds(person: User, role: str, programme, group, invited: bool = False) -> bool:
    if invited and group is not None and role == Role.PARTICIPANT:
        # Taking part in a learning group after an invitation waits for the person's "yes".
        return Membership.objects.filter(person=person, group=group).exists()
    held = RoleAssignment.objects.filter(person=person, role=role)
    if group is not None:
        return held.filter(group=group).exists()
    return held.filter(group__isnull=True, programme=programme).exists()


@pytest.mark.parametrize(("place", "role"), CASES)
@pytest.mark.parametrize("granter", GRANTERS)
def test_assigning_a_role_directly(world, granter, place, role):
    actor = _granter(world, granter)
    where = _place(world, place)
    colleague = UserFactory(organisation=actor.organisation)
    allowed = GRANTS[place].get(granter, {}).get(role) in {ANYONE, COLLEAGUE}
    if allowed:
        services.role_assign(actor=actor, person=colleague, role=role, **where)
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            services.role_assign(actor=actor, person=colleague, role=role, **where)
    assert _holds(colleague, role, **where) == allowed
    assert access.may_grant(actor, role, person=colleague, **where) == allowed


@pytest.mark.parametrize(("place", "role"), CASES)
@pytest.mark.parametrize("granter", GRANTERS)
def test_offering_a_role_with_an_invitation(world, granter, place, role):
    inviter = _granter(world, granter)
    where = _place(world, place)
    allowed = GRANTS[place].get(granter, {}).get(role) == ANYONE

    def send() -> Invitation:
        return invitations.invitation_send(
            inviter=inviter,
            email="nieuw@example.org",
            full_name="Nieuwe Collega",
            organisation=inviter.organisation,
            role=role,
            **where,
        )

    if not allowed:
        with pytest.raises(ValidationError):
            send()
        assert not Invitation.objects.exists()
        return
    person = invitations.invitation_accept(
        invitation=send(), full_name="Nieuwe Collega", password="leren-in-de-kring-42"
    )
    assert _holds(person, role, invited=True, **where)


def test_a_facilitator_gives_the_facilitator_role_only_to_a_colleague(world):
    with pytest.raises(ValidationError) as error:
        services.role_assign(
            actor=world.facilitator_a,
            person=world.outsider,
            role=Role.FACILITATOR,
            programme=world.trajectory,
            group=world.group_a,
        )
    assert "je eigen organisatie" in str(error.value)
    assert not RoleAssignment.objects.filter(person=world.outsider).exists()
    # The teacher works for the same provider: a co-facilitator of group A.
    services.role_assign(
        actor=world.facilitator_a,
        person=world.teacher,
        role=Role.FACILITATOR,
        programme=world.trajectory,
        group=world.group_a,
    )
    assert access.facilitates(User.objects.get(pk=world.teacher.pk), world.group_a)


def test_an_invitation_grants_only_what_its_sender_may_still_grant(world, client):
    invitation = invitations.invitation_send(
        inviter=world.facilitator_a,
        email="nieuw@example.org",
        full_name="Nieuwe Collega",
        organisation=world.provider,
        programme=world.trajectory,
        group=world.group_a,
        role=Role.TEACHER,
    )
    RoleAssignment.objects.filter(person=world.facilitator_a).delete()
    with pytest.raises(ValidationError):
        invitations.invitation_accept(
            invitation=invitation, full_name="Nieuwe Collega", password="leren-in-de-kring-42"
        )
    assert not User.objects.filter(email="nieuw@example.org").exists()
    response = client.get(
        reverse("invitations:invitation_accept", args=[invitation_token(invitation)])
    )
    assert response.status_code == 410
    assert "kan de rol die deze uitnodiging aanbiedt niet meer geven" in response.content.decode()


def test_an_old_invitation_with_a_role_beyond_its_sender_is_refused_on_accepting(world):
    """Invitations sent before the rule existed are checked again when they are used."""
    invitation = InvitationFactory(
        invited_by=world.facilitator_a,
        programme=world.trajectory,
        role=Role.PROGRAMME_MANAGER,
        organisation=world.provider,
    )
    with pytest.raises(ValidationError):
        invitations.invitation_accept(
            invitation=invitation, full_name="Indringer", password="leren-in-de-kring-42"
        )
    assert not RoleAssignment.objects.filter(
        role=Role.PROGRAMME_MANAGER, person__email=invitation.email
    )


# --- The invitation form -----------------------------------------------------------------------


def _options(content: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', content, re.S)
    assert select is not None, name
    return re.findall(r'<option value="([^"]*)"', select.group(1))


def test_the_invitation_form_offers_a_facilitator_only_what_they_may_grant(world, as_user):
    content = as_user(world.facilitator_a).get(reverse("invitations:invitation_create")).content
    page = content.decode()
    assert _options(page, "role") == ["", "teacher", "guest_teacher", "participant"]
    assert _options(page, "group") == ["", str(world.group_a.pk)]
    assert "programmamanager" in page  # the hint says who invites new facilitators


def test_the_invitation_form_offers_a_programme_manager_every_role(world, as_user):
    page = as_user(world.programme_manager).get(reverse("invitations:invitation_create")).content
    roles = _options(page.decode(), "role")
    assert set(roles) == {"", *Role.values}


@pytest.mark.parametrize(
    ("role", "explained"),
    [
        ("programme_manager", "Deze rol kun je niet geven"),
        (
            "participant",
            "Kies de groep: deze rol kun je alleen geven in een groep die je begeleidt",
        ),
    ],
)
def test_a_facilitator_posting_a_role_beyond_them_gets_a_form_error(
    world, as_user, role, explained
):
    response = as_user(world.facilitator_a).post(
        reverse("invitations:invitation_create"),
        {
            "full_name": "Nieuwe Collega",
            "email": "nieuw@example.org",
            "language": "nl",
            "programme": world.trajectory.pk,
            "role": role,
        },
    )
    assert response.status_code == 200
    assert explained in response.content.decode()
    assert not Invitation.objects.exists()


def _radios(content: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="([^"]*)"', content)


def test_adding_a_person_offers_a_facilitator_the_group_roles(world, as_user):
    url = reverse("invitations:group_person_add", args=[world.group_a.pk])
    client = as_user(world.facilitator_a)
    known = client.get(url, {"person": world.teacher.pk}).content.decode()
    assert _radios(known, "role") == ["facilitator", "teacher", "guest_teacher", "participant"]
    # A new address is never made facilitator by a facilitator.
    new = client.get(url, {"email": "nieuw@example.org"}).content.decode()
    assert _radios(new, "role") == ["teacher", "guest_teacher", "participant"]


def test_an_invitation_its_sender_can_no_longer_grant_is_not_sent_again(world):
    invitation = invitations.invitation_send(
        inviter=world.facilitator_a,
        email="nieuw@example.org",
        full_name="Nieuwe Collega",
        organisation=world.provider,
        programme=world.trajectory,
        group=world.group_a,
        role=Role.TEACHER,
    )
    RoleAssignment.objects.filter(person=world.facilitator_a).delete()
    with pytest.raises(ValidationError):
        invitations.invitation_resend(
            actor=world.facilitator_a, invitation=Invitation.objects.get(pk=invitation.pk)
        )
