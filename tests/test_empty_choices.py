"""No page of Kring offers Django's "---------" as an empty choice. Each persona of the demo
walks the site as a browser would, following links (each kind of page once), and every page
with a form is read: an empty choice says what to do ("— kies —"), in the reader's language."""

from __future__ import annotations

from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kring.accounts.models import User
from kring.programmes.models import Group
from tests.fuzzing import read_page, route_of

pytestmark = pytest.mark.django_db

PERSONAS = ["beheer", "programmamanager", "leerbegeleider", "docent", "deelnemer1"]
PER_PERSONA = 120


def _walk(client: Client, start: list[str]) -> dict[str, str]:
    """The pages with a form this persona reaches: address → content."""
    seen: Counter[str] = Counter()
    visited: set[str] = set()
    queue = deque(start)
    pages: dict[str, str] = {}
    while queue and len(visited) < PER_PERSONA:
        url = queue.popleft()
        parts = urlsplit(url)
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        route = route_of(url)
        if route is None or local in visited or route == "accounts:logout":
            continue
        if route.startswith("admin") or seen[route] >= 1:
            continue
        seen[route] += 1
        visited.add(local)
        response = client.get(local)
        if response.status_code in {301, 302, 303}:
            queue.append(urljoin(local, response["Location"]))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        links, forms = read_page(local, html)
        queue.extend(links)
        if forms:
            pages[local] = html
    return pages


def _walk_all(extra: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for persona in PERSONAS:
        person = User.objects.get(email=f"{persona}@demo.kring")
        for lang in ("nl", "en"):
            User.objects.filter(pk=person.pk).update(language=lang)
            client = Client()
            client.force_login(person)
            client.cookies["kring_language"] = lang
            pages = _walk(client, ["/", *extra] if persona == "beheer" else ["/"])
            found.update({f"{persona} {lang} {url}": html for url, html in pages.items()})
    return found


def test_no_form_offers_dashes_as_its_empty_choice():
    call_command("load_demo", verbosity=0)
    group = Group.objects.filter(kind=Group.Kind.LEARNING_GROUP).first()
    assert group is not None
    add = reverse("invitations:group_person_add", args=[group.pk])
    extra = [f"{add}?email=nieuw@example.org", reverse("invitations:invitation_create")]
    # Each request activates its reader's language; the language of the tests after this one
    # is given back when the walk ends.
    with translation.override("nl"):
        found = _walk_all(extra)
    assert len(found) > 40
    # The walk reaches forms with an empty choice, and they speak the reader's language.
    assert any("— kies —" in html for html in found.values())
    assert any("— choose —" in html for html in found.values())
    dashes = [where for where, html in found.items() if "---------" in html]
    assert dashes == [], "\n".join(dashes)
