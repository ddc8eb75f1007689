"""The library's reads: search, what a meeting brings in, and which meetings one prepares."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kring.learning.models import Meeting
from kring.library import selectors
from kring.library.models import LibraryItem
from tests.library.factories import LibraryItemFactory, MeetingResourceFactory, meeting_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(db):
    LibraryItem.objects.all().delete()  # the seeded library would blur what is found
    return {
        "journal": LibraryItemFactory(
            kind=LibraryItem.Kind.REFLECTION_METHOD,
            title="Leerjournaal",
            summary="Schrijven over je werk.",
            reference="Shepherd, M. (2006): Using a learning journal.",
        ),
        "safety": LibraryItemFactory(
            kind=LibraryItem.Kind.CONCEPT,
            title="Psychologische veiligheid",
            summary="Vertrouwen dat je een fout kunt inbrengen.",
            reference="Edmondson, A. (1999): Psychological safety.",
        ),
        "gibson": LibraryItemFactory(
            kind=LibraryItem.Kind.MODEL,
            title="Fasen van groepsleren",
            summary="Van kennis verzamelen naar gedeelde betekenis.",
            reference="Gibson, C. B. (2001): From knowledge accumulation to accommodation.",
        ),
    }


def test_search_finds_words_in_title_summary_and_literature(items):
    assert list(selectors.library_search(query="journaal")) == [items["journal"]]
    assert list(selectors.library_search(query="FOUT")) == [items["safety"]]
    assert list(selectors.library_search(query="edmondson")) == [items["safety"]]


def test_every_word_of_the_search_must_match(items):
    assert list(selectors.library_search(query="kennis gibson")) == [items["gibson"]]
    assert list(selectors.library_search(query="kennis edmondson")) == []


def test_filter_by_kind_and_order_by_title(items):
    assert list(selectors.library_search(kind=LibraryItem.Kind.MODEL)) == [items["gibson"]]
    assert [item.title for item in selectors.library_search()] == [
        "Fasen van groepsleren",
        "Leerjournaal",
        "Psychologische veiligheid",
    ]


def test_meeting_resources_in_the_order_they_were_added(world, items, django_assert_num_queries):
    meeting = meeting_of(world.group_a)
    MeetingResourceFactory(meeting=meeting, item=items["safety"])
    MeetingResourceFactory(meeting=meeting, item=items["journal"], note="Vooraf lezen")
    MeetingResourceFactory(meeting=meeting_of(world.group_b), item=items["gibson"])
    with django_assert_num_queries(1):
        resources = selectors.meeting_resources(meeting)
        titles = [resource.item.title for resource in resources]
    assert titles == ["Psychologische veiligheid", "Leerjournaal"]


def test_what_is_already_in_a_meeting_cannot_be_chosen_again(world, items):
    meeting = meeting_of(world.group_a)
    MeetingResourceFactory(meeting=meeting, item=items["safety"])
    attachable = set(selectors.attachable_items(meeting))
    assert items["safety"] not in attachable
    assert {items["journal"], items["gibson"]} <= attachable


def test_meetings_to_prepare_are_the_planned_meetings_one_may_change(world):
    start = timezone.now() + datetime.timedelta(days=7)
    first = Meeting.objects.create(group=world.group_a, number=1, title="Start", starts_at=start)
    later = Meeting.objects.create(
        group=world.group_a, number=2, title="Verdieping", starts_at=start + datetime.timedelta(50)
    )
    Meeting.objects.create(
        group=world.group_a, number=3, title="Geweest", status=Meeting.Status.CANCELLED
    )
    other = Meeting.objects.create(group=world.group_b, number=1, title="Start")
    assert selectors.meetings_to_prepare(world.facilitator_a) == [first, later]
    assert selectors.meetings_to_prepare(world.facilitator_b) == [other]
    assert set(selectors.meetings_to_prepare(world.programme_manager)) == {first, later, other}
    for persona in ("participant_a", "teacher", "client_contact", "outsider"):
        assert selectors.meetings_to_prepare(getattr(world, persona)) == []
