"""Every page each role reaches from their dashboard meets WCAG 2.1 A/AA (axe-core).

The demo data is loaded, and each demo role follows the links on their pages, as far as
they lead within Kring: one page of each kind (the same path with other ids counts once).
The roles are spread over Dutch and English and over a desktop (1280 px) and a phone
(390 px) screen. Set KRING_SHOTS=1 to keep a screenshot of every page in test-artifacts/.
"""

from __future__ import annotations

import os
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from kring.accounts.models import User
from tests.browser.conftest import ARTIFACTS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (demo login, language, screen width)
ROLES = [
    ("programmamanager@demo.kring", "nl", 1280),
    ("leerbegeleider@demo.kring", "nl", 390),
    ("leerbegeleider2@demo.kring", "en", 1280),
    ("deelnemer1@demo.kring", "nl", 1280),
    ("deelnemer3@demo.kring", "en", 390),
    ("opdrachtgever@demo.kring", "en", 1280),
    ("docent@demo.kring", "nl", 390),
    ("teamleider@demo.kring", "nl", 1280),
    ("pool01@demo.kring", "en", 390),
    ("beheer@demo.kring", "en", 1280),
]
PAGES_PER_ROLE = 30
# Django's own admin, signing out, and files rather than pages.
SKIP = re.compile(r"^/(admin|static|media)/|/logout/|\.(ics|pdf|csv|json|png|jpg)$|/feed/")


def _kind(path: str) -> str:
    """The URL pattern behind a path: one page of each kind is enough."""
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return f"{match.route}?{','.join(sorted(k for k in match.kwargs if k not in {'pk', 'slug'}))}"


def _links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    out = []
    for href in hrefs:
        url, _fragment = urldefrag(href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin or SKIP.search(parts.path):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def _walk(browser, origin: str, email: str, language: str, width: int) -> tuple[int, list[str]]:
    User.objects.filter(email=email).update(language=language)
    context = browser.new_context(
        base_url=origin, locale=language, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill("demo")
    page.locator(".login-box [type=submit]").click()
    page.wait_for_url("**/dashboard/")
    seen_kinds: set[str] = set()
    queue: deque[str] = deque(["/dashboard/"])
    problems: list[str] = []
    visited = 0
    while queue and visited < PAGES_PER_ROLE:
        path = queue.popleft()
        kind = _kind(path.split("?")[0])
        if kind in seen_kinds:
            continue
        seen_kinds.add(kind)
        response = page.goto(path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        visited += 1
        if response.status >= 400:
            problems.append(f"{email}: {path} answered {response.status}")
            continue
        problems += [f"{email} ({language}, {width}px): {v}" for v in axe_violations(page)]
        if os.environ.get("KRING_SHOTS"):
            ARTIFACTS.mkdir(exist_ok=True)
            slug = re.sub(r"[^a-z0-9]+", "_", path.lower()).strip("_") or "root"
            name = f"{email.split('@')[0]}-{language}-{width}-{slug}"
            page.screenshot(path=str(ARTIFACTS / f"walk-{name}.png"), full_page=True)
        queue.extend(_links(page, origin))
    context.close()
    return visited, problems


def test_every_page_each_role_reaches_meets_wcag_21_aa(browser, live_server):
    call_command("load_demo", verbosity=0)
    problems: list[str] = []
    visited = {}
    for email, language, width in ROLES:
        count, found = _walk(browser, live_server.url, email, language, width)
        visited[email] = count
        problems += found
    assert all(count >= 3 for count in visited.values()), visited
    assert not problems, "\n".join(problems)
