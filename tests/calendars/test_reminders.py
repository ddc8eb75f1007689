"""E-mail reminders: sent once when due, in the recipient's language, not to who opted out
or already handed in; a moved meeting gets a new reminder; the task keeps itself queued."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kring.calendars import reminders, services
from kring.calendars.models import SentReminder
from kring.calendars.tasks import reminders_waiting, schedule_reminders, send_due_reminders
from kring.learning import services as learning_services
from kring.learning.models import Meeting
from tests.helpers import run_queued_tasks
from tests.reflection.factories import AssignmentFactory, MeetingFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def _in(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def soon(world, settings):
    """A meeting of group A a day and a half from now; reminders two days ahead."""
    settings.REMINDER_DAYS_BEFORE_MEETING = 2
    settings.REMINDER_DAYS_BEFORE_DUE = 2
    settings.BASE_URL = "https://kring.example.org"
    return MeetingFactory(
        group=world.group_a,
        number=3,
        title="Casus uitdiepen",
        starts_at=_in(1.5),
        location="Zaal 3",
        online_url="https://meet.example.org/a",
    )


def _to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def test_a_due_meeting_reminder_goes_out_once(world, soon):
    assert reminders.send_due_reminders() == 2  # participant A and facilitator A
    assert reminders.send_due_reminders() == 0
    assert len(mail.outbox) == 2
    message = _to("participant_a@example.org")[0]
    assert message.subject.startswith("Herinnering: Casus uitdiepen op ")
    assert "Plaats: Zaal 3" in message.body
    assert "Online: https://meet.example.org/a" in message.body
    assert f"https://kring.example.org/learning/meetings/{soon.pk}/" in message.body
    assert "https://kring.example.org/calendar/" in message.body  # the feed hint
    assert "agendafeed" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Zaal 3" in html
    assert SentReminder.objects.count() == 2


def test_a_meeting_further_away_or_past_gets_no_reminder(world, soon):
    soon.starts_at = _in(3)
    soon.save()
    MeetingFactory(group=world.group_a, number=4, starts_at=_in(-0.5))
    assert reminders.send_due_reminders() == 0


def test_the_reminder_is_in_the_recipients_language(world, soon):
    world.participant_a.language = "en"
    world.participant_a.save()
    reminders.send_due_reminders()
    english = _to("participant_a@example.org")[0]
    dutch = _to("facilitator_a@example.org")[0]
    assert english.subject.startswith("Reminder: Casus uitdiepen on ")
    assert "Place: Zaal 3" in english.body
    assert "Dear Participant A," in english.body
    assert "Beste Facilitator A," in dutch.body


def test_who_switched_meeting_reminders_off_gets_none(world, soon):
    services.reminders_set(actor=world.participant_a, meetings=False, assignments=True)
    assert reminders.send_due_reminders() == 1
    assert not _to("participant_a@example.org")


def test_a_cancelled_meeting_gets_no_reminder(world, soon):
    soon.status = Meeting.Status.CANCELLED
    soon.save()
    assert reminders.send_due_reminders() == 0


def test_a_moved_meeting_gets_a_reminder_for_its_new_date(world, soon):
    reminders.send_due_reminders()
    mail.outbox.clear()
    learning_services.meeting_update(
        actor=world.facilitator_a, meeting=soon, expected_version=soon.version, starts_at=_in(1)
    )
    assert reminders.send_due_reminders() == 2
    assert reminders.send_due_reminders() == 0


def test_the_same_reminder_cannot_be_recorded_twice(world, soon):
    fields = {
        "user": world.participant_a,
        "kind": SentReminder.Kind.MEETING,
        "meeting": soon,
        "due_for": soon.starts_at,
    }
    SentReminder.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        SentReminder.objects.create(**fields)
    # A second worker finds it claimed and sends nothing to this person.
    assert reminders.send_due_reminders() == 1
    assert not _to("participant_a@example.org")


def test_a_reminder_that_could_not_be_sent_is_tried_again(world, soon, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("SMTP server down")

    monkeypatch.setattr(reminders, "_send", broken)
    assert reminders.send_due_reminders() == 0
    assert not SentReminder.objects.exists()
    monkeypatch.undo()
    assert reminders.send_due_reminders() == 2


def test_an_assignment_reminder_skips_who_handed_in(world, soon):
    soon.starts_at = _in(10)
    soon.save()
    assignment = AssignmentFactory(meeting=soon, title="Een lastig gesprek", due_at=_in(1))
    colleague = _colleague(world)
    SubmissionFactory(assignment=assignment, author=colleague)
    assert reminders.send_due_reminders() == 1
    message = mail.outbox[0]
    assert message.to == ["participant_a@example.org"]  # not the facilitator, not the colleague
    assert message.subject.startswith("Herinnering: lever “Een lastig gesprek” uiterlijk ")
    assert "je hebt nog niets ingeleverd" in message.body
    assert f"/reflection/assignments/{assignment.pk}/" in message.body
    assert reminders.send_due_reminders() == 0


def test_assignment_reminders_can_be_switched_off(world, soon):
    soon.starts_at = _in(10)
    soon.save()
    AssignmentFactory(meeting=soon, due_at=_in(1))
    services.reminders_set(actor=world.participant_a, meetings=True, assignments=False)
    assert reminders.send_due_reminders() == 0


def test_zero_days_switches_reminders_off(world, soon, settings):
    settings.REMINDER_DAYS_BEFORE_MEETING = 0
    assert reminders.send_due_reminders() == 0


def _colleague(world):
    from kring.programmes.models import Role
    from tests.factories import RoleFactory, UserFactory

    colleague = UserFactory(email="colleague@example.org")
    RoleFactory(person=colleague, role=Role.PARTICIPANT, group=world.group_a)
    return colleague


# --- The task that keeps itself going -------------------------------------------------------


def test_the_task_sends_and_queues_its_next_run(world, soon, settings):
    settings.REMINDER_INTERVAL_MINUTES = 60
    assert schedule_reminders() is True
    assert schedule_reminders() is False  # one waiting run is enough
    run_queued_tasks()
    assert len(mail.outbox) == 2
    waiting = DBTaskResult.objects.filter(
        task_path=send_due_reminders.module_path, status="READY"
    ).get()
    assert waiting.run_after > timezone.now() + datetime.timedelta(minutes=55)
    # Running the queue again does nothing before the next run is due.
    run_queued_tasks()
    assert len(mail.outbox) == 2


def test_the_reminders_command_makes_sure_one_run_waits(world, soon, capsys):
    call_command("reminders")
    assert reminders_waiting()
    call_command("reminders")
    assert "already waiting" in capsys.readouterr().out
    assert DBTaskResult.objects.filter(task_path=send_due_reminders.module_path).count() == 1
    call_command("reminders", "--now")
    assert len(mail.outbox) == 2
