"""The library's pages: search with and without htmx, editing with optimistic locking,
bringing items into a meeting and taking them out."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.library import services
from kring.library.models import LibraryItem, MeetingResource
from tests.library.factories import LibraryItemFactory, MeetingResourceFactory, meeting_of

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_seeded_library_has_our_own_summaries_with_references(db):
    seeded = LibraryItem.objects.filter(created_by__isnull=True)
    slugs = set(seeded.values_list("slug", flat=True))
    assert {
        "single-and-double-loop-learning",
        "first-second-third-person-learning",
        "psychological-safety",
        "learning-preferences-and-thinking-habits",
        "phases-of-group-learning",
        "reflective-project-journal",
        "rich-descriptions",
        "case-of-a-tense-conversation",
        "reverie",
        "drawing-a-situation",
    } <= slugs
    assert set(seeded.values_list("kind", flat=True)) == set(LibraryItem.Kind.values)
    for item in seeded:
        assert item.summary and item.references(), item.slug
        item.full_clean()


def test_the_list_shows_every_item_and_the_search_form(world, as_user):
    LibraryItemFactory(title="Spiegelvragen stellen")
    response = as_user(world.participant_a).get(reverse("library:item_list"))
    assert response.status_code == 200
    assert b"<html" in response.content
    assert b"Spiegelvragen stellen" in response.content
    assert b'role="search"' in response.content
    assert not response.context["may_create"]


def test_htmx_gets_only_the_results_of_the_search(world, as_user):
    LibraryItemFactory(title="Spiegelvragen stellen", kind=LibraryItem.Kind.REFLECTION_METHOD)
    LibraryItemFactory(title="Ander begrip")
    response = as_user(world.participant_a).get(
        reverse("library:item_list"), {"q": "spiegelvragen", "kind": "reflection_method"}, **HTMX
    )
    assert b"<html" not in response.content
    assert b'id="results"' in response.content
    assert b"Spiegelvragen stellen" in response.content
    assert b"Ander begrip" not in response.content
    assert "HX-Request" in response["Vary"]


def test_an_unknown_kind_filters_nothing(world, as_user):
    response = as_user(world.participant_a).get(reverse("library:item_list"), {"kind": "bogus"})
    assert response.status_code == 200
    assert len(response.context["items"]) == LibraryItem.objects.count()


def test_the_list_needs_the_same_queries_however_many_items(
    world, as_user, django_assert_max_num_queries
):
    client = as_user(world.facilitator_a)
    url = reverse("library:item_list")
    LibraryItemFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    LibraryItemFactory.create_batch(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["items"]) == LibraryItem.objects.count()


def test_a_facilitator_creates_an_item(world, as_user):
    response = as_user(world.facilitator_a).post(
        reverse("library:item_create"),
        {
            "kind": "model",
            "title": "Beleidsvensters in de praktijk",
            "slug": "",
            "summary": "Een eigen samenvatting.",
            "reference": "Kingdon, J. W. (2010): Agendas, alternatives, and public policies.",
            "url": "",
        },
    )
    item = LibraryItem.objects.get(title="Beleidsvensters in de praktijk")
    assert response.status_code == 302
    assert response["Location"] == reverse("library:item_detail", args=[item.slug])


def test_an_edit_conflict_keeps_both_versions_visible(world, as_user):
    item = LibraryItemFactory(title="Origineel")
    services.library_item_update(
        actor=world.facilitator_b, item=item, expected_version=1, title="Eerst opgeslagen"
    )
    response = as_user(world.facilitator_a).post(
        reverse("library:item_edit", args=[item.slug]),
        {
            "kind": item.kind,
            "title": "Mijn versie",
            "summary": item.summary,
            "reference": item.reference,
            "url": "",
            "version": "1",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert ("Titel", "Eerst opgeslagen") in response.context["saved_meanwhile"]
    assert response.context["form"]["version"].value() == "2"
    assert LibraryItem.objects.get(pk=item.pk).title == "Eerst opgeslagen"


def test_the_facilitator_attaches_an_item_and_a_member_sees_it(world, as_user):
    meeting = meeting_of(world.group_a)
    item = LibraryItemFactory(title="Spiegelvragen stellen")
    url = reverse("library:meeting_resources", args=[meeting.pk])
    page = as_user(world.facilitator_a).get(url, {"item": item.pk})
    assert page.context["form"]["item"].value() == str(item.pk)
    response = as_user(world.facilitator_a).post(
        reverse("library:meeting_resource_add", args=[meeting.pk]),
        {"item": item.pk, "note": "Probeer er twee vooraf."},
    )
    assert response.status_code == 302
    seen = as_user(world.participant_a).get(url)
    assert b"Spiegelvragen stellen" in seen.content
    assert b"Probeer er twee vooraf." in seen.content
    assert seen.context["form"] is None
    assert b"Weghalen" not in seen.content


def test_an_item_already_in_the_meeting_is_refused_on_the_form(world, as_user):
    meeting = meeting_of(world.group_a)
    resource = MeetingResourceFactory(meeting=meeting)
    response = as_user(world.facilitator_a).post(
        reverse("library:meeting_resource_add", args=[meeting.pk]), {"item": resource.item_id}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["item"]
    assert MeetingResource.objects.count() == 1


def test_taking_out_with_htmx_answers_with_the_list_alone(world, as_user):
    meeting = meeting_of(world.group_a)
    keep = MeetingResourceFactory(meeting=meeting, item=LibraryItemFactory(title="Blijft"))
    gone = MeetingResourceFactory(meeting=meeting, item=LibraryItemFactory(title="Gaat weg"))
    response = as_user(world.facilitator_a).post(
        reverse("library:meeting_resource_remove", args=[gone.pk]), **HTMX
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="meeting-resources"' in response.content
    assert b"Blijft" in response.content
    assert b'role="status"' in response.content
    assert list(MeetingResource.objects.all()) == [keep]


def test_taking_out_on_the_library_page_itself_reloads_that_page(world, as_user):
    meeting = meeting_of(world.group_a)
    resource = MeetingResourceFactory(meeting=meeting)
    page_url = reverse("library:meeting_resources", args=[meeting.pk])
    response = as_user(world.facilitator_a).post(
        reverse("library:meeting_resource_remove", args=[resource.pk]),
        HTTP_HX_CURRENT_URL=f"http://testserver{page_url}",
        **HTMX,
    )
    assert response.headers["HX-Refresh"] == "true"
    assert not MeetingResource.objects.exists()


def test_after_a_conflict_the_page_names_the_saved_title(world, as_user):
    item = LibraryItemFactory(title="Origineel")
    services.library_item_update(
        actor=world.facilitator_b, item=item, expected_version=1, title="Eerst opgeslagen"
    )
    response = as_user(world.facilitator_a).post(
        reverse("library:item_edit", args=[item.slug]),
        {
            "kind": item.kind,
            "title": "Mijn versie",
            "summary": "S",
            "reference": "R",
            "version": "1",
        },
    )
    assert response.context["item"].title == "Eerst opgeslagen"
    assert response.context["form"]["title"].value() == "Mijn versie"
