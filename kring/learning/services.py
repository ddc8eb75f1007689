"""Writes about learning groups. Each function states the rule it keeps in the words a
facilitator would use; views, commands and the API all come through here."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import Organisation, User
from kring.audit.services import audit_record
from kring.core import dates, revisions
from kring.core.exceptions import EditConflict
from kring.core.locking import save_versioned
from kring.learning import composition, selectors
from kring.learning.defaults import standard_cycle
from kring.learning.models import (
    AbsenceNotice,
    AgreementAcknowledgement,
    AgreementVersion,
    Attendance,
    Cycle,
    EvaluationResponse,
    FacilitatorNote,
    FollowUpAnswer,
    GroupTextVersion,
    Intensity,
    Intention,
    Intervention,
    LearningPoint,
    LearningQuestionVersion,
    Meeting,
    Membership,
    SeriesTemplate,
    SeriesTemplateMeeting,
)
from kring.learning.selectors import attendance_outlooks
from kring.learning.selectors import next_meeting as next_meeting_of
from kring.learning.signals import meeting_status_changed
from kring.learning.tasks import send_absence_notices, send_membership_invitation
from kring.notifications.models import Notification
from kring.notifications.services import notifications_settled
from kring.programmes.models import Group, Role, RoleAssignment
from kring.rooms.models import Room
from kring.rooms.selectors import usable_rooms

SHORT_MEETING_MINUTES = 90


def cycle_for(group: Group) -> Cycle:
    cycle, _created = Cycle.objects.get_or_create(group=group)
    return cycle


def first_meeting_held(group: Group) -> bool:
    """Whether the group has met: a meeting held, or one whose start has passed even if its
    attendance is not recorded yet. From then on the group is fixed."""
    return group.pk in selectors.groups_that_have_met([group.pk])


# --- Composition ---


def member_add(
    *,
    actor: User,
    group: Group,
    person: User,
    task: str,
    work_context: str,
    layer: int,
    manager: User | None = None,
    late_join_reason: str = "",
) -> Membership:
    """Invite a colleague into the group. They take part only after confirming.

    Once the first meeting has taken place the group is fixed: a late joiner needs a reason,
    and the next meeting then carries re-contracting. Above seven members the facilitator must
    first record why the group may be that large.
    """
    access.require(actor, access.Action.MANAGE_ROLES, group)
    return _member_add(
        actor=actor,
        group=group,
        person=person,
        task=task,
        work_context=work_context,
        layer=layer,
        manager=manager,
        late_join_reason=late_join_reason,
    )


def _member_add(
    *,
    actor: User,
    group: Group,
    person: User,
    task: str,
    work_context: str,
    layer: int,
    manager: User | None = None,
    late_join_reason: str = "",
) -> Membership:
    """``member_add`` without asking the policy: for a service that asked it about a broader
    act itself (accepting a formation proposal)."""
    existing = Membership.objects.filter(group=group, person=person).first()
    if existing and existing.status in {Membership.Status.INVITED, Membership.Status.ACTIVE}:
        raise ValidationError(_("%(person)s is already in this group.") % {"person": person})
    late = late_join_check(group, late_join_reason)
    problem = group_size_problem(group)
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        membership = existing or Membership(group=group, person=person)
        membership.task = task.strip()
        membership.work_context = work_context.strip()
        membership.layer = layer
        membership.manager = manager
        membership.status = Membership.Status.INVITED
        membership.invited_by = actor
        membership.invited_at = timezone.now()
        membership.responded_at = None
        membership.late_join_reason = late_join_reason.strip() if late else ""
        membership.full_clean()
        membership.save()
        if late:
            _recontract_next_meeting(group)
        audit_record(
            actor=actor,
            action="membership.invite",
            obj=membership,
            detail={"late": late},
        )
        transaction.on_commit(lambda: send_membership_invitation.enqueue(membership.pk))
    return membership


def late_join_check(group: Group, late_join_reason: str) -> bool:
    """Once the first meeting has taken place the group is fixed: a late joiner needs a
    reason (the next meeting then starts with re-contracting). Says whether the join is late."""
    late = first_meeting_held(group)
    if late and not late_join_reason.strip():
        raise ValidationError(
            {
                "late_join_reason": _(
                    "The first meeting has taken place, so the group is fixed. Say why this "
                    "person joins now; the next meeting will then start with re-contracting."
                )
            }
        )
    return late


def group_size_problem(group: Group) -> str | None:
    """Above seven members the facilitator must first record why the group may be that
    large; the words for why one more member cannot join, or None when they can."""
    taking_part = group.memberships.filter(
        status__in=[Membership.Status.INVITED, Membership.Status.ACTIVE]
    ).count()
    if taking_part + 1 > composition.MAXIMUM_SIZE and not cycle_for(group).size_override_reason:
        return _(
            "With this person %(group)s would have more than %(max)s members. Record first why "
            "this group may be larger."
        ) % {"group": group.name, "max": composition.MAXIMUM_SIZE}
    return None


def _recontract_next_meeting(group: Group) -> None:
    next_meeting = next_meeting_of(group)
    if next_meeting is not None:
        Meeting.objects.filter(pk=next_meeting.pk).update(
            recontracting=True, version=F("version") + 1, updated_at=timezone.now()
        )


def membership_from_invitation(
    *, person: User, group: Group, invited_by: User | None, late_join_reason: str = ""
) -> Membership:
    """Someone who accepted a Kring invitation to take part in a learning group is invited
    into it like every other member: they still confirm, and describe their own work (task,
    work context, position) when they do. No e-mail: they have just followed the link. A late
    joiner (the inviter gave the reason) makes the next meeting start with re-contracting."""
    late = first_meeting_held(group) and bool(late_join_reason.strip())
    membership, _created = Membership.objects.update_or_create(
        group=group,
        person=person,
        defaults={
            "status": Membership.Status.INVITED,
            "invited_by": invited_by,
            "invited_at": timezone.now(),
            "responded_at": None,
            "late_join_reason": late_join_reason.strip() if late else "",
        },
    )
    if late:
        _recontract_next_meeting(group)
    audit_record(actor=person, action="membership.invite_by_invitation", obj=membership)
    return membership


def membership_respond(
    *,
    person: User,
    membership: Membership,
    accept: bool,
    details: Mapping[str, Any] | None = None,
) -> Membership:
    """Taking part is voluntary: the invited person confirms or declines, nobody else. When
    their task and work context are not known yet, they describe them on confirming."""
    access.require(person, access.Action.RESPOND, membership)
    if accept and membership.needs_work_details:
        details = details or {}
        missing = {
            name: _("Describe this before you confirm: the group is composed with it.")
            for name in ("task", "work_context")
            if not str(details.get(name) or "").strip()
        }
        if missing:
            raise ValidationError(missing)
        membership.task = str(details["task"]).strip()
        membership.work_context = str(details["work_context"]).strip()
        membership.layer = int(details.get("layer") or Membership.Layer.STAFF)
    with transaction.atomic():
        membership.status = Membership.Status.ACTIVE if accept else Membership.Status.DECLINED
        membership.responded_at = timezone.now()
        membership.save(update_fields=["status", "responded_at", "task", "work_context", "layer"])
        if accept:
            RoleAssignment.objects.get_or_create(
                person=person,
                role=Role.PARTICIPANT,
                programme=membership.group.programme,
                group=membership.group,
                defaults={"assigned_by": membership.invited_by},
            )
            access.forget_roles(person)
        audit_record(
            actor=person,
            action="membership.confirm" if accept else "membership.decline",
            obj=membership,
        )
    return membership


def member_remove(*, actor: User, membership: Membership, reason: str = "") -> Membership:
    """Take someone out of the group, for the ``reason`` kept in the audit log."""
    access.require(actor, access.Action.REMOVE, membership)
    with transaction.atomic():
        membership.status = Membership.Status.LEFT
        membership.save(update_fields=["status"])
        RoleAssignment.objects.filter(
            person=membership.person, role=Role.PARTICIPANT, group=membership.group
        ).delete()
        access.forget_roles(membership.person)
        audit_record(
            actor=actor,
            action="membership.remove",
            obj=membership,
            detail={"reason": reason.strip()},
        )
    return membership


def size_override_set(*, actor: User, group: Group, reason: str) -> Cycle:
    """Above seven members is allowed only with a reason the facilitator writes down."""
    access.require(actor, access.CycleAction.FACILITATE, group)
    if not reason.strip():
        raise ValidationError({"reason": _("Write down why this group may be larger.")})
    with transaction.atomic():
        cycle = cycle_for(group)
        cycle.size_override_reason = reason.strip()
        cycle.save(update_fields=["size_override_reason"])
        audit_record(actor=actor, action="group.size_override", obj=group)
    return cycle


def intensity_set(*, actor: User, group: Group, intensity: str) -> Cycle:
    access.require(actor, access.CycleAction.FACILITATE, group)
    if intensity not in Intensity.values:
        raise ValidationError({"intensity": _("Choose light, structuring or directive.")})
    with transaction.atomic():
        cycle = cycle_for(group)
        cycle.facilitation_intensity = intensity
        cycle.save(update_fields=["facilitation_intensity"])
        audit_record(actor=actor, action="group.intensity", obj=group, detail={"to": intensity})
    return cycle


def intensity_wish_set(*, person: User, membership: Membership, wish: str) -> Membership:
    access.require(person, access.Action.WISH_INTENSITY, membership)
    if wish and wish not in Intensity.values:
        raise ValidationError({"wish": _("Choose light, structuring or directive.")})
    membership.intensity_wish = wish
    membership.save(update_fields=["intensity_wish"])
    return membership


# --- Meeting series ---


def standard_template_create(*, organisation: Organisation) -> SeriesTemplate:
    """Give a new organisation Kring's standard six-meeting cycle, in the language of whoever
    creates the organisation. Made once, when the organisation is made, so that pages only
    read it; an organisation that already has a template keeps it."""
    template = organisation.series_templates.order_by("pk").first()
    if template is not None:
        return template
    with transaction.atomic():
        template = SeriesTemplate.objects.create(
            organisation=organisation, name=_("Standard learning-group cycle")
        )
        SeriesTemplateMeeting.objects.bulk_create(
            SeriesTemplateMeeting(template=template, number=number, **meeting)
            for number, meeting in enumerate(standard_cycle(), start=1)
        )
    return template


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def series_create(
    *,
    actor: User,
    group: Group,
    template: SeriesTemplate,
    first_date: datetime.date,
    start_time: datetime.time,
    location: str = "",
    online_url: str = "",
) -> list[Meeting]:
    """Plan the whole series at once, early, so that everyone can attend: dates follow the
    template's spacing (in the middle of the allowed gap); each date can be edited after."""
    access.require(actor, access.CycleAction.PLAN_MEETINGS, group)
    if group.meetings.exists():
        raise ValidationError(_("This group already has meetings. Edit them one by one."))
    if first_date < timezone.localdate():
        raise ValidationError({"first_date": _("The first meeting cannot lie in the past.")})
    dates.check_dates(first_date=first_date)
    items = list(template.meetings.order_by("number"))
    if not items:
        raise ValidationError(_("This template has no meetings."))
    weeks = composition.propose_dates(
        0, len(items), min_gap=template.min_gap_weeks, max_gap=template.max_gap_weeks
    )
    with transaction.atomic():
        meetings = [
            Meeting.objects.create(
                group=group,
                number=item.number,
                title=item.title,
                purpose=item.purpose,
                agenda=item.agenda,
                starts_at=_aware(first_date + datetime.timedelta(weeks=week), start_time),
                duration_minutes=template.duration_minutes,
                location=location.strip(),
                online_url=online_url.strip(),
            )
            for item, week in zip(items, weeks, strict=True)
        ]
        audit_record(
            actor=actor, action="meeting.series_create", obj=group, detail={"count": len(items)}
        )
    return meetings


MEETING_FIELDS = [
    "title",
    "purpose",
    "agenda",
    "starts_at",
    "duration_minutes",
    "room",
    "location",
    "online_url",
    "status",
]


def meeting_update(
    *, actor: User, meeting: Meeting, expected_version: int, **changes: Any
) -> list[str]:
    """Change a meeting. A meeting still ahead cannot be moved into the past (one that has
    taken place may have its date corrected); a meeting shorter than ninety minutes is
    allowed but earns a warning (an hour proved too short). It counts as held only once its
    attendance is recorded. Returns the warnings."""
    access.require(actor, access.Action.CHANGE, meeting)
    dates.check_changed_dates(meeting, changes, ("starts_at",))
    _check_room(meeting, changes.get("room", meeting.room))
    old_start = meeting.starts_at
    old_status = meeting.status
    if changes.get("status") == Meeting.Status.HELD and old_status != Meeting.Status.HELD:
        raise ValidationError(
            {"status": _("A meeting counts as held once its attendance is recorded.")}
        )
    for name in MEETING_FIELDS:
        if name in changes:
            setattr(meeting, name, changes[name])
    now = timezone.now()
    if (
        meeting.status == Meeting.Status.PLANNED
        and meeting.starts_at is not None
        and meeting.starts_at != old_start
        and meeting.starts_at < now
        # Correcting the date of a meeting that has already taken place is allowed.
        and (old_start is None or old_start > now)
    ):
        raise ValidationError({"starts_at": _("A planned meeting cannot be moved into the past.")})
    meeting.full_clean()
    with transaction.atomic():
        save_versioned(meeting, expected_version=expected_version, fields=MEETING_FIELDS)
        audit_record(actor=actor, action="meeting.update", obj=meeting)
        if meeting.status != old_status:
            transaction.on_commit(
                lambda: meeting_status_changed.send(
                    sender=Meeting, meeting=meeting, old_status=old_status
                )
            )
    return meeting_warnings(meeting)


def _check_room(meeting: Meeting, room: Room | None) -> None:
    """A meeting takes place in a room of its programme's provider or client that is in use
    (or stays in the room it already had)."""
    if room is None or room.pk == meeting.room_id:
        return
    programme = meeting.group.programme
    if not usable_rooms([programme.provider_id, programme.client_id]).filter(pk=room.pk).exists():
        raise ValidationError({"room": _("Choose one of the rooms of this programme.")})


def meeting_warnings(meeting: Meeting) -> list[str]:
    warnings = []
    if meeting.duration_minutes < SHORT_MEETING_MINUTES:
        warnings.append(
            _("Meetings shorter than 90 minutes rarely leave room for learning together.")
        )
    return warnings


# --- Agreements and learning question ---

TextVersionT = TypeVar("TextVersionT", bound=GroupTextVersion)


def _text_version_save(
    model: type[TextVersionT],
    *,
    actor: User,
    group: Group,
    base_number: int,
    change_note: str,
    note_required: bool,
    audit_action: str,
    texts: dict[str, str],
) -> TextVersionT:
    """Save the group's text as its next version. ``base_number`` is the version the editor
    started from: if someone saved a newer one meanwhile, nothing is overwritten
    (EditConflict). With ``note_required``, every version after the first says what changed."""
    with transaction.atomic():
        Group.objects.select_for_update().filter(pk=group.pk).first()
        versions = model._default_manager.filter(group=group)
        latest = versions.aggregate(n=Max("number"))["n"] or 0
        if latest != base_number:
            raise EditConflict
        if note_required and latest and not change_note.strip():
            raise ValidationError({"change_note": _("Say briefly what changed and why.")})
        version = model(
            group=group,
            number=latest + 1,
            change_note=change_note.strip(),
            created_by=actor,
            **texts,
        )
        version.full_clean()
        version.save()
        audit_record(actor=actor, action=audit_action, obj=group, detail={"v": version.number})
    return version


AGREEMENT_FIELDS = ["in_scope", "out_of_scope", "confidentiality", "judging", "attendance", "other"]


def agreements_save(
    *, actor: User, group: Group, base_number: int, change_note: str = "", **fields: str
) -> AgreementVersion:
    """Record the group's agreements as a new version. ``base_number`` is the version the
    editor started from: if someone saved a newer one meanwhile, nothing is overwritten."""
    access.require(actor, access.CycleAction.CHANGE_CONTRACT, group)
    return _text_version_save(
        AgreementVersion,
        actor=actor,
        group=group,
        base_number=base_number,
        change_note=change_note,
        # Members acknowledge every new version, so they are told what changed.
        note_required=True,
        audit_action="contract.save",
        texts={name: fields.get(name, "").strip() for name in AGREEMENT_FIELDS},
    )


def agreements_acknowledge(*, person: User, version: AgreementVersion) -> AgreementAcknowledgement:
    """Members acknowledge the current agreements; an older version can no longer be signed."""
    group = version.group
    access.require(person, access.CycleAction.ACKNOWLEDGE, group)
    latest = group.agreement_versions.aggregate(n=Max("number"))["n"]
    if version.number != latest:
        raise ValidationError(
            _(
                "These agreements have changed since you opened them. Read the current "
                "version and acknowledge that one."
            )
        )
    acknowledgement, _created = AgreementAcknowledgement.objects.get_or_create(
        version=version, person=person
    )
    return acknowledgement


def learning_question_save(
    *,
    actor: User,
    group: Group,
    base_number: int,
    shared_issue: str,
    learning_question: str,
    aspects: str = "",
    change_note: str = "",
) -> LearningQuestionVersion:
    """Formulate or refine the shared issue and learning question; every refinement is kept."""
    access.require(actor, access.CycleAction.CHANGE_ISSUE, group)
    return _text_version_save(
        LearningQuestionVersion,
        actor=actor,
        group=group,
        base_number=base_number,
        change_note=change_note,
        note_required=False,
        audit_action="issue.save",
        texts={
            "shared_issue": shared_issue.strip(),
            "learning_question": learning_question.strip(),
            "aspects": "\n".join(line.strip() for line in aspects.splitlines() if line.strip()),
        },
    )


# --- During and after a meeting ---


@dataclass(frozen=True)
class AttendanceResult:
    """What recording attendance brought about, for the facilitator's messages."""

    notices: list[AbsenceNotice]
    still_open: list[str]  # names of active members whose attendance is not recorded yet
    held: bool


def attendance_problem(meeting: Meeting, now: datetime.datetime | None = None) -> str | None:
    """Why attendance cannot be recorded for this meeting (yet), in the facilitator's words,
    or None when it can: only once the meeting has started."""
    if meeting.status == Meeting.Status.CANCELLED:
        return _("This meeting has been cancelled, so there is no attendance to record.")
    if meeting.starts_at is None:
        return _("This meeting has no date yet. Attendance can be recorded once it has started.")
    if not meeting.has_started(now):
        start = timezone.localtime(meeting.starts_at)
        return _(
            "This meeting starts on %(date)s at %(time)s. Attendance can be recorded once it "
            "has started."
        ) % {"date": date_format(start, "l j F Y"), "time": date_format(start, "H:i")}
    return None


def attendance_record(
    *, actor: User, meeting: Meeting, statuses: Mapping[int, str]
) -> AttendanceResult:
    """Register who was there, person by person, once the meeting has started: nobody is
    present until the facilitator says so. A member left empty stays "not recorded yet";
    the meeting counts as held when every active member's attendance is recorded.

    Absence signals for the facilitator: a member who missed two of the last three meetings,
    and, looking ahead, a member who can no longer attend the share of meetings the group
    agreed (that member hears it too, kindly)."""
    access.require(actor, access.Action.RECORD_ATTENDANCE, meeting)
    problem = attendance_problem(meeting)
    if problem:
        raise ValidationError(problem)
    group = meeting.group
    members = {m.person_id: m for m in group.memberships.filter(status=Membership.Status.ACTIVE)}
    chosen = {person_id: status for person_id, status in statuses.items() if status}
    unknown = set(chosen) - set(members)
    if unknown:
        raise ValidationError(_("Attendance can only be registered for members of the group."))
    if any(status not in Attendance.Status.values for status in chosen.values()):
        raise ValidationError(_("Choose present, absent or absent with notice."))
    if not chosen:
        raise ValidationError(_("Choose for at least one member whether they were there."))
    notices: list[AbsenceNotice] = []
    now = timezone.now()
    with transaction.atomic():
        for person_id, status in chosen.items():
            Attendance.objects.update_or_create(
                meeting=meeting,
                person_id=person_id,
                defaults={"status": status, "recorded_by": actor, "recorded_at": now},
            )
        recorded = set(meeting.attendance.values_list("person_id", flat=True))
        still_open = [
            members[person_id].person.full_name
            for person_id in members
            if person_id not in recorded
        ]
        if not still_open and meeting.status != Meeting.Status.HELD:
            Meeting.objects.filter(pk=meeting.pk).update(
                status=Meeting.Status.HELD, version=F("version") + 1, updated_at=now
            )
            meeting.status = Meeting.Status.HELD
        notices = _absence_notices(meeting, {p: members[p] for p in chosen})
        audit_record(
            actor=actor,
            action="meeting.attendance",
            obj=meeting,
            detail={"recorded": len(chosen), "open": len(still_open)},
        )
        if notices:
            ids = [n.pk for n in notices]
            transaction.on_commit(lambda: send_absence_notices.enqueue(ids))
    return AttendanceResult(
        notices=notices, still_open=sorted(still_open), held=meeting.status == Meeting.Status.HELD
    )


def _absence_notices(meeting: Meeting, members: Mapping[int, Membership]) -> list[AbsenceNotice]:
    """The signals that the attendance just recorded for ``members`` raises, each once."""
    group = meeting.group
    counted = list(
        group.meetings.filter(number__lte=meeting.number)
        .filter(Q(status=Meeting.Status.HELD) | Q(pk=meeting.pk))
        .order_by("number")
        .values_list("pk", flat=True)
    )
    present = set(
        Attendance.objects.filter(
            meeting_id__in=counted, status=Attendance.Status.PRESENT
        ).values_list("meeting_id", "person_id")
    )
    notices = []
    for person_id, membership in members.items():
        attended = [(meeting_id, person_id) in present for meeting_id in counted]
        if composition.missed_two_of_last_three(attended):
            notice, created = AbsenceNotice.objects.get_or_create(
                membership=membership, meeting=meeting, kind=AbsenceNotice.Kind.TWO_OF_THREE
            )
            if created:
                notices.append(notice)
    outlooks = attendance_outlooks(group, people=list(members))
    for person_id, membership in members.items():
        if outlooks[person_id].reachable:
            continue
        if AbsenceNotice.objects.filter(
            membership=membership, kind=AbsenceNotice.Kind.OUT_OF_REACH
        ).exists():
            continue  # once out of reach, it stays so: one signal is enough
        notices.append(
            AbsenceNotice.objects.create(
                membership=membership, meeting=meeting, kind=AbsenceNotice.Kind.OUT_OF_REACH
            )
        )
    return notices


def attendance_share_set(*, actor: User, group: Group, share: int) -> Cycle:
    """The share of meetings the group agreed each member attends, in percent. Kring uses it
    to warn, never to refuse anyone."""
    access.require(actor, access.CycleAction.FACILITATE, group)
    if not 1 <= share <= 100:
        raise ValidationError({"share": _("Give a percentage from 1 to 100.")})
    with transaction.atomic():
        cycle = cycle_for(group)
        cycle.attendance_share = share
        cycle.save(update_fields=["attendance_share"])
        audit_record(actor=actor, action="group.attendance_share", obj=group, detail={"to": share})
    return cycle


def learning_point_add(
    *,
    actor: User,
    meeting: Meeting,
    text: str,
    loop: str = "",
    level: str = "",
    kind: str = LearningPoint.Kind.MEETING,
) -> LearningPoint:
    """The facilitator, or a member acting as scribe, records a key point of the meeting."""
    access.require(actor, access.Action.RECORD_POINTS, meeting)
    if not text.strip():
        raise ValidationError({"text": _("A learning point cannot be empty.")})
    with transaction.atomic():
        point = LearningPoint(
            meeting=meeting, text=text.strip(), loop=loop, level=level, kind=kind, author=actor
        )
        point.full_clean()
        point.save()
        audit_record(actor=actor, action="learning_point.add", obj=meeting)
    return point


def learning_point_update(
    *, actor: User, point: LearningPoint, expected_version: int, text: str, loop: str, level: str
) -> LearningPoint:
    """Any insider may change a learning point of the group, the facilitator's too: the points
    belong to the group. The earlier text is kept with who changed it, and someone who
    changed or deleted it meanwhile is never overwritten silently (EditConflict)."""
    access.require(actor, access.Action.CHANGE, point)
    if not text.strip():
        raise ValidationError({"text": _("A learning point cannot be empty.")})
    if loop not in {"", *LearningPoint.Loop.values} or level not in {
        "",
        *LearningPoint.Level.values,
    }:
        raise ValidationError(_("Choose a kind of learning and a level from the lists."))
    with transaction.atomic():
        changed = revisions.revise(
            point,
            actor=actor,
            expected_version=expected_version,
            changes={"text": text.strip(), "loop": loop, "level": level},
        )
        if changed:
            audit_record(actor=actor, action="learning_point.update", obj=point.meeting)
    return point


def learning_point_share(*, actor: User, point: LearningPoint, shared: bool) -> LearningPoint:
    """A member or facilitator shares one of the group's learning points with the programme
    manager, or stops sharing it. The group decides: nothing it writes leaves the group
    otherwise."""
    access.require(actor, access.Action.SHARE, point)
    with transaction.atomic():
        point.shared = shared
        point.save(update_fields=["shared"])
        audit_record(
            actor=actor,
            action="learning_point.share" if shared else "learning_point.unshare",
            obj=point.meeting,
        )
    return point


def learning_point_delete(*, actor: User, point: LearningPoint, expected_version: int) -> None:
    """Deleting hides the point; any insider can restore it within
    ``revisions.RESTORABLE_DAYS`` days. A point changed since the deleter read it is not
    deleted (EditConflict): they should see the new text first."""
    access.require(actor, access.Action.DELETE, point)
    with transaction.atomic():
        revisions.delete(point, actor=actor, expected_version=expected_version)
        audit_record(actor=actor, action="learning_point.delete", obj=point.meeting)


def learning_point_restore(*, actor: User, point: LearningPoint) -> bool:
    """Bring a deleted learning point back, as it was. False when it was restored already or
    deleted too long ago."""
    access.require(actor, access.Action.RESTORE, point)
    with transaction.atomic():
        restored = revisions.restore(point, actor=actor)
        if restored:
            audit_record(actor=actor, action="learning_point.restore", obj=point.meeting)
    return restored


def intention_add(*, person: User, meeting: Meeting, text: str) -> Intention:
    """What a member will try before the next meeting: their own words, their own entry."""
    if not access.is_active_member(person, meeting.group):
        raise PermissionDenied
    return _intention_add(actor=person, member=person, meeting=meeting, text=text)


def intention_add_on_behalf(*, actor: User, member: User, meeting: Meeting, text: str) -> Intention:
    """In the meeting the facilitator writes down what a member says they will try, so the
    action loop does not depend on everyone logging in. It stays the member's intention,
    marked as written down by the facilitator on their behalf."""
    access.require(actor, access.Action.ON_BEHALF, meeting)
    if not access.is_active_member(member, meeting.group):
        raise ValidationError({"member": _("Choose a member who takes part in this group.")})
    return _intention_add(actor=actor, member=member, meeting=meeting, text=text)


def _intention_add(*, actor: User, member: User, meeting: Meeting, text: str) -> Intention:
    if not text.strip():
        raise ValidationError({"text": _("Write down what you will try.")})
    on_behalf = actor.pk != member.pk
    with transaction.atomic():
        intention = Intention(
            meeting=meeting,
            person=member,
            text=text.strip(),
            recorded_by=actor if on_behalf else None,
        )
        intention.full_clean()
        intention.save()
        audit_record(
            actor=actor,
            action="commitment.add",
            obj=meeting,
            detail={"on_behalf_of": member.pk} if on_behalf else None,
        )
    return intention


def intention_report(*, person: User, intention: Intention, outcome: str, report: str) -> Intention:
    """At the next meeting the member tells what happened with what they would try. They may
    also correct what the facilitator wrote down for them."""
    access.require(person, access.Action.REPORT, intention)
    return _intention_report(actor=person, intention=intention, outcome=outcome, report=report)


def intention_report_on_behalf(
    *, actor: User, intention: Intention, outcome: str, report: str
) -> Intention:
    """In the meeting the facilitator writes down what a member tells about their intention,
    marked as written down on their behalf. What a member told themselves is theirs: it is
    never replaced by someone else."""
    access.require(actor, access.Action.ON_BEHALF, intention)
    if intention.reported_at and intention.reported_by_id is None:
        raise ValidationError(
            _("%(name)s has already told what happened.") % {"name": intention.person.full_name}
        )
    return _intention_report(actor=actor, intention=intention, outcome=outcome, report=report)


def _intention_report(*, actor: User, intention: Intention, outcome: str, report: str) -> Intention:
    if outcome not in Intention.Outcome.values:
        raise ValidationError({"outcome": _("Choose how it went.")})
    on_behalf = actor.pk != intention.person_id
    with transaction.atomic():
        intention.outcome = outcome
        intention.report = report.strip()
        intention.reported_at = timezone.now()
        intention.reported_by = actor if on_behalf else None
        intention.save(update_fields=["outcome", "report", "reported_at", "reported_by"])
        audit_record(
            actor=actor,
            action="commitment.report",
            obj=intention.meeting,
            detail={"on_behalf_of": intention.person_id} if on_behalf else None,
        )
    return intention


# --- Facilitation ---


def facilitator_note_add(*, author: User, group: Group, text: str) -> FacilitatorNote:
    """A private note: nobody but its author can ever read it."""
    access.require(author, access.CycleAction.FACILITATE, group)
    if not text.strip():
        raise ValidationError({"text": _("The note is empty.")})
    return FacilitatorNote.objects.create(group=group, author=author, text=text.strip())


def intervention_add(
    *, author: User, group: Group, intervention: str, response: str, meeting: Meeting | None
) -> Intervention:
    access.require(author, access.CycleAction.FACILITATE, group)
    if not intervention.strip():
        raise ValidationError({"intervention": _("Describe what you did.")})
    if meeting is not None and meeting.group_id != group.pk:
        raise ValidationError({"meeting": _("This meeting belongs to another group.")})
    with transaction.atomic():
        entry = Intervention.objects.create(
            group=group,
            meeting=meeting,
            author=author,
            intervention=intervention.strip(),
            response=response.strip(),
        )
        audit_record(actor=author, action="intervention.add", obj=group)
    return entry


def absence_notice_resolve(*, actor: User, notice: AbsenceNotice) -> None:
    access.require(actor, access.CycleAction.FACILITATE, notice.membership.group)
    notice.resolved_at = timezone.now()
    notice.save(update_fields=["resolved_at"])


# --- Evaluation ---

EVALUATION_QUESTIONS = ["helped", "missing", "facilitator", "self", "group"]


def evaluation_submit(
    *, person: User, group: Group, answers: Mapping[str, Any]
) -> EvaluationResponse:
    """Each member evaluates the cycle once; they may revise their own answers."""
    access.require(person, access.CycleAction.EVALUATE, group)
    values: dict[str, Any] = {}
    for name in EVALUATION_QUESTIONS:
        score = answers.get(f"{name}_score")
        if not isinstance(score, int) or not 1 <= score <= 5:
            raise ValidationError({f"{name}_score": _("Choose a score from 1 to 5.")})
        values[f"{name}_score"] = score
        values[f"{name}_text"] = str(answers.get(f"{name}_text", "")).strip()
    with transaction.atomic():
        response, _created = EvaluationResponse.objects.update_or_create(
            group=group, person=person, defaults={**values, "submitted_at": timezone.now()}
        )
        audit_record(actor=person, action="evaluation.submit", obj=group)
    return response


# --- Follow-up after the cycle ---


def follow_up_set(*, actor: User, group: Group, on: datetime.date | None) -> Cycle:
    """The facilitator chooses when the members are asked what stuck; ``None`` goes back to
    the default (some months after the last meeting). The date lies after the last meeting
    and not in the past: a question sent for a day gone by would surprise nobody useful."""
    access.require(actor, access.CycleAction.FACILITATE, group)
    if on is not None:
        dates.check_dates(follow_up_on=on)
        last = selectors.last_meeting_day(group)
        if last is not None and on <= last:
            raise ValidationError(
                {
                    "follow_up_on": _("Choose a date after the last meeting (%(date)s).")
                    % {"date": date_format(last)}
                }
            )
        if on < timezone.localdate():
            raise ValidationError({"follow_up_on": _("The follow-up date cannot lie in the past.")})
    with transaction.atomic():
        cycle = cycle_for(group)
        cycle.follow_up_on = on
        cycle.save(update_fields=["follow_up_on"])
        audit_record(
            actor=actor,
            action="group.follow_up_date",
            obj=group,
            detail={"on": on.isoformat() if on else None},
        )
    return cycle


def follow_up_answer(
    *, person: User, group: Group, stuck: str, still_trying: str = ""
) -> FollowUpAnswer:
    """A member tells what stuck once the follow-up date has come; they may change their
    answer later. Read by them and the group's facilitators only."""
    access.require(person, access.CycleAction.ANSWER_FOLLOW_UP, group)
    asks_on = selectors.follow_up_date(group)
    if asks_on is None or asks_on > timezone.localdate():
        raise ValidationError(_("The follow-up question is not open yet."))
    if not stuck.strip():
        raise ValidationError({"stuck": _("Write down what stuck, even if it is little.")})
    with transaction.atomic():
        answer, _created = FollowUpAnswer.objects.update_or_create(
            group=group,
            person=person,
            defaults={
                "stuck": stuck.strip(),
                "still_trying": still_trying.strip(),
                "answered_at": timezone.now(),
            },
        )
        audit_record(actor=person, action="follow_up.answer", obj=group, confidential=True)
        notifications_settled(
            recipient=person,
            kind=Notification.Kind.FOLLOW_UP,
            link=reverse("learning:follow_up", args=[group.pk]),
        )
    return answer


# --- Series templates ---


def template_save(
    *,
    actor: User,
    template: SeriesTemplate,
    expected_version: int,
    name: str,
    duration_minutes: int,
    min_gap_weeks: int,
    max_gap_weeks: int,
    meetings: list[dict[str, str]],
) -> SeriesTemplate:
    """Save an organisation's template with its meetings, renumbered 1…n in the given order.
    The spacing rules are the organisation's own choice; shorter than ninety minutes or gaps
    outside six to eight weeks are allowed, the form shows why they are unusual."""
    access.require(actor, access.Action.CHANGE, template)
    if not [m for m in meetings if m.get("title", "").strip()]:
        raise ValidationError(_("A template needs at least one meeting."))
    if min_gap_weeks > max_gap_weeks:
        raise ValidationError(
            {"max_gap_weeks": _("The longest gap is shorter than the shortest gap.")}
        )
    if (
        SeriesTemplate.objects.filter(organisation=template.organisation, name=name.strip())
        .exclude(pk=template.pk)
        .exists()
    ):
        raise ValidationError(
            {"name": _("This organisation already has a template with this name.")}
        )
    template.name = name.strip()
    template.duration_minutes = duration_minutes
    template.min_gap_weeks = min_gap_weeks
    template.max_gap_weeks = max_gap_weeks
    with transaction.atomic():
        save_versioned(
            template,
            expected_version=expected_version,
            fields=["name", "duration_minutes", "min_gap_weeks", "max_gap_weeks"],
        )
        template.meetings.all().delete()
        number = 0
        for meeting in meetings:
            if not meeting.get("title", "").strip():
                continue
            number += 1
            SeriesTemplateMeeting.objects.create(
                template=template,
                number=number,
                title=meeting["title"].strip(),
                purpose=meeting.get("purpose", "").strip(),
                agenda=meeting.get("agenda", "").strip(),
            )
        template.refresh_from_db()
        audit_record(actor=actor, action="series_template.save", obj=template)
    return template


def template_copy(*, actor: User, template: SeriesTemplate, name: str) -> SeriesTemplate:
    """Start a new template of the organisation from an existing one."""
    access.require(actor, access.Action.CHANGE, template)
    # Copy what is stored, not an edit that may have been refused in this request.
    template.refresh_from_db()
    if SeriesTemplate.objects.filter(
        organisation=template.organisation, name=name.strip()
    ).exists():
        raise ValidationError(
            {"name": _("This organisation already has a template with this name.")}
        )
    with transaction.atomic():
        copy = SeriesTemplate.objects.create(
            organisation=template.organisation,
            name=name.strip(),
            duration_minutes=template.duration_minutes,
            min_gap_weeks=template.min_gap_weeks,
            max_gap_weeks=template.max_gap_weeks,
        )
        for meeting in template.meetings.order_by("number"):
            SeriesTemplateMeeting.objects.create(
                template=copy,
                number=meeting.number,
                title=meeting.title,
                purpose=meeting.purpose,
                agenda=meeting.agenda,
            )
        audit_record(actor=actor, action="series_template.copy", obj=copy)
    return copy
