"""Every 403 says why, in words that fit the person refused (kring.access.refusal), and the error
page shows it. The authorization matrix checks that every 403 carries a reason and never sends
someone to ask themselves; these tests read the reasons each persona gets."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kring import access
from kring.core.exceptions import Refused
from kring.learning.models import Meeting
from tests.learning.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _refused(client, url: str, method: str = "get") -> str:
    response = getattr(client, method)(url)
    assert response.status_code == 403, url
    return response.content.decode()


def test_a_programme_manager_facing_confidential_work_is_led_to_the_harvest(world, as_user):
    page = _refused(
        as_user(world.programme_manager), reverse("reflection:group", args=[world.group_a.pk])
    )
    assert "Als programmamanager lees je de oogst van de groep" in page
    assert reverse("learning:harvest", args=[world.group_a.pk]) in page
    assert "vraag het dan aan de programmamanager" not in page


def test_a_participant_of_another_group_hears_where_their_place_is(world, as_user):
    page = _refused(
        as_user(world.participant_b), reverse("learning:cycle", args=[world.group_a.pk])
    )
    assert "Jouw plek is in Leergroep B, niet in Leergroep A" in page
    assert reverse("learning:cycle", args=[world.group_b.pk]) in page


def test_a_client_contact_hears_they_follow_the_programme_as_a_whole(world, as_user):
    client = as_user(world.client_contact)
    page = _refused(client, reverse("learning:cycle", args=[world.group_a.pk]))
    assert "Als opdrachtgever volg je Samen leren als geheel" in page
    assert "Programme Manager" in page  # whom to ask, by name
    page = _refused(client, reverse("programmes:programme_edit", args=[world.trajectory.pk]))
    assert "Als opdrachtgever volg je Samen leren;" in page


def test_a_member_hears_that_the_facilitator_decides(world, as_user):
    meeting = Meeting.objects.create(group=world.group_a, number=1, title="Start")
    page = _refused(
        as_user(world.participant_a), reverse("reflection:assignment_create", args=[meeting.pk])
    )
    assert "In Leergroep A is dit aan de leerbegeleider van de groep" in page
    assert "Facilitator A" in page


def test_a_facilitator_hears_that_a_journal_is_its_writers(world, as_user):
    page = _refused(
        as_user(world.facilitator_a), reverse("reflection:journal", args=[world.group_a.pk])
    )
    assert "Een logboek is van het lid dat het schrijft" in page


def test_a_teacher_and_an_admin_hear_what_their_role_opens(world, as_user):
    url = reverse("learning:agreements", args=[world.group_a.pk])
    assert "Als docent zie je de bijeenkomsten" in _refused(as_user(world.teacher), url)
    assert "Als platformbeheerder" in _refused(as_user(world.admin), url)


def test_the_reason_is_in_the_readers_language(world, as_user):
    client = as_user(world.participant_b)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    page = _refused(client, reverse("learning:cycle", args=[world.group_a.pk]))
    assert "Your place is in Leergroep B, not in Leergroep A" in page


def test_a_refusal_outside_any_programme_says_whom_it_is_for(world):
    refusal = access.refusal(world.participant_a, access.Action.LIST, access.AuditEntry)
    assert isinstance(refusal, Refused)
    assert refusal.reason == "Dit is voor platformbeheerders."


def test_members_do_their_own_part(world):
    MembershipFactory(group=world.group_a, person=world.participant_a)
    refusal = access.refusal(world.facilitator_a, access.CycleAction.EVALUATE, world.group_a)
    assert "Leergroep A" in refusal.reason
    assert not refusal.next_url
