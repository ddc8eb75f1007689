"""Every URL pattern of Kring × every persona, with the outcome each must get.

A new URL pattern without an entry here makes ``test_every_url_pattern_has_an_entry`` fail,
so no page can be added without deciding who may open it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kring.accounts.tokens import invitation_token
from kring.programmes.models import RoleAssignment
from tests.conftest import PERSONAS, World
from tests.factories import InvitationFactory

OK, REDIRECT, LOGIN, FORBIDDEN, NOT_FOUND = "ok", "redirect", "login", "403", "404"
ALL_SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


@dataclass
class Entry:
    url: Callable[[World], str]
    expect: dict[str, str]
    method: str = "get"
    data: dict[str, str] | None = None


def outcomes(default: str, anonymous: str = LOGIN, **overrides: str) -> dict[str, str]:
    result = dict.fromkeys(ALL_SIGNED_IN, default)
    result["anonymous"] = anonymous
    result.update(overrides)
    return result


def only(allowed: list[str], denied: str = FORBIDDEN, **overrides: str) -> dict[str, str]:
    result = outcomes(denied)
    for persona in allowed:
        result[persona] = OK
    result.update(overrides)
    return result


def _participant_a_role(world: World) -> int:
    return RoleAssignment.objects.get(person=world.participant_a, group=world.group_a).pk


def _invitation_by_facilitator_a(world: World) -> int:
    return InvitationFactory(invited_by=world.facilitator_a).pk


def _invitation_link(world: World) -> str:
    invitation = InvitationFactory(invited_by=world.facilitator_a)
    return reverse("accounts:invitation_accept", args=[invitation_token(invitation)])


TRAJECTORY_VIEWERS = [
    "admin", "programme_manager", "facilitator_a", "facilitator_b", "participant_a",
    "participant_b", "client_contact", "teacher", "team_leader",
]  # fmt: skip
GROUP_A_VIEWERS = ["admin", "programme_manager", "facilitator_a", "participant_a", "teacher"]
GROUP_A_MANAGERS = ["admin", "programme_manager", "facilitator_a"]
INVITERS = ["admin", "programme_manager", "facilitator_a", "facilitator_b"]


def _viewers_only(viewers: list[str], managers: list[str], ok: str = OK) -> dict[str, str]:
    """Managers succeed, other viewers are refused (403), the rest do not see it (404)."""
    result = outcomes(NOT_FOUND)
    for persona in viewers:
        result[persona] = FORBIDDEN
    for persona in managers:
        result[persona] = ok
    return result


MATRIX: dict[str, Entry] = {
    "core:home": Entry(lambda w: reverse("core:home"), outcomes(REDIRECT, anonymous=LOGIN)),
    "core:dashboard": Entry(lambda w: reverse("core:dashboard"), outcomes(OK)),
    "core:set_language": Entry(
        lambda w: reverse("core:set_language"),
        outcomes(REDIRECT, anonymous=REDIRECT),
        method="post",
        data={"language": "en", "next": "/"},
    ),
    "core:healthz": Entry(lambda w: reverse("core:healthz"), outcomes(OK, anonymous=OK)),
    "accounts:login": Entry(lambda w: reverse("accounts:login"), outcomes(REDIRECT, anonymous=OK)),
    "accounts:logout": Entry(
        lambda w: reverse("accounts:logout"), outcomes(LOGIN, anonymous=LOGIN), "post"
    ),
    "accounts:password_reset": Entry(
        lambda w: reverse("accounts:password_reset"), outcomes(OK, anonymous=OK)
    ),
    "accounts:password_reset_done": Entry(
        lambda w: reverse("accounts:password_reset_done"), outcomes(OK, anonymous=OK)
    ),
    "accounts:password_reset_confirm": Entry(
        lambda w: reverse("accounts:password_reset_confirm", args=["MQ", "set-password"]),
        outcomes(OK, anonymous=OK),
    ),
    "accounts:password_reset_complete": Entry(
        lambda w: reverse("accounts:password_reset_complete"), outcomes(OK, anonymous=OK)
    ),
    "accounts:password_change": Entry(lambda w: reverse("accounts:password_change"), outcomes(OK)),
    "accounts:profile": Entry(lambda w: reverse("accounts:profile"), outcomes(OK)),
    "accounts:invitation_list": Entry(
        lambda w: reverse("accounts:invitation_list"), only(INVITERS)
    ),
    "accounts:invitation_create": Entry(
        lambda w: reverse("accounts:invitation_create"), only(INVITERS)
    ),
    "accounts:invitation_revoke": Entry(
        lambda w: reverse("accounts:invitation_revoke", args=[_invitation_by_facilitator_a(w)]),
        only(["admin", "facilitator_a"], denied=NOT_FOUND, admin=REDIRECT, facilitator_a=REDIRECT),
        "post",
    ),
    "accounts:invitation_resend": Entry(
        lambda w: reverse("accounts:invitation_resend", args=[_invitation_by_facilitator_a(w)]),
        only(["admin", "facilitator_a"], denied=NOT_FOUND, admin=REDIRECT, facilitator_a=REDIRECT),
        "post",
    ),
    "accounts:invitation_accept": Entry(_invitation_link, outcomes(OK, anonymous=OK)),
    "accounts:organisation_list": Entry(
        lambda w: reverse("accounts:organisation_list"), only(["admin"])
    ),
    "accounts:organisation_create": Entry(
        lambda w: reverse("accounts:organisation_create"), only(["admin"])
    ),
    "accounts:organisation_edit": Entry(
        lambda w: reverse("accounts:organisation_edit", args=[w.client.pk]),
        _viewers_only(
            ["participant_a", "participant_b", "client_contact", "team_leader"], ["admin"]
        ),
    ),
    "programmes:programme_list": Entry(
        lambda w: reverse("programmes:programme_list"), outcomes(OK)
    ),
    "programmes:programme_create": Entry(
        lambda w: reverse("programmes:programme_create"), only(["admin", "programme_manager"])
    ),
    "programmes:programme_detail": Entry(
        lambda w: reverse("programmes:programme_detail", args=[w.trajectory.pk]),
        only(TRAJECTORY_VIEWERS, denied=NOT_FOUND),
    ),
    "programmes:programme_edit": Entry(
        lambda w: reverse("programmes:programme_edit", args=[w.trajectory.pk]),
        _viewers_only(TRAJECTORY_VIEWERS, ["admin", "programme_manager"]),
    ),
    "programmes:programme_role_add": Entry(
        lambda w: reverse("programmes:programme_role_add", args=[w.trajectory.pk]),
        _viewers_only(TRAJECTORY_VIEWERS, ["admin", "programme_manager"], ok=REDIRECT),
        "post",
    ),
    "programmes:group_create": Entry(
        lambda w: reverse("programmes:group_create", args=[w.trajectory.pk]),
        _viewers_only(TRAJECTORY_VIEWERS, ["admin", "programme_manager"]),
    ),
    "programmes:role_remove": Entry(
        lambda w: reverse("programmes:role_remove", args=[_participant_a_role(w)]),
        _viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS, ok=REDIRECT),
        "post",
    ),
    "programmes:group_detail": Entry(
        lambda w: reverse("programmes:group_detail", args=[w.group_a.pk]),
        only(GROUP_A_VIEWERS, denied=NOT_FOUND),
    ),
    "programmes:group_edit": Entry(
        lambda w: reverse("programmes:group_edit", args=[w.group_a.pk]),
        _viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS),
    ),
    "programmes:group_role_add": Entry(
        lambda w: reverse("programmes:group_role_add", args=[w.group_a.pk]),
        _viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS, ok=REDIRECT),
        "post",
    ),
    "audit:audit_list": Entry(lambda w: reverse("audit:audit_list"), only(["admin"])),
    # Django's admin is one entry: only platform admins get in, everyone else is sent to its
    # login page.
    "admin:*": Entry(
        lambda w: reverse("admin:index"), outcomes(REDIRECT, admin=OK, anonymous=REDIRECT)
    ),
}


def _pattern_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            if inner == "admin":
                names.add("admin:*")
                continue
            prefix = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            names |= _pattern_names(pattern, prefix)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                names.add(f"<unnamed {pattern.pattern}>")
            else:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_pattern_has_an_entry():
    names = _pattern_names(get_resolver())
    missing = sorted(names - MATRIX.keys())
    assert not missing, f"URL patterns without an authorization matrix entry: {missing}"
    stale = sorted(MATRIX.keys() - names)
    assert not stale, f"Matrix entries for URL patterns that no longer exist: {stale}"


def test_every_entry_names_every_persona():
    for name, entry in MATRIX.items():
        assert set(entry.expect) == set(PERSONAS), name


def _outcome(response) -> str:
    if response.status_code == 200:
        return OK
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("accounts:login")):
            return LOGIN
        return REDIRECT
    return str(response.status_code)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_authorization(name, persona, world, as_user):
    entry = MATRIX[name]
    client = as_user(world.persona(persona))
    url = entry.url(world)
    send = client.post if entry.method == "post" else client.get
    response = send(url, entry.data or {})
    assert _outcome(response) == entry.expect[persona], (
        f"{persona} on {name} ({url}): got {response.status_code}"
    )
