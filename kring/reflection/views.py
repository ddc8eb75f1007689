from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring import access
from kring.core.exceptions import EditConflict
from kring.core.forms import apply_validation_error, conflict_form
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
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.assignment_create(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The assignment has been given to the group."))
            _warn(request, assignment)
            return redirect("reflection:assignment_detail", pk=assignment.pk)
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
    saved: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.assignment_update(
                actor=request.user, assignment=assignment, expected_version=version, **data
            )
        except EditConflict:
            form, saved = conflict_form(form, Assignment.objects.get(pk=assignment.pk))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The assignment has been saved."))
            _warn(request, assignment)
            return redirect("reflection:assignment_detail", pk=assignment.pk)
    return render(
        request,
        "reflection/assignment_form.html",
        {
            "form": form,
            "assignment": assignment,
            "meeting": assignment.meeting,
            "group": assignment.meeting.group,
            "saved_meanwhile": saved,
        },
    )


# --- Submissions ---------------------------------------------------------------------------


def _submission_data(form: SubmissionForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
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
    if request.method == "POST" and form.is_valid():
        data = _submission_data(form)
        data.pop("remove_upload")
        try:
            submission = services.submission_create(
                actor=request.user, assignment=assignment, **data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your work has been handed in."))
            if submission.is_late:
                messages.warning(request, submission.late_label)
            return redirect("reflection:submission_detail", pk=submission.pk)
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
    saved: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = _submission_data(form)
        version = form.cleaned_data["version"]
        try:
            services.submission_update(
                actor=request.user, submission=submission, expected_version=version, **data
            )
        except EditConflict:
            form, saved = conflict_form(form, SUBMISSIONS.get(pk=submission.pk))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your work has been saved."))
            return redirect("reflection:submission_detail", pk=submission.pk)
    return render(
        request,
        "reflection/submission_form.html",
        {
            "form": form,
            "submission": submission,
            "assignment": assignment,
            "group": assignment.meeting.group,
            "saved_meanwhile": saved,
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
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_entry_create(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
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
    saved: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.journal_entry_update(
                actor=request.user, entry=entry, expected_version=version, **data
            )
        except EditConflict:
            form, saved = conflict_form(form, JournalEntry.objects.get(pk=entry.pk))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your journal entry has been saved."))
            return redirect("reflection:journal", pk=entry.group_id)
    return render(
        request,
        "reflection/journal_form.html",
        {"form": form, "entry": entry, "group": entry.group, "saved_meanwhile": saved},
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
    if request.method == "POST" and form.is_valid():
        try:
            services.excerpt_share(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
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
