"""Failed logins are throttled per e-mail address from one place, and also across accounts:
one network trying many accounts, and one account tried from many networks."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

LOGIN = "/login/"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_ATTEMPTS_PER_IP = 5
    settings.LOGIN_ATTEMPTS_PER_ACCOUNT = 4


def _from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def _fail(client: Client, email: str, times: int = 1) -> None:
    for _ in range(times):
        response = client.post(LOGIN, {"username": email, "password": "fout"})
        assert response.status_code in {200, 429}


def _log_in(client: Client, email: str):
    return client.post(LOGIN, {"username": email, "password": PASSWORD})


def test_one_network_trying_many_accounts_is_paused(db, settings):
    people = [UserFactory() for _ in range(6)]
    attacker = _from("203.0.113.7")
    # One wrong password for each of five accounts: under the limit per account everywhere.
    for person in people[:5]:
        _fail(attacker, person.email)
    response = _log_in(attacker, people[5].email)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Te veel pogingen" in page and "Vanaf jouw netwerk" in page
    assert "Probeer het over 15 minuten opnieuw." in page
    assert "_auth_user_id" not in attacker.session
    # Someone elsewhere logs in as usual.
    assert _log_in(_from("198.51.100.20"), people[5].email).status_code == 302


def test_one_account_tried_from_many_networks_is_paused(db):
    person = UserFactory()
    for number in range(4):
        _fail(_from(f"203.0.113.{number + 1}"), person.email)
    response = _log_in(_from("198.51.100.20"), person.email)
    assert response.status_code == 429
    assert "vanaf verschillende plekken" in response.content.decode()
    # Other accounts are not affected.
    assert _log_in(_from("198.51.100.20"), UserFactory().email).status_code == 302


def test_an_address_from_one_place_keeps_its_own_lower_limit(db):
    person = UserFactory()
    client = _from("203.0.113.7")
    _fail(client, person.email, times=3)
    response = _log_in(client, person.email)
    assert response.status_code == 429
    assert "met dit e-mailadres" in response.content.decode()


def test_changing_the_case_of_the_address_does_not_start_a_new_count(db):
    person = UserFactory(email="anna@example.org")
    for number, spelling in enumerate(["Anna@example.org", "ANNA@example.org", "anna@Example.org"]):
        _fail(_from(f"203.0.113.{number + 1}"), spelling)
    _fail(_from("203.0.113.9"), "aNNa@example.org")
    assert _log_in(_from("198.51.100.20"), person.email).status_code == 429


def test_logging_in_to_ones_own_account_does_not_clear_failures_against_others(db):
    attacker = UserFactory()
    victims = [UserFactory() for _ in range(5)]
    client = _from("203.0.113.7")
    for victim in victims[:4]:
        _fail(client, victim.email)
    assert _log_in(client, attacker.email).status_code == 302
    client.post(reverse("accounts:logout"))
    _fail(client, victims[4].email)
    assert _log_in(client, attacker.email).status_code == 429


def test_the_pause_is_explained_in_english_too(db):
    person = UserFactory(language="en")
    client = _from("203.0.113.7")
    client.cookies["kring_language"] = "en"
    _fail(client, person.email, times=3)
    page = _log_in(client, person.email).content.decode()
    assert "Too many attempts" in page
    assert "too many failed attempts to log in with this e-mail address" in page
    assert "Try again in 15 minutes." in page
