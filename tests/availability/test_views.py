"""Availability pages: the grid (with and without htmx), periods away, imports, and the group
grid for facilitators and programme managers only."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kring.availability import services
from kring.availability.models import AwayPeriod, BusyTime, CalendarImport, WeeklyAvailability
from kring.programmes.models import Role
from tests.availability.helpers import import_calendar
from tests.availability.ics_samples import next_monday, work_calendar
from tests.factories import RoleFactory, UserFactory
from tests.helpers import run_queued_tasks

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_everyone_signed_in_keeps_their_own_availability(world, as_user):
    response = as_user(world.teacher).get(reverse("availability:mine"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mijn gewone week" in page
    assert "Je hebt je week nog niet ingevuld." in page
    assert "maandag 09:00–11:00" in page


def test_each_toggle_saves_the_grid_through_htmx(world, as_user):
    client = as_user(world.participant_a)
    url = reverse("availability:week_save")
    response = client.post(url, {"slots": ["0", "4"], "version": "0"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Opgeslagen: je kunt meestal op 2 momenten per week." in body
    assert 'id="week-version" value="1" hx-swap-oob="true"' in body
    response = client.post(url, {"slots": ["0", "4", "7"], "version": "1"}, **HTMX)
    assert 'value="2"' in response.content.decode()
    assert WeeklyAvailability.objects.get(user=world.participant_a).slots == [0, 4, 7]


def test_the_grid_says_it_saves_each_tick_and_offers_its_button_only_without_javascript(
    world, as_user
):
    page = as_user(world.participant_a).get(reverse("availability:mine")).content.decode()
    assert "Elk vinkje wordt meteen opgeslagen." in page
    # The save button lives inside <noscript>: with htmx each tick saves, without it the form
    # still posts.
    assert page.count("Mijn week opslaan") == 1
    assert (
        '<noscript><div class="actions week-actions"><button class="button" type="submit">'
        "Mijn week opslaan</button></div></noscript>"
    ) in page
    assert "Zonder JavaScript sla je je week op met de knop onder het rooster." in page


def test_the_grid_works_as_a_plain_form(world, as_user):
    client = as_user(world.participant_a)
    response = client.post(
        reverse("availability:week_save"), {"slots": ["2"], "version": "0"}, follow=True
    )
    assert "Opgeslagen: je kunt meestal op 1 moment per week." in response.content.decode()
    assert 'id="slot-2" name="slots" value="2" checked' in response.content.decode()


def test_an_empty_grid_is_saved_with_a_warning(world, as_user):
    client = as_user(world.participant_a)
    services.set_weekly_slots(world.participant_a, [1])
    response = client.post(reverse("availability:week_save"), {"version": "1"}, **HTMX)
    assert "Je hebt geen enkel moment aangevinkt." in response.content.decode()
    assert WeeklyAvailability.objects.get(user=world.participant_a).slots == []


def test_a_grid_saved_elsewhere_meanwhile_is_not_overwritten(world, as_user):
    client = as_user(world.participant_a)
    services.set_weekly_slots(world.participant_a, [0])  # version 1, opened in two windows
    services.set_weekly_slots(world.participant_a, [9], expected_version=1)  # the other window
    response = client.post(
        reverse("availability:week_save"), {"slots": ["0", "3"], "version": "1"}, **HTMX
    )
    body = response.content.decode()
    assert response["HX-Retarget"] == "#week-form"
    assert "Er is niets overschreven." in body
    assert "woensdag 09:00–11:00" in body  # what the other window saved (slot 9)
    assert 'id="slot-3" name="slots" value="3" checked' in body  # this window's choice kept
    assert 'name="version" id="week-version" value="2"' in body
    assert WeeklyAvailability.objects.get(user=world.participant_a).slots == [9]
    # Nothing is ticked anew, so keeping this window's choice takes a visible button.
    assert "Mijn keuze houden</button>" in body
    assert "Mijn week opslaan" not in body
    # Saving again is a deliberate choice and now succeeds.
    client.post(reverse("availability:week_save"), {"slots": ["0", "3"], "version": "2"}, **HTMX)
    assert WeeklyAvailability.objects.get(user=world.participant_a).slots == [0, 3]


def test_a_slot_outside_the_grid_changes_nothing(world, as_user):
    client = as_user(world.participant_a)
    response = client.post(reverse("availability:week_save"), {"slots": ["99"], "version": "0"})
    assert "Kies momenten uit het weekrooster." in response.content.decode()
    assert not WeeklyAvailability.objects.exists()


def _day(offset: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


def test_a_period_away_is_added_and_removed(world, as_user):
    client = as_user(world.participant_a)
    response = client.post(
        reverse("availability:away_add"),
        {"starts_on": _day(10), "ends_on": _day(14), "note": "Cursus"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Cursus" in response.content.decode()
    period = AwayPeriod.objects.get(user=world.participant_a)
    response = client.post(reverse("availability:away_remove", args=[period.pk]), follow=True)
    assert "De periode afwezig is verwijderd." in response.content.decode()
    assert not AwayPeriod.objects.exists()


def test_a_period_in_the_past_is_refused_and_the_input_kept(world, as_user):
    client = as_user(world.participant_a)
    response = client.post(
        reverse("availability:away_add"),
        {"starts_on": _day(-3), "ends_on": _day(2), "note": "Vakantie"},
    )
    body = response.content.decode()
    assert "Deze dag is al voorbij. Begin vandaag of later." in body
    assert 'value="Vakantie"' in body
    assert not AwayPeriod.objects.exists()


def test_nobody_removes_someone_elses_period_away(world, as_user):
    period = services.away_period_add(
        actor=world.participant_a, starts_on=timezone.localdate(), ends_on=timezone.localdate()
    )
    response = as_user(world.facilitator_a).post(
        reverse("availability:away_remove", args=[period.pk])
    )
    assert response.status_code == 404
    assert AwayPeriod.objects.exists()


def _upload(data: bytes, name: str = "werk.ics") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/calendar")


def test_a_calendar_file_is_read_in_the_background_and_its_status_shown(
    world, as_user, django_capture_on_commit_callbacks
):
    client = as_user(world.participant_a)
    data = work_calendar(next_monday(timezone.localdate()))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("availability:calendar_import"), {"file": _upload(data)}, follow=True
        )
    body = response.content.decode()
    assert "werk.ics is ontvangen en wordt gelezen." in body
    assert "wordt gelezen, dat duurt even" in body
    assert 'hx-trigger="every 2s"' in body  # the list asks again until the file is read
    assert not BusyTime.objects.exists()
    record = CalendarImport.objects.get(user=world.participant_a)

    run_queued_tasks()
    response = client.get(
        reverse("availability:mine") + f"?part=imports&imported={record.pk}",
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="imports-list">')  # only the list, no polling
    assert "4 bezette tijden" in body
    assert "2 hele dagen" in body
    assert "Secret board stand-up" not in body
    assert f'id="import-{record.pk}"' in body
    assert "<details open>" in body  # the busy times of this import are listed
    assert "hele dag" in body
    record.refresh_from_db()
    assert (record.status, bytes(record.data)) == (CalendarImport.Status.DONE, b"")


def test_a_calendar_that_cannot_be_read_shows_why_and_changes_nothing(
    world, as_user, django_capture_on_commit_callbacks
):
    client = as_user(world.participant_a)
    endless = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        b"DTSTART:20270104T090000Z\r\nDTEND:20270104T090001Z\r\nTRANSP:TRANSPARENT\r\n"
        b"RRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("availability:calendar_import"), {"file": _upload(endless)})
    run_queued_tasks()
    body = client.get(reverse("availability:mine")).content.decode()
    assert "niet te lezen" in body
    assert "In dit bestand staat een afspraak die zo vaak terugkomt" in body
    assert "Aan je bezette tijden is niets veranderd." in body
    assert 'hx-trigger="every 2s"' not in body
    record = CalendarImport.objects.get(user=world.participant_a)
    assert (record.status, record.failure) == (CalendarImport.Status.FAILED, "repeats_too_often")
    assert not BusyTime.objects.exists()


def test_a_file_that_is_no_calendar_gets_a_clear_message(world, as_user):
    client = as_user(world.participant_a)
    response = client.post(
        reverse("availability:calendar_import"), {"file": _upload(b"%PDF-1.4 not a calendar")}
    )
    assert "Dit bestand is niet te lezen als agenda." in response.content.decode()
    assert not CalendarImport.objects.exists()
    assert not BusyTime.objects.exists()


def test_a_file_larger_than_two_megabytes_is_refused(world, as_user):
    client = as_user(world.participant_a)
    big = work_calendar(next_monday(timezone.localdate())) + b" " * (2 * 1024 * 1024)
    response = client.post(reverse("availability:calendar_import"), {"file": _upload(big)})
    assert "Dit bestand is groter dan 2 MB." in response.content.decode()
    assert not CalendarImport.objects.exists()


def test_an_import_is_removed_by_its_owner_only(world, as_user):
    record = import_calendar(world.participant_a, work_calendar(next_monday(timezone.localdate())))
    url = reverse("availability:calendar_import_remove", args=[record.pk])
    assert as_user(world.participant_b).post(url).status_code == 404
    response = as_user(world.participant_a).post(url, follow=True)
    assert "De bezette tijden uit werk.ics zijn verwijderd." in response.content.decode()
    assert not BusyTime.objects.exists()


# --- The group grid ----------------------------------------------------------------------------


@pytest.fixture
def group_a_filled(world):
    """Group A: participant A and two more members, and facilitator A, with their weeks."""
    second = UserFactory(full_name="Bram Tweede")
    third = UserFactory(full_name="Cor Derde")
    for person in (second, third):
        RoleFactory(person=person, role=Role.PARTICIPANT, group=world.group_a)
    services.set_weekly_slots(world.participant_a, [0, 1, 2])
    services.set_weekly_slots(second, [0, 1])
    services.set_weekly_slots(third, [0])
    services.set_weekly_slots(world.facilitator_a, [0, 2])
    services.away_period_add(
        actor=second,
        starts_on=timezone.localdate() + datetime.timedelta(days=20),
        ends_on=timezone.localdate() + datetime.timedelta(days=24),
        note="Privé: ziekenhuis",
    )
    return world


def test_the_facilitator_sees_how_many_can_make_each_slot(group_a_filled, as_user):
    world = group_a_filled
    response = as_user(world.facilitator_a).get(
        reverse("availability:group", args=[world.group_a.pk])
    )
    assert response.status_code == 200
    cells = {cell.slot: cell for row in response.context["overview"].rows for cell in row.cells}
    assert (cells[0].available, cells[0].total, cells[0].level) == (3, 3, "all")
    assert (cells[1].available, cells[1].facilitators_available) == (2, 0)
    assert (cells[2].available, cells[2].facilitators_available) == (1, 1)
    body = response.content.decode()
    assert "3 van 3" in body
    assert "Iedereen kan op:" in body
    assert "Bram Tweede" in body
    # The dates of a period away, never the note.
    assert "ziekenhuis" not in body


def test_a_group_without_any_availability_cannot_be_planned(world, as_user):
    response = as_user(world.facilitator_a).get(
        reverse("availability:group", args=[world.group_a.pk])
    )
    assert "dus met hun beschikbaarheid is geen bijeenkomst te plannen" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("facilitator_a", 200),
        ("programme_manager", 200),
        ("facilitator_b", 404),
        ("participant_a", 403),
        ("teacher", 403),
        ("admin", 403),
        ("client_contact", 404),
        ("outsider", 404),
    ],
)
def test_only_facilitators_and_managers_see_a_groups_availability(world, as_user, persona, status):
    response = as_user(world.persona(persona)).get(
        reverse("availability:group", args=[world.group_a.pk])
    )
    assert response.status_code == status


def test_the_list_shows_only_the_groups_one_facilitates(world, as_user):
    body = as_user(world.facilitator_b).get(reverse("availability:groups")).content.decode()
    assert "Leergroep B" in body
    assert "Leergroep A" not in body
    body = as_user(world.participant_a).get(reverse("availability:groups")).content.decode()
    assert "Je begeleidt of beheert geen groep" in body


def test_the_group_page_query_count_does_not_grow_with_the_group(
    group_a_filled, as_user, django_assert_max_num_queries
):
    world = group_a_filled
    client = as_user(world.facilitator_a)
    url = reverse("availability:group", args=[world.group_a.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for number in range(6):
        person = UserFactory(full_name=f"Extra {number}")
        RoleFactory(person=person, role=Role.PARTICIPANT, group=world.group_a)
        services.set_weekly_slots(person, [number])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_a_file_waiting_for_minutes_says_so_and_the_page_stops_asking(world, as_user):
    client = as_user(world.participant_a)
    data = work_calendar(next_monday(timezone.localdate()))
    record = services.calendar_import(actor=world.participant_a, file_name="werk.ics", data=data)
    assert 'hx-trigger="every 2s"' in client.get(reverse("availability:mine")).content.decode()
    CalendarImport.objects.filter(pk=record.pk).update(
        imported_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    body = client.get(reverse("availability:mine")).content.decode()
    assert "Dit duurt veel langer dan normaal." in body
    assert 'hx-trigger="every 2s"' not in body
