"""``kring reminders``: make sure the reminder task is waiting in the queue (``kring serve``
does this when it starts), or with ``--now`` send the due reminders right away."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kring.calendars import reminders
from kring.calendars.tasks import reminders_waiting, schedule_reminders


class Command(BaseCommand):
    help = "Queue the e-mail reminder task unless it is waiting already (or send now)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="Send the reminders that are due now, in this process, then queue the task.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            sent = reminders.send_due_reminders()
            self.stdout.write(f"Reminders sent: {sent}")
        if schedule_reminders():
            self.stdout.write("The reminder task is queued; the task worker runs it.")
        elif reminders_waiting():
            self.stdout.write("The reminder task is already waiting in the queue.")
        else:
            self.stdout.write("This task backend cannot run tasks later: use --now from cron.")
