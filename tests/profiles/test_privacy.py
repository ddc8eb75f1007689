"""A learning profile is its owner's: no other role opens it, the owner's own pages never show
someone else's, and others see it only as a summary in a formation pool (the selector and
the partial the pool page includes)."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from kring import access
from kring.audit.models import AuditEntry
from kring.profiles.selectors import profile_summaries
from tests.conftest import PERSONAS
from tests.factories import UserFactory
from tests.profiles.helpers import answers_for, completed_profile, post_data

OTHERS = [p for p in PERSONAS if p not in {"participant_a", "anonymous"}]


@pytest.mark.parametrize("persona", OTHERS)
def test_nobody_but_the_owner_opens_a_profile(world, as_user, persona):
    """The client contact, the teacher, the group's own facilitator, the programme manager,
    the team leader, a platform admin: all get a 404, as if the profile did not exist."""
    result = completed_profile(world.participant_a, discovering=5)
    reader = world.persona(persona)
    response = as_user(reader).get(reverse("profiles:result", args=[result.pk]))
    assert response.status_code == 404
    assert not access.can(reader, access.Action.VIEW, result)


def test_the_owner_opens_their_own_and_anonymous_visitors_are_sent_to_log_in(world, as_user):
    result = completed_profile(world.participant_a)
    url = reverse("profiles:result", args=[result.pk])
    assert as_user(world.participant_a).get(url).status_code == 200
    response = as_user(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_my_pages_show_only_my_own_profile(world, as_user):
    completed_profile(world.participant_a, knowledge=5)
    html = as_user(world.facilitator_a).get(reverse("profiles:overview")).content.decode()
    assert "Vul de vragenlijst in" in html  # the facilitator has none of their own yet
    assert "Kennis verwerven 100" not in html


def test_the_facilitator_fills_in_their_own(world, as_user):
    client = as_user(world.facilitator_a)
    client.post(reverse("profiles:questionnaire"), post_data(answers_for(reflection=5)))
    html = client.get(reverse("profiles:overview")).content.decode()
    assert "Reflectie 100" in html


def test_the_audit_log_does_not_show_scores(world, as_user):
    as_user(world.participant_a).post(
        reverse("profiles:questionnaire"), post_data(answers_for(practising=5))
    )
    entry = AuditEntry.objects.get(action="learning_profile.complete")
    assert entry.object_repr.startswith("Leerprofiel #") or entry.object_repr.startswith(
        "Learning profile #"
    )
    assert "100" not in entry.object_repr and not entry.detail


# --- What a pool sees --------------------------------------------------------------------------


def test_profile_summaries_give_the_latest_completed_profile_per_person_in_one_query(
    world, django_assert_num_queries
):
    completed_profile(world.participant_a, days_ago=30, knowledge=5)
    completed_profile(world.participant_a, days_ago=1, interaction=5)
    completed_profile(world.participant_b, days_ago=3, watching=1)
    # A questionnaire still being filled in is nobody's business yet.
    in_progress = completed_profile(world.teacher)
    in_progress.completed_at = None
    in_progress.save()
    ids = [world.participant_a.pk, world.participant_b.pk, world.teacher.pk, world.outsider.pk]
    with django_assert_num_queries(1):
        summaries = profile_summaries(ids)
    assert set(summaries) == {world.participant_a.pk, world.participant_b.pk}
    mine = summaries[world.participant_a.pk]
    assert mine.profile.scores["interaction"] == 100.0  # the latest, not the earlier one
    assert mine.profile.scores["knowledge"] == 50.0
    assert [s.scale.code for s in mine.habits.leading] == ["interaction"]
    assert summaries[world.participant_b.pk].profile.scores["watching"] == 0.0
    assert profile_summaries([]) == {}


def test_the_pool_partial_shows_profiles_their_spread_and_who_has_none(world):
    completed_profile(world.participant_a, participating=5, reproduction=1)
    completed_profile(world.participant_b, participating=4, discovering=5)
    latecomer = UserFactory(full_name="Nog Niet Ingevuld")
    people = [world.participant_a, world.participant_b, latecomer]
    summaries = profile_summaries([p.pk for p in people])
    html = render_to_string(
        "profiles/_pool_profiles.html", {"rows": [(p, summaries.get(p.pk)) for p in people]}
    )
    assert "Leerprofielen van wie zich heeft aangemeld" in html
    assert "2 mensen hebben een leerprofiel." in html
    assert world.participant_a.full_name in html and world.participant_b.full_name in html
    assert "Nog niet ingevuld" in html and "Nog Niet Ingevuld" in html
    # The spread per scale: eight rows, a dot per person with a profile.
    assert html.count('class="lp-strip ') == 8
    assert html.count('class="lp-dot"') == 8 * 2
    # Small columns per person, with the scores as text for screen readers.
    assert html.count('class="lp-mini"') == 2
    assert "Participeren 100" in html
    assert 'style="' not in html


def test_the_pool_partial_with_nobody_filled_in(world):
    html = render_to_string("profiles/_pool_profiles.html", {"rows": [(world.outsider, None)]})
    assert "Nog niet ingevuld" in html
    assert "lp-strip" not in html
    assert "Er heeft zich nog niemand" not in html
    empty = render_to_string("profiles/_pool_profiles.html", {"rows": []})
    assert "Er heeft zich nog niemand aangemeld." in empty
