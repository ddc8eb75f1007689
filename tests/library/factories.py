from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from kring.learning.models import Meeting
from kring.library.models import LibraryItem, MeetingResource


class LibraryItemFactory(DjangoModelFactory):
    class Meta:
        model = LibraryItem
        django_get_or_create = ("slug",)

    kind = LibraryItem.Kind.CONCEPT
    title = factory.Sequence(lambda n: f"Begrip {n}")
    slug = factory.Sequence(lambda n: f"test-begrip-{n}")
    summary = "Een korte samenvatting in eigen woorden."
    reference = "Auteur, A. (2020): Een boek, Plaats: Uitgever."


def meeting_of(group, number: int = 1, title: str = "Start") -> Meeting:
    meeting, _created = Meeting.objects.get_or_create(
        group=group, number=number, defaults={"title": title}
    )
    return meeting


class MeetingResourceFactory(DjangoModelFactory):
    class Meta:
        model = MeetingResource

    item = factory.SubFactory(LibraryItemFactory)
    note = ""
