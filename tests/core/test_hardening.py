"""Platform hardening: confidential pages stay out of caches, refusals are logged briefly, the
server's control socket and files are Kring's alone."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.db.utils import load_backend
from django.test import Client
from django.urls import reverse
from gunicorn.config import Config

from kring.site.management.commands.serve import gunicorn_command, private_control_socket


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def _umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


# --- Caching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("facilitator_a", lambda w: reverse("site:dashboard")),
        ("participant_a", lambda w: reverse("reflection:journal", args=[w.group_a.pk])),
        ("facilitator_a", lambda w: reverse("learning:facilitation", args=[w.group_a.pk])),
        ("facilitator_a", lambda w: reverse("programmes:group_detail", args=[w.group_a.pk])),
    ],
    ids=["overview", "journal", "facilitation", "group"],
)
def test_pages_for_a_signed_in_person_are_never_stored_by_a_cache(world, as_user, persona, url):
    response = as_user(world.persona(persona)).get(url(world))
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives


def test_a_refusal_shown_to_a_signed_in_person_is_not_stored_either(world, as_user):
    client = as_user(world.participant_a)
    refused = client.get(reverse("programmes:programme_edit", args=[world.trajectory.pk]))
    assert refused.status_code == 403
    assert "no-store" in refused["Cache-Control"]


def test_public_pages_and_static_files_stay_cacheable(client, db):
    for url in (reverse("site:home"), reverse("core:healthz"), "/static/kring/kring.css"):
        response = client.get(url)
        assert response.status_code in {200, 302}
        assert "no-store" not in response.get("Cache-Control", ""), url


# --- Logging of refusals --------------------------------------------------------------------


def test_a_refusal_is_logged_as_one_line_without_a_traceback(world, as_user, caplog):
    client = as_user(world.participant_a)
    url = reverse("programmes:programme_edit", args=[world.trajectory.pk])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(url).status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    message = record.getMessage()
    assert url in message and f"user {world.participant_a.pk}" in message
    assert "\n" not in caplog.text.strip()
    assert message == f"Forbidden (Permission denied): {url} [GET, user {world.participant_a.pk}]"


def test_a_refused_form_without_its_csrf_token_is_logged_with_its_reason(world, caplog):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.facilitator_a, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("learning:note_add", args=[world.group_a.pk])
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        assert client.post(url, {"text": "x"}).status_code == 403
    [record] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert record.exc_info is None
    assert "CSRF" in record.getMessage() and url in record.getMessage()


def test_a_server_error_keeps_its_traceback(world, as_user, caplog, monkeypatch):
    from kring.site import views

    def broken(*args, **kwargs):
        raise RuntimeError("the overview broke")

    monkeypatch.setattr(views, "render", broken)
    client = as_user(world.facilitator_a)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(reverse("site:dashboard"))
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert "Traceback" in caplog.text and "the overview broke" in caplog.text


# --- kring serve ----------------------------------------------------------------------------


def test_serve_gives_gunicorn_a_private_control_socket(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    with _umask(0o022):
        socket = private_control_socket()
    assert socket.parent == tmp_path / "var" / "run"
    assert _mode(socket.parent) == 0o700
    command = gunicorn_command(bind="127.0.0.1:0", workers=1, control_socket=socket)
    # Read the command the way this gunicorn version reads its own command line.
    config = Config()
    options = config.parser().parse_args(command[command.index("kring.wsgi:application") :])
    for name, value in vars(options).items():
        if name != "args" and value is not None:
            config.set(name.lower(), value)
    assert config.control_socket == str(socket)
    assert config.control_socket_mode == 0o600
    assert not config.control_socket_disable


def test_the_control_socket_directory_is_made_private_when_it_already_exists(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    (tmp_path / "run").mkdir(mode=0o755)
    private_control_socket()
    assert _mode(tmp_path / "run") == 0o700


# --- Files on disk ---------------------------------------------------------------------------


def test_the_sqlite_database_is_created_readable_by_kring_alone(db, tmp_path):
    path = tmp_path / "var" / "kring.sqlite3"
    # Kring's own SQLite backend, whichever database the suite runs on.
    backend = load_backend("kring.core.sqlite")
    wrapper = backend.DatabaseWrapper(
        {**connection.settings_dict, "ENGINE": "kring.core.sqlite", "NAME": str(path)}, "private"
    )
    with _umask(0o022):
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("CREATE TABLE t (x integer)")
                cursor.execute("INSERT INTO t VALUES (1)")
        finally:
            wrapper.close()
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    for journal in path.parent.glob("kring.sqlite3-*"):
        assert _mode(journal) & 0o077 == 0, journal


def test_uploads_are_stored_readable_by_kring_alone(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    storage = FileSystemStorage()
    with _umask(0o022):
        name = storage.save("submissions/2026/verslag.pdf", ContentFile(b"%PDF-1.4 verslag"))
    assert _mode(tmp_path / name) == 0o600
    assert _mode(tmp_path / "submissions") == 0o700
    assert _mode(tmp_path / "submissions" / "2026") == 0o700


def test_the_kring_command_writes_files_for_its_own_user_only():
    result = subprocess.run(
        [sys.executable, "-m", "kring.cli", "shell", "-c", "import os; print(oct(os.umask(0)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "0o77"


def test_kring_serve_starts_gunicorn_with_its_socket_under_var(tmp_path):
    """Started for real: the socket appears under var/run, not in the shared default place."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("KRING_", "DJANGO_"))},
        "HOME": str(home),
        "XDG_RUNTIME_DIR": "",
        "KRING_VAR_DIR": str(tmp_path / "var"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "kring.cli", "serve", "--no-worker", "--bind", "127.0.0.1:0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = tmp_path / "var" / "run" / "gunicorn.ctl"
    try:
        deadline = time.monotonic() + 30
        while not socket.exists() and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.2)
        assert socket.is_socket()
        assert _mode(socket) == 0o600 and _mode(socket.parent) == 0o700
        assert not (home / ".gunicorn").exists()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_nul_character_in_a_search_is_a_bad_request_not_a_server_error(world, as_user):
    client = as_user(world.admin)
    client.raise_request_exception = False
    for url in ["/organisations/?q=a%00b", "/audit/?action=a%00b"]:
        response = client.get(url)
        assert response.status_code == 400, url
    assert client.get("/organisations/?q=ab").status_code == 200
