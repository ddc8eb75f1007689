"""Pages for sessions: a programme's cohorts and sessions, planning a cohort's sessions from an
edition's design (with a preview), a session and its runbook, changing a session, keeping a
component's runbook, live mode with guided rounds, deviations and the programme manager's page
of deviations. Each view resolves its objects through the permission policy."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kring import access
from kring.core.forms import apply_validation_error, submit, submit_changes
from kring.core.once import sent_to, submit_once
from kring.core.types import AuthedRequest
from kring.core.views import act
from kring.designs import selectors_sessions as selectors
from kring.designs import services_sessions as services
from kring.designs.forms_sessions import (
    ActivityForm,
    DeviationForm,
    ObserveForm,
    PlanSessionsForm,
    PointForm,
    SessionForm,
    StaffForm,
    observation_text,
)
from kring.designs.methods import SCRIPTS, Script, script_for
from kring.designs.models import (
    Cohort,
    Component,
    Deviation,
    Edition,
    RunbookActivity,
    Session,
    SessionStaff,
)
from kring.learning.models import Meeting
from kring.library.models import LibraryItem
from kring.programmes.models import Programme

EDITIONS = Edition.objects.select_related("programme")
COHORTS = Cohort.objects.select_related("group__programme", "edition__programme")
COMPONENTS = Component.objects.select_related("line__edition__programme")
ACTIVITIES = RunbookActivity.objects.select_related("component__line__edition__programme", "method")
DEVIATIONS = Deviation.objects.select_related(
    "session__cohort__group__programme", "session__cohort__edition__programme", "session__component"
)


@login_required
def programme_sessions(request: AuthedRequest, pk: int) -> HttpResponse:
    """A programme's editions with their cohorts: where planning sessions starts."""
    programme = access.get_object(request.user, access.Action.VIEW, Programme.objects.all(), pk=pk)
    user = request.user
    if not (
        access.can(user, access.DesignAction.VIEW, programme)
        or access.can(user, access.DesignAction.PLAN_SESSIONS, programme)
    ):
        raise access.refusal(user, access.DesignAction.VIEW, programme)
    editions = [
        {
            "edition": edition,
            "cohorts": list(selectors.cohorts_of(edition)),
            "components": selectors.design_components(edition),
        }
        for edition in programme.editions.order_by("-number")
    ]
    return render(
        request,
        "designs/sessions/programme.html",
        {
            "programme": programme,
            "editions": editions,
            "may_plan": access.can(user, access.DesignAction.PLAN_SESSIONS, programme),
            "may_change": access.can(user, access.DesignAction.CHANGE, programme),
        },
    )


@login_required
def plan_sessions(request: AuthedRequest, pk: int) -> HttpResponse:
    """Plan a cohort's sessions from the edition's design: first a preview, then create."""
    edition = access.get_object(request.user, access.Action.VIEW, EDITIONS, pk=pk)
    access.require(request.user, access.DesignAction.PLAN_SESSIONS, edition)
    initial: dict[str, Any] = {}
    if cohort_pk := request.GET.get("cohort", ""):
        cohort = edition.cohorts.filter(pk=int(cohort_pk) if cohort_pk.isdigit() else 0).first()
        if cohort is not None:
            initial = {"cohort": cohort, "starts_on": cohort.starts_on}
    form = PlanSessionsForm(request.POST or None, edition=edition, initial=initial)
    plan = None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("step") == "create":

            def create(data: dict[str, Any]) -> tuple[Cohort, list[Session]]:
                return services.sessions_instantiate(actor=request.user, edition=edition, **data)

            if done := submit(form, create):
                cohort, created = done.value
                messages.success(
                    request,
                    ngettext(
                        "%(count)s session has been planned for %(cohort)s.",
                        "%(count)s sessions have been planned for %(cohort)s.",
                        len(created),
                    )
                    % {"count": len(created), "cohort": cohort},
                )
                return redirect("designs_sessions:cohort", pk=cohort.pk)
            status = 400
        else:
            plan = selectors.session_plan(
                edition=edition,
                starts_on=data["starts_on"],
                cohort=data.get("cohort"),
                default_start=data["default_start"],
            )
    elif form.errors:
        status = 400
    return render(
        request,
        "designs/sessions/plan.html",
        {"edition": edition, "programme": edition.programme, "form": form, "plan": plan},
        status=status,
    )


@login_required
def cohort_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = access.get_object(request.user, access.Action.VIEW, COHORTS, pk=pk)
    sessions = selectors.cohort_sessions(cohort)
    may_plan = access.can(request.user, access.Action.CHANGE, cohort)
    return render(
        request,
        "designs/sessions/cohort.html",
        {
            "cohort": cohort,
            "programme": cohort.group.programme,
            "sessions": sessions,
            "warnings": selectors.cohort_warnings(cohort, sessions) if may_plan else [],
            "may_plan": may_plan,
        },
    )


def _session(request: AuthedRequest, pk: int, action: Any = access.Action.VIEW) -> Session:
    return access.get_object(request.user, action, selectors.SESSIONS, pk=pk)


def _runbook_rows(session: Session) -> list[dict[str, Any]]:
    if session.component is None:
        return []
    day = timezone.localtime(session.starts_at).date()
    return [
        {
            "activity": activity,
            "ends": selectors.activity_ends(activity, day),
            "script": script_for(activity.method),
        }
        for activity in selectors.runbook(session.component)
    ]


@login_required
def session_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    user = request.user
    runs = access.can(user, access.Action.RUN, session)
    sees_design = session.component is not None and access.can(
        user, access.Action.VIEW, session.component
    )
    return render(
        request,
        "designs/sessions/session.html",
        {
            "session": session,
            "cohort": session.cohort,
            "programme": session.cohort.group.programme,
            "staff": session.staff.select_related("person"),
            "runbook": _runbook_rows(session) if runs or sees_design else None,
            "runs": runs,
            "may_brief": access.can(user, access.Action.VIEW_BRIEFING, session),
            "may_note_back": access.can(user, access.Action.WRITE_NOTE_BACK, session),
            "may_change": access.can(user, access.Action.CHANGE, session),
            "may_edit_runbook": session.component is not None
            and access.can(user, access.Action.CHANGE, session.component),
            "deviations": [
                d
                for d in selectors.session_deviations(session)
                if access.can(user, access.Action.VIEW, d)
            ],
            "points": session.points.select_related("author") if runs else [],
        },
    )


@login_required
def session_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, access.Action.CHANGE)
    edit = submit_changes(
        SessionForm(request.POST or None, instance=session),
        lambda **data: services.session_update(actor=request.user, session=session, **data),
    )
    if edit.done:
        messages.success(request, _("The session has been saved."))
        # Rules of thumb warn, never block: say so at once when this change breaks one.
        sessions = selectors.cohort_sessions(session.cohort)
        for warning in selectors.cohort_warnings(session.cohort, sessions):
            if session.title in (warning.title, warning.other):
                text = render_to_string("designs/sessions/_warning.html", {"warning": warning})
                messages.warning(request, text.strip())
        return redirect("designs_sessions:session", pk=session.pk)
    return _edit_page(request, session, edit.form, StaffForm(session=session), edit.saved_meanwhile)


def _edit_page(
    request: AuthedRequest,
    session: Session,
    form: SessionForm,
    staff_form: StaffForm,
    saved_meanwhile: list[Any] | None = None,
) -> HttpResponse:
    return render(
        request,
        "designs/sessions/session_edit.html",
        {
            "session": session,
            "cohort": session.cohort,
            "form": form,
            "staff_form": staff_form,
            "staff": session.staff.select_related("person"),
            "saved_meanwhile": saved_meanwhile or [],
        },
        status=400 if form.errors or staff_form.errors else 200,
    )


@login_required
@require_POST
def staff_add(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, access.Action.CHANGE)
    staff_form = StaffForm(request.POST, session=session)
    if done := submit(
        staff_form,
        lambda data: services.session_staff_add(actor=request.user, session=session, **data),
    ):
        messages.success(
            request, _("%(name)s is on the session's staff.") % {"name": done.value.person}
        )
        return redirect("designs_sessions:session_edit", pk=session.pk)
    return _edit_page(request, session, SessionForm(instance=session), staff_form)


@login_required
@require_POST
def staff_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    staff = access.get_object(
        request.user, access.Action.CHANGE, SessionStaff.objects.select_related("session"), pk=pk
    )
    session_pk = staff.session_id
    act(
        request,
        lambda: services.session_staff_remove(actor=request.user, staff=staff),
        success=_("%(name)s is no longer on the session's staff.") % {"name": staff.person},
    )
    return redirect("designs_sessions:session_edit", pk=session_pk)


# --- Runbook -----------------------------------------------------------------------------------


@login_required
@submit_once
def runbook(request: AuthedRequest, pk: int) -> HttpResponse:
    """A component's runbook, shared by every cohort of the design; its programme manager adds
    activities here."""
    component = access.get_object(request.user, access.Action.VIEW, COMPONENTS, pk=pk)
    may_change = access.can(request.user, access.Action.CHANGE, component)
    form = ActivityForm(request.POST or None, instance=RunbookActivity(component=component))
    if request.method == "POST":
        access.require(request.user, access.Action.CHANGE, component)

        def create(data: dict[str, Any]) -> RunbookActivity:
            data.pop("version", None)
            return services.activity_create(actor=request.user, component=component, **data)

        if submit(form, create):
            messages.success(request, _("The activity has been added to the runbook."))
            return redirect("designs_sessions:runbook", pk=component.pk)
    day = timezone.localdate()
    return render(
        request,
        "designs/sessions/runbook.html",
        {
            "component": component,
            "edition": component.line.edition,
            "programme": component.line.edition.programme,
            "activities": [
                {
                    "activity": a,
                    "ends": selectors.activity_ends(a, day),
                    "script": script_for(a.method),
                }
                for a in selectors.runbook(component)
            ],
            "form": form if may_change else None,
            "may_change": may_change,
        },
        status=400 if form.errors else 200,
    )


@login_required
def activity_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = access.get_object(request.user, access.Action.CHANGE, ACTIVITIES, pk=pk)
    edit = submit_changes(
        ActivityForm(request.POST or None, instance=activity),
        lambda **data: services.activity_update(actor=request.user, activity=activity, **data),
    )
    if edit.done:
        messages.success(request, _("The activity has been saved."))
        return redirect("designs_sessions:runbook", pk=activity.component_id)
    return render(
        request,
        "designs/sessions/activity_form.html",
        {
            "activity": activity,
            "component": activity.component,
            "form": edit.form,
            "saved_meanwhile": edit.saved_meanwhile,
        },
        status=400 if edit.form.errors else 200,
    )


@login_required
@require_POST
def activity_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = access.get_object(request.user, access.Action.DELETE, ACTIVITIES, pk=pk)
    component_pk = activity.component_id
    act(
        request,
        lambda: services.activity_delete(actor=request.user, activity=activity),
        success=_("The activity has been taken out of the runbook."),
    )
    return redirect("designs_sessions:runbook", pk=component_pk)


# --- Live mode ---------------------------------------------------------------------------------


def _live_context(session: Session, **extra: Any) -> dict[str, Any]:
    rows = _runbook_rows(session)
    current = session.current_activity
    ids = [row["activity"].pk for row in rows]
    at = ids.index(current.pk) if current is not None and current.pk in ids else -1
    following = rows[at + 1]["activity"] if at + 1 < len(rows) else None
    ends_at = None
    if current is not None and session.current_since is not None:
        ends_at = session.current_since + datetime.timedelta(minutes=current.minutes)
    return {
        "session": session,
        "cohort": session.cohort,
        "rows": rows,
        "current": current,
        "current_row": rows[at] if at >= 0 else None,
        "following": following,
        "ends_at": ends_at,
        "points": list(session.points.select_related("author").order_by("-created_at")),
        "point_form": PointForm(),
        "deviation_form": DeviationForm(session=session, initial={"activity": current}),
        **extra,
    }


@login_required
def live(request: AuthedRequest, pk: int) -> HttpResponse:
    """The projector page: the current activity with its timer, what comes next, and quick
    capture of learning points."""
    session = _session(request, pk, access.Action.RUN)
    return render(request, "designs/sessions/live.html", _live_context(session))


@login_required
@require_POST
def live_go(request: AuthedRequest, pk: int) -> HttpResponse:
    """Move live mode to an activity of the runbook (none: the session's end)."""
    session = _session(request, pk, access.Action.RUN)
    chosen = request.POST.get("activity", "")
    activity = None
    if chosen:
        activity = RunbookActivity.objects.filter(
            pk=int(chosen) if chosen.isdigit() else 0, component=session.component
        ).first()
        if activity is None:
            raise Http404
    services.session_go_to(actor=request.user, session=session, activity=activity)
    if request.htmx:
        return render(request, "designs/sessions/live.html#now", _live_context(session))
    return redirect("designs_sessions:live", pk=session.pk)


@login_required
@require_POST
@submit_once
def live_point(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, access.Action.RUN)
    form = PointForm(request.POST)
    done = submit(
        form,
        lambda data: services.session_point_add(
            actor=request.user, session=session, text=data["text"]
        ),
    )
    if request.htmx:
        if done:
            sent_to(request, reverse("designs_sessions:live", args=[session.pk]) + "#points")
        context = _live_context(session, point_form=PointForm() if done else form)
        # htmx swaps only a 2xx answer: the form comes back with its error either way.
        return render(request, "designs/sessions/live.html#points", context)
    if done:
        messages.success(request, _("The learning point has been captured."))
    else:
        messages.error(request, _("Write the learning point first."))
    if (round_number := request.POST.get("round", "")).isdigit():
        guided = reverse("designs_sessions:live_guided", args=[session.pk])
        return redirect(f"{guided}?round={round_number}")
    return redirect(reverse("designs_sessions:live", args=[session.pk]) + "#points")


def _round_number(request: AuthedRequest, script: Script) -> int:
    value = request.GET.get("round", "1")
    number = int(value) if value.isdigit() else 1
    return min(max(number, 1), len(script.rounds))


def _guided(
    request: AuthedRequest, script: Script, *, back: str, back_label: str, **extra: Any
) -> HttpResponse:
    number = _round_number(request, script)
    current = script.round(number)
    assert current is not None
    return render(
        request,
        "designs/sessions/guided.html",
        {
            "script": script,
            "item": LibraryItem.objects.filter(slug=script.slug).first(),
            "number": number,
            "round": current,
            "rounds": list(enumerate(script.rounds, start=1)),
            "previous_number": number - 1 if number > 1 else None,
            "next_number": number + 1 if number < len(script.rounds) else None,
            "next_round": script.round(number + 1),
            "ends_at": timezone.now() + datetime.timedelta(minutes=current.minutes),
            "back": back,
            "back_label": back_label,
            **extra,
        },
    )


@login_required
def live_guided(request: AuthedRequest, pk: int) -> HttpResponse:
    """The current activity's method, round by round."""
    session = _session(request, pk, access.Action.RUN)
    script = script_for(session.current_activity.method if session.current_activity else None)
    if script is None:
        raise Http404
    return _guided(
        request,
        script,
        back=reverse("designs_sessions:live", args=[session.pk]),
        back_label=_("Back to live mode"),
        session=session,
        point_form=PointForm(),
    )


@login_required
def meeting_guided(request: AuthedRequest, pk: int, slug: str) -> HttpResponse:
    """A learning-group meeting (such as an intervision group's) run by a guided script."""
    # Whoever runs the meeting: its facilitator (or the programme manager standing in).
    meeting = access.get_object(
        request.user, access.Action.CHANGE, Meeting.objects.select_related("group"), pk=pk
    )
    script = SCRIPTS.get(slug)
    if script is None:
        raise Http404
    return _guided(
        request,
        script,
        back=reverse("learning:meeting", args=[meeting.pk]),
        back_label=_("Back to the meeting"),
        meeting=meeting,
    )


# --- Deviations --------------------------------------------------------------------------------


@login_required
@submit_once
def deviation_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """The facilitator records where the group deviated from the runbook, and why."""
    session = _session(request, pk, access.Action.RUN)
    form = DeviationForm(request.POST or None, session=session)
    if submit(
        form,
        lambda data: services.deviation_record(actor=request.user, session=session, **data),
    ):
        messages.success(request, _("The deviation has been recorded."))
        if request.POST.get("next") == "live":
            return redirect("designs_sessions:live", pk=session.pk)
        return redirect(reverse("designs_sessions:session", args=[session.pk]) + "#deviations")
    return render(
        request,
        "designs/sessions/deviation_form.html",
        {"session": session, "cohort": session.cohort, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def edition_deviations(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every group's deviations in one edition, for the programme manager."""
    edition = access.get_object(request.user, access.Action.VIEW, EDITIONS, pk=pk)
    access.require(request.user, access.DesignAction.CHANGE, edition)
    deviations = selectors.edition_deviations(edition)
    return render(
        request,
        "designs/sessions/deviations.html",
        {
            "edition": edition,
            "programme": edition.programme,
            "deviations": [
                {
                    "deviation": d,
                    "form": ObserveForm(
                        prefix=f"d{d.pk}",
                        initial={"text": observation_text(d), "kind": "group_needed"},
                    ),
                }
                for d in deviations
            ],
        },
    )


@login_required
@require_POST
def deviation_observe(request: AuthedRequest, pk: int) -> HttpResponse:
    deviation = access.get_object(request.user, access.Action.VIEW, DEVIATIONS, pk=pk)
    edition = deviation.session.cohort.edition
    access.require(request.user, access.DesignAction.CHANGE, edition)
    form = ObserveForm(request.POST, prefix=f"d{deviation.pk}")
    target = (
        reverse("designs_sessions:deviations", args=[edition.pk]) + f"#deviation-{deviation.pk}"
    )
    if not form.is_valid():
        messages.error(request, _("Give the observation a kind and a text."))
        return redirect(target)
    try:
        services.deviation_observe(actor=request.user, deviation=deviation, **form.cleaned_data)
    except ValidationError as error:
        apply_validation_error(form, error)
        messages.error(request, " ".join(error.messages))
        return redirect(target)
    messages.success(request, _("The deviation is now an observation of this edition."))
    return redirect(target)
