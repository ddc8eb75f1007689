"""Platform promises: production settings pass Django's deploy checks, errors are friendly,
the Content-Security-Policy is strict, demo data stays out of production."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import path

from kring.accounts.models import User
from kring.programmes.models import Group

PRODUCTION_ENV = {
    "KRING_ENV": "production",
    "KRING_SECRET_KEY": "x7!kq2-production-secret-for-the-deploy-check-9f3a0b1c2d3e4f5a6b7c",
    "KRING_ALLOWED_HOSTS": "kring.example.org",
    "KRING_DATABASE_URL": "sqlite:////tmp/kring-deploy-check.sqlite3",
}


def _kring(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KRING_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "kring.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_check():
    result = _kring("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "KRING_SECRET_KEY"}
    result = _kring("check", env=env)
    assert result.returncode != 0
    assert "KRING_SECRET_KEY" in result.stderr


def test_demo_data_is_never_loaded_in_production(settings, db):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not User.objects.exists()


def test_demo_data_loads_once_and_keeps_what_people_changed(db):
    call_command("load_demo", if_empty=True, verbosity=0)
    emails = set(User.objects.values_list("email", flat=True))
    expected = {
        "beheer@demo.kring", "programmamanager@demo.kring", "leerbegeleider@demo.kring",
        "leerbegeleider2@demo.kring", "opdrachtgever@demo.kring", "docent@demo.kring",
        "teamleider@demo.kring", *(f"deelnemer{n}@demo.kring" for n in range(1, 11)),
    }  # fmt: skip
    assert expected <= emails
    group_a = Group.objects.get(name__startswith="Leergroep A")
    assert group_a.role_assignments.filter(role="participant").count() == 5
    assert User.objects.get(email="deelnemer1@demo.kring").check_password("demo")
    Group.objects.filter(pk=group_a.pk).update(name="Leergroep A – hernoemd")
    call_command("load_demo", if_empty=True, verbosity=0)
    assert Group.objects.filter(name="Leergroep A – hernoemd").exists()
    assert User.objects.count() == len(emails)


def test_pages_carry_a_strict_content_security_policy(client, db):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "<script>" not in response.content.decode()  # no inline scripts


def _explode(request):
    raise RuntimeError("kaboom")


# A URLconf for the next test: Kring's own error handler behind a view that fails.
urlpatterns = [path("explode/", _explode)]
handler500 = "kring.core.views.server_error"


@pytest.mark.urls("tests.test_platform")
def test_an_error_shows_a_friendly_page_in_dutch_and_no_trace(db):
    client = Client(raise_request_exception=False)
    response = client.get("/explode/")
    content = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in content
    assert "kaboom" not in content and "Traceback" not in content


def test_a_missing_page_is_friendly(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_healthz_reports_ok(client, db):
    assert client.get("/healthz/").json() == {"status": "ok"}


def test_the_scheduling_engine_is_reachable_through_kring():
    result = _kring("schedule", "--help", env={})
    assert result.returncode == 0 and "kring schedule" in result.stdout


def test_the_grouping_engine_is_reachable_through_kring():
    result = _kring("group-form", "--help", env={})
    assert result.returncode == 0 and "kring group-form" in result.stdout
