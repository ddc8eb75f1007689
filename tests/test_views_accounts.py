"""Logging in and out, invitations, profile and language, as people experience them."""

from __future__ import annotations

import datetime
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kring.accounts.models import Invitation, User
from kring.accounts.tokens import invitation_token
from kring.programmes.models import RoleAssignment
from tests.factories import PASSWORD, InvitationFactory
from tests.helpers import run_queued_tasks


def test_logging_in_with_email_and_password_lands_on_the_overview(world, client):
    response = client.post(
        reverse("accounts:login"),
        {"username": "Facilitator_A@example.org", "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("site:dashboard")
    assert "Leergroep A" in response.content.decode()


def test_a_wrong_password_gets_a_clear_message_and_no_session(world, client):
    response = client.post(
        reverse("accounts:login"), {"username": "facilitator_a@example.org", "password": "nee"}
    )
    assert response.status_code == 200
    assert "horen niet bij elkaar" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_are_throttled(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"), {"username": "teacher@example.org", "password": "fout"}
        )
    response = client.post(
        reverse("accounts:login"), {"username": "teacher@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_in_dutch(world, client):
    client.post(reverse("accounts:password_reset"), {"email": "participant_a@example.org"})
    assert len(mail.outbox) == 1
    assert "nieuw wachtwoord" in mail.outbox[0].body
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    response = client.get(link, follow=True)
    assert "Kies een nieuw wachtwoord" in response.content.decode()


def test_inviting_sends_a_mail_through_the_task_queue_and_the_link_creates_the_account(
    world, as_user, django_capture_on_commit_callbacks
):
    client = as_user(world.facilitator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitation_create"),
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
    url = reverse("accounts:invitation_accept", args=[invitation_token(invitation)])
    response = client.post(url, {"full_name": "X", "password1": "a" * 12, "password2": "a" * 12})
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_forged_invitation_link_is_refused(world, client):
    invitation = InvitationFactory(invited_by=world.facilitator_a)
    response = client.get(reverse("accounts:invitation_accept", args=[f"{invitation.pk}-abc"]))
    assert response.status_code == 410


def test_inviting_a_known_address_keeps_the_form_and_explains(world, as_user):
    client = as_user(world.programme_manager)
    response = client.post(
        reverse("accounts:invitation_create"),
        {"full_name": "Dubbel", "email": "teacher@example.org", "language": "nl"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Er bestaat al een account met dit e-mailadres" in content
    assert 'value="Dubbel"' in content
    assert not Invitation.objects.exists()


def test_an_over_long_name_keeps_the_form_and_explains(world, as_user):
    client = as_user(world.participant_a)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "n" * 151, "job_title": "", "language": "nl"}
    )
    assert response.status_code == 200
    assert "niet meer dan 150 tekens" in response.content.decode()
    world.participant_a.refresh_from_db()
    assert world.participant_a.full_name == "Participant A"


def test_the_language_follows_the_person(world, as_user):
    client = as_user(world.participant_a)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/dashboard/"})
    world.participant_a.refresh_from_db()
    assert world.participant_a.language == "en"
    response = client.get(reverse("site:dashboard"))
    assert "My overview" in response.content.decode()
    assert response["Content-Language"] == "en"


def test_an_unknown_language_changes_nothing(world, as_user):
    client = as_user(world.participant_a)
    client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/dashboard/"})
    world.participant_a.refresh_from_db()
    assert world.participant_a.language == "nl"


def test_language_switch_never_redirects_off_site(client, db):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_logging_out_ends_the_session(world, as_user):
    client = as_user(world.teacher)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("site:dashboard")).status_code == 302


def test_organisation_list_query_count_does_not_grow(world, as_user, django_assert_max_num_queries):
    from tests.factories import OrganisationFactory

    client = as_user(world.admin)
    OrganisationFactory.create_batch(15)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("accounts:organisation_list")).status_code == 200


def test_invitation_list_query_count_does_not_grow(world, as_user, django_assert_max_num_queries):
    client = as_user(world.admin)
    InvitationFactory.create_batch(
        15, invited_by=world.facilitator_a, programme=world.trajectory, group=world.group_a
    )
    with django_assert_max_num_queries(9):
        assert client.get(reverse("accounts:invitation_list")).status_code == 200
