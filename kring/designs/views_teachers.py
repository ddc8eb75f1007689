"""Pages for teachers who fly in and out (the briefing before a session, the note back after
it) and for how a group's staff work together (constellation and duo agreement). Each view
resolves its object through the permission policy, validates a form, calls a service and
renders or redirects."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring import access
from kring.accounts.models import User
from kring.core.exceptions import EditConflict
from kring.core.forms import rebase_on_conflict, submit, submit_edit
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.designs import selectors_teachers as selectors
from kring.designs import services_teachers as services
from kring.designs.forms_teachers import (
    BriefingNoteForm,
    ConstellationForm,
    DuoAgreementForm,
    DuoConfirmForm,
    NoteBackForm,
)
from kring.designs.models import BriefingNote, Constellation, NoteBack, Session
from kring.programmes.models import Group

GROUPS = Group.objects.select_related("programme")


def _session(request: AuthedRequest, pk: int, action: access.AnyAction) -> Session:
    return access.get_object(request.user, action, selectors.sessions(), pk=pk)


def _readable(user: User, notes: list[NoteBack], others: list[NoteBack]) -> list[NoteBack]:
    """The notes back of one cohort that ``user`` may read. Whether someone may read another
    teacher's note depends on the cohort alone, so the policy is asked once, not per note."""
    other = next((n for n in [*notes, *others] if n.teacher_id != user.pk), None)
    allowed = other is not None and access.can(user, access.Action.VIEW, other)
    return [n for n in notes if n.teacher_id == user.pk or allowed]


@login_required
def briefing(request: AuthedRequest, pk: int) -> HttpResponse:
    """The teacher's briefing: the session's page for those who teach or facilitate it."""
    session = _session(request, pk, access.Action.VIEW_BRIEFING)
    user = request.user
    found = selectors.briefing(session)
    own_note = next((n for n in found.notes_back if n.teacher_id == user.pk), None)
    context: dict[str, Any] = {
        "b": found,
        "session": session,
        "group": found.group,
        "programme": found.group.programme,
        "notes_back": _readable(user, found.notes_back, found.earlier_tips),
        "earlier_tips": _readable(user, found.earlier_tips, found.notes_back),
        "own_note": own_note,
        "may_write_note": access.can(user, access.Action.WRITE_BRIEFING, session),
        "may_note_back": access.can(user, access.Action.WRITE_NOTE_BACK, session),
        "note_back_problem": services.note_back_problem(session),
        "may_see_staffing": access.can(user, access.StaffAction.VIEW_DUO, found.group),
    }
    return render(request, "designs/teachers/briefing.html", context)


@login_required
@submit_once
def briefing_note_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, access.Action.WRITE_BRIEFING)
    note = BriefingNote.objects.filter(session=session).first()
    form = BriefingNoteForm(
        request.POST or None, instance=note, initial={"version": note.version if note else 0}
    )
    edit = submit_edit(
        form,
        lambda data: services.briefing_note_save(
            actor=request.user, session=session, text=data["text"], expected_version=data["version"]
        ),
        on_conflict=lambda: _rebased(form, BriefingNote.objects.filter(session=session).first()),
    )
    if edit.done:
        messages.success(request, _("Your note is in the teachers' briefing."))
        return redirect("designs_teachers:briefing", pk=session.pk)
    return render(
        request,
        "designs/teachers/briefing_note_form.html",
        {
            "session": session,
            "group": session.cohort.group,
            "form": edit.form,
            "saved": BriefingNote.objects.filter(session=session).first()
            if edit.conflict
            else None,
        },
    )


def _version(obj: Any) -> int:
    return obj.version if obj is not None else 0


def _number(obj: Any) -> int:
    return obj.number if obj is not None else 0


def _rebased(form: Any, fresh: Any) -> tuple[Any, list[Any]]:
    """After someone saved meanwhile: the same input, based on what is saved now (shown beside
    the form)."""
    return rebase_on_conflict(form, versions={"version": fresh.version if fresh else 0}), []


@login_required
@submit_once
def note_back_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, access.Action.WRITE_NOTE_BACK)
    note = NoteBack.objects.filter(session=session, teacher=request.user).first()
    form = NoteBackForm(
        request.POST or None, instance=note, initial={"version": note.version if note else 0}
    )
    edit = submit_edit(
        form,
        lambda data: services.note_back_save(
            actor=request.user,
            session=session,
            what_happened=data["what_happened"],
            noticed=data["noticed"],
            tips=data["tips"],
            expected_version=data["version"],
        ),
        on_conflict=lambda: _rebased(
            form, NoteBack.objects.filter(session=session, teacher=request.user).first()
        ),
    )
    if edit.done:
        messages.success(
            request,
            _("Thank you. Your note back has reached the facilitator and the programme manager."),
        )
        return redirect(reverse("designs_teachers:briefing", args=[session.pk]) + "#notes-back")
    return render(
        request,
        "designs/teachers/note_back_form.html",
        {
            "session": session,
            "group": session.cohort.group,
            "form": edit.form,
            "problem": services.note_back_problem(session),
            "saved": NoteBack.objects.filter(session=session, teacher=request.user).first()
            if edit.conflict
            else None,
        },
    )


# --- Constellation and duo agreement -------------------------------------------------------


@login_required
def staff(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(request.user, access.StaffAction.VIEW_DUO, GROUPS, pk=pk)
    user = request.user
    found = selectors.staffing(group)
    confirm = None
    if found.current and access.can(user, access.StaffAction.KEEP_DUO, group):
        confirm = DuoConfirmForm(initial={"base_number": found.current.number})
    return render(
        request,
        "designs/teachers/staff.html",
        {
            "group": group,
            "programme": group.programme,
            "s": found,
            "may_set": access.can(user, access.StaffAction.SET_CONSTELLATION, group),
            "may_keep": access.can(user, access.StaffAction.KEEP_DUO, group),
            "confirm_form": confirm,
        },
    )


def _third_candidates(group: Group) -> Any:
    """The third at a distance: the programme's managers, or a colleague of the provider."""
    programme = group.programme
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role_assignments__programme=programme, role_assignments__group__isnull=True)
            | Q(organisation_id=programme.provider_id)
        )
        .distinct()
        .order_by("full_name")
    )


@login_required
@submit_once
def constellation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(request.user, access.StaffAction.SET_CONSTELLATION, GROUPS, pk=pk)
    current = Constellation.objects.filter(group=group).first()
    people = _third_candidates(group)
    form = ConstellationForm(
        request.POST or None,
        instance=current,
        people=people,
        initial={"version": current.version if current else 0},
    )
    edit = submit_edit(
        form,
        lambda data: services.constellation_set(
            actor=request.user,
            group=group,
            kind=data["kind"],
            third=data["third"],
            note=data["note"],
            expected_version=data["version"],
        ),
        on_conflict=lambda: (
            rebase_on_conflict(
                form,
                versions={
                    "version": getattr(
                        Constellation.objects.filter(group=group).first(), "version", 0
                    )
                },
                people=people,
            ),
            [],
        ),
    )
    if edit.done:
        messages.success(request, _("The staff constellation has been saved."))
        return redirect("designs_teachers:staff", pk=group.pk)
    return render(
        request,
        "designs/teachers/constellation_form.html",
        {"group": group, "programme": group.programme, "form": edit.form},
    )


@login_required
@submit_once
def duo_agreement_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(request.user, access.StaffAction.KEEP_DUO, GROUPS, pk=pk)
    current = selectors.current_duo_agreement(group)
    initial: dict[str, Any] = {"base_number": current.number if current else 0}
    if current:
        initial |= {name: getattr(current, name) for name in services.DUO_FIELDS}
    form = DuoAgreementForm(request.POST or None, initial=initial)
    edit = submit_edit(
        form,
        lambda data: services.duo_agreement_save(
            actor=request.user,
            group=group,
            base_number=data.pop("base_number"),
            change_note=data.pop("change_note"),
            revisit_on=data.pop("revisit_on"),
            **data,
        ),
        on_conflict=lambda: (
            rebase_on_conflict(
                form,
                versions={
                    "base_number": getattr(selectors.current_duo_agreement(group), "number", 0)
                },
            ),
            [],
        ),
    )
    if edit.done:
        messages.success(request, _("Your duo agreement has been saved as a new version."))
        return redirect("designs_teachers:staff", pk=group.pk)
    if edit.conflict:
        current = selectors.current_duo_agreement(group)
    return render(
        request,
        "designs/teachers/duo_agreement_form.html",
        {"group": group, "programme": group.programme, "form": edit.form, "current": current},
    )


@login_required
@require_POST
def duo_agreement_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(request.user, access.StaffAction.KEEP_DUO, GROUPS, pk=pk)
    form = DuoConfirmForm(request.POST)
    try:
        done = submit(
            form,
            lambda data: services.duo_agreement_confirm(
                actor=request.user,
                group=group,
                base_number=data["base_number"],
                revisit_on=data["revisit_on"],
            ),
        )
    except EditConflict:
        messages.error(
            request,
            _("Your colleague saved a new version meanwhile. Read it, then confirm that one."),
        )
        return redirect("designs_teachers:staff", pk=group.pk)
    if done:
        messages.success(request, _("Noted: your agreement still holds."))
    else:
        errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, errors or _("Choose the date you will look at this again."))
    return redirect("designs_teachers:staff", pk=group.pk)
