"""No input gives a server error. Each persona of the demo (and someone not signed in) walks
the site as a browser would, following links; every form found on the way (each kind once)
is then sent with hostile values: in every field at once (huge and negative numbers, text
where an id goes, very long text, NUL bytes, several values where one is expected), and one
field at a time with values that look valid (huge numbers, -1, dates far in the past and
future) so that they get past the form to the services. Ids in the addresses and numbers in
their queries get a huge number too. Anything at or above 500 fails the test, naming the
exception. The kinds of values are in tests/fuzzing.py."""

from __future__ import annotations

import datetime
import re
import sys
import time
import traceback
from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.test import Client
from django.utils import timezone

from kring.accounts.models import User
from kring.availability.models import CalendarImport
from kring.calendars.services import feed_token_issue
from kring.learning.models import Meeting
from kring.reflection.models import Assignment
from kring.reflection.selectors import my_reflection_groups
from tests.fuzzing import HUGE, Form, read_page, route_of

pytestmark = pytest.mark.django_db

PERSONAS = [
    "beheer",
    "programmamanager",
    "leerbegeleider",
    "docent",
    "opdrachtgever",
    "teamleider",
    "deelnemer1",
    "coordinator.zuid",
]
# Pages a persona opens per kind of page, and in all.
PER_ROUTE = 1
PER_PERSONA = 150
ANONYMOUS_START = ["/login/", "/password/reset/", "/invite/not-a-token/"]
# Logging out would end the walk. (Django's admin is not walked: it is Django's own.)
SKIPPED_ROUTES = {"accounts:logout"}
# The forms the audit named, and one of each area: the walk must keep finding them.
MUST_BE_FOUND = {
    "accounts:login",
    "accounts:password_reset",
    "invitations:invitation_create",
    "availability:away_add",
    "availability:calendar_import",
    "availability:calendar_import_remove",
    "calendars:feed_off",
    "formation:sign_up",
    "formation:entry_add",
    "formation:entry_edit",
    "formation:pool_edit",
    "learning:meeting_edit",
    "learning:template_edit",
    "library:item_create",
    "planning:programme",
    "profiles:questionnaire",
    "programmes:programme_edit",
    "reflection:assignment_edit",
}


def _client(email: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if email is not None:
        client.force_login(User.objects.get(email=f"{email}@demo.kring"))
    return client


def _crawl(client: Client, failures: list[str], *, start: list[str]) -> list[Form]:
    """Open pages from ``start`` on, as this persona; the forms on them."""
    seen_routes: Counter[str] = Counter()
    visited: set[str] = set()
    queue = deque(start)
    forms: list[Form] = []
    while queue and len(visited) < PER_PERSONA:
        url = queue.popleft()
        parts = urlsplit(url)
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        route = route_of(url)
        if route is None or local in visited or route in SKIPPED_ROUTES:
            continue
        if route.startswith("admin") or seen_routes[route] >= PER_ROUTE:
            continue
        seen_routes[route] += 1
        visited.add(local)
        response = client.get(local)
        if response.status_code >= 500:
            failures.append(f"GET {local}: {response.status_code}")
            continue
        if response.status_code in {301, 302, 303}:
            queue.append(urljoin(local, response["Location"]))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        if parts.query and seen_routes[route] == 1:
            # The numbers in the address's query (?group=3) get a huge one too.
            hostile = parts.path + "?" + re.sub(r"=\d+", f"={HUGE}", parts.query)
            if client.get(hostile).status_code >= 500:
                failures.append(f"GET {hostile}: 500")
        links, found = read_page(local, response.content.decode())
        queue.extend(links)
        forms += found
    return forms


def _with_huge_ids(url: str) -> str | None:
    path = urlsplit(url).path
    changed = re.sub(r"/\d+/", f"/{HUGE}/", path)
    return changed if changed != path else None


@pytest.fixture
def last_error():
    """The last exception a request raised, named in the failure message."""
    seen: list[str] = [""]

    def record(sender: object, request: object = None, **kwargs: object) -> None:
        kind, error, trace = sys.exc_info()
        place = traceback.extract_tb(trace)[-1] if trace else None
        where = f" at {place.filename.split('/kring/')[-1]}:{place.lineno}" if place else ""
        seen[0] = f"{kind.__name__ if kind else '?'}: {str(error)[:120]}{where}"

    got_request_exception.connect(record)
    yield seen
    got_request_exception.disconnect(record)


def _send(client: Client, form: Form, action: str, data: dict[str, object]) -> int:
    path = urlsplit(action).path
    if form.method == "get":
        flat = {k: v for k, v in data.items() if not hasattr(v, "read")}
        return client.get(path, flat).status_code
    return client.post(path, data).status_code


def _fuzz(client: Client, form: Form, who: str, last_error: list[str]) -> tuple[int, list[str]]:
    """Send the hostile variants of one form; the requests sent and the failures."""
    failures: list[str] = []
    sent = 0

    def check(method: str, url: str, change: str, status: int) -> None:
        if status >= 500:
            failures.append(f"{method} {url} ({who}) {change}: {status} {last_error[0]}")

    huge = _with_huge_ids(form.action)
    if huge:
        sent += 1
        check(form.method.upper(), huge, "its id", _send(client, form, huge, form.baseline()))
    for change, data in [("nothing", form.baseline()), *form.hostile()]:
        sent += 1
        check(form.method.upper(), form.action, change, _send(client, form, form.action, data))
    # Whatever was accepted is now stored: the page the form was on still opens.
    check("GET", form.page, "after its form was fuzzed", client.get(form.page).status_code)
    return sent + 1, failures


def _more_to_find() -> None:
    """What the demo lacks for some forms to show: a calendar feed that is on, an imported
    calendar file, and a meeting with an assignment in the facilitator's first group on the
    Reflection menu page (the demo's cohort, which has none; the walk opens one page per
    route, so that is the group it reads)."""
    person = User.objects.get(email="deelnemer1@demo.kring")
    feed_token_issue(actor=person)
    CalendarImport.objects.create(
        user=person, file_name="werk.ics", status=CalendarImport.Status.DONE
    )
    facilitator = User.objects.get(email="leerbegeleider@demo.kring")
    first = my_reflection_groups(facilitator)[0].group
    meeting = first.meetings.order_by("number").first() or Meeting.objects.create(
        group=first, number=1, title="Start", starts_at=timezone.now() + datetime.timedelta(days=21)
    )
    if not Assignment.objects.filter(meeting__group=first).exists():
        Assignment.objects.create(
            meeting=meeting,
            title="Een moment dat bleef hangen",
            instructions="Beschrijf een moment uit je werk dat bleef hangen.",
            due_at=timezone.now() + datetime.timedelta(days=14),
            created_by=facilitator,
        )


def test_no_input_gives_a_server_error(last_error):
    call_command("load_demo", verbosity=0)
    _more_to_find()
    started = time.monotonic()
    failures: list[str] = []
    done: set[tuple[object, ...]] = set()
    sent = 0
    for persona in [None, *PERSONAS]:
        client = _client(persona)
        for form in _crawl(client, failures, start=ANONYMOUS_START if persona is None else ["/"]):
            route = route_of(form.action)
            key = (route, form.method, form.names())
            if route is None or route in SKIPPED_ROUTES or key in done:
                continue
            done.add(key)
            count, found = _fuzz(client, form, persona or "anonymous", last_error)
            sent += count
            failures += found
    seconds = time.monotonic() - started
    print(f"{len(done)} forms, {sent} requests, {seconds:.0f} s")
    fuzzed = {key[0] for key in done}
    assert fuzzed >= MUST_BE_FOUND, f"not found: {sorted(MUST_BE_FOUND - fuzzed)}"
    assert not failures, "\n".join(failures)
