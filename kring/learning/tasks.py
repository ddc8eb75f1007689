"""Background e-mail for learning groups, sent by the database-backed task worker, each in
the recipient's own language with a plain-text part."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django_tasks import task

from kring.core import revisions
from kring.core.mail import send_templated_mail
from kring.learning import selectors
from kring.learning.models import (
    DEFAULT_ATTENDANCE_SHARE,
    AbsenceNotice,
    Cycle,
    FollowUpAnswer,
    LearningPoint,
    Membership,
)
from kring.notifications.models import Notification
from kring.notifications.services import notify
from kring.programmes.models import Role, RoleAssignment

logger = logging.getLogger(__name__)


@task()
def send_membership_invitation(membership_id: int) -> bool:
    """Ask the invited colleague to confirm, with what a learning group is and asks."""
    membership = (
        Membership.objects.select_related("group__programme", "person", "invited_by")
        .filter(pk=membership_id, status=Membership.Status.INVITED)
        .first()
    )
    if membership is None:
        return False
    path = reverse("learning:membership_respond", args=[membership.pk])
    link = settings.BASE_URL + path
    notify(
        recipient=membership.person,
        kind=Notification.Kind.GROUP_INVITATION,
        params={"group": membership.group.name},
        link=path,
    )
    send_templated_mail(
        to=membership.person.email,
        language=membership.person.language,
        template="learning/email/membership_invitation",
        context={"membership": membership, "link": link},
    )
    return True


@task()
def send_absence_notices(notice_ids: list[int]) -> int:
    """Tell the group's facilitators about each absence signal. A member who can no longer
    reach the agreed attendance hears it too, kindly, and in their own language."""
    sent = 0
    notices = AbsenceNotice.objects.select_related(
        "membership__person", "membership__group", "meeting"
    ).filter(pk__in=notice_ids)
    for notice in notices:
        group = notice.membership.group
        out_of_reach = notice.kind == AbsenceNotice.Kind.OUT_OF_REACH
        share = Cycle.objects.filter(group=group).values_list("attendance_share", flat=True)
        context = {"notice": notice, "share": share.first() or DEFAULT_ATTENDANCE_SHARE}
        facilitators = RoleAssignment.objects.filter(
            role=Role.FACILITATOR, group=group
        ).select_related("person")
        path = reverse("learning:facilitation", args=[group.pk])
        link = settings.BASE_URL + path
        for assignment in facilitators:
            notify(
                recipient=assignment.person,
                kind=Notification.Kind.OUT_OF_REACH if out_of_reach else Notification.Kind.ABSENCE,
                params={"person": notice.membership.person.full_name, "group": group.name},
                link=path,
            )
            send_templated_mail(
                to=assignment.person.email,
                language=assignment.person.language,
                template="learning/email/attendance_out_of_reach"
                if out_of_reach
                else "learning/email/absence_notice",
                context={**context, "facilitator": assignment.person, "link": link},
            )
            sent += 1
        if out_of_reach:
            member = notice.membership.person
            notify(
                recipient=member,
                kind=Notification.Kind.OWN_OUT_OF_REACH,
                params={"group": group.name},
                link=reverse("learning:cycle", args=[group.pk]),
            )
            send_templated_mail(
                to=member.email,
                language=member.language,
                template="learning/email/attendance_out_of_reach_member",
                context={
                    **context,
                    "member": member,
                    "link": settings.BASE_URL + reverse("learning:cycle", args=[group.pk]),
                },
            )
            sent += 1
    return sent


def ask_follow_ups(today: datetime.date) -> int:
    """Ask every member of a group whose follow-up date has come what stuck, once, by e-mail
    and in the bell: the member's (empty) answer is made first and its unique constraint lets
    exactly one run ask; when the e-mail cannot be sent, it is made undone so the next run
    tries again. Called by the periodic reminder task (``kring.calendars.tasks``). Returns how many
    went out."""
    sent = 0
    for group, people in selectors.follow_up_to_ask(today):
        path = reverse("learning:follow_up", args=[group.pk])
        link = settings.BASE_URL + path
        for person in people:
            try:
                with transaction.atomic():
                    claim = FollowUpAnswer.objects.create(group=group, person=person)
            except IntegrityError:
                continue  # asked already, or being asked by another worker right now
            try:
                send_templated_mail(
                    to=person.email,
                    language=person.language,
                    template="learning/email/follow_up",
                    context={"person": person, "group": group, "link": link},
                )
            except Exception:
                logger.exception("Follow-up for user %s could not be sent", person.pk)
                claim.delete()
                continue
            notify(
                recipient=person,
                kind=Notification.Kind.FOLLOW_UP,
                params={"group": group.name},
                link=path,
            )
            sent += 1
    return sent


def forget_expired_points() -> int:
    """Learning points deleted longer ago than the pages promise they can be restored are
    removed for good, with their history. Called by the periodic reminder task."""
    return revisions.purge_expired(LearningPoint)
