"""The audit log reads as sentences in local time, and narrows by person, object, action and
period."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.audit.services import audit_record

URL = reverse("audit:audit_list")


def _entry(world, action: str, at: datetime.datetime, **extra) -> AuditEntry:
    entry = audit_record(actor=world.facilitator_a, action=action, obj=world.group_a, **extra)
    AuditEntry.objects.filter(pk=entry.pk).update(at=at)
    return entry


def test_entries_read_as_sentences_in_local_time(world, as_user):
    # 23:30 UTC on 30 June is 01:30 on 1 July in Amsterdam.
    _entry(
        world, "submission.list_read", datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    )
    page = as_user(world.admin).get(URL).content.decode()
    assert ">submission.list_read<" not in page and "<code>" not in page
    assert "Lijst met inzendingen voor Leergroep A gelezen" in page
    assert "1 juli 2026, 01:30" in page


def test_a_removal_shows_its_reason(world, as_user):
    audit_record(
        actor=world.programme_manager,
        action="role.remove",
        obj=world.group_a,
        detail={"role": "participant", "reason": "Vertrokken naar een andere afdeling."},
    )
    page = as_user(world.admin).get(URL).content.decode()
    assert "Rol weggehaald: Leergroep A (Deelnemer)" in page
    assert "Reden: Vertrokken naar een andere afdeling." in page


def test_filters_by_person_object_action_and_period(world, as_user):
    amsterdam = ZoneInfo("Europe/Amsterdam")
    _entry(world, "group.update", datetime.datetime(2026, 3, 2, 10, 0, tzinfo=amsterdam))
    _entry(world, "meeting.update", datetime.datetime(2026, 3, 9, 10, 0, tzinfo=amsterdam))
    audit_record(actor=world.admin, action="programme.update", obj=world.trajectory)
    client = as_user(world.admin)

    def shown(**query: str) -> str:
        return client.get(URL, query).content.decode()

    assert "Groep Leergroep A gewijzigd" in shown(person="facilitator")
    assert "Programma Samen leren gewijzigd" not in shown(person="facilitator")
    assert "Programma Samen leren gewijzigd" in shown(object="samen")
    only_meetings = shown(action="meeting.update")
    assert "Bijeenkomst Leergroep A gewijzigd" in only_meetings
    assert "Groep Leergroep A gewijzigd" not in only_meetings
    first_week = shown(start="2026-03-01", end="2026-03-08")
    assert "Groep Leergroep A gewijzigd" in first_week
    assert "Bijeenkomst Leergroep A" not in first_week
    response = client.get(URL, {"start": "2026-03-08", "end": "2026-03-01"})
    assert response.status_code == 400


def test_pages_keep_the_filters(world, as_user):
    for _ in range(55):
        audit_record(actor=world.facilitator_a, action="group.update", obj=world.group_a)
    page = as_user(world.admin).get(URL, {"person": "facilitator"}).content.decode()
    assert "person=facilitator&amp;page=2" in page
    assert "55 regels" in page


def test_only_platform_admins_read_the_log(world, as_user):
    assert as_user(world.programme_manager).get(URL).status_code == 403
