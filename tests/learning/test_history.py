"""Nothing written is lost: the group's learning points keep every earlier text, deleting
hides a point that any insider can restore for a while, and concurrent changes never
overwrite each other silently."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from kring.calendars.tasks import send_due_reminders
from kring.core import revisions
from kring.core.exceptions import EditConflict
from kring.core.models import Revision
from kring.learning import selectors, services
from kring.learning.models import LearningPoint


def _point(world, meeting, text="Eerst luisteren, dan vragen"):
    return services.learning_point_add(actor=world.facilitator_a, meeting=meeting, text=text)


def test_an_edit_keeps_the_earlier_text_and_who_changed_it(cycle):
    world, first, _ = cycle
    point = _point(world, first)
    services.learning_point_update(
        actor=world.participant_a,
        point=point,
        expected_version=1,
        text="Eerst luisteren",
        loop="double",
        level="",
    )
    point.refresh_from_db()
    assert (point.text, point.updated_by, point.version) == (
        "Eerst luisteren",
        world.participant_a,
        2,
    )
    [revision] = selectors.point_history(point)
    assert revision.kind == Revision.Kind.EDITED
    assert revision.before == {"text": "Eerst luisteren, dan vragen", "loop": "", "level": ""}
    assert revision.changed_by == world.participant_a


def test_saving_the_same_text_again_is_no_change(cycle):
    world, first, _ = cycle
    point = _point(world, first)
    services.learning_point_update(
        actor=world.participant_a,
        point=point,
        expected_version=1,
        text=point.text,
        loop="",
        level="",
    )
    point.refresh_from_db()
    assert point.version == 1 and not selectors.point_history(point).exists()


def test_a_deleted_point_is_hidden_and_can_be_restored_by_another_member(cycle):
    world, first, _ = cycle
    point = _point(world, first)
    services.learning_point_delete(actor=world.participant_a, point=point, expected_version=1)
    assert list(selectors.points(first)) == []
    assert list(selectors.deleted_points(first)) == [point]
    assert selectors.meetings(world.group_a).get(pk=first.pk).point_count == 0

    point.refresh_from_db()
    assert services.learning_point_restore(actor=world.facilitator_a, point=point)
    assert list(selectors.points(first)) == [point]
    assert [r.kind for r in selectors.point_history(point)] == ["restored", "deleted"]
    # Restoring twice does nothing the second time.
    point.refresh_from_db()
    assert not services.learning_point_restore(actor=world.facilitator_a, point=point)


def test_a_point_deleted_too_long_ago_cannot_be_restored_and_is_purged(cycle):
    world, first, _ = cycle
    point = _point(world, first)
    services.learning_point_delete(actor=world.participant_a, point=point, expected_version=1)
    long_ago = timezone.now() - datetime.timedelta(days=revisions.RESTORABLE_DAYS + 1)
    LearningPoint.objects.filter(pk=point.pk).update(deleted_at=long_ago)
    point.refresh_from_db()
    assert list(selectors.deleted_points(first)) == []
    assert not services.learning_point_restore(actor=world.participant_a, point=point)
    send_due_reminders.call()  # the periodic run forgets what can no longer be restored
    assert not LearningPoint.objects.filter(pk=point.pk).exists()
    assert not Revision.objects.filter(object_id=point.pk).exists()


def test_a_point_changed_since_it_was_read_is_not_deleted(cycle):
    world, first, _ = cycle
    point = _point(world, first)
    stale = LearningPoint.objects.get(pk=point.pk)
    services.learning_point_update(
        actor=world.participant_a,
        point=point,
        expected_version=1,
        text="Nieuw inzicht",
        loop="",
        level="",
    )
    with pytest.raises(EditConflict):
        services.learning_point_delete(actor=world.facilitator_a, point=stale, expected_version=1)
    assert list(selectors.points(first)) == [point]


def test_a_deleted_point_cannot_be_edited_unseen(cycle):
    world, first, _ = cycle
    point = _point(world, first)
    stale = LearningPoint.objects.get(pk=point.pk)
    services.learning_point_delete(actor=world.participant_a, point=point, expected_version=1)
    with pytest.raises(EditConflict):
        services.learning_point_update(
            actor=world.facilitator_a,
            point=stale,
            expected_version=1,
            text="Toch anders",
            loop="",
            level="",
        )


def test_outsiders_cannot_delete_or_restore(cycle):
    world, first, _ = cycle
    point = _point(world, first)
    with pytest.raises(PermissionDenied):
        services.learning_point_delete(actor=world.participant_b, point=point, expected_version=1)
    services.learning_point_delete(actor=world.participant_a, point=point, expected_version=1)
    point.refresh_from_db()
    for person in (world.programme_manager, world.admin, world.participant_b):
        with pytest.raises(PermissionDenied):
            services.learning_point_restore(actor=person, point=point)


def test_the_points_show_who_changed_them_and_offer_restoring(cycle, as_user):
    world, first, _ = cycle
    point = _point(world, first)
    services.learning_point_update(
        actor=world.participant_a,
        point=point,
        expected_version=1,
        text="Eerst luisteren",
        loop="",
        level="",
    )
    gone = _point(world, first, text="Een punt dat weg mag")
    client = as_user(world.facilitator_a)
    response = client.post(
        reverse("learning:point_delete", args=[gone.pk]),
        {"version": "1"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f"gewijzigd door {world.participant_a.full_name}" in content
    assert "Verwijderde punten" in content and "30 dagen terugzetten" in content
    assert reverse("learning:point_restore", args=[gone.pk]) in content

    response = client.post(
        reverse("learning:point_restore", args=[gone.pk]), headers={"HX-Request": "true"}
    )
    assert "Het punt is teruggezet." in response.content.decode()
    assert LearningPoint.objects.get(pk=gone.pk).deleted_at is None


def test_deleting_a_point_someone_just_changed_says_so(cycle, as_user):
    world, first, _ = cycle
    point = _point(world, first)
    services.learning_point_update(
        actor=world.participant_a, point=point, expected_version=1, text="Nieuw", loop="", level=""
    )
    response = as_user(world.facilitator_a).post(
        reverse("learning:point_delete", args=[point.pk]), {"version": "1"}
    )
    assert response.status_code == 409
    assert "niet verwijderd" in response.content.decode()
    assert LearningPoint.objects.get(pk=point.pk).deleted_at is None


def test_the_history_page_shows_every_earlier_text(cycle, as_user):
    world, first, _ = cycle
    point = _point(world, first)
    for version, text in enumerate(["Tweede tekst", "Derde tekst"], start=1):
        services.learning_point_update(
            actor=world.participant_a,
            point=point,
            expected_version=version,
            text=text,
            loop="",
            level="",
        )
    response = as_user(world.participant_a).get(reverse("learning:point_history", args=[point.pk]))
    content = response.content.decode()
    assert "Eerst luisteren, dan vragen" in content and "Tweede tekst" in content
    assert "Daarvoor stond er:" in content


def test_agreements_and_learning_question_show_who_wrote_each_version(cycle, as_user):
    world, *_ = cycle
    services.learning_question_save(
        actor=world.facilitator_a,
        group=world.group_a,
        base_number=0,
        shared_issue="Burgers betrekken",
        learning_question="Hoe betrekken we burgers eerder?",
    )
    services.learning_question_save(
        actor=world.participant_a,
        group=world.group_a,
        base_number=1,
        shared_issue="Burgers echt betrekken",
        learning_question="Hoe betrekken we burgers vanaf het begin?",
    )
    content = (
        as_user(world.participant_a)
        .get(reverse("learning:learning_question", args=[world.group_a.pk]))
        .content.decode()
    )
    assert f"gewijzigd door {world.participant_a.full_name}" in content
    assert f"geschreven door {world.facilitator_a.full_name}" in content
    assert "Burgers betrekken" in content  # the earlier shared issue stays readable
