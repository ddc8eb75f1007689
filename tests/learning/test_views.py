"""Learning-group pages: what each role sees, bad input, and query counts that do not grow."""

from __future__ import annotations

from django.urls import reverse

from kring.learning import services
from kring.learning.models import LearningPoint, Membership
from kring.programmes.models import RoleAssignment
from tests.factories import UserFactory
from tests.learning.factories import MeetingFactory, MembershipFactory


def _grow(world, count: int) -> None:
    """Add members, meetings, points and intentions to group A."""
    for _ in range(count):
        person = UserFactory()
        MembershipFactory(group=world.group_a, person=person)
        RoleAssignment.objects.create(
            person=person, role="participant", programme=world.trajectory, group=world.group_a
        )
    for number in range(3, 3 + count):
        meeting = MeetingFactory(group=world.group_a, number=number)
        LearningPoint.objects.create(meeting=meeting, text=f"Punt {number}")


def test_cycle_page_query_count_does_not_grow(cycle, as_user, django_assert_max_num_queries):
    world, *_ = cycle
    _grow(world, 6)
    client = as_user(world.facilitator_a)
    # 12, the follow-up date after the last meeting, and the header's unread count.
    with django_assert_max_num_queries(15):
        assert client.get(reverse("learning:cycle", args=[world.group_a.pk])).status_code == 200


def test_meeting_list_query_count_does_not_grow(cycle, as_user, django_assert_max_num_queries):
    world, *_ = cycle
    _grow(world, 6)
    client = as_user(world.participant_a)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("learning:meetings", args=[world.group_a.pk])).status_code == 200


def test_harvest_query_count_does_not_grow(cycle, as_user, django_assert_max_num_queries):
    """The harvest reads its attendance figures in a fixed number of queries, too."""
    world, *_ = cycle
    _grow(world, 6)
    client = as_user(world.participant_a)
    # Fifteen with the header's count of unread notifications.
    with django_assert_max_num_queries(16):
        assert client.get(reverse("learning:harvest", args=[world.group_a.pk])).status_code == 200


def test_facilitation_query_count_does_not_grow(cycle, as_user, django_assert_max_num_queries):
    world, *_ = cycle
    _grow(world, 6)
    client = as_user(world.facilitator_a)
    # Twenty with the header's count of unread notifications.
    with django_assert_max_num_queries(21):
        response = client.get(reverse("learning:facilitation", args=[world.group_a.pk]))
    assert response.status_code == 200


def test_programme_staff_see_the_structure_but_not_the_content(cycle, as_user):
    world, first, _ = cycle
    LearningPoint.objects.create(meeting=first, text="Vertrouwelijk leerpunt")
    for persona in ("programme_manager", "teacher", "admin"):
        content = as_user(getattr(world, persona)).get(first.get_absolute_url()).content.decode()
        assert "Start en contracteren" in content
        assert "Vertrouwelijk leerpunt" not in content, persona
    content = as_user(world.participant_a).get(first.get_absolute_url()).content.decode()
    assert "Vertrouwelijk leerpunt" in content


def test_an_empty_learning_point_keeps_the_page_and_explains(cycle, as_user):
    world, first, _ = cycle
    client = as_user(world.participant_a)
    response = client.post(
        reverse("learning:point_add", args=[first.pk]),
        {"text": "   ", "loop": "double"},
        headers={"HX-Request": "true"},
    )
    assert "Dit veld is verplicht" in response.content.decode()
    assert not LearningPoint.objects.exists()


def test_editing_a_learning_point_that_changed_meanwhile_shows_both(cycle, as_user):
    world, first, _ = cycle
    point = services.learning_point_add(actor=world.facilitator_a, meeting=first, text="Eerste")
    LearningPoint.objects.filter(pk=point.pk).update(text="Door een ander", version=2)
    response = as_user(world.participant_a).post(
        reverse("learning:point_edit", args=[point.pk]),
        {"text": "Mijn versie", "loop": "", "level": "", "version": 1},
    )
    content = response.content.decode()
    assert response.status_code == 409
    assert "Door een ander" in content and "Mijn versie" in content
    assert "Iemand anders heeft een nieuwe versie opgeslagen" in content
    point.refresh_from_db()
    assert point.text == "Door een ander"


def test_a_member_without_confirmation_sees_the_invitation_not_the_content(world, as_user):
    person = UserFactory()
    membership = MembershipFactory(
        group=world.group_a, person=person, status=Membership.Status.INVITED
    )
    client = as_user(person)
    dashboard = client.get(reverse("site:dashboard")).content.decode()
    assert reverse("learning:membership_respond", args=[membership.pk]) in dashboard
    assert client.get(reverse("learning:agreements", args=[world.group_a.pk])).status_code == 404


def test_the_meetings_page_offers_planning_around_availability_to_who_may_plan(world, as_user):
    url = reverse("learning:meetings", args=[world.group_a.pk])
    planning = reverse("planning:programme", args=[world.trajectory.pk])
    assert planning in as_user(world.facilitator_a).get(url).content.decode()
    assert planning not in as_user(world.participant_a).get(url).content.decode()


def test_the_points_panel_after_an_htmx_change_reads_only_what_it_shows(
    cycle, as_user, django_assert_max_num_queries
):
    world, first, _ = cycle
    _grow(world, 6)
    for number in range(6):
        LearningPoint.objects.create(meeting=first, text=f"Eerder punt {number}")
    client = as_user(world.participant_a)
    with django_assert_max_num_queries(12):  # the whole meeting page took 17
        response = client.post(
            reverse("learning:point_add", args=[first.pk]),
            {"text": "Nieuw inzicht", "loop": "double"},
            headers={"HX-Request": "true"},
        )
    content = response.content.decode()
    assert 'id="points-panel"' in content and "Nieuw inzicht" in content
    assert "<html" not in content


def test_a_point_from_the_evaluation_conversation_keeps_the_facilitator_on_the_evaluation(
    cycle, as_user
):
    world, _, last = cycle
    client = as_user(world.facilitator_a)
    evaluation = reverse("learning:evaluation", args=[world.group_a.pk])
    response = client.post(
        reverse("learning:evaluation_point_add", args=[world.group_a.pk]),
        {"text": "Meer tijd voor casussen"},
    )
    assert response.status_code == 302 and response.url.startswith(evaluation)
    point = LearningPoint.objects.get()
    assert (point.meeting, point.kind) == (last, LearningPoint.Kind.EVALUATION)
    assert "Meer tijd voor casussen" in client.get(evaluation).content.decode()


def test_an_empty_evaluation_point_keeps_the_evaluation_page_and_explains(cycle, as_user):
    world, *_ = cycle
    response = as_user(world.facilitator_a).post(
        reverse("learning:evaluation_point_add", args=[world.group_a.pk]), {"text": "  "}
    )
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()
    assert not LearningPoint.objects.exists()


def test_the_kind_of_a_meeting_point_is_not_taken_from_the_request(cycle, as_user):
    world, first, _ = cycle
    as_user(world.participant_a).post(
        reverse("learning:point_add", args=[first.pk]),
        {"text": "Gewoon een leerpunt", "kind": "evaluation"},
    )
    assert LearningPoint.objects.get().kind == LearningPoint.Kind.MEETING
