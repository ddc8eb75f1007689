"""Writes about reflection: assignments, submissions, the journal and its shared excerpts.
Reads of confidential items by someone other than their author are recorded here too."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import User
from kring.audit.services import audit_record
from kring.core import dates
from kring.core.locking import save_versioned
from kring.learning.models import Meeting
from kring.programmes.models import Group
from kring.reflection.models import Assignment, JournalEntry, JournalExcerpt, Submission
from kring.reflection.uploads import check_upload, display_name

# --- Assignments ---------------------------------------------------------------------------


def assignment_warnings(assignment: Assignment) -> list[str]:
    """Rules of thumb from the sources: worth a warning, never a reason to refuse."""
    warnings = []
    if assignment.effort_is_high:
        warnings.append(
            _(
                "This assignment asks more than about two hours. Members can usually fit in "
                "at most two hours of preparation between meetings."
            )
        )
    starts_at = assignment.meeting.starts_at
    if starts_at is not None and assignment.due_at > starts_at:
        warnings.append(_("The due date lies after the start of the meeting."))
    return warnings


def _to_minute(moment: datetime.datetime) -> datetime.datetime:
    return moment.replace(second=0, microsecond=0)


def _check_due(due_at: datetime.datetime) -> None:
    dates.check_dates(due_at=due_at)
    if due_at < timezone.now():
        raise ValidationError(
            {"due_at": _("This moment has already passed. Choose a due date in the future.")}
        )


def assignment_create(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    instructions: str,
    due_at: datetime.datetime,
    effort_minutes: int,
) -> Assignment:
    """Give the group an assignment for a meeting that has not been held yet. Every member
    does the same assignment; the due date must still lie ahead."""
    access.require(actor, access.ReflectionAction.GIVE_ASSIGNMENT, meeting.group)
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError(
            _("This meeting has already been held. Give the assignment for a coming meeting.")
        )
    _check_due(due_at)
    with transaction.atomic():
        assignment = Assignment(
            meeting=meeting,
            title=title.strip(),
            instructions=instructions.strip(),
            due_at=due_at,
            effort_minutes=effort_minutes,
            created_by=actor,
        )
        assignment.full_clean()
        assignment.save()
        audit_record(actor=actor, action="assignment.create", obj=assignment)
    return assignment


ASSIGNMENT_FIELDS = ["title", "instructions", "due_at", "effort_minutes"]


def assignment_update(
    *, actor: User, assignment: Assignment, expected_version: int, **changes: Any
) -> Assignment:
    """Change an assignment. An old assignment may keep its due date, but a due date that is
    changed must lie ahead."""
    access.require(actor, access.Action.CHANGE, assignment)
    new_due = changes.get("due_at")
    # The form shows minutes only, so an unchanged date comes back without its seconds.
    if new_due is not None and _to_minute(new_due) != _to_minute(assignment.due_at):
        _check_due(new_due)
    with transaction.atomic():
        for field_name in ASSIGNMENT_FIELDS:
            if field_name in changes:
                setattr(assignment, field_name, changes[field_name])
        assignment.title = assignment.title.strip()
        assignment.instructions = assignment.instructions.strip()
        assignment.updated_at = timezone.now()
        assignment.full_clean()
        save_versioned(
            assignment,
            expected_version=expected_version,
            fields=[*ASSIGNMENT_FIELDS, "updated_at"],
        )
        audit_record(actor=actor, action="assignment.update", obj=assignment)
    return assignment


# --- Submissions ---------------------------------------------------------------------------


def _submission_check(submission: Submission) -> None:
    errors: dict[str, str] = {}
    if submission.form == Submission.Form.DRAWING and not submission.upload:
        errors["upload"] = _("Add the drawing or photo itself.")
    elif submission.form != Submission.Form.DRAWING and not submission.text.strip():
        errors["text"] = _("Write your text here.")
    if errors:
        raise ValidationError(errors)


def _attach(submission: Submission, upload: File) -> None:
    """Store the file under a random name; the member's own name is kept only to show."""
    kind = check_upload(upload)
    submission.upload_name = display_name(upload.name or "")
    submission.upload_type = kind.content_type
    submission.upload_size = upload.size or 0
    submission.upload.save(f"{uuid.uuid4().hex}{kind.extension}", upload, save=False)


def _delete_file_later(name: str) -> None:
    """Remove a file once the transaction that let go of it has committed."""
    if not name:
        return
    storage = Submission._meta.get_field("upload").storage
    transaction.on_commit(lambda: storage.delete(name))


def submission_create(
    *,
    actor: User,
    assignment: Assignment,
    form: str,
    title: str,
    text: str,
    visibility: str,
    upload: File | None = None,
) -> Submission:
    """Hand in work for an assignment, once per member. After the due date or after the
    meeting it is still accepted and shown as late to the member and the facilitator (a rule
    of thumb warns, never refuses). The member decides whether the whole group reads it or
    only the facilitator."""
    access.require(actor, access.Action.SUBMIT, assignment)
    if Submission.objects.filter(assignment=assignment, author=actor).exists():
        raise ValidationError(_("You have already handed in work for this assignment."))
    submission = Submission(
        assignment=assignment,
        author=actor,
        form=form,
        title=title.strip(),
        text=text.strip(),
        visibility=visibility,
    )
    if upload is not None:
        _attach(submission, upload)
    try:
        _submission_check(submission)
        with transaction.atomic():
            submission.full_clean()
            submission.save()
            audit_record(actor=actor, action="submission.create", obj=submission)
    except BaseException:
        # A refused submission leaves no file behind.
        if submission.upload:
            submission.upload.delete(save=False)
        raise
    return submission


SUBMISSION_FIELDS = ["form", "title", "text", "visibility"]
UPLOAD_FIELDS = ["upload", "upload_name", "upload_type", "upload_size"]


def submission_update(
    *,
    actor: User,
    submission: Submission,
    expected_version: int,
    upload: File | None = None,
    remove_upload: bool = False,
    **changes: Any,
) -> Submission:
    """Change one's own submission until the meeting has been held (what the group discussed
    stays as it was brought in; work handed in late can still be changed); a new file
    replaces the old one, which is then deleted."""
    access.require(actor, access.Action.CHANGE, submission)
    old_file = submission.upload.name or ""
    for field_name in SUBMISSION_FIELDS:
        if field_name in changes:
            setattr(submission, field_name, changes[field_name])
    submission.title = submission.title.strip()
    submission.text = submission.text.strip()
    if upload is not None:
        _attach(submission, upload)
    elif remove_upload:
        submission.upload = ""
        submission.upload_name, submission.upload_type, submission.upload_size = "", "", 0
    new_file = submission.upload.name or ""
    try:
        _submission_check(submission)
        with transaction.atomic():
            submission.updated_at = timezone.now()
            submission.full_clean()
            save_versioned(
                submission,
                expected_version=expected_version,
                fields=[*SUBMISSION_FIELDS, *UPLOAD_FIELDS, "updated_at"],
            )
            audit_record(actor=actor, action="submission.update", obj=submission)
            if old_file and old_file != new_file:
                _delete_file_later(old_file)
    except BaseException:
        if new_file and new_file != old_file:
            submission.upload.storage.delete(new_file)
        raise
    return submission


# --- The journal and its excerpts ------------------------------------------------------------


def journal_entry_create(*, actor: User, group: Group, title: str, text: str) -> JournalEntry:
    """Write in one's own journal for a group. Only members keep a journal there."""
    access.require(actor, access.ReflectionAction.KEEP_JOURNAL, group)
    with transaction.atomic():
        entry = JournalEntry(group=group, author=actor, title=title.strip(), text=text.strip())
        entry.full_clean()
        entry.save()
        audit_record(actor=actor, action="journal.create", obj=entry)
    return entry


def journal_entry_update(
    *, actor: User, entry: JournalEntry, expected_version: int, title: str, text: str
) -> JournalEntry:
    access.require(actor, access.Action.CHANGE, entry)
    with transaction.atomic():
        entry.title = title.strip()
        entry.text = text.strip()
        entry.updated_at = timezone.now()
        entry.full_clean()
        save_versioned(
            entry, expected_version=expected_version, fields=["title", "text", "updated_at"]
        )
        audit_record(actor=actor, action="journal.update", obj=entry)
    return entry


def excerpt_share(*, actor: User, entry: JournalEntry, text: str) -> JournalExcerpt:
    """Share a passage of one's journal with the group: the member chooses the words, which
    need not be the entry's own."""
    access.require(actor, access.Action.SHARE, entry)
    with transaction.atomic():
        excerpt = JournalExcerpt(entry=entry, group=entry.group, author=actor, text=text.strip())
        excerpt.full_clean()
        excerpt.save()
        audit_record(actor=actor, action="excerpt.share", obj=excerpt)
    return excerpt


def excerpt_withdraw(*, actor: User, excerpt: JournalExcerpt) -> None:
    """Take back a shared excerpt. It is deleted, not hidden."""
    access.require(actor, access.Action.WITHDRAW, excerpt)
    with transaction.atomic():
        audit_record(actor=actor, action="excerpt.withdraw", obj=excerpt)
        excerpt.delete()


# --- Confidential reads ----------------------------------------------------------------------


def record_read(*, actor: User, obj: Submission | JournalExcerpt, action: str) -> None:
    """A confidential item read by someone other than its author leaves a trace."""
    if obj.author_id != actor.pk:
        audit_record(actor=actor, action=action, obj=obj, confidential=True)


def record_list_read(
    *, actor: User, items: Iterable[Submission | JournalExcerpt], action: str, place: Model
) -> None:
    """A page that shows several confidential items records one entry naming all of them
    that were written by others."""
    others = [item.pk for item in items if item.author_id != actor.pk]
    if others:
        audit_record(
            actor=actor, action=action, obj=place, confidential=True, detail={"ids": others}
        )
