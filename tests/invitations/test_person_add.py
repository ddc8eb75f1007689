"""One way to add a person to a programme or group: search a colleague by name or address,
or invite a new address; the role rules and the late-joiner rules hold either way."""

from __future__ import annotations

from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.invitations.models import Invitation
from kring.invitations.selectors import SEARCH_LIMIT
from kring.invitations.services import invitation_accept
from kring.learning.models import Meeting, Membership
from kring.programmes.models import Role, RoleAssignment
from tests.factories import UserFactory
from tests.learning.factories import MeetingFactory


def _url(world) -> str:
    return reverse("invitations:group_person_add", args=[world.group_a.pk])


def test_the_search_lists_colleagues_as_one_types_limited_and_within_the_organisations(
    world, as_user
):
    for number in range(SEARCH_LIMIT + 3):
        UserFactory(full_name=f"Jansen {number:02}", organisation=world.client)
    UserFactory(full_name="Jansen Elders", email="jansen@elders.example")  # another organisation
    client = as_user(world.facilitator_a)
    response = client.get(_url(world), {"q": "jansen"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200 and "<html" not in content
    assert content.count("?person=") == SEARCH_LIMIT
    assert f"{SEARCH_LIMIT} van {SEARCH_LIMIT + 3}" in content
    assert "Jansen Elders" not in content
    # A whole address finds its account wherever it is.
    found = client.get(_url(world), {"q": "jansen@elders.example"}, headers={"HX-Request": "true"})
    assert "Jansen Elders" in found.content.decode()


def test_a_new_address_is_offered_as_an_invitation(world, as_user):
    client = as_user(world.facilitator_a)
    content = client.get(_url(world), {"q": "nieuw@example.org"}).content.decode()
    assert "?email=nieuw%40example.org" in content
    # Typing an address that has an account leads to that person, not to an invitation.
    response = client.get(_url(world), {"email": world.outsider.email})
    assert response["Location"].endswith(f"?person={world.outsider.pk}")


def test_a_known_colleague_is_invited_into_the_learning_group(world, as_user):
    client = as_user(world.facilitator_a)
    page = client.get(_url(world), {"person": world.outsider.pk}).content.decode()
    assert "Outsider" in page and "---------" not in page
    response = client.post(
        _url(world),
        {"person": world.outsider.pk, "role": Role.PARTICIPANT, "task": "", "work_context": ""},
    )
    assert response.status_code == 400  # a participant's work describes the group
    assert not Membership.objects.filter(person=world.outsider).exists()
    response = client.post(
        _url(world),
        {
            "person": world.outsider.pk,
            "role": Role.PARTICIPANT,
            "task": "beleidsadvies",
            "work_context": "Ministerie / DG Wonen",
            "layer": "1",
        },
    )
    assert response["Location"] == reverse("learning:cycle", args=[world.group_a.pk])
    membership = Membership.objects.get(person=world.outsider, group=world.group_a)
    assert membership.status == Membership.Status.INVITED
    # Taking part is confirmed by the person: no role yet.
    assert not RoleAssignment.objects.filter(person=world.outsider, group=world.group_a).exists()


def test_a_late_joiner_needs_a_reason_known_or_new(world, as_user):
    MeetingFactory(group=world.group_a, number=1, status=Meeting.Status.HELD)
    following = MeetingFactory(group=world.group_a, number=2, status=Meeting.Status.PLANNED)
    client = as_user(world.facilitator_a)
    new = {"email": "nieuw@example.org", "full_name": "Nieuwe Collega", "language": "nl"}
    response = client.post(_url(world), {**new, "role": Role.PARTICIPANT})
    assert response.status_code == 400
    assert "opnieuw contracteren" in response.content.decode()
    assert not Invitation.objects.exists()
    response = client.post(
        _url(world),
        {**new, "role": Role.PARTICIPANT, "late_join_reason": "Vervangt een collega."},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="nieuw@example.org")
    assert invitation.late_join_reason == "Vervangt een collega."
    # Accepting it makes the next meeting start with re-contracting.
    person = invitation_accept(
        invitation=invitation, full_name="Nieuwe Collega", password="een-lang-wachtwoord-42"
    )
    membership = Membership.objects.get(person=person, group=world.group_a)
    assert membership.late_join_reason == "Vervangt een collega."
    following.refresh_from_db()
    assert following.recontracting


def test_a_facilitator_cannot_invite_a_new_facilitator(world, as_user):
    client = as_user(world.facilitator_a)
    page = client.get(_url(world), {"email": "nieuw@example.org"}).content.decode()
    assert 'value="facilitator"' not in page
    response = client.post(
        _url(world),
        {
            "email": "nieuw@example.org",
            "full_name": "Nieuw",
            "language": "nl",
            "role": "facilitator",
        },
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_a_programme_role_for_a_known_colleague(world, as_user):
    client = as_user(world.programme_manager)
    url = reverse("invitations:programme_person_add", args=[world.trajectory.pk])
    response = client.post(url, {"person": world.outsider.pk, "role": "steering_member"})
    assert response["Location"] == reverse(
        "programmes:programme_detail", args=[world.trajectory.pk]
    )
    assert RoleAssignment.objects.filter(person=world.outsider, role="steering_member").exists()
    assert AuditEntry.objects.filter(action="role.assign").exists()


def test_the_old_entry_points_lead_to_the_one_flow(world, as_user):
    client = as_user(world.facilitator_a)
    response = client.get(reverse("invitations:invitation_create"), {"group": world.group_a.pk})
    assert response["Location"] == _url(world)
    cycle = client.get(reverse("learning:cycle", args=[world.group_a.pk])).content.decode()
    group = client.get(reverse("programmes:group_detail", args=[world.group_a.pk])).content.decode()
    for page in (cycle, group):
        assert f'href="{_url(world)}"' in page
        assert "invitations/new/" not in page
        assert 'name="email"' not in page  # no side form


def test_outsiders_cannot_search(world, as_user):
    response = as_user(world.participant_a).get(_url(world), {"q": "fac"})
    assert response.status_code == 403
    # Someone of the same programme sees the group's name already: refused with a reason.
    response = as_user(world.facilitator_b).get(_url(world), {"q": "fac"})
    assert response.status_code == 403
    response = as_user(world.outsider).get(_url(world), {"q": "fac"})
    assert response.status_code == 404


def test_the_general_invitation_form_keeps_the_late_joiner_rules(world, as_user):
    """Inviting from "Invite someone" without coming from the group is the same flow: once
    the group has met, a new participant needs a reason, the form says so, nothing is sent
    without it, and the reason travels with the invitation."""
    MeetingFactory(group=world.group_a, number=1, status=Meeting.Status.HELD)
    following = MeetingFactory(group=world.group_a, number=2, status=Meeting.Status.PLANNED)
    client = as_user(world.programme_manager)
    url = reverse("invitations:invitation_create")
    form = client.get(url).content.decode()
    assert "Reden voor later aansluiten" in form and world.group_a.name in form
    sent = {
        "full_name": "Iris Laat",
        "email": "iris@example.org",
        "language": "nl",
        "programme": world.trajectory.pk,
        "group": world.group_a.pk,
        "role": Role.PARTICIPANT,
    }
    response = client.post(url, sent)
    assert response.status_code == 200  # the form again, as on every refusal here
    content = response.content.decode()
    assert "opnieuw contracteren" in content and "Iris Laat" in content  # input kept
    assert not Invitation.objects.exists()
    response = client.post(url, {**sent, "late_join_reason": "Komt terug van verlof."})
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="iris@example.org")
    assert invitation.late_join_reason == "Komt terug van verlof."
    person = invitation_accept(
        invitation=invitation, full_name="Iris Laat", password="een-lang-wachtwoord-42"
    )
    assert Membership.objects.get(person=person).late_join_reason == "Komt terug van verlof."
    following.refresh_from_db()
    assert following.recontracting


def test_the_general_invitation_form_asks_no_reason_before_the_group_meets(world, as_user):
    client = as_user(world.programme_manager)
    url = reverse("invitations:invitation_create")
    assert "Reden voor later aansluiten" not in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "full_name": "Iris Vroeg",
            "email": "vroeg@example.org",
            "language": "nl",
            "programme": world.trajectory.pk,
            "group": world.group_a.pk,
            "role": Role.PARTICIPANT,
        },
    )
    assert response.status_code == 302
    assert Invitation.objects.get(email="vroeg@example.org").late_join_reason == ""
