"""Removing a role asks for confirmation, and a group is not left without a facilitator by
accident: its last facilitator cannot remove themselves (nor can anyone in the group remove
them); the programme manager can, knowingly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kring.programmes import services
from kring.programmes.models import Role, RoleAssignment
from tests.factories import RoleFactory


def _own_role(world) -> RoleAssignment:
    return RoleAssignment.objects.get(person=world.facilitator_a, group=world.group_a)


def _url(assignment: RoleAssignment) -> str:
    return reverse("programmes:role_remove", args=[assignment.pk])


def test_removing_a_role_asks_for_confirmation_first(world, as_user):
    client = as_user(world.facilitator_a)
    assignment = RoleAssignment.objects.get(person=world.participant_a, group=world.group_a)
    page = client.get(_url(assignment)).content.decode()
    assert "Participant A" in page and "Rol verwijderen" in page
    response = client.post(_url(assignment))  # one POST without the confirmation
    assert response.status_code == 200
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    response = client.post(_url(assignment), {"confirm": "yes", "reason": "Gaat weg."})
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_the_group_page_has_one_remove_action_that_leads_to_the_confirmation(world, as_user):
    client = as_user(world.facilitator_a)
    page = client.get(reverse("programmes:group_detail", args=[world.group_a.pk])).content
    choose = reverse("programmes:group_role_remove_choose", args=[world.group_a.pk])
    assert page.decode().count(f'href="{choose}"') == 1
    assert "button-danger" not in page.decode()
    response = client.get(choose, {"assignment": _own_role(world).pk})
    assert response["Location"] == _url(_own_role(world))


def test_the_programme_page_has_one_remove_action(world, as_user):
    client = as_user(world.programme_manager)
    url = reverse("programmes:programme_detail", args=[world.trajectory.pk])
    page = client.get(url).content.decode()
    choose = reverse("programmes:programme_role_remove_choose", args=[world.trajectory.pk])
    assert page.count(f'href="{choose}"') == 1 and "button-danger" not in page
    choice = client.get(choose).content.decode()
    assert "Kies wiens rol je weghaalt.<" not in choice  # no error before choosing
    # A role of another place cannot be chosen here.
    other = RoleAssignment.objects.get(person=world.participant_a, group=world.group_a)
    assert client.get(choose, {"assignment": other.pk}).status_code == 400


def test_removing_needs_a_reason(world, as_user):
    client = as_user(world.facilitator_a)
    assignment = RoleAssignment.objects.get(person=world.participant_a, group=world.group_a)
    response = client.post(_url(assignment), {"confirm": "yes", "reason": "  "})
    assert response.status_code == 200
    assert "Zeg waarom" in response.content.decode()
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_the_last_facilitator_cannot_remove_their_own_role(world, as_user):
    client = as_user(world.facilitator_a)
    page = client.get(_url(_own_role(world))).content.decode()
    assert "enige leerbegeleider" in page
    response = client.post(_url(_own_role(world)), {"confirm": "yes", "reason": "Gaat weg."})
    assert response.status_code == 200
    assert "enige leerbegeleider" in response.content.decode()
    assert RoleAssignment.objects.filter(person=world.facilitator_a, group=world.group_a).exists()


def test_the_last_facilitator_is_kept_by_the_service_too(world):
    with pytest.raises(ValidationError):
        services.role_remove(actor=world.facilitator_a, assignment=_own_role(world))
    assert RoleAssignment.objects.filter(person=world.facilitator_a, group=world.group_a).exists()


def test_with_a_co_facilitator_a_facilitator_may_step_down(world, as_user):
    RoleFactory(person=world.teacher, role=Role.FACILITATOR, group=world.group_a)
    response = as_user(world.facilitator_a).post(
        _url(_own_role(world)), {"confirm": "yes", "reason": "Gaat weg."}
    )
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(
        person=world.facilitator_a, group=world.group_a
    ).exists()


def test_the_programme_manager_leaves_a_group_without_facilitator_only_knowingly(world, as_user):
    client = as_user(world.programme_manager)
    assignment = _own_role(world)
    response = client.post(_url(assignment), {"confirm": "yes", "reason": "Gaat weg."})
    assert response.status_code == 200
    assert "Vink het vakje aan" in response.content.decode()
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    response = client.post(
        _url(assignment),
        {"confirm": "yes", "reason": "Gaat weg.", "leave_without_facilitator": "on"},
    )
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
