"""Inviting someone, and following the link in the mail, as people experience it."""

from __future__ import annotations

import datetime
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kring.accounts.models import User
from kring.invitations.models import Invitation
from kring.invitations.tokens import invitation_token
from kring.programmes.models import RoleAssignment
from tests.helpers import run_queued_tasks
from tests.invitations.factories import InvitationFactory


def test_inviting_sends_a_mail_through_the_task_queue_and_the_link_creates_the_account(
    world, as_user, django_capture_on_commit_callbacks
):
    client = as_user(world.facilitator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitations:invitation_create"),
            {
                "full_name": "Iris Nieuw",
                "email": "iris@example.org",
                "language": "nl",
                "programme": world.trajectory.pk,
                "group": world.group_a.pk,
                "role": "participant",
            },
        )
    assert response.status_code == 302
    assert mail.outbox == []  # not sent in the request: the worker sends it
    run_queued_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["iris@example.org"]
    assert "nodigt je uit" in message.subject
    assert message.alternatives  # an HTML part beside the plain text
    link = re.search(r"http://\S+/invite/\S+/", message.body).group(0)
    path = link.split("8000", 1)[1]
    client.logout()
    response = client.post(
        path,
        {
            "full_name": "Iris Nieuw",
            "password1": "samen-leren-2027",
            "password2": "samen-leren-2027",
        },
        follow=True,
    )
    # A learning group asks for her own "yes": she lands on the group's invitation page.
    iris = User.objects.get(email="iris@example.org")
    membership = iris.memberships.get(group=world.group_a)
    respond = reverse("learning:membership_respond", args=[membership.pk])
    assert response.redirect_chain[-1][0] == respond
    page = response.content.decode()
    assert "Wat een leergroep is" in page and "Je taak" in page
    assert not RoleAssignment.objects.filter(person=iris, group=world.group_a).exists()

    response = client.post(respond, {"answer": "yes", "task": "", "work_context": ""})
    assert response.status_code == 200
    assert "Beschrijf dit voordat je bevestigt" in response.content.decode()
    response = client.post(
        respond,
        {"answer": "yes", "task": "Beleidsadvies", "work_context": "Gemeente / Wonen", "layer": 1},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(person=iris, group=world.group_a).exists()


def test_an_expired_invitation_link_says_so_and_creates_nothing(world, client):
    invitation = InvitationFactory(
        invited_by=world.facilitator_a, expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    url = reverse("invitations:invitation_accept", args=[invitation_token(invitation)])
    response = client.post(url, {"full_name": "X", "password1": "a" * 12, "password2": "a" * 12})
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_forged_invitation_link_is_refused(world, client):
    invitation = InvitationFactory(invited_by=world.facilitator_a)
    response = client.get(reverse("invitations:invitation_accept", args=[f"{invitation.pk}-abc"]))
    assert response.status_code == 410


def test_inviting_a_known_address_keeps_the_form_and_explains(world, as_user):
    client = as_user(world.programme_manager)
    response = client.post(
        reverse("invitations:invitation_create"),
        {"full_name": "Dubbel", "email": "teacher@example.org", "language": "nl"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Er bestaat al een account met dit e-mailadres" in content
    assert 'value="Dubbel"' in content
    assert not Invitation.objects.exists()


def test_invitation_list_query_count_does_not_grow(world, as_user, django_assert_max_num_queries):
    client = as_user(world.admin)
    InvitationFactory.create_batch(
        15, invited_by=world.facilitator_a, programme=world.trajectory, group=world.group_a
    )
    with django_assert_max_num_queries(9):
        assert client.get(reverse("invitations:invitation_list")).status_code == 200


def test_the_mail_names_the_place_only_when_there_is_one(world):
    from kring.invitations.tasks import send_invitation_email

    everywhere = InvitationFactory(invited_by=world.admin, role="support_staff", language="nl")
    in_group = InvitationFactory(
        invited_by=world.programme_manager,
        role="participant",
        programme=world.trajectory,
        group=world.group_a,
        language="nl",
    )
    send_invitation_email.call(everywhere.pk)
    send_invitation_email.call(in_group.pk)
    first, second = mail.outbox
    assert "Je doet mee als Ondersteuning." in first.body
    assert "None" not in first.body and "None" not in first.alternatives[0][0]
    assert f"Je doet mee als Deelnemer in {world.group_a.name}." in second.body
