"""E-mail reminders before meetings and before assignments are due.

Idempotent by design: before a reminder is sent it is recorded in ``SentReminder``, whose
unique constraint (person, meeting or assignment, moment) lets exactly one worker claim it.
A meeting that moves has a new moment, so its people get a reminder for the new date. A
reminder that could not be sent is released again, so the next run tries once more.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kring.accounts.models import User
from kring.calendars import selectors
from kring.calendars.models import SentReminder
from kring.core.mail import send_templated_mail
from kring.learning.models import Meeting
from kring.notifications.models import Notification
from kring.notifications.services import notify
from kring.reflection.models import Assignment

logger = logging.getLogger(__name__)


def _claim(**fields: Any) -> SentReminder | None:
    try:
        with transaction.atomic():
            return SentReminder.objects.create(**fields)
    except IntegrityError:
        return None  # already sent, or being sent by another worker right now


def _send(*, person: User, template: str, context: dict[str, Any]) -> None:
    language = person.language or settings.LANGUAGE_CODE
    context = {
        **context,
        "person": person,
        "calendar_link": settings.BASE_URL + reverse("calendars:settings"),
    }
    send_templated_mail(
        to=person.email, language=language, template=f"calendars/email/{template}", context=context
    )


def _deliver(claim: SentReminder, *, person: User, template: str, context: dict[str, Any]) -> bool:
    try:
        _send(person=person, template=template, context=context)
    except Exception:
        logger.exception("Reminder %s to user %s could not be sent", claim.kind, person.pk)
        claim.delete()
        return False
    return True


def _meeting_context(meeting: Meeting) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "group": meeting.group,
        "link": settings.BASE_URL + reverse("learning:meeting", args=[meeting.pk]),
    }


def _assignment_context(assignment: Assignment) -> dict[str, Any]:
    return {
        "assignment": assignment,
        "meeting": assignment.meeting,
        "group": assignment.meeting.group,
        "link": settings.BASE_URL + reverse("reflection:assignment_detail", args=[assignment.pk]),
    }


def send_due_reminders(now: datetime.datetime | None = None) -> int:
    """Send every reminder that is due and was not sent before. Returns how many went out."""
    now = now or timezone.now()
    sent = 0
    for person, meeting in selectors.due_meeting_reminders(
        now, settings.REMINDER_DAYS_BEFORE_MEETING
    ):
        claim = _claim(
            user=person, kind=SentReminder.Kind.MEETING, meeting=meeting, due_for=meeting.starts_at
        )
        if claim is not None and _deliver(
            claim, person=person, template="meeting_reminder", context=_meeting_context(meeting)
        ):
            notify(
                recipient=person,
                kind=Notification.Kind.MEETING_REMINDER,
                params={
                    "group": meeting.group.name,
                    "number": meeting.number,
                    "title": meeting.title,
                    "starts_at": meeting.starts_at,
                },
                link=reverse("learning:meeting", args=[meeting.pk]),
            )
            sent += 1
    for person, assignment in selectors.due_assignment_reminders(
        now, settings.REMINDER_DAYS_BEFORE_DUE
    ):
        claim = _claim(
            user=person,
            kind=SentReminder.Kind.ASSIGNMENT,
            assignment=assignment,
            due_for=assignment.due_at,
        )
        if claim is not None and _deliver(
            claim,
            person=person,
            template="assignment_reminder",
            context=_assignment_context(assignment),
        ):
            notify(
                recipient=person,
                kind=Notification.Kind.ASSIGNMENT_REMINDER,
                params={
                    "title": assignment.title,
                    "group": assignment.meeting.group.name,
                    "due_at": assignment.due_at,
                },
                link=reverse("reflection:assignment_detail", args=[assignment.pk]),
            )
            sent += 1
    return sent
