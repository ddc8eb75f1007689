"""Invitations moved from the accounts app to their own: an installation that already has
invitations keeps them, and the links already mailed keep working."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from kring.audit.models import AuditEntry
from kring.invitations.models import Invitation
from kring.invitations.tokens import invitation_from_token

BEFORE_THE_MOVE = [("invitations", None), ("accounts", "0002_invitation_programme_links")]


def _migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.fixture
def before_the_move():
    """The apps as they were before the move; afterwards the database is brought up to date
    again, whatever the test found."""
    executor = _migrate(BEFORE_THE_MOVE)
    nodes = [
        node
        for node in executor.loader.graph.leaf_nodes()
        if node[0] not in {"accounts", "invitations"}
    ]
    yield executor.loader.project_state([*nodes, BEFORE_THE_MOVE[1]]).apps
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _table_names() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.mark.django_db(transaction=True)
def test_an_invitation_sent_before_the_move_survives_it_and_its_link_still_works(before_the_move):
    old_apps = before_the_move
    assert "accounts_invitation" in _table_names()
    sender = old_apps.get_model("accounts", "User").objects.create(
        email="afzender@example.org", full_name="Afzender", password="!"
    )
    old_invitation = old_apps.get_model("accounts", "Invitation").objects.create(
        email="nieuw@example.org",
        full_name="Nieuwe Collega",
        invited_by=sender,
        role="support_staff",
        nonce="0123456789abcdef0123456789abcdef",
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    # The link in the mail, as the code before the move made it.
    mac = salted_hmac(
        "kring.accounts.invitation",
        f"{old_invitation.pk}:{old_invitation.nonce}:{old_invitation.email}",
    ).hexdigest()
    mailed_token = f"{old_invitation.pk}-{mac}"
    old_type, _ = old_apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="accounts", model="invitation"
    )
    old_apps.get_model("audit", "AuditEntry").objects.create(
        action="invitation.send", object_type="accounts.invitation", object_id=old_invitation.pk
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert "accounts_invitation" not in _table_names()
    invitation = Invitation.objects.get(pk=old_invitation.pk)
    assert (invitation.email, invitation.role, invitation.invited_by_id) == (
        "nieuw@example.org",
        "support_staff",
        sender.pk,
    )
    with translation.override("nl"):
        assert invitation.get_role_display() == "Ondersteuning"
    assert invitation_from_token(mailed_token) == invitation
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Invitation).pk == old_type.pk
    assert AuditEntry.objects.get(action="invitation.send").object_type == (
        "invitations.invitation"
    )
