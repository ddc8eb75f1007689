"""Planning pages per role: what each persona sees and may do, the progress that polls with
htmx, the preview, accepting and discarding, and the dashboard notices."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.urls import reverse

from kring.learning.selectors import standard_template
from kring.planning import services, work
from kring.planning.models import Plan, ReplanSuggestion
from tests.factories import GroupFactory, RoleFactory
from tests.helpers import run_queued_tasks
from tests.learning.factories import MembershipFactory

from .conftest import members, series


def programme_url(world) -> str:
    return reverse("planning:programme", args=[world.trajectory.pk])


def form_data(*groups, **overrides) -> dict:
    data = {
        "groups": [g.pk for g in groups],
        "weeks": "20",
        "meetings": "3",
        "min_gap_weeks": "2",
        "max_gap_weeks": "4",
        "target_gap_weeks": "3",
        "first_within_weeks": "2",
    }
    data.update(overrides)
    return data


@pytest.fixture
def both_groups(world, group_a):
    members(world, world.group_b, 3)
    return group_a, world.group_b


def test_the_programme_manager_sees_every_group_and_a_facilitator_only_their_own(
    world, both_groups, as_user
):
    page = as_user(world.programme_manager).get(programme_url(world)).content.decode()
    assert "Leergroep A" in page and "Leergroep B" in page
    assert page.count('name="groups"') == 2
    page = as_user(world.facilitator_a).get(programme_url(world)).content.decode()
    assert "Leergroep A" in page and "Leergroep B" not in page
    assert page.count('name="groups"') == 1


@pytest.mark.parametrize("persona", ["participant_a", "client_contact", "teacher", "team_leader"])
def test_people_who_do_not_plan_are_refused(world, both_groups, as_user, persona):
    assert as_user(getattr(world, persona)).get(programme_url(world)).status_code == 403


def test_an_outsider_does_not_see_the_planning_page(world, as_user):
    assert as_user(world.outsider).get(programme_url(world)).status_code == 404


def test_a_group_that_cannot_be_planned_says_why(world, as_user):
    page = as_user(world.programme_manager).get(programme_url(world)).content.decode()
    assert "heeft nog geen leden" in page


def test_bad_rules_keep_what_was_typed_and_explain(world, both_groups, as_user, settings):
    client = as_user(world.programme_manager)
    data = form_data(
        *both_groups,
        weeks="8",
        meetings="6",
        min_gap_weeks="6",
        max_gap_weeks="8",
        target_gap_weeks="7",
    )
    data["template"] = standard_template(world.provider).pk
    response = client.post(programme_url(world), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "hebben minstens 31 weken nodig" in page
    assert 'value="8"' in page and not Plan.objects.exists()


def test_a_proposal_shows_progress_then_the_preview_then_is_accepted(
    world, both_groups, as_user, django_capture_on_commit_callbacks
):
    group_a, _group_b = both_groups
    client = as_user(world.facilitator_a)
    data = form_data(group_a, template=standard_template(world.provider).pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(programme_url(world), data)
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "planning:plan", args=[plan.pk]
    )

    waiting = client.get(response["Location"]).content.decode()
    assert "<progress" in waiting and 'hx-trigger="every 2s"' in waiting
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and 'id="plan-status"' in fragment

    run_queued_tasks()
    ready = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in ready
    assert "Het voorstel in het kort" in ready and "Iedereen kan erbij zijn." in ready
    assert "Dit voorstel aannemen" in ready

    response = client.post(
        reverse("planning:plan_accept", args=[plan.pk]), {"version": "1"}, follow=True
    )
    assert "Het voorstel is uitgevoerd." in response.content.decode()
    assert group_a.meetings.count() == 3


def test_a_stale_accept_button_changes_nothing(world, group_a, as_user):
    plan = services.plan_request(
        actor=world.programme_manager,
        programme=world.trajectory,
        groups=[group_a],
        template=standard_template(world.provider),
        rules=replace(services.default_rules(world.trajectory), weeks=52),
    )
    work.plan_run(plan.pk)
    client = as_user(world.programme_manager)
    client.post(reverse("planning:plan_discard", args=[plan.pk]), {"version": "1"})
    response = client.post(
        reverse("planning:plan_accept", args=[plan.pk]), {"version": "1"}, follow=True
    )
    assert "Er is niets veranderd." in response.content.decode()
    assert not group_a.meetings.exists()


def test_a_proposal_nobody_picks_up_says_so_and_can_be_discarded(world, group_a, as_user):
    plan = services.plan_request(
        actor=world.programme_manager,
        programme=world.trajectory,
        groups=[group_a],
        template=standard_template(world.provider),
        rules=services.default_rules(world.trajectory),
    )
    Plan.objects.filter(pk=plan.pk).update(created_at=plan.created_at - timedelta(minutes=5))
    client = as_user(world.facilitator_a)
    page = client.get(reverse("planning:plan", args=[plan.pk])).content.decode()
    assert "de achtergrondverwerking draait misschien niet" in page
    client.post(reverse("planning:plan_discard", args=[plan.pk]), {"version": "1"})
    assert Plan.objects.get().status == Plan.Status.DISCARDED
    work.plan_run(plan.pk)  # the worker comes back: a discarded proposal stays discarded
    assert Plan.objects.get().status == Plan.Status.DISCARDED


def test_a_failed_proposal_says_nothing_changed(world, group_a, as_user):
    plan = Plan.objects.create(
        programme=world.trajectory,
        weeks=20,
        meetings=3,
        min_gap_weeks=2,
        max_gap_weeks=4,
        target_gap_weeks=3,
        first_within_weeks=2,
        status=Plan.Status.FAILED,
        error="RuntimeError",
    )
    plan.groups.set([group_a])
    page = (
        as_user(world.facilitator_a).get(reverse("planning:plan", args=[plan.pk])).content.decode()
    )
    assert "In de groepen is niets veranderd" in page and "Opnieuw proberen" in page


def test_re_plan_suggestions_show_on_the_dashboard_of_whom_it_concerns(
    world, group_a, as_user, django_capture_on_commit_callbacks
):
    series(group_a, [1, 4, 7])
    ReplanSuggestion.objects.create(
        group=group_a,
        reasons=[
            {
                "key": f"availability:{world.participant_a.pk}",
                "kind": "availability",
                "person": world.participant_a.pk,
                "meetings": list(group_a.meetings.values_list("pk", flat=True)[:1]),
            }
        ],
    )
    for persona in ("facilitator_a", "programme_manager"):
        page = as_user(getattr(world, persona)).get(reverse("site:dashboard")).content.decode()
        assert "Herplannen voorgesteld voor Leergroep A" in page, persona
        assert "Participant A" in page
    for persona in ("facilitator_b", "participant_a", "teacher", "admin"):
        page = as_user(getattr(world, persona)).get(reverse("site:dashboard")).content.decode()
        assert "Herplannen voorgesteld" not in page, persona

    client = as_user(world.facilitator_a)
    page = client.get(programme_url(world)).content.decode()
    assert "Herplannen voorgesteld voor Leergroep A" in page
    suggestion = ReplanSuggestion.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("planning:suggestion_replan", args=[suggestion.pk]))
    plan = Plan.objects.get()
    assert plan.kind == Plan.Kind.REPLAN
    assert response["Location"] == reverse("planning:plan", args=[plan.pk])


def test_the_dashboard_links_to_planning_for_those_who_plan(world, as_user):
    for persona, sees in [
        ("programme_manager", True),
        ("facilitator_b", True),
        ("teacher", False),
        ("participant_a", False),
    ]:
        page = as_user(getattr(world, persona)).get(reverse("site:dashboard")).content.decode()
        assert (programme_url(world) in page) is sees, persona


def test_the_planning_page_query_count_does_not_grow(
    world, both_groups, as_user, django_assert_max_num_queries
):
    for number in range(8):
        group = GroupFactory(programme=world.trajectory, name=f"Extra {number}")
        RoleFactory(person=world.facilitator_a, role="facilitator", group=group)
        MembershipFactory(group=group, person=world.participant_b)
    client = as_user(world.programme_manager)
    with django_assert_max_num_queries(18):
        assert client.get(programme_url(world)).status_code == 200


def test_a_huge_group_number_is_a_form_error(world, both_groups, as_user):
    client = as_user(world.programme_manager)
    for groups in (["9" * 30], ["-" + "9" * 30], [str(both_groups[0].pk), "abc"]):
        response = client.post(programme_url(world), form_data(groups=groups))
        assert response.status_code in (200, 400)
        assert (
            "Kies uit de lijst: een van je keuzes staat er niet (meer) in."
            in response.content.decode()
        )
    assert not Plan.objects.exists()
