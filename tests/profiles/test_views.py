"""Learning-profile pages: filling in, keeping answers on error, saving part way, retaking,
the chart and the reading, in Dutch and English."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.profiles.instrument import ITEMS
from kring.profiles.models import LearningProfile
from tests.profiles.helpers import answers_for, completed_profile, post_data

QUESTIONNAIRE = reverse("profiles:questionnaire")
OVERVIEW = reverse("profiles:overview")


def _checked(html: str) -> dict[str, str]:
    """The radio buttons a page shows as chosen, by statement."""
    chosen = {}
    for tag in re.findall(r"<input type=\"radio\"[^>]*>", html):
        if " checked" in tag:
            name = re.search(r'name="([^"]+)"', tag).group(1)
            chosen[name] = re.search(r'value="([^"]+)"', tag).group(1)
    return chosen


def test_the_dashboard_links_to_my_learning_profile(world, as_user):
    html = as_user(world.participant_a).get(reverse("site:dashboard")).content.decode()
    assert f'href="{OVERVIEW}"' in html
    assert "Mijn leerprofiel" in html


def test_before_filling_in_the_page_explains_and_invites(world, as_user):
    html = as_user(world.participant_a).get(OVERVIEW).content.decode()
    assert "Over de vragenlijst" in html
    assert "Vul de vragenlijst in" in html
    assert "Wie het ziet" in html
    assert '<svg class="lp-chart-svg"' not in html


def test_the_questionnaire_shows_every_statement_as_a_group_of_five_radio_buttons(world, as_user):
    html = as_user(world.participant_a).get(QUESTIONNAIRE).content.decode()
    assert html.count('<fieldset class="lp-item') == len(ITEMS) == 32
    assert html.count('type="radio"') == 32 * 5
    assert "Hoe je graag leert in je werk" in html
    assert "Helemaal oneens" in html and "Helemaal eens" in html
    # Each option's label is tied to its radio button, for screen readers and clicking.
    assert 'for="id_pa1_1"' in html and 'id="id_pa1_1"' in html
    assert 'style="' not in html


def test_filling_in_everything_shows_the_profile_chart_and_reading(world, as_user):
    client = as_user(world.participant_a)
    answers = answers_for(discovering=5, watching=5, practising=1, reproduction=1)
    response = client.post(QUESTIONNAIRE, post_data(answers), follow=True)
    html = response.content.decode()
    result = LearningProfile.objects.get(person=world.participant_a)
    assert result.is_complete
    assert result.scores["discovering"] == 100.0 and result.scores["practising"] == 0.0
    assert response.redirect_chain[-1][0] == reverse("profiles:result", args=[result.pk])
    assert "Je leerprofiel is klaar." in html
    # The chart: inline SVG with a text alternative and the scores as a table.
    assert '<svg class="lp-chart-svg"' in html and 'role="img"' in html
    assert "Ontdekken 100" in html  # in the SVG's description
    assert "De scores als tabel" in html
    # The reading: the leading preferences, what to ask of the group.
    assert "Wat het zegt over leren in een leergroep" in html
    assert "Wat je van de groep kunt vragen" in html
    assert 'style="' not in html
    assert AuditEntry.objects.filter(action="learning_profile.complete").exists()


def test_svg_numbers_are_not_written_with_a_dutch_decimal_comma(world, as_user):
    answers = answers_for()
    answers["pa1"] = 4  # participating at 56.25: a bar width with decimals
    result = completed_profile(world.participant_a)
    result.answers = answers
    result.scores = {**result.scores, "participating": 56.25}
    result.save()
    html = as_user(world.participant_a).get(OVERVIEW).content.decode()
    widths = re.findall(r'class="lp-bar" x="[^"]*" y="[^"]*" width="([^"]+)"', html)
    assert len(widths) == 8
    assert all("," not in width for width in widths)


def test_open_statements_are_marked_and_every_given_answer_is_kept(world, as_user):
    client = as_user(world.participant_a)
    answers = answers_for(knowledge=4)
    del answers["wa2"], answers["re3"]
    response = client.post(QUESTIONNAIRE, post_data(answers))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er zijn nog 2 uitspraken zonder antwoord." in html
    assert 'href="#item-wa2"' in html and 'href="#item-re3"' in html
    assert html.count("Kies het antwoord dat het best bij je past.") == 2
    assert 'aria-describedby="item-wa2-error"' in html
    # What was chosen is still chosen on the page...
    assert _checked(html) == {code: str(value) for code, value in answers.items()}
    # ...and saved: nothing is lost when someone leaves now.
    draft = LearningProfile.objects.get(person=world.participant_a)
    assert not draft.is_complete and draft.answers == answers


def test_an_answer_outside_the_scale_is_refused_and_the_rest_kept_on_the_page(world, as_user):
    client = as_user(world.participant_a)
    data = post_data(answers_for())
    data["kn2"] = "7"
    html = client.post(QUESTIONNAIRE, data).content.decode()
    assert "Kies een van de vijf antwoorden." in html
    assert _checked(html)["pa1"] == "3"
    assert not LearningProfile.objects.filter(completed_at__isnull=False).exists()


def test_saving_part_way_and_coming_back(world, as_user):
    client = as_user(world.participant_a)
    response = client.post(QUESTIONNAIRE, {"pa1": "4", "kn1": "2", "action": "save"})
    assert response.status_code == 302 and response["Location"] == OVERVIEW
    overview = client.get(OVERVIEW).content.decode()
    assert "2 van de 32 uitspraken beantwoord" in overview
    assert "Ga verder met de vragenlijst" in overview
    # Later, the page shows what was saved; more answers add to it.
    assert _checked(client.get(QUESTIONNAIRE).content.decode()) == {"pa1": "4", "kn1": "2"}
    client.post(QUESTIONNAIRE, {"wa1": "5", "action": "save"})
    draft = LearningProfile.objects.get(person=world.participant_a)
    assert draft.answers == {"pa1": 4, "kn1": 2, "wa1": 5}
    # Finishing with the rest completes the same questionnaire.
    rest = {k: v for k, v in answers_for().items() if k not in draft.answers}
    client.post(QUESTIONNAIRE, post_data(rest))
    draft.refresh_from_db()
    assert draft.is_complete and draft.answers["pa1"] == 4
    assert LearningProfile.objects.filter(person=world.participant_a).count() == 1


def test_saving_an_empty_page_is_harmless(world, as_user):
    client = as_user(world.participant_a)
    assert client.post(QUESTIONNAIRE, {"action": "save"}).status_code == 302
    assert LearningProfile.objects.get(person=world.participant_a).answers == {}


def test_retaking_keeps_earlier_results_with_their_date_and_shows_the_latest(world, as_user):
    client = as_user(world.participant_a)
    earlier = completed_profile(world.participant_a, days_ago=200, knowledge=5)
    # Retaking starts empty, not from the earlier answers.
    page = client.get(QUESTIONNAIRE).content.decode()
    assert _checked(page) == {}
    assert "Je eerdere uitkomsten blijven bewaard." in page
    client.post(QUESTIONNAIRE, post_data(answers_for(interaction=5)))
    latest = LearningProfile.objects.filter(person=world.participant_a).latest("completed_at")
    assert latest.pk != earlier.pk
    assert LearningProfile.objects.filter(person=world.participant_a).count() == 2

    overview = client.get(OVERVIEW).content.decode()
    assert overview.count(reverse("profiles:result", args=[earlier.pk])) == 1
    assert reverse("profiles:result", args=[latest.pk]) in overview
    assert "Interactie 100" in overview  # the latest is the one shown
    earlier_page = client.get(reverse("profiles:result", args=[earlier.pk])).content.decode()
    assert "Dit is een eerdere uitkomst." in earlier_page
    assert "Kennis verwerven 100" in earlier_page


def test_a_questionnaire_in_progress_has_no_result_page(world, as_user):
    client = as_user(world.participant_a)
    client.post(QUESTIONNAIRE, {"pa1": "4", "action": "save"})
    draft = LearningProfile.objects.get(person=world.participant_a)
    assert client.get(reverse("profiles:result", args=[draft.pk])).status_code == 404


def test_the_pages_in_english(world, as_user):
    world.participant_a.language = "en"
    world.participant_a.save()
    completed_profile(world.participant_a, participating=5, knowledge=1)
    client = as_user(world.participant_a)
    overview = client.get(OVERVIEW).content.decode()
    assert "My learning profile" in overview
    assert "Participating 100" in overview
    assert "What you can ask of the group" in overview
    questionnaire = client.get(QUESTIONNAIRE).content.decode()
    assert "I learn most about my work by being in the middle of it" in questionnaire
    assert "Strongly agree" in questionnaire


@pytest.mark.parametrize("earlier_results", [1, 6])
def test_the_overview_query_count_does_not_grow_with_the_history(
    world, as_user, django_assert_max_num_queries, earlier_results
):
    for days in range(earlier_results):
        completed_profile(world.participant_a, days_ago=days + 1)
    client = as_user(world.participant_a)
    with django_assert_max_num_queries(9):
        client.get(OVERVIEW)
