"""Logging in and out, profile and language, as people experience them."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD


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
