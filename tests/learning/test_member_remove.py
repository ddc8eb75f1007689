"""Taking someone out of a learning group asks first, with a reason that the audit log keeps;
the composition shows no row of red buttons."""

from __future__ import annotations

from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.learning.models import Membership
from kring.programmes.models import RoleAssignment


def test_taking_a_member_out_asks_for_a_reason(cycle, as_user):
    world, _first, _second = cycle
    membership = Membership.objects.get(person=world.participant_a, group=world.group_a)
    url = reverse("learning:member_remove", args=[membership.pk])
    client = as_user(world.facilitator_a)
    page = client.get(reverse("learning:cycle", args=[world.group_a.pk])).content.decode()
    assert f'href="{url}"' in page and "button-danger" not in page
    assert "Participant A uit Leergroep A halen?" in client.get(url).content.decode()
    client.post(url)  # one POST from elsewhere removes nothing
    response = client.post(url, {"confirm": "yes", "reason": ""})
    assert response.status_code == 200 and "Zeg waarom" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    response = client.post(url, {"confirm": "yes", "reason": "Gaat naar een andere directie."})
    assert response["Location"] == reverse("learning:cycle", args=[world.group_a.pk])
    membership.refresh_from_db()
    assert membership.status == Membership.Status.LEFT
    assert not RoleAssignment.objects.filter(person=world.participant_a, group=world.group_a)
    entry = AuditEntry.objects.get(action="membership.remove")
    assert entry.detail["reason"] == "Gaat naar een andere directie."


def test_a_member_cannot_take_another_out(cycle, as_user):
    world, _first, _second = cycle
    membership = Membership.objects.get(person=world.participant_a, group=world.group_a)
    url = reverse("learning:member_remove", args=[membership.pk])
    assert as_user(world.participant_a).get(url).status_code == 403
