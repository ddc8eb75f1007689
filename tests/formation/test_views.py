"""Pool pages: who sees what, signing up in the browser's terms, bad input, the run's
progress and the proposal's edits by htmx, accepting, and query counts that do not grow."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from kring.availability.selectors import weekly_slots
from kring.formation import services
from kring.formation.models import FormationRun, PairRule, PoolEntry, RatherNot
from kring.learning.models import Membership
from kring.programmes.models import Group
from tests.factories import UserFactory
from tests.formation.factories import colleagues, entry
from tests.helpers import run_queued_tasks


def _url(name: str, *args) -> str:
    return reverse(f"formation:{name}", args=args)


# --- Who sees what -----------------------------------------------------------------------------


def test_staff_see_everyone_and_their_preferences(world, pool, as_user, programme_facilitator):
    other = entry(pool, UserFactory(organisation=world.client, full_name="Olga Overdijk"))
    RatherNot.objects.create(entry=other, other=world.participant_a)
    for persona in (world.programme_manager, programme_facilitator, world.admin):
        page = as_user(persona).get(_url("pool", pool.pk)).content.decode()
        assert "Olga Overdijk" in page and "Participant A" in page
        assert "Liever niet met" in page


def test_a_participant_sees_only_their_own_sign_up(world, pool, as_user):
    other = entry(pool, UserFactory(organisation=world.client, full_name="Olga Overdijk"))
    RatherNot.objects.create(entry=other, other=world.participant_a)
    page = as_user(world.participant_a).get(_url("pool", pool.pk)).content.decode()
    assert "Jouw aanmelding" in page
    assert "Olga Overdijk" not in page  # not who else signed up …
    assert "Liever niet" not in page  # … nor who would rather not meet them


def test_client_contacts_see_the_pool_but_no_entries_and_teachers_nothing(world, pool, as_user):
    page = as_user(world.client_contact).get(_url("pool", pool.pk)).content.decode()
    assert "Participant A" not in page
    assert "Aanmelden" in page
    assert as_user(world.teacher).get(_url("pool", pool.pk)).status_code == 404
    assert as_user(world.outsider).get(_url("pool", pool.pk)).status_code == 404


def test_a_draft_pool_is_for_its_staff_only(world, pool, as_user):
    pool.status = pool.Status.DRAFT
    pool.save()
    assert as_user(world.participant_b).get(_url("pool", pool.pk)).status_code == 404
    # someone already in it still sees their own entry
    assert as_user(world.participant_a).get(_url("pool", pool.pk)).status_code == 200
    assert as_user(world.programme_manager).get(_url("pool", pool.pk)).status_code == 200


def test_the_programme_page_and_the_overview_lead_to_the_pool(world, pool, as_user):
    staff_page = as_user(world.programme_manager).get(
        reverse("programmes:programme_detail", args=[world.trajectory.pk])
    )
    assert _url("pool", pool.pk) in staff_page.content.decode()
    assert _url("pool_create", world.trajectory.pk) in staff_page.content.decode()
    overview = as_user(world.participant_b).get(reverse("site:dashboard")).content.decode()
    assert "De aanmelding is open" in overview and _url("pool", pool.pk) in overview
    # … but not for those who already answered, nor for the teacher
    assert (
        "De aanmelding is open"
        not in as_user(world.participant_a).get(reverse("site:dashboard")).content.decode()
    )
    assert (
        "De aanmelding is open"
        not in as_user(world.teacher).get(reverse("site:dashboard")).content.decode()
    )


def test_the_staff_page_query_count_does_not_grow(
    world, pool, as_user, django_assert_max_num_queries
):
    people = colleagues(pool, 30)
    for item in people[:10]:
        RatherNot.objects.create(entry=item, other=world.participant_a)
    PairRule.objects.create(
        pool=pool, kind=PairRule.Kind.APART, first=people[0].person, second=people[1].person
    )
    client = as_user(world.programme_manager)
    # Seventeen with the header's count of unread notifications.
    with django_assert_max_num_queries(17):
        assert client.get(_url("pool", pool.pk)).status_code == 200


# --- Signing up --------------------------------------------------------------------------------


def test_signing_up_with_the_weekly_grid(world, pool, as_user):
    client = as_user(world.participant_b)
    page = client.get(_url("sign_up", pool.pk)).content.decode()
    assert 'name="slots"' in page and "maandag 09:00–11:00" in page
    response = client.post(
        _url("sign_up", pool.pk),
        {
            "task": "projectleiding",
            "work_context": "Ministerie van Proef / DG Wonen",
            "layer": "2",
            "slots": ["0", "4", "14"],
            "agree": "on",
        },
    )
    assert response.status_code == 302
    own = PoolEntry.objects.get(pool=pool, person=world.participant_b)
    assert own.status == PoolEntry.Status.SIGNED_UP
    assert weekly_slots(world.participant_b) == [0, 4, 14]


def test_bad_sign_up_input_keeps_what_was_typed(world, pool, as_user):
    client = as_user(world.participant_b)
    response = client.post(
        _url("sign_up", pool.pk),
        {"task": "projectleiding", "work_context": " / ", "layer": "9", "slots": ["3"]},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "projectleiding" in page
    assert "Noem ten minste je organisatie." in page
    assert "Vink dit aan om je aan te melden" in page
    assert 'value="3" id="id_slots_3" checked' in page
    assert not PoolEntry.objects.filter(person=world.participant_b).exists()


def test_the_sign_up_form_is_prefilled_from_the_latest_membership(world, pool, as_user):
    from tests.learning.factories import MembershipFactory

    MembershipFactory(
        group=world.group_b,
        person=world.participant_b,
        task="gebiedsontwikkeling",
        work_context="Ministerie van Proef / DG Ruimte / Team Zuid",
        manager=world.team_leader,
    )
    page = as_user(world.participant_b).get(_url("sign_up", pool.pk)).content.decode()
    assert 'value="gebiedsontwikkeling"' in page
    assert f'<option value="{world.team_leader.pk}" selected>' in page


def test_saying_no_after_being_added(world, pool, as_user):
    services.entry_add(
        actor=world.programme_manager,
        pool=pool,
        person=world.participant_b,
        task="x",
        work_context="Ministerie",
        layer=1,
    )
    client = as_user(world.participant_b)
    page = client.get(_url("pool", pool.pk)).content.decode()
    assert "Nee, ik doe niet mee" in page
    client.post(_url("withdraw", pool.pk))
    assert PoolEntry.objects.get(person=world.participant_b).status == PoolEntry.Status.WITHDRAWN


def test_the_programme_manager_adds_someone_with_recorded_agreement(world, pool, as_user):
    person = UserFactory(organisation=world.client, full_name="Nina Nieuw")
    response = as_user(world.programme_manager).post(
        _url("entry_add", pool.pk),
        {
            "person": person.pk,
            "task": "beleid",
            "work_context": "Ministerie van Proef",
            "layer": "1",
            "consent_given": "on",
            "consent_note": "in het teamoverleg",
        },
    )
    assert response.status_code == 302
    assert PoolEntry.objects.get(person=person).takes_part


@pytest.mark.parametrize(
    ("who", "view", "explained"),
    [
        ("participant_b", "sign_up", "Je aanmelding of je week is elders gewijzigd"),
        ("programme_manager", "entry_edit", "Deze inschrijving of de week van deze persoon"),
    ],
)
def test_a_sign_up_changed_meanwhile_keeps_the_input_and_saves_on_the_second_try(
    world, pool, as_user, who, view, explained
):
    own = entry(pool, world.participant_b, task="beleidsadvies", slots=(0, 1))
    PoolEntry.objects.filter(pk=own.pk).update(task="door een ander", version=own.version + 1)
    client = as_user(getattr(world, who))
    url = _url(view, pool.pk if view == "sign_up" else own.pk)
    typed = {
        "task": "mijn eigen taak",
        "work_context": "Ministerie van Proef / DG Wonen",
        "layer": "1",
        "slots": ["4"],
        "version": own.version,
    }
    response = client.post(url, typed)
    page = response.content.decode()
    assert response.status_code == 400
    assert explained in page
    assert 'value="mijn eigen taak"' in page
    assert 'value="4" id="id_slots_4" checked' in page
    assert "Intussen opgeslagen:" in page  # the week as it is saved now
    own.refresh_from_db()
    assert own.task == "door een ander"

    response = client.post(url, {**typed, "version": own.version})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.task == "mijn eigen taak"


# --- Forming groups -----------------------------------------------------------------------------


def test_the_sizes_are_explained_while_they_are_typed(world, pool, as_user):
    colleagues(pool, 10)
    client = as_user(world.programme_manager)
    response = client.get(
        _url("sizes_preview", pool.pk),
        {"target_size": "6", "min_size": "6", "max_size": "7"},
        headers={"HX-Request": "true"},
    )
    assert "11 mensen passen niet in groepen van 6 tot 7." in response.content.decode()
    response = client.get(
        _url("sizes_preview", pool.pk), {"target_size": "5", "min_size": "4", "max_size": "6"}
    )
    assert "vormt Kring 1 groep van 6 en 1 groep van 5." in response.content.decode()


def test_impossible_sizes_are_refused_and_the_form_keeps_them(world, pool, as_user):
    colleagues(pool, 10)
    response = as_user(world.programme_manager).post(
        _url("form_groups", pool.pk),
        {
            "version": pool.version,
            "target_size": "6",
            "min_size": "6",
            "max_size": "7",
            "weight_task": "3",
            "weight_context": "2",
            "weight_position": "2",
            "weight_availability": "1",
            "keep_managers_apart": "on",
            "min_common_slots": "1",
            "search_seconds": "2",
            "run": "1",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "11 mensen passen niet in groepen van 6 tot 7." in page
    assert not FormationRun.objects.exists()


def _settings(pool, **changes) -> dict:
    data = {
        "version": pool.version,
        "target_size": "5",
        "min_size": "4",
        "max_size": "6",
        "weight_task": "3",
        "weight_context": "2",
        "weight_position": "2",
        "weight_availability": "1",
        "keep_managers_apart": "on",
        "min_common_slots": "1",
        "search_seconds": "2",
        "run": "1",
    }
    data.update(changes)
    return data


def test_forming_groups_shows_progress_then_the_proposal(
    world, pool, as_user, django_capture_on_commit_callbacks
):
    colleagues(pool, 9)
    client = as_user(world.programme_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("form_groups", pool.pk), _settings(pool))
    run = FormationRun.objects.get()
    assert response["Location"] == _url("run", run.pk)
    waiting = client.get(_url("run", run.pk), {"part": "progress"}, headers={"HX-Request": "true"})
    assert "Wachten tot het achtergrondproces" in waiting.content.decode()
    assert 'hx-trigger="every 1s"' in waiting.content.decode()
    run_queued_tasks()
    done = client.get(_url("run", run.pk), {"part": "progress"}, headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Refresh"] == "true"
    page = client.get(_url("run", run.pk)).content.decode()
    assert "Hoe goed de groepen passen" in page
    assert "Groep 2" in page and "Gezamenlijke momenten" in page
    assert "maandag 09:00-11:00" in page


def _proposed(world, pool, committed) -> FormationRun:
    colleagues(pool, 4, task="juridisch advies", context="Ministerie van Proef / DG Recht")
    colleagues(pool, 5)
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    run_queued_tasks()
    run.refresh_from_db()
    return run


def test_moving_someone_by_htmx_updates_the_score_at_once(world, pool, as_user, committed):
    run = _proposed(world, pool, committed)
    person = run.groups[0][0]
    response = as_user(world.programme_manager).post(
        _url("run_move", run.pk),
        {"person": person, "to_group": "1", "version": run.version},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="proposal"')  # just the proposal
    assert "vóór deze wijziging" in page
    assert f'id="move-{person}" name="to_group" autofocus' in page
    run.refresh_from_db()
    assert person in run.groups[1]


def test_a_stale_edit_says_so_and_shows_the_proposal_as_it_is(
    world, pool, as_user, committed, programme_facilitator
):
    run = _proposed(world, pool, committed)
    stale = run.version
    services.proposal_move(
        actor=programme_facilitator,
        run=run,
        person_id=run.groups[0][0],
        to_group=1,
        expected_version=stale,
    )
    response = as_user(world.programme_manager).post(
        _url("run_swap", run.pk),
        {"first": run.groups[0][0], "second": run.groups[1][0], "version": stale},
        headers={"HX-Request": "true"},
    )
    assert "Iemand anders heeft dit voorstel intussen gewijzigd" in response.content.decode()


def test_accepting_in_the_browser_creates_the_groups_once(world, pool, as_user, committed):
    run = _proposed(world, pool, committed)
    client = as_user(world.programme_manager)
    form = client.get(_url("run_accept", run.pk)).content.decode()
    assert "Leerbegeleider van groep 1" in form
    data = {
        "version": run.version,
        "name_0": "Leergroep Recht",
        "name_1": "Leergroep Wonen",
        "facilitator_0": world.facilitator_a.pk,
        "facilitator_1": "",
    }
    with committed():
        response = client.post(_url("run_accept", run.pk), data)
    assert response.status_code == 302
    assert Group.objects.filter(name__in=["Leergroep Recht", "Leergroep Wonen"]).count() == 2
    assert Membership.objects.filter(group__name="Leergroep Wonen").exists()
    page = client.get(_url("run", run.pk)).content.decode()
    assert "De groepen zijn aangemaakt" in page
    again = client.post(_url("run_accept", run.pk), data, follow=True)
    assert "Deze groepen zijn al aangemaakt." in again.content.decode()
    assert Group.objects.filter(programme=world.trajectory).count() == 4


def test_an_infeasible_run_is_explained_on_its_page(world, pool, as_user, committed):
    people = colleagues(pool, 9)
    people[0].person.full_name = "Ann Alders"
    people[0].person.save()
    from kring.availability.services import set_weekly_slots

    set_weekly_slots(people[0].person, [])
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    run_queued_tasks()
    with translation.override("nl"):
        page = as_user(world.programme_manager).get(_url("run", run.pk)).content.decode()
    assert "Geen indeling houdt zich aan elke regel" in page
    assert "Ann Alders heeft nog geen enkel moment" in page


def test_the_proposal_page_query_count_does_not_grow(
    world, pool, as_user, committed, django_assert_max_num_queries
):
    colleagues(pool, 29)
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    run_queued_tasks()
    client = as_user(world.programme_manager)
    with django_assert_max_num_queries(8):
        assert client.get(_url("run", run.pk)).status_code == 200


def test_the_people_who_form_groups_see_the_learning_profiles_and_nobody_else(
    world, pool, as_user, programme_facilitator
):
    from tests.profiles.helpers import completed_profile

    completed_profile(world.participant_a, discovering=5)
    heading = "Leerprofielen van wie zich heeft aangemeld"
    for persona in (world.programme_manager, programme_facilitator):
        assert heading in as_user(persona).get(_url("pool", pool.pk)).content.decode()
    # A platform administrator runs the platform; profiles are personal.
    page = as_user(world.admin).get(_url("pool", pool.pk)).content.decode()
    assert "Participant A" in page and heading not in page
    assert heading not in as_user(world.participant_a).get(_url("pool", pool.pk)).content.decode()


def test_the_overview_leads_the_people_who_form_groups_to_the_pool(
    world, pool, as_user, programme_facilitator
):
    link = _url("pool", pool.pk)
    for persona in (world.programme_manager, programme_facilitator):
        page = as_user(persona).get(reverse("site:dashboard")).content.decode()
        assert "Groepen vormen: " in page and link in page
    page = as_user(world.participant_b).get(reverse("site:dashboard")).content.decode()
    assert "Groepen vormen: " not in page


def test_a_run_whose_groups_break_a_rule_shows_the_rule_and_no_proposal(
    world, pool, as_user, committed, monkeypatch
):
    people = colleagues(pool, 9)
    ann, bob = people[0].person, people[1].person
    ann.full_name, bob.full_name = "Ann Alders", "Bob Bakker"
    ann.save()
    bob.save()
    from kring.engines.grouping import search

    def careless_solve(problem, **kwargs):
        # everyone in the first group: the sizes asked for are not kept
        return search.SearchResult([list(range(problem.n))], 0.0)

    monkeypatch.setattr(search, "solve", careless_solve)
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    run_queued_tasks()
    with translation.override("nl"):
        page = as_user(world.programme_manager).get(_url("run", run.pk)).content.decode()
    assert "breken een regel, dus biedt Kring ze niet aan als voorstel" in page
    assert page.count("De groepen hebben niet de grootte die werd gevraagd.") == 1
    assert "Hoe goed de groepen passen" not in page


# --- Hostile input -----------------------------------------------------------------------------

HUGE = "9" * 30


def test_a_huge_number_among_the_rather_not_names_is_a_form_error(world, pool, as_user):
    for rather_not in ([HUGE], ["-" + HUGE], ["abc"]):
        response = as_user(world.participant_b).post(
            _url("sign_up", pool.pk),
            {
                "task": "projectleiding",
                "work_context": "Ministerie van Proef",
                "layer": "2",
                "agree": "on",
                "rather_not": rather_not,
            },
        )
        assert response.status_code == 400
        assert (
            "Kies uit de lijst: een van je keuzes staat er niet (meer) in."
            in response.content.decode()
        )
    assert not PoolEntry.objects.filter(person=world.participant_b).exists()

    person = UserFactory(organisation=world.client, full_name="Nina Nieuw")
    staff = as_user(world.programme_manager)
    data = {
        "person": person.pk,
        "task": "beleid",
        "work_context": "Ministerie van Proef",
        "layer": "1",
        "consent_given": "on",
        "rather_not": [HUGE],
    }
    assert staff.post(_url("entry_add", pool.pk), data).status_code == 400
    assert not PoolEntry.objects.filter(person=person).exists()
    own = entry(pool, UserFactory(organisation=world.client, full_name="Olga Overdijk"))
    edit = {**data, "version": own.version}
    del edit["person"]
    assert staff.post(_url("entry_edit", own.pk), edit).status_code == 400
    assert not RatherNot.objects.filter(entry=own).exists()
