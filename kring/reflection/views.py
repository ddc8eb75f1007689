from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring import access
from kring.core.forms import conflict_form, submit, submit_changes, submit_edit
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.learning.models import Meeting
from kring.programmes.models import Group
from kring.reflection import selectors, services
from kring.reflection.forms import AssignmentForm, ExcerptForm, JournalEntryForm, SubmissionForm
from kring.reflection.models import Assignment, JournalEntry, JournalExcerpt, Submission

ASSIGNMENTS = Assignment.objects.select_related("meeting__group__programme")
SUBMISSIONS = Submission.objects.select_related("assignment__meeting__group__programme", "author")
GROUPS = Group.objects.select_related("programme")


@login_required
def overview(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.LIST, Assignment)
    return render(
        request,
        "reflection/overview.html",
        {"groups": selectors.my_reflection_groups(request.user)},
    )


@login_required
def group_reflection(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(request.user, access.ReflectionAction.VIEW, GROUPS, pk=pk)
    excerpts = selectors.shared_excerpts(group, request.user)
    services.record_list_read(
        actor=request.user, items=excerpts, action="excerpt.list_read", place=group
    )
    return render(
        request,
        "reflection/group.html",
        {
            "group": group,
            "programme": group.programme,
            "meetings": selectors.assignments_for_group(group, request.user),
            "excerpts": excerpts,
            "may_keep_journal": access.can(
                request.user, access.ReflectionAction.KEEP_JOURNAL, group
            ),
        },
    )


# --- Assignments ---------------------------------------------------------------------------


def _warn(request: AuthedRequest, assignment: Assignment) -> None:
    for warning in services.assignment_warnings(assignment):
        messages.warning(request, warning)


@login_required
@submit_once
def assignment_create(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = access.get_object(
        request.user, access.Action.VIEW, Meeting.objects.select_related("group__programme"), pk=pk
    )
    access.require(request.user, access.ReflectionAction.GIVE_ASSIGNMENT, meeting.group)
    initial: dict[str, Any] = {"effort_minutes": 60}
    if meeting.starts_at and meeting.starts_at > timezone.now():
        # Two days ahead gives the facilitator time to read before the meeting.
        initial["due_at"] = timezone.localtime(meeting.starts_at - datetime.timedelta(days=2))
    form = AssignmentForm(request.POST or None, creating=True, initial=initial)
    if done := submit(
        form, lambda data: services.assignment_create(actor=request.user, meeting=meeting, **data)
    ):
        messages.success(request, _("The assignment has been given to the group."))
        _warn(request, done.value)
        return redirect("reflection:assignment_detail", pk=done.value.pk)
    return render(
        request,
        "reflection/assignment_form.html",
        {"form": form, "meeting": meeting, "group": meeting.group},
    )


@login_required
def assignment_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = access.get_object(request.user, access.Action.VIEW, ASSIGNMENTS, pk=pk)
    user = request.user
    submissions = selectors.visible_submissions(assignment, user)
    services.record_list_read(
        actor=user, items=submissions, action="submission.list_read", place=assignment
    )
    may_change = access.can(user, access.Action.CHANGE, assignment)
    mine = next((s for s in submissions if s.author_id == user.pk), None)
    return render(
        request,
        "reflection/assignment_detail.html",
        {
            "assignment": assignment,
            "meeting": assignment.meeting,
            "group": assignment.meeting.group,
            "submissions": submissions,
            "mine": mine,
            "may_change_mine": mine is not None and access.can(user, access.Action.CHANGE, mine),
            "may_change": may_change,
            "may_submit": access.can(user, access.Action.SUBMIT, assignment),
            "is_member": access.is_active_member(user, assignment.meeting.group),
            "progress": (
                selectors.submission_progress(assignment)
                if access.can(user, access.Action.VIEW_PROGRESS, assignment)
                else None
            ),
            "warnings": services.assignment_warnings(assignment) if may_change else [],
        },
    )


@login_required
def assignment_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = access.get_object(request.user, access.Action.CHANGE, ASSIGNMENTS, pk=pk)
    form = AssignmentForm(request.POST or None, instance=assignment)
    edit = submit_changes(
        form, partial(services.assignment_update, actor=request.user, assignment=assignment)
    )
    if edit.done:
        messages.success(request, _("The assignment has been saved."))
        _warn(request, assignment)
        return redirect("reflection:assignment_detail", pk=assignment.pk)
    return render(
        request,
        "reflection/assignment_form.html",
        {
            "form": edit.form,
            "assignment": assignment,
            "meeting": assignment.meeting,
            "group": assignment.meeting.group,
            "saved_meanwhile": edit.saved_meanwhile,
        },
    )


# --- Submissions ---------------------------------------------------------------------------


def _submission_data(data: dict[str, Any]) -> dict[str, Any]:
    """The sent submission as its services take it (the version is passed apart)."""
    data.pop("version", None)
    return {
        "upload": data.pop("upload", None) or None,
        "remove_upload": data.pop("remove_upload", False),
        **data,
    }


@login_required
@submit_once
def submission_create(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = access.get_object(request.user, access.Action.SUBMIT, ASSIGNMENTS, pk=pk)
    mine = Submission.objects.filter(assignment=assignment, author=request.user).first()
    if mine is not None:
        messages.info(request, _("You already handed in work for this assignment; change it here."))
        return redirect("reflection:submission_edit", pk=mine.pk)
    form = SubmissionForm(request.POST or None, request.FILES or None, creating=True)

    def create(data: dict[str, Any]) -> Submission:
        data = _submission_data(data)
        data.pop("remove_upload")
        return services.submission_create(actor=request.user, assignment=assignment, **data)

    if done := submit(form, create):
        messages.success(request, _("Your work has been handed in."))
        if done.value.is_late:
            messages.warning(request, done.value.late_label)
        return redirect("reflection:submission_detail", pk=done.value.pk)
    return render(
        request,
        "reflection/submission_form.html",
        {"form": form, "assignment": assignment, "group": assignment.meeting.group},
    )


@login_required
def submission_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    submission = access.get_object(request.user, access.Action.VIEW, SUBMISSIONS, pk=pk)
    services.record_read(actor=request.user, obj=submission, action="submission.read")
    assignment = submission.assignment
    return render(
        request,
        "reflection/submission_detail.html",
        {
            "submission": submission,
            "assignment": assignment,
            "group": assignment.meeting.group,
            "may_change": access.can(request.user, access.Action.CHANGE, submission),
            "is_own": submission.author_id == request.user.pk,
        },
    )


@login_required
def submission_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    submission = access.get_object(request.user, access.Action.CHANGE, SUBMISSIONS, pk=pk)
    assignment = submission.assignment
    form = SubmissionForm(request.POST or None, request.FILES or None, instance=submission)
    edit = submit_edit(
        form,
        lambda data: services.submission_update(
            actor=request.user,
            submission=submission,
            expected_version=data["version"],
            **_submission_data(data),
        ),
        on_conflict=lambda: conflict_form(form, SUBMISSIONS.get(pk=submission.pk)),
    )
    if edit.done:
        messages.success(request, _("Your work has been saved."))
        return redirect("reflection:submission_detail", pk=submission.pk)
    return render(
        request,
        "reflection/submission_form.html",
        {
            "form": edit.form,
            "submission": submission,
            "assignment": assignment,
            "group": assignment.meeting.group,
            "saved_meanwhile": edit.saved_meanwhile,
        },
    )


@login_required
def submission_file(request: AuthedRequest, pk: int) -> FileResponse:
    """The uploaded file, only through the permission policy: uploads have no public URL."""
    submission = access.get_object(request.user, access.Action.VIEW, SUBMISSIONS, pk=pk)
    if not submission.upload:
        raise Http404
    try:
        handle = submission.upload.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    services.record_read(actor=request.user, obj=submission, action="submission.file_read")
    response = FileResponse(
        handle,
        content_type=submission.upload_type,
        # Pictures open in the page; anything else is saved, never rendered by the browser.
        as_attachment=not submission.upload_is_image,
        filename=submission.upload_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- The journal -----------------------------------------------------------------------------


@login_required
def journal(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(request.user, access.ReflectionAction.KEEP_JOURNAL, GROUPS, pk=pk)
    return render(
        request,
        "reflection/journal.html",
        {"group": group, "entries": selectors.my_journal(group, request.user)},
    )


@login_required
@submit_once
def journal_create(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(request.user, access.ReflectionAction.KEEP_JOURNAL, GROUPS, pk=pk)
    form = JournalEntryForm(request.POST or None, creating=True)
    if submit(
        form, lambda data: services.journal_entry_create(actor=request.user, group=group, **data)
    ):
        messages.success(request, _("Your journal entry has been saved."))
        return redirect("reflection:journal", pk=group.pk)
    return render(request, "reflection/journal_form.html", {"form": form, "group": group})


@login_required
def journal_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = access.get_object(
        request.user,
        access.Action.CHANGE,
        JournalEntry.objects.select_related("group__programme"),
        pk=pk,
    )
    form = JournalEntryForm(request.POST or None, instance=entry)
    edit = submit_changes(
        form, partial(services.journal_entry_update, actor=request.user, entry=entry)
    )
    if edit.done:
        messages.success(request, _("Your journal entry has been saved."))
        return redirect("reflection:journal", pk=entry.group_id)
    return render(
        request,
        "reflection/journal_form.html",
        {
            "form": edit.form,
            "entry": entry,
            "group": entry.group,
            "saved_meanwhile": edit.saved_meanwhile,
        },
    )


@login_required
@submit_once
def excerpt_create(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = access.get_object(
        request.user,
        access.Action.SHARE,
        JournalEntry.objects.select_related("group__programme"),
        pk=pk,
    )
    form = ExcerptForm(request.POST or None, initial={"text": entry.text})
    if submit(form, lambda data: services.excerpt_share(actor=request.user, entry=entry, **data)):
        messages.success(request, _("Your excerpt is now shared with the group."))
        return redirect("reflection:journal", pk=entry.group_id)
    return render(
        request,
        "reflection/excerpt_form.html",
        {"form": form, "entry": entry, "group": entry.group},
    )


@login_required
@require_POST
def excerpt_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    excerpt = access.get_object(
        request.user, access.Action.WITHDRAW, JournalExcerpt.objects.select_related("group"), pk=pk
    )
    group_id = excerpt.group_id
    services.excerpt_withdraw(actor=request.user, excerpt=excerpt)
    messages.success(request, _("Your excerpt has been withdrawn; the group no longer sees it."))
    return redirect("reflection:journal", pk=group_id)
