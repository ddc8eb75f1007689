"""Writes for teachers who fly in and out (D7) and for how a group's staff work together (D5).

The facilitator briefs the teachers of a session with a note; after the session each teacher
leaves a note back, which reaches the facilitator and the programme manager and waits for the
next teacher in their briefing. A group's constellation says how its staff share the roles; a
duo keeps a versioned agreement and looks at it again on the date they chose."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import User
from kring.audit.services import audit_record
from kring.core.exceptions import EditConflict
from kring.core.locking import save_versioned
from kring.core.mail import send_templated_mail
from kring.designs.models import BriefingNote, Constellation, DuoAgreement, NoteBack, Session
from kring.learning.services import _text_version_save
from kring.notifications.models import Notification
from kring.notifications.services import notify
from kring.programmes.models import Group, Role, RoleAssignment

logger = logging.getLogger(__name__)

DUO_FIELDS = ["roles", "intervening", "signals", "blind_spots"]
DUO_ROLES = [Role.FACILITATOR, Role.TEACHER, Role.GUEST_TEACHER]


# --- Briefing note and note back -----------------------------------------------------------


def briefing_note_save(
    *, actor: User, session: Session, text: str, expected_version: int
) -> BriefingNote:
    """The facilitator's note to the session's teachers. ``expected_version`` is the version
    the facilitator started from (0 when there was no note yet): when someone saved the note
    meanwhile, nothing is overwritten (EditConflict)."""
    access.require(actor, access.Action.WRITE_BRIEFING, session)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a few words for the teacher.")})
    with transaction.atomic():
        note = BriefingNote.objects.select_for_update().filter(session=session).first()
        if note is None:
            if expected_version != 0:
                raise EditConflict
            try:
                with transaction.atomic():
                    note = BriefingNote.objects.create(session=session, text=text, written_by=actor)
            except IntegrityError as exc:  # written by someone else at the same moment
                raise EditConflict from exc
        else:
            note.text = text
            note.written_by = actor
            save_versioned(note, expected_version=expected_version, fields=["text", "written_by"])
        audit_record(actor=actor, action="briefing_note.save", obj=session)
    return note


def _note_back_readers(session: Session) -> list[User]:
    """Who hears of a note back: the group's facilitators and the programme's managers."""
    group = session.cohort.group
    assignments = RoleAssignment.objects.filter(
        Q(role=Role.FACILITATOR, group=group)
        | Q(role=Role.FACILITATOR, programme=group.programme_id, group__isnull=True)
        | Q(role=Role.PROGRAMME_MANAGER, programme=group.programme_id, group__isnull=True)
    ).select_related("person")
    people: dict[int, User] = {a.person_id: a.person for a in assignments}
    return list(people.values())


def note_back_problem(session: Session, now: datetime.datetime | None = None) -> str | None:
    """Why no note back can be left on this session (yet), or None when it can."""
    if session.status == Session.Status.CANCELLED:
        return _("This session was cancelled, so there is nothing to note back.")
    if session.starts_at > (now or timezone.now()):
        start = timezone.localtime(session.starts_at)
        return _(
            "This session starts on %(date)s at %(time)s. You can leave your note back once it "
            "has started."
        ) % {"date": date_format(start, "l j F Y"), "time": date_format(start, "H:i")}
    return None


def note_back_save(
    *,
    actor: User,
    session: Session,
    what_happened: str,
    noticed: str = "",
    tips: str = "",
    expected_version: int = 0,
) -> NoteBack:
    """A teacher's note back after the session: what happened, what they noticed, tips for the
    next teacher. The first one tells the facilitators and the programme manager; changing it
    later is optimistically locked (``expected_version`` 0 for a new note)."""
    access.require(actor, access.Action.WRITE_NOTE_BACK, session)
    problem = note_back_problem(session)
    if problem:
        raise ValidationError(problem)
    what_happened = what_happened.strip()
    if not what_happened:
        raise ValidationError({"what_happened": _("Say briefly what happened.")})
    texts = {"what_happened": what_happened, "noticed": noticed.strip(), "tips": tips.strip()}
    with transaction.atomic():
        note = NoteBack.objects.filter(session=session, teacher=actor).first()
        if note is None:
            if expected_version != 0:
                raise EditConflict
            try:
                with transaction.atomic():
                    note = NoteBack.objects.create(session=session, teacher=actor, **texts)
            except IntegrityError as exc:
                raise EditConflict from exc
            audit_record(actor=actor, action="note_back.write", obj=session)
            group = session.cohort.group
            link = reverse("designs_teachers:briefing", args=[session.pk]) + "#notes-back"
            for reader in _note_back_readers(session):
                if reader.pk == actor.pk:
                    continue
                notify(
                    recipient=reader,
                    kind=Notification.Kind.NOTE_BACK,
                    params={
                        "teacher": actor.full_name,
                        "session": session.title,
                        "group": group.name,
                    },
                    link=link,
                )
        else:
            for name, value in texts.items():
                setattr(note, name, value)
            save_versioned(note, expected_version=expected_version, fields=list(texts))
            audit_record(actor=actor, action="note_back.change", obj=session)
    return note


# --- Constellation and duo agreement -------------------------------------------------------


def constellation_set(
    *,
    actor: User,
    group: Group,
    kind: str,
    third: User | None = None,
    note: str = "",
    expected_version: int = 0,
) -> Constellation:
    """Record how the group's staff work together: a facilitator and a teacher, a duo that
    shares both roles, or a facilitator with teachers who fly in; and who is the third at a
    distance. ``expected_version`` 0 when none was recorded yet."""
    access.require(actor, access.StaffAction.SET_CONSTELLATION, group)
    with transaction.atomic():
        constellation = Constellation.objects.filter(group=group).first()
        if constellation is None:
            if expected_version != 0:
                raise EditConflict
            constellation = Constellation(group=group, kind=kind, third=third, note=note.strip())
            constellation.full_clean()
            try:
                with transaction.atomic():
                    constellation.save()
            except IntegrityError as exc:
                raise EditConflict from exc
        else:
            constellation.kind = kind
            constellation.third = third
            constellation.note = note.strip()
            constellation.full_clean()
            save_versioned(
                constellation, expected_version=expected_version, fields=["kind", "third", "note"]
            )
        audit_record(actor=actor, action="constellation.set", obj=group)
    return constellation


def _revisit_date(revisit_on: datetime.date | None) -> datetime.date:
    if revisit_on is None:
        raise ValidationError({"revisit_on": _("Choose the date you will look at this again.")})
    if revisit_on <= timezone.localdate():
        raise ValidationError({"revisit_on": _("Choose a date after today.")})
    return revisit_on


def duo_agreement_save(
    *,
    actor: User,
    group: Group,
    base_number: int,
    revisit_on: datetime.date | None,
    change_note: str = "",
    **fields: str,
) -> DuoAgreement:
    """Record the duo's agreement as its next version: how they share the roles, when they
    step into each other's part, their signals and known blind spots, and the date they look
    at it again. Every version after the first says what changed."""
    access.require(actor, access.StaffAction.KEEP_DUO, group)
    texts: dict[str, Any] = {name: fields.get(name, "").strip() for name in DUO_FIELDS}
    texts["revisit_on"] = _revisit_date(revisit_on)
    return _text_version_save(
        DuoAgreement,
        actor=actor,
        group=group,
        base_number=base_number,
        change_note=change_note,
        note_required=True,
        audit_action="duo_agreement.save",
        texts=texts,
    )


def duo_agreement_confirm(
    *, actor: User, group: Group, base_number: int, revisit_on: datetime.date | None
) -> DuoAgreement:
    """The duo looked at their agreement again and it still holds: a new version with the
    same texts and the next date to look at it again."""
    access.require(actor, access.StaffAction.KEEP_DUO, group)
    current = DuoAgreement.objects.filter(group=group).order_by("-number").first()
    if current is None:
        raise ValidationError(_("There is no duo agreement yet to confirm."))
    texts: dict[str, Any] = {name: getattr(current, name) for name in DUO_FIELDS}
    texts["revisit_on"] = _revisit_date(revisit_on)
    texts["confirms_previous"] = True
    return _text_version_save(
        DuoAgreement,
        actor=actor,
        group=group,
        base_number=base_number,
        change_note="",
        note_required=False,
        audit_action="duo_agreement.confirm",
        texts=texts,
    )


def duo_members(group: Group) -> list[User]:
    """The group's staff who make up the duo: its facilitators and teachers."""
    assignments = RoleAssignment.objects.filter(group=group, role__in=DUO_ROLES).select_related(
        "person"
    )
    people: dict[int, User] = {a.person_id: a.person for a in assignments}
    return sorted(people.values(), key=lambda person: person.full_name)


def remind_duo_revisits(today: datetime.date) -> int:
    """On the revisit date of a duo's current agreement, remind the duo once (a notification
    and an e-mail each). The reminder is claimed by marking the version, so two workers never
    send it twice; a version made later has its own date. Called by the periodic reminder
    task. Returns how many people were reminded."""
    sent = 0
    candidates = DuoAgreement.objects.filter(
        revisit_on__lte=today, reminded_at__isnull=True
    ).select_related("group")
    for agreement in candidates:
        newest = (
            DuoAgreement.objects.filter(group=agreement.group_id)
            .order_by("-number")
            .values_list("pk", flat=True)
            .first()
        )
        if newest != agreement.pk:
            continue  # an older version: the duo has revisited it already
        claimed = DuoAgreement.objects.filter(pk=agreement.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if not claimed:
            continue
        group = agreement.group
        path = reverse("designs_teachers:staff", args=[group.pk])
        for person in duo_members(group):
            notify(
                recipient=person,
                kind=Notification.Kind.DUO_REVISIT,
                params={"group": group.name},
                link=path,
            )
            if not person.is_active:
                continue
            try:
                send_templated_mail(
                    to=person.email,
                    language=person.language,
                    template="designs/teachers/email/duo_revisit",
                    context={
                        "person": person,
                        "group": group,
                        "agreement": agreement,
                        "link": settings.BASE_URL + path,
                    },
                )
            except Exception:
                logger.exception("Duo revisit reminder to user %s could not be sent", person.pk)
                continue
            sent += 1
    return sent
