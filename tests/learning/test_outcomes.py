"""What a programme manager reads of a group (its harvest: learning question, the learning
points the group shared, attendance figures, evaluation summary), and what stays in the group."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kring.learning import services
from kring.learning.models import Attendance, FacilitatorNote, Intention, LearningPoint, Meeting
from kring.learning.models import LearningQuestionVersion as Question
from kring.learning.selectors import attendance_figures
from kring.reflection.models import JournalEntry
from tests.learning.conftest import active

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(cycle):
    """Meeting 1 held with two members: one present, one absent with notice; one shared and
    one unshared learning point; an intention; a facilitator's note; a journal entry."""
    world, first, second = cycle
    colleague = active(world, world.outsider).person
    first.status = Meeting.Status.HELD
    first.save(update_fields=["status"])
    Attendance.objects.create(meeting=first, person=world.participant_a, status="present")
    Attendance.objects.create(meeting=first, person=colleague, status="excused")
    Question.objects.create(
        group=world.group_a,
        number=1,
        shared_issue="Beleid landt niet",
        learning_question="Hoe betrekken we de uitvoering eerder?",
    )
    LearningPoint.objects.create(meeting=first, text="Eerst luisteren, dan adviseren", shared=True)
    LearningPoint.objects.create(meeting=first, text="Onze chef remt ons af")
    Intention.objects.create(meeting=first, person=world.participant_a, text="Bel de uitvoerder")
    FacilitatorNote.objects.create(group=world.group_a, author=world.facilitator_a, text="Spanning")
    JournalEntry.objects.create(
        group=world.group_a, author=world.participant_a, title="Dinsdag", text="Ik twijfel"
    )
    return world, first


def _page(client, name, group) -> str:
    response = client.get(reverse(name, args=[group.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_programme_manager_reads_the_harvest_with_shared_points_and_figures(held, as_user):
    world, _ = held
    page = _page(as_user(world.programme_manager), "learning:harvest", world.group_a)
    assert "Hoe betrekken we de uitvoering eerder?" in page
    assert "Eerst luisteren, dan adviseren" in page
    assert "1 / 2" in page  # one of two members present at meeting 1
    for private in ("Onze chef remt ons af", "Bel de uitvoerder", "Spanning", "Ik twijfel"):
        assert private not in page, private
    assert world.participant_a.full_name not in page
    # No share buttons for the programme manager: the choice is the group's.
    assert "/share/" not in page


def test_the_programme_manager_reads_the_learning_question_but_cannot_change_it(held, as_user):
    world, _ = held
    client = as_user(world.programme_manager)
    page = _page(client, "learning:learning_question", world.group_a)
    assert "Beleid landt niet" in page
    assert reverse("learning:learning_question_edit", args=[world.group_a.pk]) not in page
    edit = client.get(reverse("learning:learning_question_edit", args=[world.group_a.pk]))
    assert edit.status_code == 403


def test_the_group_sees_everything_in_its_harvest_and_chooses_what_to_share(held, as_user):
    world, first = held
    unshared = LearningPoint.objects.get(text="Onze chef remt ons af")
    client = as_user(world.participant_a)
    page = _page(client, "learning:harvest", world.group_a)
    assert "Onze chef remt ons af" in page and "Bel de uitvoerder" in page
    response = client.post(reverse("learning:point_share", args=[unshared.pk]), {"shared": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#point-{unshared.pk}")
    unshared.refresh_from_db()
    assert unshared.shared
    manager_page = _page(as_user(world.programme_manager), "learning:harvest", world.group_a)
    assert "Onze chef remt ons af" in manager_page
    as_user(world.facilitator_a).post(
        reverse("learning:point_share", args=[unshared.pk]), {"shared": "0"}
    )
    manager_page = _page(as_user(world.programme_manager), "learning:harvest", world.group_a)
    assert "Onze chef remt ons af" not in manager_page


def test_only_the_group_shares_its_points(held):
    world, _ = held
    point = LearningPoint.objects.get(text="Onze chef remt ons af")
    for persona in ("programme_manager", "admin", "teacher"):
        with pytest.raises(PermissionDenied):
            services.learning_point_share(actor=getattr(world, persona), point=point, shared=True)
    point.refresh_from_db()
    assert not point.shared


def test_confidential_work_stays_closed_to_the_programme_manager(held, as_user):
    world, _ = held
    client = as_user(world.programme_manager)
    for name in ("learning:agreements", "learning:facilitation", "reflection:group"):
        response = client.get(reverse(name, args=[world.group_a.pk]))
        assert response.status_code == 403, name
    entry = JournalEntry.objects.get()
    assert client.get(reverse("reflection:journal_edit", args=[entry.pk])).status_code == 404


def test_a_platform_admin_does_not_read_the_harvest_by_that_role(held, as_user):
    world, _ = held
    response = as_user(world.admin).get(reverse("learning:harvest", args=[world.group_a.pk]))
    assert response.status_code == 403
    assert "Als platformbeheerder" in response.content.decode()


def test_the_programme_page_leads_the_programme_manager_to_each_groups_harvest(held, as_user):
    world, _ = held
    url = reverse("programmes:programme_detail", args=[world.trajectory.pk])
    harvest = reverse("learning:harvest", args=[world.group_a.pk])
    assert harvest in as_user(world.programme_manager).get(url).content.decode()
    for persona in ("client_contact", "teacher", "participant_b", "admin"):
        assert harvest not in as_user(getattr(world, persona)).get(url).content.decode(), persona


def test_attendance_figures_count_without_names(held):
    world, first = held
    rows, share = attendance_figures(world.group_a)
    assert [(r.meeting, r.present, r.excused, r.absent, r.not_recorded) for r in rows] == [
        (first, 1, 1, 0, 0)
    ]
    assert share == 0.5
