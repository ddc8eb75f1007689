"""In-product notifications: every e-mail Kring sends leaves one in the recipient's bell, worded
in the reader's language when they look; only the recipient ever sees it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kring.calendars import reminders
from kring.formation.models import PoolEntry
from kring.formation.tasks import send_pool_invitation
from kring.invitations.tasks import send_invitation_email
from kring.learning.models import AbsenceNotice, Membership
from kring.learning.tasks import send_absence_notices, send_membership_invitation
from kring.notifications import explain
from kring.notifications.models import Notification
from kring.notifications.services import notify
from kring.notifications.views import PAGE_SIZE
from kring.planning.models import Plan
from kring.planning.tasks import send_moved_meetings
from tests.formation.factories import PoolFactory, entry
from tests.invitations.factories import InvitationFactory
from tests.learning.factories import MeetingFactory, MembershipFactory
from tests.reflection.factories import AssignmentFactory

pytestmark = pytest.mark.django_db


def _in(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def _kinds(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


# --- Next to every e-mail -------------------------------------------------------------------------


def test_an_invitation_to_a_group_is_also_a_notification(world):
    membership = MembershipFactory(
        group=world.group_b, person=world.outsider, status=Membership.Status.INVITED
    )
    send_membership_invitation.call(membership.pk)
    notification = Notification.objects.get(recipient=world.outsider)
    assert notification.kind == Notification.Kind.GROUP_INVITATION
    assert notification.link == reverse("learning:membership_respond", args=[membership.pk])
    assert "Leergroep B" in explain.text(notification)


def test_an_absence_signal_reaches_the_facilitators_bell(world):
    membership = MembershipFactory(group=world.group_a, person=world.participant_a)
    meeting = MeetingFactory(group=world.group_a, number=1)
    notice = AbsenceNotice.objects.create(membership=membership, meeting=meeting)
    send_absence_notices.call([notice.pk])
    assert _kinds(world.facilitator_a) == [Notification.Kind.ABSENCE]
    assert _kinds(world.participant_a) == []  # the member is not told about themselves


def test_attendance_out_of_reach_reaches_the_facilitator_and_kindly_the_member(world):
    membership = MembershipFactory(group=world.group_a, person=world.participant_a)
    meeting = MeetingFactory(group=world.group_a, number=1)
    notice = AbsenceNotice.objects.create(
        membership=membership, meeting=meeting, kind=AbsenceNotice.Kind.OUT_OF_REACH
    )
    send_absence_notices.call([notice.pk])
    assert _kinds(world.facilitator_a) == [Notification.Kind.OUT_OF_REACH]
    own = Notification.objects.get(recipient=world.participant_a)
    assert own.kind == Notification.Kind.OWN_OUT_OF_REACH
    assert "je bent nog steeds welkom" in explain.text(own)


def test_a_question_to_join_a_pool_is_also_a_notification(world):
    pool = PoolFactory(programme=world.trajectory, name="Ronde twee")
    added = entry(pool, world.participant_b, status=PoolEntry.Status.INVITED, slots=None)
    send_pool_invitation.call(added.pk)
    notification = Notification.objects.get(recipient=world.participant_b)
    assert notification.link == reverse("formation:pool", args=[pool.pk])
    assert "Ronde twee" in explain.text(notification)


def test_an_invitation_to_someone_with_an_account_leaves_no_secret_link(world):
    invitation = InvitationFactory(invited_by=world.facilitator_a, email=world.outsider.email)
    send_invitation_email.call(invitation.pk)
    notification = Notification.objects.get(recipient=world.outsider)
    assert notification.link == ""
    assert "Facilitator A" in explain.text(notification)
    # Someone without an account only gets the e-mail.
    send_invitation_email.call(InvitationFactory(invited_by=world.facilitator_a).pk)
    assert Notification.objects.count() == 1


def test_reminders_are_also_notifications(world, settings):
    settings.REMINDER_DAYS_BEFORE_MEETING = 2
    settings.REMINDER_DAYS_BEFORE_DUE = 2
    MembershipFactory(group=world.group_a, person=world.participant_a)
    meeting = MeetingFactory(group=world.group_a, number=3, title="Casus", starts_at=_in(1.5))
    assignment = AssignmentFactory(meeting=meeting, title="Schrijf op", due_at=_in(1))
    reminders.send_due_reminders()
    assert sorted(_kinds(world.participant_a)) == [
        Notification.Kind.ASSIGNMENT_REMINDER,
        Notification.Kind.MEETING_REMINDER,
    ]
    assert _kinds(world.facilitator_a) == [Notification.Kind.MEETING_REMINDER]
    due = Notification.objects.get(
        recipient=world.participant_a, kind=Notification.Kind.ASSIGNMENT_REMINDER
    )
    assert due.link == reverse("reflection:assignment_detail", args=[assignment.pk])
    # A second run sends nothing and notifies nobody again.
    reminders.send_due_reminders()
    assert Notification.objects.count() == 3


def test_moved_meetings_are_also_notifications(world):
    MembershipFactory(group=world.group_a, person=world.participant_a)
    meeting = MeetingFactory(group=world.group_a, number=1, starts_at=_in(10))
    plan = Plan.objects.create(
        programme=world.trajectory,
        status=Plan.Status.ACCEPTED,
        weeks=12,
        meetings=6,
        min_gap_weeks=6,
        max_gap_weeks=8,
        target_gap_weeks=7,
        first_within_weeks=4,
        applied=[
            {
                "meeting": meeting.pk,
                "group": world.group_a.pk,
                "old": _in(3).isoformat(),
                "new": _in(10).isoformat(),
            }
        ],
    )
    send_moved_meetings.call(plan.pk)
    assert _kinds(world.participant_a) == [Notification.Kind.MEETINGS_MOVED]
    assert _kinds(world.facilitator_a) == [Notification.Kind.MEETINGS_MOVED]
    assert _kinds(world.participant_b) == []


# --- Words at display time ------------------------------------------------------------------------


def test_the_words_are_chosen_in_the_readers_language_and_time_zone(world):
    moment = datetime.datetime(2027, 1, 19, 13, 0, tzinfo=datetime.UTC)  # 14:00 in Amsterdam
    notification = notify(
        recipient=world.participant_a,
        kind=Notification.Kind.MEETING_REMINDER,
        params={"group": "Leergroep A", "number": 5, "title": "Oogsten", "starts_at": moment},
    )
    assert notification is not None
    with translation.override("nl"):
        assert "Herinnering: Leergroep A komt samen op 19 januari 2027, 14:00" in explain.text(
            notification
        )
    with translation.override("en"):
        assert explain.text(notification).startswith(
            "Reminder: Leergroep A meets on 19 January 2027, 14:00"
        )


def test_a_notification_with_missing_words_still_says_something(world):
    broken = Notification.objects.create(
        recipient=world.participant_a, kind=Notification.Kind.ABSENCE, params={}
    )
    assert explain.text(broken) == "Er is iets in Kring dat je aandacht vraagt."


def test_nobody_is_notified_who_can_no_longer_sign_in(world):
    world.outsider.is_active = False
    world.outsider.save()
    assert notify(recipient=world.outsider, kind=Notification.Kind.INVITATION) is None


def test_a_notification_never_links_outside_kring(world):
    with pytest.raises(ValueError, match="inside Kring"):
        notify(
            recipient=world.outsider,
            kind=Notification.Kind.INVITATION,
            link="https://elders.example.org/",
        )


# --- The bell and the page ------------------------------------------------------------------------


def _leave(world, count: int, person=None) -> list[Notification]:
    made = []
    for _ in range(count):
        made.append(
            notify(
                recipient=person or world.participant_a,
                kind=Notification.Kind.GROUP_INVITATION,
                params={"group": "Leergroep A"},
                link=reverse("learning:cycle", args=[world.group_a.pk]),
            )
        )
    return made


def test_the_bell_says_how_many_are_unread_in_words(world, as_user):
    _leave(world, 3)
    page = as_user(world.participant_a).get(reverse("site:dashboard")).content.decode()
    assert "Meldingen" in page and "(3 ongelezen)" in page
    assert "(3 ongelezen)" not in (
        as_user(world.participant_b).get(reverse("site:dashboard")).content.decode()
    )


def test_opening_a_notification_marks_it_read_and_follows_its_link(world, as_user):
    first, second = _leave(world, 2)
    client = as_user(world.participant_a)
    response = client.get(reverse("notifications:open", args=[first.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:cycle", args=[world.group_a.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    assert "(1 ongelezen)" in client.get(reverse("notifications:list")).content.decode()


def test_mark_all_read_marks_only_ones_own(world, as_user):
    _leave(world, 2)
    others = _leave(world, 1, person=world.participant_b)
    client = as_user(world.participant_a)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "Alle meldingen zijn als gelezen gemarkeerd." in response.content.decode()
    assert not Notification.objects.filter(recipient=world.participant_a, read_at=None).exists()
    others[0].refresh_from_db()
    assert others[0].read_at is None


def test_someone_elses_notification_is_not_found_and_stays_unread(world, as_user):
    (theirs,) = _leave(world, 1)
    for persona in ("participant_b", "admin", "facilitator_a"):
        response = as_user(world.persona(persona)).get(
            reverse("notifications:open", args=[theirs.pk])
        )
        assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_page_lists_ones_own_newest_first_in_pages(world, as_user):
    _leave(world, PAGE_SIZE + 2)
    _leave(world, 1, person=world.participant_b)
    client = as_user(world.participant_a)
    first_page = client.get(reverse("notifications:list")).content.decode()
    assert first_page.count('class="card notification') == PAGE_SIZE
    assert "Pagina 1 van 2" in first_page
    second_page = client.get(reverse("notifications:list") + "?page=2").content.decode()
    assert second_page.count('class="card notification') == 2


def test_the_page_has_an_honest_empty_state(world, as_user):
    page = as_user(world.teacher).get(reverse("notifications:list")).content.decode()
    assert "Nog geen meldingen" in page


def test_the_page_queries_do_not_grow(world, as_user, django_assert_max_num_queries):
    _leave(world, PAGE_SIZE)
    client = as_user(world.participant_a)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("notifications:list")).status_code == 200
