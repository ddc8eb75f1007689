"""The action loop does not depend on everyone logging in: the facilitator writes down, in the
meeting, what a member says they will try and what happened, marked as such; and some months
after the cycle each member is asked what stuck."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kring import access
from kring.audit.models import AuditEntry
from kring.calendars.tasks import send_due_reminders
from kring.learning import selectors, services
from kring.learning.models import Cycle, FollowUpAnswer, Intention, Meeting
from kring.learning.tasks import ask_follow_ups
from kring.notifications import explain
from kring.notifications.models import Notification
from kring.programmes.models import RoleAssignment
from tests.learning.conftest import active
from tests.learning.factories import MeetingFactory


def test_the_facilitator_records_an_intention_on_a_members_behalf(cycle):
    world, first, _ = cycle
    intention = services.intention_add_on_behalf(
        actor=world.facilitator_a, member=world.participant_a, meeting=first, text="Doorvragen"
    )
    assert (intention.person, intention.recorded_by) == (world.participant_a, world.facilitator_a)
    entry = AuditEntry.objects.get(action="commitment.add")
    assert entry.actor_id == world.facilitator_a.pk
    assert entry.detail == {"on_behalf_of": world.participant_a.pk}


def test_a_members_own_intention_is_not_marked(cycle):
    world, first, _ = cycle
    intention = services.intention_add(person=world.participant_a, meeting=first, text="Zelf")
    assert intention.recorded_by is None


@pytest.mark.parametrize("persona", ["participant_a", "programme_manager", "facilitator_b"])
def test_only_the_groups_facilitator_records_on_behalf(cycle, persona):
    world, first, _ = cycle
    with pytest.raises(PermissionDenied):
        services.intention_add_on_behalf(
            actor=getattr(world, persona), member=world.participant_a, meeting=first, text="Iets"
        )
    assert not Intention.objects.exists()


def test_only_members_of_the_group_get_an_intention_on_their_behalf(cycle):
    world, first, _ = cycle
    with pytest.raises(ValidationError):
        services.intention_add_on_behalf(
            actor=world.facilitator_a, member=world.participant_b, meeting=first, text="Iets"
        )


def test_the_facilitator_reports_on_behalf_and_the_member_may_correct_it(cycle):
    world, first, _ = cycle
    intention = services.intention_add(person=world.participant_a, meeting=first, text="Vragen")
    services.intention_report_on_behalf(
        actor=world.facilitator_a, intention=intention, outcome="partly", report="Eén keer"
    )
    intention.refresh_from_db()
    assert (intention.outcome, intention.reported_by) == ("partly", world.facilitator_a)
    services.intention_report(
        person=world.participant_a, intention=intention, outcome="done", report="Twee keer"
    )
    intention.refresh_from_db()
    assert (intention.outcome, intention.reported_by) == ("done", None)
    # What the member told themselves is never replaced by someone else.
    with pytest.raises(ValidationError):
        services.intention_report_on_behalf(
            actor=world.facilitator_a, intention=intention, outcome="not_done", report=""
        )
    intention.refresh_from_db()
    assert intention.outcome == "done"


def test_the_meeting_page_marks_what_was_recorded_on_behalf(cycle, as_user):
    world, first, second = cycle
    intention = services.intention_add_on_behalf(
        actor=world.facilitator_a, member=world.participant_a, meeting=first, text="Doorvragen"
    )
    services.intention_report_on_behalf(
        actor=world.facilitator_a, intention=intention, outcome="done", report="Gelukt"
    )
    marked = (
        f"vastgelegd door {world.facilitator_a.full_name} namens {world.participant_a.full_name}"
    )
    for person in (world.participant_a, world.facilitator_a):
        client = as_user(person)
        assert marked in client.get(first.get_absolute_url()).content.decode()
        assert client.get(second.get_absolute_url()).content.decode().count(marked) == 2


def test_the_facilitator_records_through_the_meeting_page(cycle, as_user):
    world, first, second = cycle
    client = as_user(world.facilitator_a)
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Het voornemen van een lid vastleggen" in page
    response = client.post(
        reverse("learning:intention_add_on_behalf", args=[first.pk]),
        {"behalf-member": world.participant_a.pk, "behalf-text": "Eerst luisteren"},
    )
    assert response.status_code == 302
    intention = Intention.objects.get()
    response = client.post(
        reverse("learning:intention_report_on_behalf", args=[intention.pk]),
        {"outcome": "partly", "report": "Soms"},
    )
    assert response["Location"].startswith(second.get_absolute_url())
    intention.refresh_from_db()
    assert intention.reported_by == world.facilitator_a


def test_an_intention_on_behalf_without_a_member_keeps_the_text(cycle, as_user):
    world, first, _ = cycle
    response = as_user(world.facilitator_a).post(
        reverse("learning:intention_add_on_behalf", args=[first.pk]),
        {"behalf-text": "Eerst luisteren"},
    )
    assert response.status_code == 400
    assert "Eerst luisteren" in response.content.decode()
    assert not Intention.objects.exists()


# --- Follow-up ---


def _ended(world, days_ago: int) -> Meeting:
    """Group A's cycle ended ``days_ago`` days ago."""
    Meeting.objects.filter(group=world.group_a).update(
        starts_at=timezone.now() - datetime.timedelta(days=days_ago + 60),
        status=Meeting.Status.HELD,
    )
    last, _ = Meeting.objects.update_or_create(
        group=world.group_a,
        number=6,
        defaults={
            "title": "Oogsten",
            "starts_at": timezone.now() - datetime.timedelta(days=days_ago),
            "status": Meeting.Status.HELD,
        },
    )
    return last


def test_the_follow_up_comes_three_months_after_the_last_meeting(cycle):
    world, *_ = cycle
    last = MeetingFactory(
        group=world.group_a,
        number=6,
        starts_at=timezone.make_aware(datetime.datetime(2027, 1, 31, 14)),
    )
    MeetingFactory(
        group=world.group_a,
        number=7,
        starts_at=last.starts_at + datetime.timedelta(days=30),
        status=Meeting.Status.CANCELLED,
    )
    assert selectors.follow_up_date(world.group_a) == datetime.date(2027, 4, 30)


def test_the_facilitator_chooses_another_date(cycle):
    world, *_ = cycle
    _ended(world, days_ago=10)
    day = timezone.localdate() + datetime.timedelta(days=20)
    services.follow_up_set(actor=world.facilitator_a, group=world.group_a, on=day)
    assert selectors.follow_up_date(world.group_a) == day
    with pytest.raises(ValidationError):
        services.follow_up_set(
            actor=world.facilitator_a,
            group=world.group_a,
            on=timezone.localdate() - datetime.timedelta(days=20),
        )
    with pytest.raises(PermissionDenied):
        services.follow_up_set(actor=world.participant_a, group=world.group_a, on=day)
    services.follow_up_set(actor=world.facilitator_a, group=world.group_a, on=None)
    assert Cycle.objects.get(group=world.group_a).follow_up_on is None


def test_members_are_asked_once_by_email_when_the_date_comes(cycle, settings):
    world, *_ = cycle
    _ended(world, days_ago=95)
    assert ask_follow_ups(timezone.localdate()) == 1
    assert [m.to for m in mail.outbox] == [[world.participant_a.email]]
    assert "blijven hangen" in mail.outbox[0].subject
    assert reverse("learning:follow_up", args=[world.group_a.pk]) in mail.outbox[0].body
    assert ask_follow_ups(timezone.localdate()) == 0  # once


def test_nobody_is_asked_before_the_date_or_long_after(cycle):
    world, *_ = cycle
    _ended(world, days_ago=60)
    assert ask_follow_ups(timezone.localdate()) == 0
    Meeting.objects.filter(group=world.group_a).update(
        starts_at=timezone.now() - datetime.timedelta(days=400)
    )
    assert ask_follow_ups(timezone.localdate()) == 0
    assert not FollowUpAnswer.objects.exists()


def test_the_periodic_reminder_run_asks_the_follow_up(cycle):
    world, *_ = cycle
    _ended(world, days_ago=95)
    send_due_reminders.call()
    assert FollowUpAnswer.objects.filter(person=world.participant_a).exists()


def test_followups_due_lists_the_open_question_until_answered(cycle):
    world, *_ = cycle
    assert selectors.followups_due(world.participant_a) == []
    _ended(world, days_ago=95)
    [due] = selectors.followups_due(world.participant_a)
    assert due.group == world.group_a
    assert selectors.followups_due(world.facilitator_a) == []
    services.follow_up_answer(
        person=world.participant_a, group=world.group_a, stuck="Ik vraag vaker door"
    )
    assert selectors.followups_due(world.participant_a) == []


def test_the_answer_waits_for_the_date_and_needs_words(cycle):
    world, *_ = cycle
    _ended(world, days_ago=10)
    with pytest.raises(ValidationError):
        services.follow_up_answer(person=world.participant_a, group=world.group_a, stuck="Veel")
    _ended(world, days_ago=95)
    with pytest.raises(ValidationError):
        services.follow_up_answer(person=world.participant_a, group=world.group_a, stuck="  ")
    with pytest.raises(PermissionDenied):
        services.follow_up_answer(person=world.facilitator_a, group=world.group_a, stuck="Iets")


def test_answers_are_for_the_member_and_the_facilitator_only(cycle, as_user):
    world, *_ = cycle
    _ended(world, days_ago=95)
    other = world.facilitator_b  # a second member of group A
    active(world, other)
    RoleAssignment.objects.create(
        person=other, role="participant", programme=world.trajectory, group=world.group_a
    )
    url = reverse("learning:follow_up", args=[world.group_a.pk])
    response = as_user(world.participant_a).post(
        url, {"stuck": "Ik vraag vaker door", "still_trying": "Stiltes laten vallen"}
    )
    assert response.status_code == 302
    facilitator_page = as_user(world.facilitator_a).get(url).content.decode()
    assert "Ik vraag vaker door" in facilitator_page and world.participant_a.full_name in (
        facilitator_page
    )
    other_page = as_user(other).get(url).content.decode()
    assert "Ik vraag vaker door" not in other_page
    assert as_user(world.programme_manager).get(url).status_code == 403
    assert not access.can(world.facilitator_a, access.CycleAction.ANSWER_FOLLOW_UP, world.group_a)


def test_a_follow_up_date_in_the_past_is_refused_and_kept_in_the_form(cycle, as_user):
    world, *_ = cycle
    _ended(world, days_ago=10)
    day = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    response = as_user(world.facilitator_a).post(
        reverse("learning:follow_up_date", args=[world.group_a.pk]), {"follow_up_on": day}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "kan niet in het verleden liggen" in content and day in content
    assert not Cycle.objects.filter(group=world.group_a, follow_up_on__isnull=False).exists()


def test_the_question_reaches_the_bell_once_and_is_settled_by_answering(cycle):
    world, *_ = cycle
    _ended(world, days_ago=95)
    send_due_reminders.call()
    send_due_reminders.call()  # the next run of the worker asks nobody again
    [note] = Notification.objects.filter(recipient=world.participant_a)
    assert note.kind == Notification.Kind.FOLLOW_UP
    assert note.link == reverse("learning:follow_up", args=[world.group_a.pk])
    assert "Wat is blijven hangen?" in explain.text(note)
    assert len([m for m in mail.outbox if "blijven hangen" in m.subject]) == 1
    services.follow_up_answer(person=world.participant_a, group=world.group_a, stuck="Doorvragen")
    note.refresh_from_db()
    assert note.is_read
    send_due_reminders.call()
    assert Notification.objects.filter(recipient=world.participant_a).count() == 1
    assert selectors.followups_due(world.participant_a) == []


def test_a_member_who_answered_before_the_run_is_not_asked(cycle):
    world, *_ = cycle
    _ended(world, days_ago=95)
    services.follow_up_answer(person=world.participant_a, group=world.group_a, stuck="Veel")
    assert ask_follow_ups(timezone.localdate()) == 0
    assert not mail.outbox
    assert not Notification.objects.exists()


def test_a_failed_email_leaves_no_notification_and_is_tried_again(cycle, monkeypatch):
    world, *_ = cycle
    _ended(world, days_ago=95)

    def broken(**kwargs):
        raise OSError("mail server away")

    monkeypatch.setattr("kring.learning.tasks.send_templated_mail", broken)
    assert ask_follow_ups(timezone.localdate()) == 0
    assert not Notification.objects.exists()
    monkeypatch.undo()
    assert ask_follow_ups(timezone.localdate()) == 1
    assert Notification.objects.filter(kind=Notification.Kind.FOLLOW_UP).count() == 1


def test_the_dashboard_shows_the_question_until_it_is_answered(cycle, as_user):
    world, *_ = cycle
    link = reverse("learning:follow_up", args=[world.group_a.pk])
    _ended(world, days_ago=60)  # not yet: the date lies a month ahead
    assert link not in as_user(world.participant_a).get(reverse("site:dashboard")).content.decode()
    _ended(world, days_ago=95)
    page = as_user(world.participant_a).get(reverse("site:dashboard")).content.decode()
    assert "Terugblik: wat is blijven hangen?" in page and link in page
    facilitator_page = as_user(world.facilitator_a).get(reverse("site:dashboard"))
    assert link not in facilitator_page.content.decode()
    services.follow_up_answer(person=world.participant_a, group=world.group_a, stuck="Iets")
    page = as_user(world.participant_a).get(reverse("site:dashboard")).content.decode()
    assert "Terugblik: wat is blijven hangen?" not in page


def test_the_facilitators_date_brings_the_question_on_that_day(cycle):
    world, *_ = cycle
    _ended(world, days_ago=10)
    day = timezone.localdate() + datetime.timedelta(days=5)
    services.follow_up_set(actor=world.facilitator_a, group=world.group_a, on=day)
    assert ask_follow_ups(day - datetime.timedelta(days=1)) == 0
    assert selectors.followups_due(world.participant_a, day - datetime.timedelta(days=1)) == []
    assert ask_follow_ups(day) == 1
    [due] = selectors.followups_due(world.participant_a, day)
    assert due.asks_on == day and due.asked


def test_an_old_follow_up_nobody_was_asked_stays_off_the_dashboard(cycle):
    world, *_ = cycle
    _ended(world, days_ago=400)
    assert selectors.followups_due(world.participant_a) == []
