"""Sending a form twice (a double click, a repeated request) makes one object, and the second
sending shows the person what the first one made."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.accounts.models import Organisation
from kring.availability.models import AwayPeriod
from kring.core.once import FIELD
from kring.formation.models import PairRule, Pool, PoolEntry
from kring.invitations.models import Invitation
from kring.learning.models import (
    AgreementVersion,
    FacilitatorNote,
    Intention,
    Intervention,
    LearningPoint,
    LearningQuestionVersion,
    Meeting,
    Membership,
    SeriesTemplate,
)
from kring.library.models import LibraryItem, MeetingResource
from kring.planning.models import Plan
from kring.profiles.models import LearningProfile
from kring.programmes.models import Group, Programme, Role
from kring.reflection.models import Assignment, JournalEntry, JournalExcerpt, Submission
from kring.rooms.models import Room
from tests.authorization.formation import _pool
from tests.authorization.learning import _meeting, _membership
from tests.authorization.reflection import _assignment
from tests.conftest import World
from tests.factories import RoleFactory, UserFactory
from tests.library.factories import LibraryItemFactory
from tests.planning.conftest import members
from tests.profiles.helpers import answers_for, post_data

# --- Reading a form the way a browser sends it ------------------------------------------------


@dataclass
class _Form:
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)


class _FormReader(HTMLParser):
    """The fields a browser would send for each form on a page, with their current values."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[_Form] = []
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(_Form(a.get("action") or self.page))
        if not self.forms:
            return
        fields = self.forms[-1].fields
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"submit", "button", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], "multiple" in a)
            self._options = []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.forms[-1].fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1].fields.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None


def _form(client: Client, page: str, action: str) -> dict[str, Any]:
    response = client.get(page)
    assert response.status_code == 200, page
    reader = _FormReader(page)
    reader.feed(response.content.decode())
    matching = [f for f in reader.forms if f.action == action]
    assert matching, f"no form for {action} on {page}"
    data: dict[str, Any] = {}
    for name, value in matching[0].fields:
        data.setdefault(name, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in data.items()}


# --- Every form that makes something -----------------------------------------------------------


@dataclass
class Case:
    persona: str
    page: Callable[[World], str]
    made: Callable[[World], QuerySet[Any]]
    data: Callable[[World], dict[str, Any]]
    action: Callable[[World], str] | None = None  # when the form posts to another address
    htmx: bool = False


def _tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def _member_meeting(world: World) -> Meeting:
    _membership(world, world.participant_a)
    return _meeting(world)


def _entry(world: World) -> JournalEntry:
    return JournalEntry.objects.create(
        group=world.group_a, author=world.participant_a, title="Dag 1", text="Spannend."
    )


def _in_a_week() -> str:
    return timezone.localtime(timezone.now() + datetime.timedelta(days=7)).strftime(
        "%Y-%m-%dT%H:%M"
    )


def _two_in_the_pool(world: World) -> dict[str, str]:
    first, second = (
        PoolEntry.objects.filter(pool=_pool(world)).select_related("person").order_by("pk")[:2]
    )
    return {"first": first.person.email, "second": second.person.email}


def _plannable(world: World) -> Group:
    members(world, world.group_a, 4)
    return world.group_a


def _group_page(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.group_a.pk])


def _meeting_page(w: World) -> str:
    return reverse("learning:meeting", args=[_member_meeting(w).pk])


CASES: dict[str, Case] = {
    "journal entry": Case(
        "participant_a",
        _group_page("reflection:journal_create"),
        lambda w: JournalEntry.objects.filter(author=w.participant_a),
        lambda w: {"title": "Een lastig gesprek", "text": "Wat ik ervan leerde."},
    ),
    "assignment": Case(
        "facilitator_a",
        lambda w: reverse("reflection:assignment_create", args=[_member_meeting(w).pk]),
        lambda w: Assignment.objects.all(),
        lambda w: {
            "title": "Een lastig gesprek",
            "instructions": "Beschrijf het gesprek.",
            "due_at": _in_a_week(),
        },
    ),
    "submission (case)": Case(
        "participant_a",
        lambda w: reverse("reflection:submission_create", args=[_assignment(w).pk]),
        lambda w: Submission.objects.filter(author=w.participant_a),
        lambda w: {
            "form": "tense_conversation",
            "title": "Mijn casus",
            "text": "Wat er gebeurde.",
            "visibility": "facilitator",
        },
    ),
    "journal excerpt": Case(
        "participant_a",
        lambda w: reverse("reflection:excerpt_create", args=[_entry(w).pk]),
        lambda w: JournalExcerpt.objects.all(),
        lambda w: {"text": "Wat ik wil delen."},
    ),
    "learning point": Case(
        "participant_a",
        _meeting_page,
        lambda w: LearningPoint.objects.all(),
        lambda w: {"text": "Eerst luisteren, dan adviseren."},
        action=lambda w: reverse("learning:point_add", args=[_meeting(w).pk]),
    ),
    "learning point (htmx)": Case(
        "participant_a",
        _meeting_page,
        lambda w: LearningPoint.objects.all(),
        lambda w: {"text": "Eerst luisteren, dan adviseren."},
        action=lambda w: reverse("learning:point_add", args=[_meeting(w).pk]),
        htmx=True,
    ),
    "intention": Case(
        "participant_a",
        _meeting_page,
        lambda w: Intention.objects.all(),
        lambda w: {"intention-text": "Ik vraag door voordat ik advies geef."},
        action=lambda w: reverse("learning:intention_add", args=[_meeting(w).pk]),
    ),
    "intention on a member's behalf": Case(
        "facilitator_a",
        _meeting_page,
        lambda w: Intention.objects.all(),
        lambda w: {
            "behalf-member": str(w.participant_a.pk),
            "behalf-text": "Ik vraag door voordat ik advies geef.",
        },
        action=lambda w: reverse("learning:intention_add_on_behalf", args=[_meeting(w).pk]),
    ),
    "facilitator note": Case(
        "facilitator_a",
        _group_page("learning:facilitation"),
        lambda w: FacilitatorNote.objects.all(),
        lambda w: {"text": "Let op de stilte bij Sam."},
        action=lambda w: reverse("learning:note_add", args=[w.group_a.pk]),
    ),
    "intervention": Case(
        "facilitator_a",
        _group_page("learning:facilitation"),
        lambda w: Intervention.objects.all(),
        lambda w: {"intervention": "Gesprek over de rolverdeling."},
        action=lambda w: reverse("learning:intervention_add", args=[w.group_a.pk]),
    ),
    "member": Case(
        "facilitator_a",
        lambda w: _group_page("invitations:group_person_add")(w) + f"?person={w.outsider.pk}",
        lambda w: Membership.objects.filter(group=w.group_a),
        lambda w: {"task": "beleidsadvies", "work_context": "Ministerie / DG Wonen"},
        action=_group_page("invitations:group_person_add"),
    ),
    "invitation into a group": Case(
        "facilitator_a",
        lambda w: _group_page("invitations:group_person_add")(w) + "?email=nieuw@example.org",
        lambda w: Invitation.objects.filter(group=w.group_a),
        lambda w: {"full_name": "Nieuwe Collega"},
        action=_group_page("invitations:group_person_add"),
    ),
    "meeting series": Case(
        "facilitator_a",
        _group_page("learning:meetings"),
        lambda w: Meeting.objects.filter(group=w.group_a),
        lambda w: {"first_date": _tomorrow(), "start_time": "13:30"},
    ),
    "agreements": Case(
        "facilitator_a",
        _group_page("learning:agreements_edit"),
        lambda w: AgreementVersion.objects.all(),
        lambda w: {
            "in_scope": "Casussen uit het werk.",
            "confidentiality": "Wat hier gezegd wordt, blijft hier.",
            "judging": "We oordelen niet.",
            "attendance": "We zijn er, of melden ons af.",
        },
    ),
    "learning question": Case(
        "facilitator_a",
        _group_page("learning:learning_question_edit"),
        lambda w: LearningQuestionVersion.objects.all(),
        lambda w: {
            "shared_issue": "Tegenspraak organiseren.",
            "learning_question": "Hoe geef je tegenspraak?",
        },
    ),
    "template copy": Case(
        "programme_manager",
        lambda w: reverse("learning:templates"),
        lambda w: SeriesTemplate.objects.all(),
        lambda w: {"name": "Onze reeks"},
        action=lambda w: reverse(
            "learning:template_copy", args=[SeriesTemplate.objects.order_by("pk").first().pk]
        ),
    ),
    "library item": Case(
        "programme_manager",
        lambda w: reverse("library:item_create"),
        lambda w: LibraryItem.objects.all(),
        lambda w: {
            "kind": "concept",
            "title": "Intervisie",
            "summary": "Samen leren.",
            "reference": "Hendriksen, J. (2000): Intervisie bij werkproblemen.",
        },
    ),
    "meeting resource": Case(
        "facilitator_a",
        lambda w: reverse("library:meeting_resources", args=[_member_meeting(w).pk]),
        lambda w: MeetingResource.objects.all(),
        lambda w: {"item": LibraryItemFactory(slug="intervisie").pk},
        action=lambda w: reverse("library:meeting_resource_add", args=[_meeting(w).pk]),
    ),
    "programme": Case(
        "programme_manager",
        lambda w: reverse("programmes:programme_create"),
        lambda w: Programme.objects.all(),
        lambda w: {
            "name": "Nieuwe leergang",
            "kind": "in_company",
            "provider": w.provider.pk,
            "client": w.client.pk,
            "status": "draft",
            "starts_on": "2027-03-01",
            "ends_on": "2027-09-30",
        },
    ),
    "group": Case(
        "programme_manager",
        lambda w: reverse("programmes:group_create", args=[w.trajectory.pk]),
        lambda w: Group.objects.all(),
        lambda w: {"name": "Leergroep C", "kind": "learning_group"},
    ),
    "organisation": Case(
        "admin",
        lambda w: reverse("site:organisation_create"),
        lambda w: Organisation.objects.all(),
        lambda w: {"name": "Gemeente Proef"},
    ),
    "invitation": Case(
        "programme_manager",
        lambda w: reverse("invitations:invitation_create"),
        lambda w: Invitation.objects.all(),
        lambda w: {
            "full_name": "Iris Nieuw",
            "email": "iris@example.org",
            "programme": w.trajectory.pk,
            "group": w.group_a.pk,
            "role": "participant",
        },
    ),
    "pool": Case(
        "programme_manager",
        lambda w: reverse("formation:pool_create", args=[w.trajectory.pk]),
        lambda w: Pool.objects.all(),
        lambda w: {"name": "Leergroepen najaar"},
    ),
    "pool entry": Case(
        "programme_manager",
        lambda w: reverse("formation:entry_add", args=[_pool(w).pk]),
        lambda w: PoolEntry.objects.all(),
        lambda w: {
            "person": w.participant_b.pk,
            "task": "beleidsadvies",
            "work_context": "Ministerie / DG Wonen",
        },
    ),
    "pair rule": Case(
        "programme_manager",
        lambda w: reverse("formation:pool", args=[_pool(w).pk]),
        lambda w: PairRule.objects.all(),
        lambda w: {"kind": "apart", **_two_in_the_pool(w)},
        action=lambda w: reverse("formation:pair_add", args=[_pool(w).pk]),
    ),
    "period away": Case(
        "participant_a",
        lambda w: reverse("availability:mine"),
        lambda w: AwayPeriod.objects.all(),
        lambda w: {"starts_on": _tomorrow(), "ends_on": _tomorrow()},
        action=lambda w: reverse("availability:away_add"),
    ),
    "period away (htmx)": Case(
        "participant_a",
        lambda w: reverse("availability:mine"),
        lambda w: AwayPeriod.objects.all(),
        lambda w: {"starts_on": _tomorrow(), "ends_on": _tomorrow()},
        action=lambda w: reverse("availability:away_add"),
        htmx=True,
    ),
    "learning profile": Case(
        "participant_a",
        lambda w: reverse("profiles:questionnaire"),
        lambda w: LearningProfile.objects.all(),
        lambda w: post_data(answers_for()),
    ),
    "room": Case(
        "programme_manager",
        lambda w: reverse("rooms:list", args=[w.provider.pk]),
        lambda w: Room.objects.all(),
        lambda w: {"name": "Zaal 1", "capacity": "8"},
    ),
    "planning proposal": Case(
        "programme_manager",
        lambda w: reverse("planning:programme", args=[w.trajectory.pk]),
        lambda w: Plan.objects.all(),
        lambda w: {"groups": [str(_plannable(w).pk)], "weeks": "20", "meetings": "3"},
    ),
}


def _errors(response: Any) -> list[str]:
    html = response.content.decode()
    return re.findall(r'class="(?:errorlist|message[^"]*)"[^>]*>(.*?)</', html, re.S) or [
        response.status_code
    ]


def _send_twice(world: World, client: Client, case: Case) -> tuple[Any, Any]:
    page = case.page(world)
    client.get(page)  # the page may set up what the form needs (a standard template)
    action = case.action(world) if case.action else page
    data = _form(client, page, action)
    assert data.get(FIELD), f"the form for {action} carries no {FIELD} token"
    data.update(case.data(world))
    headers = {"HTTP_HX_REQUEST": "true"} if case.htmx else {}
    first = client.post(action, data, **headers)
    second = client.post(action, data, **headers)
    return first, second


@pytest.mark.parametrize("name", list(CASES))
def test_sending_a_form_twice_makes_one_object(world, as_user, name):
    case = CASES[name]
    client = as_user(world.persona(case.persona))
    before = case.made(world).count()
    first, second = _send_twice(world, client, case)
    assert first.status_code in {200, 302}, first.content.decode()[:2000]
    made = case.made(world).count() - before
    assert made >= 1, f"the first sending made nothing: {_errors(first)}"
    # The second sending makes nothing more and leads to what the first one made.
    assert case.made(world).count() - before == made
    if case.htmx:
        assert second.status_code == 200 and second["HX-Redirect"]
        target = second["HX-Redirect"]
    else:
        assert second.status_code == 302
        target = second["Location"]
        if first.status_code == 302:
            assert target == first["Location"]
    shown = client.get(target)
    assert shown.status_code == 200
    assert "al verstuurd" in shown.content.decode()


def test_the_second_sending_shows_the_journal_entry_made_once(world, as_user):
    client = as_user(world.participant_a)
    _, second = _send_twice(world, client, CASES["journal entry"])
    page = client.get(second["Location"]).content.decode()
    assert "Een lastig gesprek" in page
    assert JournalEntry.objects.filter(author=world.participant_a).count() == 1


def test_a_form_with_errors_can_be_corrected_and_sent(world, as_user):
    client = as_user(world.participant_a)
    page = reverse("reflection:journal_create", args=[world.group_a.pk])
    data = _form(client, page, page)
    data.update({"title": "", "text": ""})
    assert client.post(page, data).status_code == 200  # the form again, with its errors
    data.update({"title": "Een lastig gesprek", "text": "Wat ik ervan leerde."})
    assert client.post(page, data).status_code == 302
    assert JournalEntry.objects.filter(author=world.participant_a).count() == 1


def test_a_token_counts_for_its_own_sender_only(world, as_user):
    """Two people sending the same token value each get their own entry."""
    page = reverse("reflection:journal_create", args=[world.group_a.pk])
    client = as_user(world.participant_a)
    data = {**_form(client, page, page), "title": "Dag 1", "text": "Spannend."}
    assert client.post(page, data).status_code == 302
    colleague = UserFactory(organisation=world.client)
    RoleFactory(person=colleague, role=Role.PARTICIPANT, group=world.group_a)
    _membership(world, colleague)
    assert as_user(colleague).post(page, data).status_code == 302
    assert JournalEntry.objects.filter(author=colleague).count() == 1
    assert JournalEntry.objects.filter(author=world.participant_a).count() == 1


def test_the_panel_sent_back_to_htmx_lets_the_next_point_be_added(world, as_user):
    """The points panel comes back with a fresh form: a second, different point is added."""
    client = as_user(world.participant_a)
    page = reverse("learning:meeting", args=[_member_meeting(world).pk])
    action = reverse("learning:point_add", args=[_meeting(world).pk])
    data = {**_form(client, page, action), "text": "Eerst luisteren."}
    panel = client.post(action, data, HTTP_HX_REQUEST="true")
    assert panel.status_code == 200
    reader = _FormReader(page)
    reader.feed(panel.content.decode())
    [fresh] = [dict(f.fields) for f in reader.forms if f.action == action]
    assert fresh[FIELD] != data[FIELD]
    client.post(action, {**fresh, "text": "Dan pas adviseren."}, HTTP_HX_REQUEST="true")
    assert sorted(LearningPoint.objects.values_list("text", flat=True)) == [
        "Dan pas adviseren.",
        "Eerst luisteren.",
    ]
