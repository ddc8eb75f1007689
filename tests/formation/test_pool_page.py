"""The pool page at scale: search by name or e-mail, filters, paging with an address for
every view of the list, the list alone for htmx, the same number of queries for 2,000
sign-ups as for a handful, and the confidential parts still for the pool's staff only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.formation.models import PairRule, PoolEntry, RatherNot
from kring.formation.selectors import ENTRIES_PER_PAGE
from tests.factories import OrganisationFactory, UserFactory
from tests.formation.factories import big_pool, entry

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "pool-entries"}


def _url(pool, **query) -> str:
    url = reverse("formation:pool", args=[pool.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def _names(page: str) -> list[str]:
    return [part.split("<")[0].strip() for part in page.split('<th scope="row">')[1:]]


@pytest.fixture
def mixed(world, pool):
    """Participant A (signed up, week filled in) plus four colleagues of different kinds."""
    olga = entry(
        pool,
        UserFactory(
            organisation=world.client, full_name="Olga Overdijk", email="olga@proef.example"
        ),
        context="DG Bouwen / Team Oost",
        layer=4,
    )
    wim = entry(
        pool,
        UserFactory(organisation=world.client, full_name="Wim Wachter"),
        status=PoolEntry.Status.INVITED,
        slots=None,
    )
    RatherNot.objects.create(entry=olga, other=world.participant_a)
    pair = entry(pool, UserFactory(organisation=world.client, full_name="Petra Paar"))
    PairRule.objects.create(
        pool=pool, kind=PairRule.Kind.TOGETHER, first=pair.person, second=wim.person
    )
    entry(pool, UserFactory(organisation=world.client, full_name="Zeno Zonder"), slots=[])
    return pool


def test_search_finds_people_by_name_or_e_mail(world, mixed, as_user):
    client = as_user(world.programme_manager)
    assert _names(client.get(_url(mixed, q="overd")).content.decode()) == ["Olga Overdijk"]
    assert _names(client.get(_url(mixed, q="olga@proef")).content.decode()) == ["Olga Overdijk"]
    page = client.get(_url(mixed, q="niemand")).content.decode()
    assert "Niemand in de pool past hierbij." in page
    assert "Iedereen tonen" in page


def test_filters_narrow_the_list(world, mixed, as_user):
    client = as_user(world.programme_manager)

    def names(**query) -> list[str]:
        return _names(client.get(_url(mixed, **query)).content.decode())

    assert names(status="invited") == ["Wim Wachter"]
    assert names(availability="missing") == ["Wim Wachter", "Zeno Zonder"]
    assert names(rules="with") == ["Olga Overdijk", "Petra Paar", "Wim Wachter"]
    assert names(rules="without") == ["Participant A", "Zeno Zonder"]
    assert names(unit="bouwen") == ["Olga Overdijk"]
    assert names(layer="4") == ["Olga Overdijk"]
    assert names(status="signed_up", availability="missing") == ["Zeno Zonder"]


def test_the_organisation_filter_appears_when_the_pool_spans_several(world, mixed, as_user):
    client = as_user(world.programme_manager)
    assert 'name="organisation"' not in client.get(_url(mixed)).content.decode()
    elsewhere = OrganisationFactory(name="Gemeente Elders")
    entry(mixed, UserFactory(organisation=elsewhere, full_name="Els Elders"))
    page = client.get(_url(mixed)).content.decode()
    assert "Gemeente Elders</option>" in page
    assert _names(client.get(_url(mixed, organisation=elsewhere.pk)).content.decode()) == [
        "Els Elders"
    ]


def test_unknown_filter_values_filter_nothing(world, mixed, as_user):
    client = as_user(world.programme_manager)
    response = client.get(_url(mixed, status="bogus", layer="x", page="abc", availability="?"))
    assert response.status_code == 200
    assert len(_names(response.content.decode())) == 5


def test_a_large_pool_is_paged_and_the_pages_keep_the_search(world, pool, as_user):
    big_pool(pool, 2 * ENTRIES_PER_PAGE + 10)
    client = as_user(world.programme_manager)
    page = client.get(_url(pool)).content.decode()
    assert len(_names(page)) == ENTRIES_PER_PAGE
    assert "Pagina 1 van 3" in page
    assert "111 mensen gevonden · 1–50 getoond" in page
    # Counted, not named: the page links to the people who have not filled in their week.
    assert "mensen die zich hebben aangemeld, hebben nog niet gezegd wanneer ze kunnen." in page
    page = client.get(_url(pool, q="deelnemer+000", page="2")).content.decode()
    assert "Pagina 2 van 2" in page
    assert _names(page)[0] == "Deelnemer 00050"
    assert "?q=deelnemer+000&amp;page=1" in page


def test_htmx_gets_the_list_alone(world, mixed, as_user):
    client = as_user(world.programme_manager)
    response = client.get(_url(mixed, q="wim"), **HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="pool-entries">')
    assert _names(body) == ["Wim Wachter"]
    assert "Wie samen moet of juist niet" not in body  # not the rest of the page
    assert "HX-Request" in response["Vary"]
    # A history restore gets the whole page.
    restore = client.get(_url(mixed, q="wim"), **HTMX, HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in restore.content.decode()


def test_nobody_but_the_staff_can_search_the_pool(world, mixed, as_user):
    for persona in (world.participant_a, world.client_contact):
        page = as_user(persona).get(_url(mixed, q="olga"), **HTMX).content.decode()
        assert "Olga Overdijk" not in page
        assert "Liever niet" not in page
        assert 'id="pool-entries"' not in page


def test_the_query_count_is_the_same_for_2000_sign_ups(
    world, pool, as_user, django_assert_max_num_queries
):
    """A page of the pool costs the same number of queries, whatever the pool's size."""
    client = as_user(world.programme_manager)
    olga = entry(pool, UserFactory(organisation=world.client, full_name="Deelnemer Olga"))
    RatherNot.objects.create(entry=olga, other=world.participant_a)

    def count(**query) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(pool, **query)).status_code == 200
        return len(queries)

    def count_htmx() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(pool, q="deel"), **HTMX).status_code == 200
        return len(queries)

    small, small_htmx = count(), count_htmx()
    big_pool(pool, 2000)
    assert count() == small
    assert count(rules="with", availability="missing", page="3") == small
    assert count_htmx() == small_htmx
    with django_assert_max_num_queries(20):
        client.get(_url(pool))
