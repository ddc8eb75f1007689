"""The reminder task. It runs in the database-backed task worker that ``kring serve`` starts
and keeps itself going without threads or cron: every run first makes sure the next run is
waiting in the queue (``run_after`` one interval later), then sends what is due. ``kring
serve`` and ``kring reminders`` make sure one run is waiting."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kring.calendars import reminders
from kring.designs.services_teachers import remind_duo_revisits
from kring.learning.tasks import ask_follow_ups, forget_expired_points


@task()
def send_due_reminders() -> int:
    """Send the reminders that are due (the follow-up questions of groups whose cycle ended
    some months ago, and the reminders of duos whose revisit date has come, too), forget
    learning points deleted too long ago, and queue the next run. Returns how many e-mails
    went out."""
    schedule_reminders(delay=datetime.timedelta(minutes=settings.REMINDER_INTERVAL_MINUTES))
    forget_expired_points()
    today = timezone.localdate()
    return reminders.send_due_reminders() + ask_follow_ups(today) + remind_duo_revisits(today)


def reminders_waiting() -> bool:
    return DBTaskResult.objects.filter(
        task_path=send_due_reminders.module_path, status=TaskResultStatus.READY
    ).exists()


def schedule_reminders(*, delay: datetime.timedelta | None = None) -> bool:
    """Queue a run of ``send_due_reminders`` unless one is already waiting. Returns whether
    one was queued. Only a backend that can run tasks later keeps the chain going."""
    if not send_due_reminders.get_backend().supports_defer:
        return False
    if reminders_waiting():
        return False
    pending = send_due_reminders
    if delay:
        pending = send_due_reminders.using(run_after=timezone.now() + delay)
    pending.enqueue()
    return True
