"""Writes for planning. A proposal is worked out in the background and changes nothing until
someone who may plan every group in it accepts it; accepting never overwrites a meeting that
was edited since, never touches a meeting that took place, and tells exactly the people whose
meetings moved. Re-plan suggestions follow changes that affect planned meetings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import User
from kring.audit.services import audit_record
from kring.availability.slots import monday_of
from kring.core.exceptions import EditConflict
from kring.learning.models import Meeting, SeriesTemplate
from kring.learning.selectors import standard_template
from kring.learning.services import meeting_update
from kring.planning import compose, selectors
from kring.planning.models import Plan, ReplanSuggestion
from kring.planning.tasks import run_plan, send_moved_meetings
from kring.programmes.models import Group, Programme
from kring.rooms.selectors import usable_rooms

DEFAULT_FIRST_WITHIN = 4
# A fresh plan keeps a meeting in place unless a better time is found; a re-plan weighs a move
# like half an absence (10), so it moves a planned meeting only when more people can then
# attend (spacing a week or two off the ideal included), and as few meetings as possible move.
PLAN_MOVE_PENALTY = 2
REPLAN_MOVE_PENALTY = 5


def time_limit() -> float:
    """Seconds the engine may take per proposal (``PLANNING_TIME_LIMIT``, default 10)."""
    return float(settings.PLANNING_TIME_LIMIT)


def middle_gap(min_gap: int, max_gap: int) -> int:
    return (min_gap + max_gap) // 2


def default_rules(
    programme: Programme, template: SeriesTemplate | None = None
) -> compose.SeriesRules:
    """The rules a new proposal starts from: the spacing of the template (by default the
    provider's standard one), a year ahead, the first meeting within four weeks."""
    template = template or standard_template(programme.provider)
    return compose.SeriesRules(
        meetings=template.meetings.count() or 6,
        min_gap=template.min_gap_weeks,
        max_gap=template.max_gap_weeks,
        target_gap=middle_gap(template.min_gap_weeks, template.max_gap_weeks),
        first_within=DEFAULT_FIRST_WITHIN,
    )


def check_rules(rules: compose.SeriesRules) -> None:
    """Spacing rules that make sense together, and a new series that fits in the horizon.
    The errors are keyed by the plan form's fields."""
    errors: dict[str, str] = {}
    if rules.min_gap < 1:
        errors["min_gap_weeks"] = _("Meetings are at least one week apart.")
    elif rules.max_gap < rules.min_gap:
        errors["max_gap_weeks"] = _("The longest gap is shorter than the shortest gap.")
    elif not rules.min_gap <= rules.target_gap <= rules.max_gap:
        errors["target_gap_weeks"] = _(
            "The ideal gap lies between the shortest (%(min)s) and the longest (%(max)s) gap."
        ) % {"min": rules.min_gap, "max": rules.max_gap}
    if rules.first_within > rules.weeks:
        errors["first_within_weeks"] = _("The first meeting has to fall within the weeks ahead.")
    needed = (rules.meetings - 1) * rules.min_gap + 1
    if not errors and needed > rules.weeks:
        errors["weeks"] = _(
            "%(count)s meetings at least %(gap)s weeks apart need at least %(needed)s weeks, "
            "more than the %(weeks)s weeks ahead. Look further ahead, plan fewer meetings or "
            "allow shorter gaps."
        ) % {
            "count": rules.meetings,
            "gap": rules.min_gap,
            "needed": needed,
            "weeks": rules.weeks,
        }
    if errors:
        raise ValidationError(errors)


def plan_request(
    *,
    actor: User,
    programme: Programme,
    groups: Sequence[Group],
    kind: str = Plan.Kind.PLAN,
    template: SeriesTemplate | None,
    rules: compose.SeriesRules,
) -> Plan:
    """Ask for a proposal for these groups of the programme; the engine works it out in the
    background. Whoever asks must be allowed to plan every one of them (a facilitator: their
    own groups). A group without a facilitator or without members cannot be planned yet."""
    if not groups:
        raise ValidationError({"groups": _("Choose at least one group.")})
    for group in groups:
        if group.programme_id != programme.pk:
            raise ValidationError({"groups": _("Choose groups of this programme.")})
        access.require(actor, access.PlanningAction.PLAN, group)
    check_rules(rules)
    problems = [p for r in selectors.readiness(groups) for p in r.problems]
    if problems:
        raise ValidationError({"groups": problems})
    if template is not None and template.organisation_id != programme.provider_id:
        raise ValidationError({"template": _("Choose a template of the programme's provider.")})
    with transaction.atomic():
        plan = Plan.objects.create(
            programme=programme,
            kind=kind,
            template=template,
            **rules.to_json(),
            move_penalty=REPLAN_MOVE_PENALTY if kind == Plan.Kind.REPLAN else PLAN_MOVE_PENALTY,
            time_limit=time_limit(),
            created_by=actor,
        )
        plan.groups.set(groups)
        audit_record(
            actor=actor,
            action=f"planning.{kind}_request",
            obj=plan,
            detail={"groups": [g.pk for g in groups]},
        )
        transaction.on_commit(lambda: run_plan.enqueue(plan.pk))
    return plan


def replan_request(*, actor: User, suggestion: ReplanSuggestion) -> Plan:
    """Re-plan the group of a suggestion with the rules of its last accepted plan (or the
    standard ones): meetings that took place stay, as few planned ones as possible move."""
    access.require(actor, access.Action.REPLAN, suggestion)
    if not suggestion.is_open:
        raise ValidationError(_("This suggestion has already been dealt with."))
    group = suggestion.group
    last = selectors.last_accepted(group)
    template = last.template if last else standard_template(group.programme.provider)
    return plan_request(
        actor=actor,
        programme=group.programme,
        groups=[group],
        kind=Plan.Kind.REPLAN,
        template=template,
        rules=last.rules if last else default_rules(group.programme, template),
    )


# --- Accepting or discarding ----------------------------------------------------------------------


@dataclass
class AcceptOutcome:
    accepted: bool
    changes: list[str] = field(default_factory=list)  # why it was outdated
    moved: int = 0
    created: int = 0


def changes_since(plan: Plan, groups: Sequence[Group]) -> list[str]:
    """What happened to the groups' meetings since the proposal was made, in words."""
    changes = []
    now = timezone.now()
    by_group: dict[int, dict[int, Meeting]] = defaultdict(dict)
    for meeting in Meeting.objects.filter(group__in=groups).select_related("group"):
        by_group[meeting.group_id][meeting.pk] = meeting
    names = {g.pk: g.name for g in groups}
    for group_id, seen in (plan.snapshot or {}).items():
        current = by_group.get(int(group_id), {})
        for meeting_id, version in seen.items():
            found = current.get(int(meeting_id))
            if found is None:
                changes.append(
                    _("A meeting of %(group)s was removed.") % {"group": names.get(int(group_id))}
                )
            elif found.version != version:
                changes.append(
                    _("Meeting %(number)s of %(group)s (%(title)s) was changed.")
                    % {"number": found.number, "group": found.group.name, "title": found.title}
                )
        for meeting in current.values():
            if str(meeting.pk) not in seen:
                changes.append(
                    _("Meeting %(number)s of %(group)s (%(title)s) was added.")
                    % {
                        "number": meeting.number,
                        "group": meeting.group.name,
                        "title": meeting.title,
                    }
                )
    for group_row in compose.PlanResult.from_json(plan.result).groups:
        for row in group_row.meetings:
            if row.change in {compose.MOVED, compose.NEW} and row.new and row.new < now:
                changes.append(
                    _("The proposed date of meeting %(position)s of %(group)s has passed.")
                    % {"position": row.position, "group": group_row.name}
                )
    return changes


def plan_accept(*, actor: User, plan: Plan, expected_version: int) -> AcceptOutcome:
    """Carry out a proposal: move the planned meetings that move and create the series of
    groups that had none (from the template, like planning a series by hand). If any meeting of
    these groups changed since the proposal was made, nothing is written and the proposal is
    marked outdated. Meetings that took place are never touched. Everyone whose meeting moved
    gets an e-mail."""
    access.require(actor, access.Action.DECIDE, plan)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.version != expected_version:
            raise EditConflict
        if locked.status != Plan.Status.READY:
            raise ValidationError(_("This proposal can no longer be accepted."))
        groups = list(locked.groups.select_related("programme"))
        changes = changes_since(locked, groups)
        if changes:
            locked.status = Plan.Status.OUTDATED
            locked.version += 1
            locked.save(update_fields=["status", "version"])
            audit_record(actor=actor, action="planning.outdated", obj=locked)
            return AcceptOutcome(accepted=False, changes=changes)
        applied, created = _apply(actor, locked, groups)
        locked.status = Plan.Status.ACCEPTED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.applied = [move.to_json() for move in applied]
        locked.version += 1
        locked.save(update_fields=["status", "decided_by", "decided_at", "applied", "version"])
        ReplanSuggestion.objects.filter(group__in=groups, resolved_at=None).update(
            resolved_at=timezone.now(),
            resolved_by=actor,
            resolution=ReplanSuggestion.Resolution.REPLANNED,
        )
        audit_record(
            actor=actor,
            action="planning.accept",
            obj=locked,
            detail={"moved": len(applied), "created": created},
        )
        if applied:
            transaction.on_commit(lambda: send_moved_meetings.enqueue(locked.pk))
    plan.refresh_from_db()
    return AcceptOutcome(accepted=True, moved=len(applied), created=created)


def _apply(actor: User, plan: Plan, groups: Sequence[Group]) -> tuple[list[compose.Move], int]:
    by_id = {g.pk: g for g in groups}
    items = list(plan.template.meetings.order_by("number")) if plan.template else []
    minutes = plan.template.duration_minutes if plan.template else 120
    applied: list[compose.Move] = []
    created = 0
    # The rooms the proposal chose that are still in use (one may have been taken out of use
    # since): a meeting without one keeps or gets no room, the rest of the proposal stands.
    rooms = usable_rooms(
        {o for g in groups for o in (g.programme.provider_id, g.programme.client_id)}
    ).in_bulk()
    for group_row in compose.PlanResult.from_json(plan.result).groups:
        group = by_id[group_row.group_id]
        meetings = {m.pk: m for m in group.meetings.select_related("group__programme", "room")}
        numbers = [m.number for m in meetings.values()]
        next_number = max(numbers, default=0)
        for row in group_row.meetings:
            new = row.new
            room = rooms.get(row.room_id) if row.room_id is not None else None
            if row.meeting_id is not None:
                meeting = meetings[row.meeting_id]
                if meeting.status != Meeting.Status.PLANNED or not row.to_come:
                    continue  # past, not placed, or held: stays exactly as it is
                changes: dict[str, Any] = {}
                if row.change == compose.MOVED:
                    changes["starts_at"] = new
                if room is not None and room != meeting.room and not meeting.location:
                    changes["room"] = room
                if not changes:
                    continue
                old = meeting.starts_at
                assert row.version is not None
                meeting_update(
                    actor=actor, meeting=meeting, expected_version=row.version, **changes
                )
                if row.change == compose.MOVED:
                    applied.append(compose.Move(meeting.pk, group.pk, old, new))
                continue
            item = items[row.position - 1] if row.position <= len(items) else None
            number = item.number if item is not None and not numbers else next_number + 1
            next_number = max(next_number, number)
            Meeting.objects.create(
                group=group,
                number=number,
                title=item.title
                if item
                else (row.title or _("Meeting %(number)s") % {"number": number}),
                purpose=item.purpose if item else "",
                agenda=item.agenda if item else "",
                starts_at=new,
                duration_minutes=minutes,
                room=room,
            )
            created += 1
        if created:
            audit_record(
                actor=actor,
                action="meeting.series_create",
                obj=group,
                detail={"count": created, "plan": plan.pk},
            )
    return applied, created


def plan_discard(*, actor: User, plan: Plan, expected_version: int) -> Plan:
    """Put a proposal aside; nothing in the groups changes. A proposal still being worked out
    can be discarded too: its result is then ignored."""
    access.require(actor, access.Action.DECIDE, plan)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.version != expected_version:
            raise EditConflict
        if locked.status in {Plan.Status.ACCEPTED, Plan.Status.DISCARDED}:
            raise ValidationError(_("This proposal has already been decided on."))
        locked.status = Plan.Status.DISCARDED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.version += 1
        locked.save(update_fields=["status", "decided_by", "decided_at", "version"])
        audit_record(actor=actor, action="planning.discard", obj=locked)
    return locked


# --- Re-plan suggestions ------------------------------------------------------------------------


def suggestion_dismiss(*, actor: User, suggestion: ReplanSuggestion) -> ReplanSuggestion:
    """The facilitator or programme manager decides no re-plan is needed."""
    access.require(actor, access.Action.DISMISS, suggestion)
    with transaction.atomic():
        updated = ReplanSuggestion.objects.filter(pk=suggestion.pk, resolved_at=None).update(
            resolved_at=timezone.now(),
            resolved_by=actor,
            resolution=ReplanSuggestion.Resolution.DISMISSED,
        )
        if updated:
            audit_record(actor=actor, action="planning.suggestion_dismiss", obj=suggestion.group)
    suggestion.refresh_from_db()
    return suggestion


def _future_planned(group: Group) -> list[Meeting]:
    return list(
        group.meetings.filter(status=Meeting.Status.PLANNED, starts_at__gt=timezone.now()).order_by(
            "starts_at", "number"
        )
    )


def _unavailable_at(person: User, meetings: Sequence[Meeting]) -> list[int]:
    """The meetings this person can no longer attend, by their availability."""
    if not meetings:
        return []
    zone = timezone.get_current_timezone()
    start = monday_of(timezone.localdate())
    last = max(timezone.localtime(m.starts_at, zone).date() for m in meetings if m.starts_at)
    weeks = min(selectors.LOOK_AHEAD_WEEKS, (last - start).days // 7 + 1)
    horizon = compose.Horizon(week_start=start, now_week=0, weeks=weeks)
    found = selectors.availability_of({person.pk: person}, horizon)[f"u{person.pk}"]
    affected = []
    for meeting in meetings:
        assert meeting.starts_at is not None
        week, slot = horizon.place(
            compose.local_naive(meeting.starts_at, zone), meeting.duration_minutes
        )
        if week < weeks and not found.can_come(week, slot):
            affected.append(meeting.pk)
    return affected


def _set_reason(group: Group, key: str, reason: dict[str, Any] | None) -> None:
    """Add, replace or (with None) drop one cause of a group's re-plan suggestion. A
    suggestion without causes left is settled."""
    now = timezone.now()
    with transaction.atomic():
        suggestion = (
            ReplanSuggestion.objects.select_for_update()
            .filter(group=group, resolved_at=None)
            .first()
        )
        if suggestion is None and reason is None:
            return
        if suggestion is None:
            suggestion = ReplanSuggestion.objects.create(group=group, reasons=[])
        reasons = [r for r in suggestion.reasons if r.get("key") != key]
        if reason is not None:
            reasons.append({**reason, "key": key, "at": now.isoformat()})
        suggestion.reasons = reasons
        suggestion.updated_at = now
        if not reasons:
            suggestion.resolved_at = now
            suggestion.resolution = ReplanSuggestion.Resolution.SETTLED
        suggestion.save()


def availability_changed_for(person: User) -> None:
    """A person's availability changed: for each group they are in (as member or facilitator)
    the planned meetings they can no longer attend make a re-plan suggestion; none left
    withdraws this person's part of it."""
    group_ids = set(
        person.memberships.filter(status__in=selectors.TAKING_PART).values_list(
            "group_id", flat=True
        )
    ) | set(
        person.role_assignments.filter(role="facilitator", group__isnull=False).values_list(
            "group_id", flat=True
        )
    )
    for group in Group.objects.filter(pk__in=group_ids, kind__in=selectors.PLANNABLE_KINDS):
        meetings = _future_planned(group)
        affected = _unavailable_at(person, meetings)
        _set_reason(
            group,
            f"availability:{person.pk}",
            {"kind": "availability", "person": person.pk, "meetings": affected}
            if affected
            else None,
        )


def facilitators_changed(group: Group) -> None:
    """The group's facilitators changed: the planned meetings a facilitator of the group now
    cannot lead make a re-plan suggestion; a group left without facilitator gets one too."""
    meetings = _future_planned(group)
    if not meetings:
        _set_reason(group, "facilitator", None)
        return
    facilitators = selectors.facilitators_of([group.pk])[group.pk]
    reason: dict[str, Any] | None
    if not facilitators:
        reason = {"kind": "facilitator", "person": None, "meetings": []}
    else:
        reason = None
        for person in facilitators:
            affected = _unavailable_at(person, meetings)
            if affected:
                reason = {"kind": "facilitator", "person": person.pk, "meetings": affected}
                break
    _set_reason(group, "facilitator", reason)
    # Availability of someone who no longer facilitates or takes part is not a reason any more.
    insiders = {p.pk for p in facilitators} | {
        p.pk for p in selectors.members_of([group.pk])[group.pk]
    }
    open_one = ReplanSuggestion.objects.filter(group=group, resolved_at=None).first()
    for reason_data in open_one.reasons if open_one else []:
        if reason_data.get("kind") == "availability" and reason_data.get("person") not in insiders:
            _set_reason(group, reason_data["key"], None)


def meeting_status_changed(meeting: Meeting, old_status: str) -> None:
    """A cancelled meeting leaves a gap: when the meetings on either side of it are now
    further apart than the longest gap allows, the planned meetings after it need a re-plan.
    Undoing the cancellation withdraws that reason."""
    group = meeting.group
    key = f"cancelled:{meeting.pk}"
    if meeting.status != Meeting.Status.CANCELLED:
        if old_status == Meeting.Status.CANCELLED:
            _set_reason(group, key, None)
        return
    if meeting.starts_at is None:
        return
    last = selectors.last_accepted(group)
    max_gap = (
        last.rules.max_gap if last else standard_template(group.programme.provider).max_gap_weeks
    )
    others = list(
        group.meetings.exclude(status=Meeting.Status.CANCELLED)
        .exclude(starts_at=None)
        .order_by("starts_at")
    )
    before = [m for m in others if m.starts_at and m.starts_at < meeting.starts_at]
    after = [
        m
        for m in others
        if m.starts_at
        and m.starts_at > meeting.starts_at
        and m.status == Meeting.Status.PLANNED
        and m.starts_at > timezone.now()
    ]
    if not before or not after:
        return
    assert before[-1].starts_at is not None and after[0].starts_at is not None
    zone = timezone.get_current_timezone()
    previous = timezone.localtime(before[-1].starts_at, zone).date()
    following = timezone.localtime(after[0].starts_at, zone).date()
    gap = (monday_of(following) - monday_of(previous)).days // 7
    if gap <= max_gap:
        return
    _set_reason(
        group,
        key,
        {
            "kind": "cancelled",
            "meeting": meeting.pk,
            "meetings": [m.pk for m in after],
            "max_gap": max_gap,
        },
    )
