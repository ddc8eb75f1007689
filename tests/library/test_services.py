"""The library's writes: who may keep it, slugs, optimistic locking, and bringing items into
meetings."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kring.audit.models import AuditEntry
from kring.core.exceptions import EditConflict
from kring.library import services
from kring.library.models import LibraryItem, MeetingResource
from tests.library.factories import LibraryItemFactory, MeetingResourceFactory, meeting_of

pytestmark = pytest.mark.django_db

ITEM = {
    "kind": LibraryItem.Kind.REFLECTION_METHOD,
    "title": "  Spiegelvragen stellen ",
    "summary": "Vragen die iemand zijn eigen woorden terug laten horen.",
    "reference": "Auteur, A. (2020): Een boek, Plaats: Uitgever.",
}


def test_a_facilitator_adds_an_item_with_a_slug_made_from_the_title(world):
    item = services.library_item_create(actor=world.facilitator_a, **ITEM)
    assert item.title == "Spiegelvragen stellen"
    assert item.slug == "spiegelvragen-stellen"
    assert item.created_by == world.facilitator_a
    assert AuditEntry.objects.filter(action="library_item.create", object_id=str(item.pk)).exists()


def test_a_derived_slug_never_collides_with_another_item_or_a_page(world):
    LibraryItemFactory(slug="spiegelvragen-stellen")
    item = services.library_item_create(actor=world.admin, **ITEM)
    assert item.slug == "spiegelvragen-stellen-2"
    new = services.library_item_create(actor=world.admin, **{**ITEM, "title": "New"})
    assert new.slug == "new-2"


def test_a_chosen_slug_must_be_free_and_not_reserved(world):
    LibraryItemFactory(slug="bezet")
    with pytest.raises(ValidationError) as taken:
        services.library_item_create(actor=world.admin, slug="bezet", **ITEM)
    assert "slug" in taken.value.message_dict
    with pytest.raises(ValidationError) as reserved:
        services.library_item_create(actor=world.admin, slug="meetings", **ITEM)
    assert "slug" in reserved.value.message_dict


@pytest.mark.parametrize("persona", ["participant_a", "teacher", "client_contact", "outsider"])
def test_people_who_do_not_run_learning_cannot_add_items(world, persona):
    with pytest.raises(PermissionDenied):
        services.library_item_create(actor=getattr(world, persona), **ITEM)
    assert not LibraryItem.objects.filter(title="Spiegelvragen stellen").exists()


def test_an_update_raises_the_version_and_keeps_the_slug(world):
    item = LibraryItemFactory(slug="vast")
    services.library_item_update(
        actor=world.programme_manager, item=item, expected_version=1, title="Nieuwe titel"
    )
    item.refresh_from_db()
    assert (item.title, item.slug, item.version) == ("Nieuwe titel", "vast", 2)
    assert AuditEntry.objects.filter(action="library_item.update").count() == 1


def test_an_update_based_on_an_old_version_overwrites_nothing(world):
    item = LibraryItemFactory(title="Origineel")
    services.library_item_update(
        actor=world.facilitator_b, item=item, expected_version=1, title="Eerst opgeslagen"
    )
    stale = LibraryItem.objects.get(pk=item.pk)
    with pytest.raises(EditConflict):
        services.library_item_update(
            actor=world.facilitator_a, item=stale, expected_version=1, title="Te laat"
        )
    assert LibraryItem.objects.get(pk=item.pk).title == "Eerst opgeslagen"


def test_a_participant_cannot_edit_an_item(world):
    item = LibraryItemFactory()
    with pytest.raises(PermissionDenied):
        services.library_item_update(
            actor=world.participant_a, item=item, expected_version=1, title="Niet van mij"
        )


def test_the_facilitator_brings_an_item_into_a_meeting_once(world):
    meeting = meeting_of(world.group_a)
    item = LibraryItemFactory()
    resource = services.meeting_resource_attach(
        actor=world.facilitator_a, meeting=meeting, item=item, note="  Lees dit vooraf. "
    )
    assert (resource.note, resource.added_by) == ("Lees dit vooraf.", world.facilitator_a)
    assert AuditEntry.objects.filter(action="meeting_resource.attach").exists()
    with pytest.raises(ValidationError) as twice:
        services.meeting_resource_attach(actor=world.facilitator_a, meeting=meeting, item=item)
    assert "item" in twice.value.message_dict
    assert MeetingResource.objects.count() == 1


@pytest.mark.parametrize("persona", ["facilitator_b", "participant_a", "teacher"])
def test_only_who_may_change_the_meeting_brings_items_in(world, persona):
    with pytest.raises(PermissionDenied):
        services.meeting_resource_attach(
            actor=getattr(world, persona),
            meeting=meeting_of(world.group_a),
            item=LibraryItemFactory(),
        )


def test_taking_an_item_out_keeps_it_in_the_library(world):
    resource = MeetingResourceFactory(meeting=meeting_of(world.group_a))
    services.meeting_resource_detach(actor=world.programme_manager, resource=resource)
    assert not MeetingResource.objects.exists()
    assert LibraryItem.objects.filter(pk=resource.item_id).exists()
    assert AuditEntry.objects.filter(action="meeting_resource.detach").exists()


def test_a_participant_cannot_take_an_item_out(world):
    resource = MeetingResourceFactory(meeting=meeting_of(world.group_a))
    with pytest.raises(PermissionDenied):
        services.meeting_resource_detach(actor=world.participant_a, resource=resource)
    assert MeetingResource.objects.exists()
