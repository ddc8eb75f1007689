"""Background tasks for planning: working out a proposal (``work.plan_run``), and the e-mail to
everyone whose meetings moved, each in their own language with a plain-text part. Services
enqueue these; nothing here calls back into services."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from kring.accounts.models import User
from kring.core.mail import send_templated_mail
from kring.learning.models import Meeting, Membership
from kring.notifications.models import Notification
from kring.notifications.services import notify
from kring.planning import compose, work
from kring.planning.models import Plan
from kring.programmes.models import Role, RoleAssignment


@task()
def run_plan(plan_id: int) -> str:
    """Work out a proposal; the page that asked for it follows its progress."""
    plan = work.plan_run(plan_id)
    return plan.status if plan is not None else "skipped"


@task()
def send_moved_meetings(plan_id: int) -> int:
    """Tell the members and facilitators of each group whose meetings moved: one e-mail per
    person listing their own meetings, old and new date and time. Nobody else hears of it."""
    plan = Plan.objects.filter(pk=plan_id, status=Plan.Status.ACCEPTED).first()
    if plan is None or not plan.applied:
        return 0
    applied = [compose.Move.from_json(item) for item in plan.applied]
    meetings = {
        m.pk: m
        for m in Meeting.objects.filter(pk__in=[a.meeting_id for a in applied]).select_related(
            "group"
        )
    }
    moves_by_group: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in applied:
        meeting = meetings.get(item.meeting_id)
        if meeting is None:
            continue
        moves_by_group[meeting.group_id].append(
            {"meeting": meeting, "old": item.old, "new": item.new}
        )
    people: dict[int, User] = {}
    moves_by_person: dict[int, list[dict[str, Any]]] = defaultdict(list)
    concerned: dict[int, set[int]] = defaultdict(set)
    for membership in Membership.objects.filter(
        group_id__in=list(moves_by_group), status=Membership.Status.ACTIVE
    ).select_related("person"):
        people[membership.person_id] = membership.person
        concerned[membership.group_id].add(membership.person_id)
    for assignment in RoleAssignment.objects.filter(
        group_id__in=list(moves_by_group), role=Role.FACILITATOR
    ).select_related("person"):
        if assignment.group_id is not None:
            people[assignment.person_id] = assignment.person
            concerned[assignment.group_id].add(assignment.person_id)
    for group_id, person_ids in concerned.items():
        for person_id in person_ids:
            moves_by_person[person_id] += moves_by_group[group_id]
    sent = 0
    for person_id, moves in sorted(moves_by_person.items()):
        person = people[person_id]
        if not person.is_active or not person.email:
            continue
        moves.sort(key=lambda move: (move["meeting"].group.name, move["meeting"].number))
        notify(
            recipient=person,
            kind=Notification.Kind.MEETINGS_MOVED,
            params={"groups": ", ".join(dict.fromkeys(m["meeting"].group.name for m in moves))},
            link=reverse("site:dashboard"),
        )
        links = {
            move["meeting"].pk: settings.BASE_URL + move["meeting"].get_absolute_url()
            for move in moves
        }
        context = {
            "person": person,
            "moves": [{**move, "link": links[move["meeting"].pk]} for move in moves],
            "overview": settings.BASE_URL + reverse("site:dashboard"),
        }
        send_templated_mail(
            to=person.email,
            language=person.language,
            template="planning/email/meetings_moved",
            context=context,
        )
        sent += 1
    return sent
