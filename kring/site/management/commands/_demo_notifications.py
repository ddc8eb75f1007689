"""Demo notifications: what the background tasks would have left in the bells of group A's
facilitator and members by now (absence signals, reminders), so that the bell and the
notifications page have something to show."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from kring.accounts.models import User
from kring.learning.models import Meeting
from kring.notifications.models import Notification
from kring.notifications.services import notify
from kring.programmes.models import Group
from kring.reflection.models import Assignment


def load_notifications_demo(*, people: dict[str, User], group_a: Group) -> None:
    facilitator = people["leerbegeleider"]
    for key in ("deelnemer4", "deelnemer3"):
        notify(
            recipient=facilitator,
            kind=Notification.Kind.ABSENCE,
            params={"person": people[key].full_name, "group": group_a.name},
            link=reverse("learning:facilitation", args=[group_a.pk]),
        )
    fourth = Meeting.objects.get(group=group_a, number=4)
    assignment = Assignment.objects.filter(meeting=fourth).first()
    for key in ("deelnemer1", "deelnemer3"):
        notify(
            recipient=people[key],
            kind=Notification.Kind.MEETING_REMINDER,
            params={
                "group": group_a.name,
                "number": fourth.number,
                "title": fourth.title,
                "starts_at": fourth.starts_at,
            },
            link=fourth.get_absolute_url(),
        )
        if assignment is not None:
            reminder = notify(
                recipient=people[key],
                kind=Notification.Kind.ASSIGNMENT_REMINDER,
                params={
                    "title": assignment.title,
                    "group": group_a.name,
                    "due_at": assignment.due_at,
                },
                link=reverse("reflection:assignment_detail", args=[assignment.pk]),
            )
            if reminder is not None and key == "deelnemer1":
                # Sanne already opened this one.
                Notification.objects.filter(pk=reminder.pk).update(
                    read_at=timezone.now() - datetime.timedelta(days=2)
                )
