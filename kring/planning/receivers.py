"""Listening for changes that can make planned meetings unworkable: someone's availability,
a group's facilitators, a cancelled meeting. Each receiver hands over to a service; a failure
there is logged and never undoes or blocks the change that was made."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from kring.accounts.models import User
from kring.availability.signals import availability_changed
from kring.learning.models import Meeting
from kring.learning.signals import meeting_status_changed
from kring.planning import services
from kring.programmes.models import Group, Role, RoleAssignment

logger = logging.getLogger(__name__)


def _safely(work: Callable[..., None], *args: Any) -> None:
    try:
        work(*args)
    except Exception:
        logger.exception("Checking whether a re-plan is needed failed")


@receiver(availability_changed, dispatch_uid="planning_availability_changed")
def _availability(sender: Any, user: User | AnonymousUser, **kwargs: Any) -> None:

    _safely(services.availability_changed_for, user)


@receiver(post_save, sender=RoleAssignment, dispatch_uid="planning_facilitator_saved")
@receiver(post_delete, sender=RoleAssignment, dispatch_uid="planning_facilitator_deleted")
def _facilitators(sender: Any, instance: RoleAssignment, **kwargs: Any) -> None:
    if instance.role != Role.FACILITATOR or instance.group_id is None:
        return
    group_id = instance.group_id
    # Only groups with meetings ahead are concerned (not a group being set up).
    if not Meeting.objects.filter(group_id=group_id).ahead(timezone.now()).exists():
        return

    def check() -> None:

        group = Group.objects.filter(pk=group_id).select_related("programme").first()
        if group is not None:
            _safely(services.facilitators_changed, group)

    transaction.on_commit(check)


@receiver(meeting_status_changed, dispatch_uid="planning_meeting_status_changed")
def _meeting_status(sender: Any, meeting: Meeting, old_status: str, **kwargs: Any) -> None:

    _safely(services.meeting_status_changed, meeting, old_status)
