"""Every URL pattern of Kring × every persona, with the outcome each must get.

The entries live per area in ``tests/authorization/``. A new URL pattern without an entry
makes ``test_every_url_pattern_has_an_entry`` fail, so no page can be added without deciding
who may open it. Granting roles has its own matrix (``tests/authorization/granting.py``):
every persona posts each grant, and the role must be held afterwards exactly by those who may
grant it.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.authorization
from tests.authorization.common import LOGIN, OK, REDIRECT, Entry
from tests.authorization.granting import GRANTS
from tests.conftest import PERSONAS


def _load_matrix() -> dict[str, Entry]:
    matrix: dict[str, Entry] = {}
    for module_info in pkgutil.iter_modules(tests.authorization.__path__):
        if module_info.name in {"common", "granting"}:
            continue
        module = importlib.import_module(f"tests.authorization.{module_info.name}")
        overlap = matrix.keys() & module.ENTRIES.keys()
        assert not overlap, f"URL patterns with two entries: {overlap}"
        matrix.update(module.ENTRIES)
    return matrix


MATRIX = _load_matrix()


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


def test_every_grant_names_every_persona():
    for name, grant in GRANTS.items():
        assert set(grant.expect) == set(PERSONAS), name


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
    if response.status_code == 403:
        _assert_refusal_fits(
            response, client.session, world.persona(persona), f"{persona} on {name}"
        )


def _assert_refusal_fits(response, session, person, where: str) -> None:
    """Every 403 carries the policy's reason, and never sends someone to ask themselves."""
    reason = response.context.get("reason") if response.context else None
    assert reason, f"{where}: a 403 without a reason"
    asked = str(reason).partition("ask ")[2] or str(reason).partition("vraag het dan aan ")[2]
    assert person.full_name not in asked, f"{where}: told to ask themselves: {reason}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(GRANTS))
def test_role_granting(name, persona, world, as_user):
    grant = GRANTS[name]
    client = as_user(world.persona(persona))
    response = client.post(grant.url(world), grant.data(world))
    assert _outcome(response) == grant.expect[persona], (
        f"{persona} on {name}: got {response.status_code}"
    )
    assert grant.held(world) == (persona in grant.granted), f"{persona} on {name}"
