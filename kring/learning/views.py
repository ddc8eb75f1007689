"""Pages of a learning group's cycle. Each view resolves its objects through the permission
policy, validates a form, calls a service and renders or redirects."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kring import access
from kring.core.forms import (
    FormT,
    rebase_on_conflict,
    submit,
    submit_changes,
    submit_edit,
)
from kring.core.once import sent_to, submit_once
from kring.core.types import AuthedRequest
from kring.core.views import act
from kring.learning import selectors, services
from kring.learning.forms import (
    AgreementsForm,
    AttendanceForm,
    AttendanceShareForm,
    EvaluationForm,
    EvaluationPointForm,
    IntensityForm,
    IntentionForm,
    IntentionReportForm,
    InterventionForm,
    LearningPointForm,
    LearningQuestionForm,
    MeetingForm,
    MemberAddForm,
    NoteForm,
    RespondForm,
    SeriesForm,
    SizeOverrideForm,
    TemplateCopyForm,
    TemplateForm,
    TemplateMeetingFormSet,
    WishForm,
)
from kring.learning.models import (
    AbsenceNotice,
    AgreementVersion,
    Attendance,
    Cycle,
    Intention,
    LearningPoint,
    LearningQuestionVersion,
    Meeting,
    Membership,
    SeriesTemplate,
)
from kring.library.selectors import meeting_resources
from kring.programmes.models import Group
from kring.reflection.selectors import assignments_for_meeting

GROUPS = Group.objects.select_related("programme")
MEETINGS = Meeting.objects.select_related("group__programme", "room")

# Lazy: the message is translated per request, in the reader's language.
CONTENT_CONFLICT = gettext_lazy(
    "Someone else saved a new version while you were editing. Nothing has been overwritten: "
    "your text is still in the form, and the current version is shown above it. Save again to "
    "make yours the next version."
)


def _rebased(form: FormT, **versions: object) -> tuple[FormT, list[Any]]:
    """After someone else saved a new version meanwhile: the same input, based on that version
    (the page shows the current version itself)."""
    return rebase_on_conflict(form, versions=versions, message=CONTENT_CONFLICT), []


def _number(version: AgreementVersion | LearningQuestionVersion | None) -> int:
    return version.number if version else 0


def _render(
    request: AuthedRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render with what the learning group's sub-navigation needs to know."""
    group = context.get("group")
    if group is not None:
        context.setdefault(
            "nav_insider", access.can(request.user, access.CycleAction.VIEW_CONTENT, group)
        )
        context.setdefault(
            "nav_facilitates", access.can(request.user, access.CycleAction.FACILITATE, group)
        )
    return render(request, template, context, status=status)


def _group(request: AuthedRequest, pk: int, action: access.AnyAction = access.Action.VIEW) -> Group:
    return access.get_object(request.user, action, GROUPS, pk=pk)


def _cycle_context(request: AuthedRequest, group: Group, **extra: Any) -> dict[str, Any]:
    user = request.user
    members, assessment = selectors.group_composition(group)
    may_manage = access.can(user, access.Action.MANAGE_ROLES, group)
    own = next((m for m in members if m.person_id == user.pk), None)
    started = selectors.meetings_under_way_or_unrecorded(group)
    context = {
        "group": group,
        "programme": group.programme,
        "members": members if access.can(user, access.Action.VIEW_PEOPLE, group) else [],
        "assessment": assessment,
        "cycle": Cycle.objects.filter(group=group).first(),
        "may_manage": may_manage,
        "may_see_availability": access.can(user, access.AvailabilityAction.VIEW, group),
        "is_insider": access.can(user, access.CycleAction.VIEW_CONTENT, group),
        "facilitates": access.can(user, access.CycleAction.FACILITATE, group),
        "own_membership": own,
        "next_meeting": selectors.next_meeting(group),
        "started_meetings": started,
        "may_record_attendance": bool(started)
        and access.can(user, access.Action.RECORD_ATTENDANCE, started[0]),
        "own_outlook": selectors.attendance_outlooks(group, people=[user.pk]).get(user.pk)
        if own is not None and own.is_active
        else None,
        "agreements": selectors.current_agreements(group)
        if access.can(user, access.CycleAction.VIEW_CONTENT, group)
        else None,
        "learning_question": selectors.current_learning_question(group)
        if access.can(user, access.CycleAction.VIEW_CONTENT, group)
        else None,
        "member_form": MemberAddForm() if may_manage else None,
        "size_form": SizeOverrideForm()
        if access.can(user, access.CycleAction.FACILITATE, group)
        else None,
        "first_meeting_held": services.first_meeting_held(group),
    }
    context.update(extra)
    return context


@login_required
def cycle(request: AuthedRequest, pk: int) -> HttpResponse:
    """The learning group's home: who takes part, how alike they are, what comes next."""
    group = _group(request, pk)
    return _render(request, "learning/cycle.html", _cycle_context(request, group))


@login_required
@require_POST
@submit_once
def member_add(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, access.Action.MANAGE_ROLES)
    form = MemberAddForm(request.POST)
    done = submit(
        form,
        lambda data: services.member_add(
            actor=request.user,
            group=group,
            person=data["email"],
            task=data["task"],
            work_context=data["work_context"],
            layer=data["layer"],
            manager=data["manager_email"],
            late_join_reason=data["late_join_reason"],
        ),
    )
    if done:
        messages.success(
            request,
            _("%(name)s has been invited and takes part once they confirm.")
            % {"name": done.value.person.full_name},
        )
        return redirect("learning:cycle", pk=group.pk)
    return _render(
        request, "learning/cycle.html", _cycle_context(request, group, member_form=form), status=400
    )


@login_required
@require_POST
def size_override(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, access.CycleAction.FACILITATE)
    form = SizeOverrideForm(request.POST)
    if form.is_valid():
        services.size_override_set(
            actor=request.user, group=group, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The reason has been recorded."))
        return redirect("learning:cycle", pk=group.pk)
    return _render(
        request, "learning/cycle.html", _cycle_context(request, group, size_form=form), status=400
    )


@login_required
@require_POST
def member_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    membership = access.get_object(
        request.user,
        access.Action.REMOVE,
        Membership.objects.select_related("group__programme", "person"),
        pk=pk,
    )
    services.member_remove(actor=request.user, membership=membership)
    messages.success(
        request, _("%(name)s is no longer in the group.") % {"name": membership.person.full_name}
    )
    return redirect("learning:cycle", pk=membership.group_id)


@login_required
def membership_respond(request: AuthedRequest, pk: int) -> HttpResponse:
    """The invited colleague reads what a learning group is and asks, and says yes or no."""
    membership = access.get_object(
        request.user,
        access.Action.VIEW,
        Membership.objects.select_related("group__programme", "invited_by", "person"),
        pk=pk,
    )
    if membership.person_id != request.user.pk:
        return redirect("learning:cycle", pk=membership.group_id)
    form = RespondForm(request.POST or None, ask_work=membership.needs_work_details)
    if membership.status == Membership.Status.INVITED and submit(
        form,
        lambda data: services.membership_respond(
            person=request.user,
            membership=membership,
            accept=data["answer"] == "yes",
            details=data,
        ),
    ):
        if form.cleaned_data["answer"] == "yes":
            messages.success(request, _("Welcome to the group. You take part from now on."))
            return redirect("learning:cycle", pk=membership.group_id)
        messages.info(request, _("You have declined. Thank you for letting us know."))
        return redirect("site:dashboard")
    return _render(request, "learning/respond.html", {"membership": membership, "form": form})


@login_required
@require_POST
def intensity_wish(request: AuthedRequest, pk: int) -> HttpResponse:
    membership = access.get_object(
        request.user,
        access.Action.WISH_INTENSITY,
        Membership.objects.select_related("group"),
        pk=pk,
    )
    form = WishForm(request.POST)
    if form.is_valid():
        services.intensity_wish_set(
            person=request.user, membership=membership, wish=form.cleaned_data["wish"]
        )
        messages.success(request, _("Your wish has been saved; your facilitator sees it."))
    return redirect("learning:cycle", pk=membership.group_id)


# --- Meetings ----------------------------------------------------------------------------------


@login_required
@submit_once
def meetings(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    may_plan = access.can(request.user, access.CycleAction.PLAN_MEETINGS, group)
    templates = SeriesTemplate.objects.none()
    if may_plan:
        templates = SeriesTemplate.objects.filter(organisation=group.programme.provider)
    form = SeriesForm(request.POST or None, templates=templates) if may_plan else None
    if request.method == "POST":
        access.require(request.user, access.CycleAction.PLAN_MEETINGS, group)
        assert form is not None
        if submit(
            form, lambda data: services.series_create(actor=request.user, group=group, **data)
        ):
            messages.success(request, _("The meeting series has been planned."))
            return redirect("learning:meetings", pk=group.pk)
    return _render(
        request,
        "learning/meetings.html",
        {
            "group": group,
            "programme": group.programme,
            "meetings": selectors.meetings(group),
            "series_form": form,
            "may_plan": may_plan,
            "may_plan_with_availability": access.can(
                request.user, access.PlanningAction.PLAN, group
            ),
        },
    )


def _meeting_context(request: AuthedRequest, meeting: Meeting, **extra: Any) -> dict[str, Any]:
    user = request.user
    group = meeting.group
    insider = access.can(user, access.Action.VIEW_CONTENT, meeting)
    previous = selectors.previous_meeting(meeting)
    members = [m for m in selectors.memberships(group) if m.status == Membership.Status.ACTIVE]
    context: dict[str, Any] = {
        "meeting": meeting,
        "group": group,
        "programme": group.programme,
        "insider": insider,
        "may_change": access.can(user, access.Action.CHANGE, meeting),
        "may_record_attendance": access.can(user, access.Action.RECORD_ATTENDANCE, meeting),
        "is_member": access.is_active_member(user, group),
        "warnings": services.meeting_warnings(meeting),
        "previous": previous,
        "meeting_assignments": assignments_for_meeting(meeting, user),
        "resources": meeting_resources(meeting),
        "may_manage_resources": access.can(user, access.Action.CHANGE, meeting),
    }
    if context["may_record_attendance"]:
        recorded = selectors.attendance_by_person(meeting)
        context["attendance"] = {
            "problem": services.attendance_problem(meeting),
            "recorded": sum(1 for m in members if m.person_id in recorded),
            "members": len(members),
        }
    if insider:
        context.update(
            **_points_context(meeting),
            intentions=selectors.intentions_made_at(meeting),
            earlier_intentions=selectors.intentions_made_at(previous) if previous else [],
            intention_form=IntentionForm(),
            report_form=IntentionReportForm(),
        )
    context.update(extra)
    return context


@login_required
def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = access.get_object(request.user, access.Action.VIEW, MEETINGS, pk=pk)
    return _render(request, "learning/meeting.html", _meeting_context(request, meeting))


@login_required
def meeting_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = access.get_object(request.user, access.Action.CHANGE, MEETINGS, pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    edit = submit_changes(
        form, partial(services.meeting_update, actor=request.user, meeting=meeting)
    )
    if edit.done:
        messages.success(request, _("The meeting has been saved."))
        for warning in edit.done.value:
            messages.warning(request, warning)
        return redirect("learning:meeting", pk=meeting.pk)
    return _render(
        request,
        "learning/meeting_form.html",
        {
            "form": edit.form,
            "meeting": meeting,
            "group": meeting.group,
            "saved_meanwhile": edit.saved_meanwhile,
        },
    )


def _attendance_context(
    request: AuthedRequest, meeting: Meeting, form: AttendanceForm | None = None
) -> dict[str, Any]:
    members = [
        m for m in selectors.memberships(meeting.group) if m.status == Membership.Status.ACTIVE
    ]
    current = selectors.attendance_by_person(meeting)
    problem = services.attendance_problem(meeting)
    fill = request.GET.get("fill") == Attendance.Status.PRESENT
    if form is None and problem is None:
        form = AttendanceForm(
            members=members, current=current, fill=Attendance.Status.PRESENT if fill else ""
        )
    return {
        "meeting": meeting,
        "group": meeting.group,
        "programme": meeting.group.programme,
        "problem": problem,
        "form": form,
        "filled": fill and form is not None and form.is_bound is False,
        "open_count": sum(1 for m in members if m.person_id not in current),
        "members": members,
    }


@login_required
def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    """Who was there, once the meeting has started. Everyone starts as "not recorded yet";
    "all present" only fills in the choices, the facilitator still saves them."""
    meeting = access.get_object(request.user, access.Action.RECORD_ATTENDANCE, MEETINGS, pk=pk)
    if request.method != "POST":
        return _render(request, "learning/attendance.html", _attendance_context(request, meeting))
    members = [
        m for m in selectors.memberships(meeting.group) if m.status == Membership.Status.ACTIVE
    ]
    form = AttendanceForm(
        request.POST, members=members, current=selectors.attendance_by_person(meeting)
    )
    done = submit(
        form,
        lambda _data: services.attendance_record(
            actor=request.user, meeting=meeting, statuses=form.statuses()
        ),
    )
    if done:
        result = done.value
        if result.held:
            messages.success(
                request, _("Attendance has been registered. The meeting counts as held.")
            )
        else:
            messages.success(
                request,
                _("Attendance has been saved. Still to record: %(names)s.")
                % {"names": ", ".join(result.still_open)},
            )
        for notice in result.notices:
            messages.warning(request, notice_message(notice))
        return redirect("learning:attendance", pk=meeting.pk)
    return _render(
        request, "learning/attendance.html", _attendance_context(request, meeting, form), status=400
    )


def notice_message(notice: AbsenceNotice) -> str:
    name = notice.membership.person.full_name
    if notice.kind == AbsenceNotice.Kind.OUT_OF_REACH:
        return _(
            "%(name)s can no longer attend the share of meetings the group agreed. Talk with "
            "them about what would help; Kring has let them know too."
        ) % {"name": name}
    return _("%(name)s missed two of the last three meetings.") % {"name": name}


def _points_context(
    meeting: Meeting, point_form: LearningPointForm | None = None
) -> dict[str, Any]:
    """What the learning-points panel shows: the meeting's points and the form to add one."""
    return {
        "meeting": meeting,
        "points": selectors.points(meeting),
        "point_form": point_form or LearningPointForm(),
    }


def _points_response(
    request: AuthedRequest, meeting: Meeting, point_form: LearningPointForm | None = None
) -> HttpResponse:
    """The points panel after a change: only the panel for htmx, which needs none of the rest
    of the meeting page; the whole page otherwise."""
    points = _points_context(meeting, point_form)
    if request.htmx:
        return render(request, "learning/meeting.html#points", points)
    context = _meeting_context(request, meeting, point_form=points["point_form"])
    return _render(request, "learning/meeting.html", context)


@login_required
@require_POST
@submit_once
def point_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = access.get_object(request.user, access.Action.RECORD_POINTS, MEETINGS, pk=pk)
    form = LearningPointForm(request.POST)
    if submit(
        form,
        lambda data: services.learning_point_add(
            actor=request.user,
            meeting=meeting,
            text=data["text"],
            loop=data["loop"],
            level=data["level"],
        ),
    ):
        if not request.htmx:
            return redirect(f"{meeting.get_absolute_url()}#points")
        sent_to(request, f"{meeting.get_absolute_url()}#points")
        form = LearningPointForm()
    return _points_response(request, meeting, point_form=form)


@login_required
def point_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    point = access.get_object(
        request.user,
        access.Action.CHANGE,
        LearningPoint.objects.select_related("meeting__group"),
        pk=pk,
    )
    meeting = point.meeting
    initial = {
        "text": point.text,
        "loop": point.loop,
        "level": point.level,
        "version": point.version,
    }
    form = LearningPointForm(request.POST or None, initial=initial)
    edit = submit_edit(
        form,
        lambda data: services.learning_point_update(
            actor=request.user,
            point=point,
            expected_version=data["version"] or 0,
            text=data["text"],
            loop=data["loop"],
            level=data["level"],
        ),
        on_conflict=lambda: _rebased(form, version=LearningPoint.objects.get(pk=point.pk).version),
    )
    if edit.done:
        return _points_response(request, meeting)
    if edit.conflict:
        current = LearningPoint.objects.get(pk=point.pk)
        return _render(
            request,
            _point_template(request),
            {"form": edit.form, "point": point, "current": current},
            status=409,
        )
    return _render(request, _point_template(request), {"form": form, "point": point})


def _point_template(request: AuthedRequest) -> str:
    return "learning/_point_form.html" if request.htmx else "learning/point_form.html"


@login_required
@require_POST
def point_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    point = access.get_object(
        request.user,
        access.Action.DELETE,
        LearningPoint.objects.select_related("meeting__group"),
        pk=pk,
    )
    meeting = point.meeting
    services.learning_point_delete(actor=request.user, point=point)
    return _points_response(request, meeting)


@login_required
@require_POST
@submit_once
def intention_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = access.get_object(request.user, access.Action.COMMIT, MEETINGS, pk=pk)
    form = IntentionForm(request.POST)
    if submit(
        form,
        lambda data: services.intention_add(
            person=request.user, meeting=meeting, text=data["text"]
        ),
    ):
        messages.success(request, _("Your intention has been recorded."))
        return redirect(f"{meeting.get_absolute_url()}#commitments")
    return _render(
        request,
        "learning/meeting.html",
        _meeting_context(request, meeting, intention_form=form),
        status=400,
    )


@login_required
@require_POST
def intention_report(request: AuthedRequest, pk: int) -> HttpResponse:
    intention = access.get_object(
        request.user,
        access.Action.REPORT,
        Intention.objects.select_related("meeting__group"),
        pk=pk,
    )
    form = IntentionReportForm(request.POST)
    if form.is_valid():
        services.intention_report(person=request.user, intention=intention, **form.cleaned_data)
        messages.success(request, _("Thank you for telling what happened."))
    else:
        messages.error(request, _("Choose how it went."))
    following = (
        Meeting.objects.filter(
            group_id=intention.meeting.group_id, number__gt=intention.meeting.number
        )
        .order_by("number")
        .first()
    )
    target = following or intention.meeting
    return redirect(f"{target.get_absolute_url()}#follow-up")


# --- Agreements and learning question -----------------------------------------------------------


@login_required
def agreements(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, access.CycleAction.VIEW_CONTENT)
    current = selectors.current_agreements(group)
    members = [m for m in selectors.memberships(group) if m.status == Membership.Status.ACTIVE]
    acknowledged = {a.person_id for a in current.acknowledgements.all()} if current else set()
    return _render(
        request,
        "learning/agreements.html",
        {
            "group": group,
            "programme": group.programme,
            "current": current,
            "history": selectors.agreements_history(group),
            "members": members,
            "acknowledged": acknowledged,
            "is_member": access.is_active_member(request.user, group),
        },
    )


@login_required
@submit_once
def agreements_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, access.CycleAction.CHANGE_CONTRACT)
    current = selectors.current_agreements(group)
    initial: dict[str, Any] = {"base_number": current.number if current else 0}
    if current:
        initial |= {name: getattr(current, name) for name in services.AGREEMENT_FIELDS}
    form = AgreementsForm(request.POST or None, initial=initial)
    edit = submit_edit(
        form,
        lambda data: services.agreements_save(
            actor=request.user,
            group=group,
            base_number=data.pop("base_number"),
            change_note=data.pop("change_note"),
            **data,
        ),
        on_conflict=lambda: _rebased(
            form, base_number=_number(selectors.current_agreements(group))
        ),
    )
    if edit.done:
        messages.success(
            request, _("The agreements have been saved. Members are asked to acknowledge them.")
        )
        return redirect("learning:agreements", pk=group.pk)
    if edit.conflict:
        current = selectors.current_agreements(group)
    return _render(
        request,
        "learning/agreements_form.html",
        {"group": group, "programme": group.programme, "form": edit.form, "current": current},
    )


@login_required
@require_POST
def agreements_acknowledge(request: AuthedRequest, pk: int) -> HttpResponse:
    version = access.get_object(
        request.user,
        access.Action.VIEW,
        AgreementVersion.objects.select_related("group__programme"),
        pk=pk,
    )
    act(
        request,
        lambda: services.agreements_acknowledge(person=request.user, version=version),
        success=_("You have acknowledged the agreements."),
    )
    return redirect("learning:agreements", pk=version.group_id)


@login_required
def learning_question(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, access.CycleAction.VIEW_CONTENT)
    return _render(
        request,
        "learning/learning_question.html",
        {
            "group": group,
            "programme": group.programme,
            "current": selectors.current_learning_question(group),
            "history": selectors.learning_question_history(group),
        },
    )


@login_required
@submit_once
def learning_question_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, access.CycleAction.CHANGE_ISSUE)
    current = selectors.current_learning_question(group)
    initial: dict[str, Any] = {"base_number": current.number if current else 0}
    if current:
        initial |= {
            "shared_issue": current.shared_issue,
            "learning_question": current.learning_question,
            "aspects": current.aspects,
        }
    form = LearningQuestionForm(request.POST or None, initial=initial)
    edit = submit_edit(
        form,
        lambda data: services.learning_question_save(actor=request.user, group=group, **data),
        on_conflict=lambda: _rebased(
            form, base_number=_number(selectors.current_learning_question(group))
        ),
    )
    if edit.done:
        messages.success(request, _("The learning question has been saved."))
        return redirect("learning:learning_question", pk=group.pk)
    if edit.conflict:
        current = selectors.current_learning_question(group)
    return _render(
        request,
        "learning/learning_question_form.html",
        {"group": group, "programme": group.programme, "form": edit.form, "current": current},
    )


# --- Facilitation --------------------------------------------------------------------------------


def _facilitation_context(request: AuthedRequest, group: Group, **extra: Any) -> dict[str, Any]:
    cycle_settings = services.cycle_for(group)
    members = selectors.memberships(group)
    rows, total = selectors.follow_through(group)
    held, grid = selectors.attendance_overview(group, share=cycle_settings.attendance_share)
    context = {
        "group": group,
        "programme": group.programme,
        "cycle": cycle_settings,
        "wishes": [m for m in members if m.status == Membership.Status.ACTIVE],
        "intensity_form": IntensityForm(
            initial={"intensity": cycle_settings.facilitation_intensity}
        ),
        "notes": selectors.my_notes(group, request.user),
        "note_form": NoteForm(),
        "interventions": selectors.interventions(group),
        "intervention_form": InterventionForm(meetings=group.meetings.order_by("number")),
        "follow_through": rows,
        "follow_through_total": total,
        "held": held,
        "attendance_grid": grid,
        "share_form": AttendanceShareForm(initial={"share": cycle_settings.attendance_share}),
        "notices": selectors.open_absence_notices(group),
    }
    context.update(extra)
    return context


@login_required
def facilitation(request: AuthedRequest, pk: int) -> HttpResponse:
    """The facilitator's own page: intensity, private notes, interventions, follow-through."""
    group = _group(request, pk, access.CycleAction.FACILITATE)
    return _render(request, "learning/facilitation.html", _facilitation_context(request, group))


@login_required
@require_POST
def intensity(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, access.CycleAction.FACILITATE)
    form = IntensityForm(request.POST)
    if form.is_valid():
        services.intensity_set(
            actor=request.user, group=group, intensity=form.cleaned_data["intensity"]
        )
        messages.success(request, _("The facilitation intensity has been saved."))
        return redirect("learning:facilitation", pk=group.pk)
    return _render(
        request,
        "learning/facilitation.html",
        _facilitation_context(request, group, intensity_form=form),
        status=400,
    )


@login_required
@require_POST
def attendance_share(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, access.CycleAction.FACILITATE)
    form = AttendanceShareForm(request.POST)
    if submit(
        form,
        lambda data: services.attendance_share_set(
            actor=request.user, group=group, share=data["share"]
        ),
    ):
        messages.success(request, _("The agreed attendance has been saved."))
        return redirect(f"{reverse('learning:facilitation', args=[group.pk])}#attendance")
    return _render(
        request,
        "learning/facilitation.html",
        _facilitation_context(request, group, share_form=form),
        status=400,
    )


@login_required
@require_POST
@submit_once
def note_add(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, access.CycleAction.FACILITATE)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.facilitator_note_add(
            author=request.user, group=group, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Your private note has been saved."))
        return redirect(f"{reverse('learning:facilitation', args=[group.pk])}#notes")
    return _render(
        request,
        "learning/facilitation.html",
        _facilitation_context(request, group, note_form=form),
        status=400,
    )


@login_required
@require_POST
@submit_once
def intervention_add(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, access.CycleAction.FACILITATE)
    form = InterventionForm(request.POST, meetings=group.meetings.all())
    if submit(
        form, lambda data: services.intervention_add(author=request.user, group=group, **data)
    ):
        messages.success(request, _("The intervention has been logged."))
        return redirect(f"{reverse('learning:facilitation', args=[group.pk])}#interventions")
    return _render(
        request,
        "learning/facilitation.html",
        _facilitation_context(request, group, intervention_form=form),
        status=400,
    )


@login_required
@require_POST
def notice_resolve(request: AuthedRequest, pk: int) -> HttpResponse:
    notice = access.get_object(
        request.user,
        access.Action.RESOLVE,
        AbsenceNotice.objects.select_related("membership__group__programme"),
        pk=pk,
    )
    services.absence_notice_resolve(actor=request.user, notice=notice)
    return redirect("learning:facilitation", pk=notice.membership.group_id)


# --- Evaluation and harvest ----------------------------------------------------------------------


def _evaluation_context(request: AuthedRequest, group: Group, **extra: Any) -> dict[str, Any]:
    may_answer = access.can(request.user, access.CycleAction.EVALUATE, group)
    existing = group.evaluations.filter(person=request.user).first() if may_answer else None
    initial = {}
    if existing:
        initial = {
            f"{name}_{part}": getattr(existing, f"{name}_{part}")
            for name in services.EVALUATION_QUESTIONS
            for part in ("score", "text")
        }
    insider = access.can(request.user, access.CycleAction.VIEW_CONTENT, group)
    context = {
        "group": group,
        "programme": group.programme,
        "form": EvaluationForm(initial=initial) if may_answer else None,
        "existing": existing,
        "summary": selectors.evaluation_summary(group),
        "minimum": selectors.MIN_EVALUATIONS_SHOWN,
        "points": selectors.evaluation_points(group) if insider else [],
        "point_form": EvaluationPointForm() if insider else None,
        "last_meeting": group.meetings.order_by("-number").first(),
        "is_insider": insider,
    }
    context.update(extra)
    return context


@login_required
def evaluation(request: AuthedRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, access.CycleAction.VIEW_EVALUATION)
    context = _evaluation_context(request, group)
    if request.method == "POST":
        access.require(request.user, access.CycleAction.EVALUATE, group)
        form = EvaluationForm(request.POST, initial=context["form"].initial)
        if form.is_valid():
            services.evaluation_submit(person=request.user, group=group, answers=form.cleaned_data)
            messages.success(request, _("Thank you. Your evaluation has been saved."))
            return redirect("learning:evaluation", pk=group.pk)
        context["form"] = form
    return _render(request, "learning/evaluation.html", context)


@login_required
@require_POST
@submit_once
def evaluation_point_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """A point from the evaluation conversation, recorded with the group's last meeting. The
    facilitator stays on the evaluation page."""
    group = _group(request, pk, access.CycleAction.VIEW_CONTENT)
    last = group.meetings.order_by("-number").first()
    if last is None:
        raise Http404
    meeting = access.get_object(request.user, access.Action.RECORD_POINTS, MEETINGS, pk=last.pk)
    form = EvaluationPointForm(request.POST)
    if submit(
        form,
        lambda data: services.learning_point_add(
            actor=request.user,
            meeting=meeting,
            text=data["text"],
            kind=LearningPoint.Kind.EVALUATION,
        ),
    ):
        return redirect(f"{reverse('learning:evaluation', args=[group.pk])}#conversation")
    return _render(
        request,
        "learning/evaluation.html",
        _evaluation_context(request, group, point_form=form),
        status=400,
    )


@login_required
def harvest(request: AuthedRequest, pk: int) -> HttpResponse:
    """The group's harvest: learning question, points per meeting, intentions and their
    follow-through, and the evaluation. Prints well."""
    group = _group(request, pk, access.CycleAction.VIEW_CONTENT)
    return _render(
        request,
        "learning/harvest.html",
        {"group": group, "programme": group.programme, **selectors.harvest(group)},
    )


# --- Series templates ---


@login_required
def templates(request: AuthedRequest) -> HttpResponse:
    """The meeting-series templates of the person's own organisation."""
    access.require(request.user, access.Action.LIST, SeriesTemplate)
    organisation = request.user.organisation
    if organisation is None:
        raise Http404
    return render(
        request,
        "learning/templates.html",
        {
            "organisation": organisation,
            "templates": SeriesTemplate.objects.filter(organisation=organisation).annotate(
                meeting_count=Count("meetings")
            ),
            "copy_form": TemplateCopyForm(),
        },
    )


@login_required
def template_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    template = access.get_object(
        request.user,
        access.Action.CHANGE,
        SeriesTemplate.objects.select_related("organisation"),
        pk=pk,
    )
    initial_meetings = [
        {"title": m.title, "purpose": m.purpose, "agenda": m.agenda}
        for m in template.meetings.order_by("number")
    ]
    form = TemplateForm(request.POST or None, instance=template)
    formset = TemplateMeetingFormSet(
        request.POST or None, initial=initial_meetings, prefix="meetings"
    )
    conflict = False
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        edit = submit_edit(
            form,
            lambda data: services.template_save(
                actor=request.user,
                template=template,
                expected_version=data.pop("version"),
                meetings=[f.cleaned_data for f in formset.forms if f.cleaned_data],
                **data,
            ),
            on_conflict=lambda: _template_rebased(form, template),
        )
        if edit.done:
            messages.success(request, _("The template has been saved."))
            return redirect("learning:templates")
        form, conflict = edit.form, edit.conflict
    return render(
        request,
        "learning/template_form.html",
        {
            "template": template,
            "form": form,
            "formset": formset,
            "conflict": conflict,
            "current_meetings": template.meetings.order_by("number") if conflict else [],
        },
    )


def _template_rebased(
    form: TemplateForm, template: SeriesTemplate
) -> tuple[TemplateForm, list[Any]]:
    fresh = SeriesTemplate.objects.get(pk=template.pk)
    rebased = rebase_on_conflict(
        form, versions={"version": fresh.version}, message=CONTENT_CONFLICT, instance=fresh
    )
    return rebased, []


@login_required
@require_POST
@submit_once
def template_copy(request: AuthedRequest, pk: int) -> HttpResponse:
    template = access.get_object(
        request.user, access.Action.CHANGE, SeriesTemplate.objects.all(), pk=pk
    )
    form = TemplateCopyForm(request.POST)
    if form.is_valid():
        try:
            copy = services.template_copy(
                actor=request.user, template=template, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The copy has been made. Adapt it to your organisation."))
            return redirect("learning:template_edit", pk=copy.pk)
    else:
        messages.error(request, _("Give the new template a name."))
    return redirect("learning:templates")
