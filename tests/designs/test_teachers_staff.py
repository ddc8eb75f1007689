"""How a group's staff work together (D5): the constellation, the duo agreement with its
versions, who reads it, and the reminder on the date the duo agreed to look at it again."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AuditEntry
from kring.designs.models import Constellation, DuoAgreement
from kring.designs.services_teachers import duo_agreement_save, remind_duo_revisits
from kring.notifications.models import Notification
from kring.programmes.models import Role
from tests.factories import GroupFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

TEXTS = {
    "roles": "Lotte begeleidt het proces, Ahmed brengt de inhoud.",
    "intervening": "We grijpen in als de ander het vraagt.",
    "signals": "Een knikje naar de flip-over.",
    "blind_spots": "Ahmed praat lang; Lotte vermijdt conflict.",
}


@pytest.fixture
def duo():
    group = GroupFactory(name="Cohort najaar")
    lotte = RoleFactory(group=group, role=Role.FACILITATOR).person
    ahmed = RoleFactory(group=group, role=Role.TEACHER).person
    manager = RoleFactory(programme=group.programme, group=None, role=Role.PROGRAMME_MANAGER).person
    participant = RoleFactory(group=group, role=Role.PARTICIPANT).person
    return group, lotte, ahmed, manager, participant


def _later(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_the_duo_writes_versions_that_the_manager_reads_and_participants_never(duo, as_user):
    group, lotte, ahmed, manager, participant = duo
    client = as_user(lotte)
    url = reverse("designs_teachers:duo_agreement", args=[group.pk])
    response = client.post(
        url, {**TEXTS, "revisit_on": _later(60).isoformat(), "base_number": 0, "change_note": ""}
    )
    assert response.status_code == 302
    # A second version must say what changed.
    response = as_user(ahmed).post(
        url,
        {
            **TEXTS,
            "signals": "Een hand op de schouder.",
            "revisit_on": _later(90).isoformat(),
            "base_number": 1,
            "change_note": "",
        },
    )
    assert response.status_code == 200
    assert "Geef kort aan wat er veranderde en waarom." in response.content.decode()
    response = as_user(ahmed).post(
        url,
        {
            **TEXTS,
            "signals": "Een hand op de schouder.",
            "revisit_on": _later(90).isoformat(),
            "base_number": 1,
            "change_note": "Ander signaal",
        },
    )
    assert response.status_code == 302
    assert list(DuoAgreement.objects.values_list("number", flat=True)) == [2, 1]
    assert AuditEntry.objects.filter(action="duo_agreement.save").count() == 2
    staff_url = reverse("designs_teachers:staff", args=[group.pk])
    page = as_user(manager).get(staff_url).content.decode()
    assert "Een hand op de schouder." in page and "Ander signaal" in page
    assert "Een knikje naar de flip-over." in page  # the earlier version stays readable
    response = as_user(participant).get(staff_url)
    assert response.status_code == 403
    assert "blinde" not in response.content.decode()
    assert as_user(UserFactory()).get(staff_url).status_code == 404
    # The manager reads but does not write the duo's agreement.
    assert as_user(manager).get(url).status_code == 403


def test_a_stale_duo_form_overwrites_nothing(duo, as_user):
    group, lotte, ahmed, *_ = duo
    duo_agreement_save(actor=ahmed, group=group, base_number=0, revisit_on=_later(30), **TEXTS)
    response = as_user(lotte).post(
        reverse("designs_teachers:duo_agreement", args=[group.pk]),
        {**TEXTS, "roles": "Mijn versie", "revisit_on": _later(30).isoformat(), "base_number": 0},
    )
    assert response.status_code == 200
    assert "Nothing has been overwritten" in response.content.decode() or (
        "Er is niets overschreven" in response.content.decode()
    )
    assert DuoAgreement.objects.count() == 1


def test_a_revisit_date_in_the_past_is_refused_in_words(duo, as_user):
    group, lotte, *_ = duo
    response = as_user(lotte).post(
        reverse("designs_teachers:duo_agreement", args=[group.pk]),
        {**TEXTS, "revisit_on": _later(-1).isoformat(), "base_number": 0},
    )
    assert response.status_code == 200
    assert "Kies een datum na vandaag." in response.content.decode()
    assert not DuoAgreement.objects.exists()


def test_on_the_revisit_date_the_duo_is_reminded_once_and_sees_it_until_they_revisit(duo, as_user):
    group, lotte, ahmed, manager, participant = duo
    agreement = duo_agreement_save(
        actor=lotte, group=group, base_number=0, revisit_on=_later(10), **TEXTS
    )
    assert remind_duo_revisits(timezone.localdate()) == 0
    DuoAgreement.objects.filter(pk=agreement.pk).update(revisit_on=timezone.localdate())
    assert remind_duo_revisits(timezone.localdate()) == 2
    assert remind_duo_revisits(timezone.localdate()) == 0  # once
    assert {m.to[0] for m in mail.outbox} == {lotte.email, ahmed.email}
    assert set(
        Notification.objects.filter(kind=Notification.Kind.DUO_REVISIT).values_list(
            "recipient", flat=True
        )
    ) == {lotte.pk, ahmed.pk}
    dashboard = reverse("site:dashboard")
    assert "Duo-afspraken om opnieuw te bekijken" in as_user(ahmed).get(dashboard).content.decode()
    assert "Duo-afspraken om opnieuw" not in as_user(participant).get(dashboard).content.decode()
    # Confirming that it still holds makes a new version and ends the reminder.
    response = as_user(ahmed).post(
        reverse("designs_teachers:duo_confirm", args=[group.pk]),
        {"base_number": 1, "revisit_on": _later(120).isoformat()},
    )
    assert response.status_code == 302
    newest = DuoAgreement.objects.order_by("-number").first()
    assert newest.number == 2 and newest.confirms_previous and newest.roles == TEXTS["roles"]
    assert "Duo-afspraken om opnieuw" not in as_user(ahmed).get(dashboard).content.decode()
    page = as_user(lotte).get(reverse("designs_teachers:staff", args=[group.pk])).content.decode()
    assert "ze kloppen nog" in page


def test_the_manager_or_facilitator_records_the_constellation(duo, as_user):
    group, lotte, ahmed, manager, _participant = duo
    url = reverse("designs_teachers:constellation", args=[group.pk])
    response = as_user(manager).post(
        url, {"kind": Constellation.Kind.DUO, "third": manager.pk, "note": "", "version": 0}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    constellation = Constellation.objects.get(group=group)
    assert constellation.third == manager
    # A teacher of the duo does not set it; a stale form overwrites nothing.
    assert as_user(ahmed).get(url).status_code == 403
    response = as_user(lotte).post(
        url, {"kind": Constellation.Kind.FACILITATOR_AND_TEACHER, "note": "", "version": 0}
    )
    assert response.status_code == 200
    assert Constellation.objects.get(group=group).kind == Constellation.Kind.DUO
    response = as_user(lotte).post(
        url, {"kind": Constellation.Kind.FACILITATOR_AND_TEACHER, "note": "", "version": 1}
    )
    assert response.status_code == 302
    page = as_user(ahmed).get(reverse("designs_teachers:staff", args=[group.pk])).content
    assert "Een leerbegeleider en een docent" in page.decode()


def test_the_groups_page_leads_the_staff_to_how_they_work_together(duo, as_user):
    group, lotte, ahmed, manager, participant = duo
    url = reverse("programmes:group_detail", args=[group.pk])
    staff_url = reverse("designs_teachers:staff", args=[group.pk])
    for person in (lotte, ahmed, manager):
        assert staff_url in as_user(person).get(url).content.decode()
    assert staff_url not in as_user(participant).get(url).content.decode()
