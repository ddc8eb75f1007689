"""The pages of sessions as their users notice them: planning with a preview, the session page
per role, the runbook, live mode with guided rounds, deviations becoming observations, and
sessions in the calendar feed and the overview."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kring.calendars import services as calendar_services
from kring.designs.methods import INCIDENT_METHOD, SCRIPTS
from kring.designs.models import (
    Cohort,
    Component,
    Deviation,
    Observation,
    RunbookActivity,
    Session,
    SessionPoint,
    SessionStaff,
)
from kring.learning.models import Meeting
from kring.library.models import LibraryItem
from kring.programmes.models import Role
from tests.factories import (
    CohortFactory,
    ComponentFactory,
    RoleFactory,
    RunbookActivityFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    cohort = CohortFactory(group__name="Cohort voorjaar")
    programme = cohort.group.programme
    manager = UserFactory(full_name="Petra Manager")
    RoleFactory(person=manager, role=Role.PROGRAMME_MANAGER, programme=programme)
    facilitator = UserFactory(full_name="Fleur Begeleider")
    RoleFactory(person=facilitator, role=Role.FACILITATOR, group=cohort.group)
    participant = UserFactory(full_name="Piet Deelnemer")
    RoleFactory(person=participant, role=Role.PARTICIPANT, group=cohort.group)
    component = ComponentFactory(line__edition=cohort.edition, title="Werkplaats 1", week=1)
    first = RunbookActivityFactory(
        component=component, starts_at=datetime.time(9, 30), minutes=30, title="Inchecken"
    )
    second = RunbookActivityFactory(
        component=component,
        starts_at=datetime.time(10, 0),
        minutes=60,
        title="Intervisie",
        method=LibraryItem.objects.get(slug="incident-method"),
    )
    starts = timezone.now() + datetime.timedelta(days=2)
    session = SessionFactory(
        cohort=cohort,
        component=component,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
    )
    return {
        "cohort": cohort,
        "manager": manager,
        "facilitator": facilitator,
        "participant": participant,
        "component": component,
        "first": first,
        "second": second,
        "session": session,
    }


def test_the_manager_sees_a_preview_before_the_sessions_are_created(setup, as_user):
    edition = setup["cohort"].edition
    ComponentFactory(line__edition=edition, title="Tweede werkplaats", week=3)
    client = as_user(setup["manager"])
    url = reverse("designs_sessions:plan", args=[edition.pk])
    data = {"cohort": setup["cohort"].pk, "starts_on": "2027-01-04", "default_start": "09:30"}
    preview = client.post(url, {**data, "step": "preview"})
    assert preview.status_code == 200
    assert "Tweede werkplaats" in preview.content.decode()
    assert Session.objects.count() == 1
    created = client.post(url, {**data, "step": "create"})
    assert created.status_code == 302
    assert Session.objects.filter(component__title="Tweede werkplaats").count() == 1
    # The same again creates nothing twice.
    client.post(url, {**data, "step": "create"})
    assert Session.objects.count() == 2


def test_planning_without_a_cohort_keeps_the_input_and_says_why(setup, as_user):
    client = as_user(setup["manager"])
    url = reverse("designs_sessions:plan", args=[setup["cohort"].edition_id])
    response = client.post(url, {"starts_on": "2027-01-04", "default_start": "09:30"})
    assert response.status_code == 400
    assert "Kies een groep" in response.content.decode()
    assert 'value="2027-01-04"' in response.content.decode()


def test_a_participant_sees_the_session_but_not_its_runbook_or_deviations(setup, as_user):
    Deviation.objects.create(
        session=setup["session"], what="Anders gedaan", why="Onrust", recorded_by=setup["manager"]
    )
    page = as_user(setup["participant"]).get(
        reverse("designs_sessions:session", args=[setup["session"].pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Werkplaats 1" in text
    assert "Inchecken" not in text
    assert "Anders gedaan" not in text
    assert "Live-stand" not in text


def test_the_facilitator_sees_the_runbook_and_runs_live_mode(setup, as_user):
    client = as_user(setup["facilitator"])
    session = setup["session"]
    page = client.get(reverse("designs_sessions:session", args=[session.pk])).content.decode()
    assert "Inchecken" in page and "Intervisie" in page
    live_url = reverse("designs_sessions:live", args=[session.pk])
    live = client.get(live_url).content.decode()
    assert "Beginnen met het eerste onderdeel" in live
    go = reverse("designs_sessions:live_go", args=[session.pk])
    answer = client.post(go, {"activity": setup["first"].pk}, headers={"HX-Request": "true"})
    text = answer.content.decode()
    assert answer.status_code == 200
    assert "Inchecken" in text and "Volgend onderdeel" in text
    assert "<html" not in text  # only the panel
    session.refresh_from_db()
    assert session.current_activity == setup["first"]
    assert session.current_since is not None
    # Without JavaScript the planned end time is on the page.
    ends = timezone.localtime(session.current_since + datetime.timedelta(minutes=30))
    assert f"tot {ends:%H:%M}" in client.get(live_url).content.decode()
    client.post(go, {"activity": setup["second"].pk})
    live = client.get(live_url).content.decode()
    assert "In rondes doorlopen" in live
    guided = client.get(reverse("designs_sessions:live_guided", args=[session.pk]) + "?round=2")
    assert "Alleen vragen" in guided.content.decode()
    assert "Ronde 2 van 6" in guided.content.decode()


def test_an_activity_of_another_runbook_cannot_be_chosen(setup, as_user):
    other = RunbookActivityFactory()
    response = as_user(setup["facilitator"]).post(
        reverse("designs_sessions:live_go", args=[setup["session"].pk]),
        {"activity": other.pk},
    )
    assert response.status_code == 404
    setup["session"].refresh_from_db()
    assert setup["session"].current_activity is None


def test_learning_points_are_captured_without_leaving_live_mode(setup, as_user):
    client = as_user(setup["facilitator"])
    url = reverse("designs_sessions:live_point", args=[setup["session"].pk])
    answer = client.post(url, {"text": "Vragen is lastig"}, headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert "Vragen is lastig" in answer.content.decode()
    empty = client.post(url, {"text": "  "}, headers={"HX-Request": "true"})
    assert empty.status_code == 200
    assert "errorlist" in empty.content.decode()
    assert SessionPoint.objects.count() == 1


def test_a_deviation_is_recorded_and_becomes_an_observation(setup, as_user):
    session = setup["session"]
    client = as_user(setup["facilitator"])
    response = client.post(
        reverse("designs_sessions:deviation_add", args=[session.pk]),
        {"activity": setup["second"].pk, "what": "Theorie ingekort", "why": "Onrust in de groep"},
    )
    assert response.status_code == 302
    deviation = Deviation.objects.get()
    assert deviation.recorded_by == setup["facilitator"]
    missing = client.post(
        reverse("designs_sessions:deviation_add", args=[session.pk]), {"what": "Zonder reden"}
    )
    assert missing.status_code == 400
    assert "Zonder reden" in missing.content.decode()

    manager = as_user(setup["manager"])
    overview = manager.get(
        reverse("designs_sessions:deviations", args=[session.cohort.edition_id])
    ).content.decode()
    assert "Theorie ingekort" in overview and "Cohort voorjaar" in overview
    prefix = f"d{deviation.pk}"
    manager.post(
        reverse("designs_sessions:deviation_observe", args=[deviation.pk]),
        {f"{prefix}-kind": "group_needed", f"{prefix}-text": "De groep had ruimte nodig"},
    )
    observation = Observation.objects.get()
    assert observation.component == setup["component"]
    assert observation.component_key == setup["component"].key
    deviation.refresh_from_db()
    assert deviation.observation == observation
    # A second time makes no second observation.
    manager.post(
        reverse("designs_sessions:deviation_observe", args=[deviation.pk]),
        {f"{prefix}-kind": "worked", f"{prefix}-text": "Nog eens"},
    )
    assert Observation.objects.count() == 1


def test_the_manager_keeps_the_runbook_and_a_wrong_entry_keeps_the_input(setup, as_user):
    client = as_user(setup["manager"])
    url = reverse("designs_sessions:runbook", args=[setup["component"].pk])
    bad = client.post(url, {"day": 1, "starts_at": "11:00", "minutes": 0, "title": "Lunch"})
    assert bad.status_code == 400
    assert 'value="Lunch"' in bad.content.decode()
    good = client.post(url, {"day": 1, "starts_at": "11:00", "minutes": 45, "title": "Lunch"})
    assert good.status_code == 302
    assert RunbookActivity.objects.filter(title="Lunch").exists()
    # The facilitator reads the runbook but does not change it.
    reading = as_user(setup["facilitator"]).get(url)
    assert reading.status_code == 200
    assert "Aan het draaiboek toevoegen" not in reading.content.decode()


def test_the_session_is_in_the_calendar_feed_of_its_cohort_and_staff(setup):
    teacher = UserFactory()
    SessionStaff.objects.create(
        session=setup["session"], person=teacher, role=SessionStaff.Role.GUEST_TEACHER
    )
    from django.test import Client

    for person in (setup["participant"], setup["facilitator"], teacher):
        token = calendar_services.feed_token_issue(actor=person)
        body = Client().get(reverse("calendars:feed", args=[token])).content.decode()
        assert "Werkplaats 1" in body, person
        assert f"session-{setup['session'].pk}@" in body
    outsider = UserFactory()
    token = calendar_services.feed_token_issue(actor=outsider)
    assert (
        "Werkplaats 1" not in Client().get(reverse("calendars:feed", args=[token])).content.decode()
    )


def test_the_next_session_is_on_the_overview(setup, as_user):
    for person, tag in ((setup["participant"], None), (setup["facilitator"], "Jij begeleidt")):
        page = as_user(person).get(reverse("site:dashboard")).content.decode()
        assert "Volgende sessies" in page
        assert "Werkplaats 1" in page
        if tag:
            assert tag in page


def test_a_learning_group_meeting_opens_the_guided_mode_for_its_facilitator(setup, as_user):
    meeting = Meeting.objects.create(group=setup["cohort"].group, number=1, title="Intervisie")
    page = as_user(setup["facilitator"]).get(reverse("learning:meeting", args=[meeting.pk]))
    guided_url = reverse("designs_sessions:meeting_guided", args=[meeting.pk, "incident-method"])
    assert guided_url in page.content.decode()
    guided = as_user(setup["facilitator"]).get(guided_url + "?round=6")
    assert "Evaluatie" in guided.content.decode()
    assert "Klaar: terug" in guided.content.decode()
    unknown = reverse("designs_sessions:meeting_guided", args=[meeting.pk, "nothing"])
    assert as_user(setup["facilitator"]).get(unknown).status_code == 404
    member_page = as_user(setup["participant"]).get(reverse("learning:meeting", args=[meeting.pk]))
    assert guided_url not in member_page.content.decode()


def test_every_script_has_rounds_and_a_library_item():
    assert set(SCRIPTS) == {"incident-method", "action-learning", "world-cafe"}
    with translation.override("en"):
        titles = [str(r.title) for r in INCIDENT_METHOD.rounds]
    assert titles == [
        "Choose a case",
        "Questions only",
        "Analysis",
        "Positions",
        "What the case-bringer actually did",
        "Evaluation",
    ]
    assert LibraryItem.objects.filter(slug__in=SCRIPTS).count() == 3
    assert all(r.minutes > 0 for s in SCRIPTS.values() for r in s.rounds)


def test_the_demo_loader_plans_sessions_with_runbooks_and_a_deviation():
    from kring.designs import demo_sessions
    from kring.programmes.models import Group
    from tests.factories import EditionFactory, GroupFactory

    edition = EditionFactory(starts_on=datetime.date(2027, 2, 1))
    manager = UserFactory()
    RoleFactory(person=manager, role=Role.PROGRAMME_MANAGER, programme=edition.programme)
    group = GroupFactory(programme=edition.programme, kind=Group.Kind.COHORT)
    facilitator = UserFactory()
    RoleFactory(person=facilitator, role=Role.FACILITATOR, group=group)
    ComponentFactory(
        line__edition=edition,
        work_form=Component.WorkForm.MULTI_DAY_WORKSHOP,
        length=Component.Length.TWO_DAYS,
        week=1,
    )
    ComponentFactory(line__edition=edition, work_form=Component.WorkForm.INTERVISION, week=2)
    sessions = demo_sessions.load(edition=edition)
    assert len(sessions) == 1
    assert Cohort.objects.get().group == group
    assert RunbookActivity.objects.filter(method__slug="incident-method").exists()
    assert Deviation.objects.get().recorded_by == facilitator


def test_moving_a_session_outside_the_edition_warns_but_saves(setup, as_user):
    session = setup["session"]
    edition = session.cohort.edition
    edition.ends_on = datetime.date(2027, 6, 30)
    edition.save()
    client = as_user(setup["manager"])
    response = client.post(
        reverse("designs_sessions:session_edit", args=[session.pk]),
        {
            "version": session.version,
            "title": session.title,
            "starts_at": "2027-09-06T09:30",
            "ends_at": "2027-09-06T16:30",
            "location": "Utrecht",
            "status": "planned",
        },
        follow=True,
    )
    text = response.content.decode()
    assert "Werkplaats 1 valt na het einde van de editie." in text
    session.refresh_from_db()
    assert session.location == "Utrecht"
    assert timezone.localtime(session.starts_at).date() == datetime.date(2027, 9, 6)


def test_the_cohort_group_page_leads_to_its_sessions(setup, as_user):
    group = setup["cohort"].group
    page = as_user(setup["participant"]).get(reverse("programmes:group_detail", args=[group.pk]))
    assert reverse("designs_sessions:cohort", args=[setup["cohort"].pk]) in page.content.decode()
    cohort_page = as_user(setup["participant"]).get(
        reverse("designs_sessions:cohort", args=[setup["cohort"].pk])
    )
    assert "Werkplaats 1" in cohort_page.content.decode()


def test_two_people_editing_one_activity_do_not_overwrite_each_other(setup, as_user):
    activity = setup["first"]
    url = reverse("designs_sessions:activity_edit", args=[activity.pk])
    client = as_user(setup["manager"])
    fields = {"day": 1, "starts_at": "09:30", "minutes": 30, "version": activity.version}
    assert client.post(url, {**fields, "title": "Inchecken in tweetallen"}).status_code == 302
    late = client.post(url, {**fields, "title": "Inchecken in de kring"})
    assert late.status_code == 400
    assert "Inchecken in de kring" in late.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Inchecken in tweetallen"
    assert activity.version == 2
