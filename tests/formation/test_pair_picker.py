"""Who must be together or apart: the two people are picked by typing part of a name, with a
short list of matches under the field, never a list of the whole pool; bad input is
explained in Dutch, with what was typed kept, and changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kring.formation.models import PairRule, PoolEntry
from kring.formation.selectors import PAIR_SEARCH_LIMIT
from tests.factories import UserFactory
from tests.formation.factories import big_pool, entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world, pool):
    anna = entry(
        pool, UserFactory(organisation=world.client, full_name="Anna Bakker", email="anna@x.nl")
    )
    bram = entry(
        pool, UserFactory(organisation=world.client, full_name="Bram Visser", email="bram@x.nl")
    )
    entry(pool, UserFactory(organisation=world.client, full_name="Kim de Vries", email="k1@x.nl"))
    entry(pool, UserFactory(organisation=world.client, full_name="Kim de Vries", email="k2@x.nl"))
    gone = entry(
        pool, UserFactory(organisation=world.client, full_name="Gert Weg", email="gert@x.nl")
    )
    PoolEntry.objects.filter(pk=gone.pk).update(status=PoolEntry.Status.WITHDRAWN)
    return pool, anna.person, bram.person


def _add(as_user, world, pool, **data):
    return as_user(world.programme_manager).post(
        reverse("formation:pair_add", args=[pool.pk]), {"kind": "apart", **data}
    )


def test_a_rule_is_made_from_the_names_chosen_in_the_list(world, people, as_user):
    pool, anna, bram = people
    response = _add(
        as_user, world, pool, first="Anna Bakker (anna@x.nl)", second="Bram Visser (bram@x.nl)"
    )
    assert response.status_code == 302
    rule = PairRule.objects.get(pool=pool)
    assert {rule.first, rule.second} == {anna, bram} and rule.kind == "apart"


def test_a_whole_name_or_an_address_typed_in_works_without_the_list(world, people, as_user):
    pool, anna, bram = people
    assert _add(as_user, world, pool, first="  anna  bakker ", second="BRAM@x.nl").status_code == (
        302
    )
    assert PairRule.objects.filter(pool=pool).count() == 1


@pytest.mark.parametrize(
    ("first", "second", "says"),
    [
        ("Anna", "Bram Visser", "Niemand in deze aanmelding heet „Anna”"),
        ("Anna Bakker", "Kim de Vries", "Meer dan één persoon in deze aanmelding heet"),
        ("Anna Bakker", "Gert Weg", "Niemand in deze aanmelding heet „Gert Weg”"),
        ("Anna Bakker", "anna@x.nl", "Kies twee verschillende mensen"),
        ("", "Bram Visser", "Typ een naam en kies de persoon uit de lijst"),
    ],
)
def test_bad_input_is_explained_kept_and_changes_nothing(
    world, people, as_user, first, second, says
):
    pool, *_ = people
    response = _add(as_user, world, pool, first=first, second=second, note="Zelfde team")
    assert response.status_code == 400
    page = response.content.decode()
    assert says in page
    assert 'value="Zelfde team"' in page  # what was typed stays
    if second:
        assert f'value="{second}"' in page
    assert not PairRule.objects.exists()


def test_the_list_under_the_field_offers_a_few_matches(world, people, as_user):
    pool, *_ = people
    url = reverse("formation:pair_people", args=[pool.pk])
    client = as_user(world.programme_manager)
    found = client.get(url, {"first": "kim"}, headers={"HX-Request": "true"}).content.decode()
    assert found.count("<option") == 2
    assert 'value="Kim de Vries (k1@x.nl)"' in found and "(k2@x.nl)" in found
    assert "Gert" not in client.get(url, {"second": "gert"}).content.decode()  # withdrew
    assert client.get(url, {"q": "k"}).content.decode().count("<option") == 0  # type more
    # A chosen label finds just its own person.
    chosen = client.get(url, {"first": "Kim de Vries (k2@x.nl)"}).content.decode()
    assert chosen.count("<option") == 1 and "k2@x.nl" in chosen


def test_at_2000_sign_ups_the_form_lists_nobody_and_the_search_a_few(world, pool, as_user):
    big_pool(pool, 2000)
    client = as_user(world.programme_manager)
    page = client.get(reverse("formation:pool", args=[pool.pk])).content.decode()
    form = page[page.index('id="pairs"') :]
    form = form[: form.index("</section>")]
    assert "Deelnemer 01999" not in form and "<option" not in form
    assert 'list="id_first-options"' in form and "hx-get" in form
    found = client.get(
        reverse("formation:pair_people", args=[pool.pk]), {"first": "deelnemer 01"}
    ).content.decode()
    assert found.count("<option") == PAIR_SEARCH_LIMIT
    response = _add(
        as_user,
        world,
        pool,
        first="Deelnemer 01234 (deelnemer01234@pool.example.org)",
        second="deelnemer01999@pool.example.org",
    )
    assert response.status_code == 302
    assert PairRule.objects.filter(pool=pool).count() == 1


def test_only_the_pools_staff_search_its_people(world, people, as_user):
    pool, *_ = people
    url = reverse("formation:pair_people", args=[pool.pk])
    for persona in (world.participant_a, world.facilitator_b, world.client_contact):
        response = as_user(persona).get(url, {"q": "anna"})
        assert response.status_code in (403, 404)
        assert "Anna Bakker" not in response.content.decode()
