"""Planning pages: a programme's groups and a new proposal, a proposal with its progress and
preview, and re-plan suggestions. Each view resolves its object through the permission
policy, validates a form, calls a service and renders or redirects."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring import access
from kring.core.exceptions import EditConflict
from kring.core.forms import submit
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.learning.selectors import standard_template
from kring.planning import compose, explain, selectors, services
from kring.planning.forms import PlanForm
from kring.planning.models import Plan, ReplanSuggestion
from kring.programmes.models import Group, Programme
from kring.rooms.selectors import usable_rooms

PLANS = Plan.objects.select_related("programme", "created_by", "decided_by")
SUGGESTIONS = ReplanSuggestion.objects.select_related("group__programme")
# A proposal still waiting after this long probably has no task worker to run it.
STALLED_SECONDS = 60


def _initial(request: AuthedRequest, programme: Programme, ready: list[int]) -> dict[str, Any]:
    """Standard rules for the groups that can be planned; the rules of an earlier proposal to
    plan again; one group when asked."""
    template = standard_template(programme.provider)
    initial: dict[str, Any] = {
        "template": template,
        **services.default_rules(programme, template).to_json(),
    }
    again = request.GET.get("again", "")
    if again.isdigit():
        earlier = PLANS.filter(pk=int(again), programme=programme).first()
        if earlier is not None and access.can(request.user, access.Action.VIEW, earlier):
            initial = {"template": earlier.template, **earlier.rules.to_json()}
            initial["groups"] = [g.pk for g in earlier.groups.all()]
    chosen = request.GET.get("group", "")
    if chosen.isdigit() and int(chosen) in ready:
        initial["groups"] = [int(chosen)]
    initial.setdefault("groups", ready)
    if initial.get("template") is not None:
        initial["template"] = initial["template"].pk
    return initial


@login_required
@submit_once
def programme(request: AuthedRequest, pk: int) -> HttpResponse:
    """The programme's groups, how ready they are to be planned, re-plan suggestions, and a
    new proposal for all of them or some."""
    programme = access.get_object(
        request.user,
        access.PlanningAction.VIEW,
        Programme.objects.select_related("provider"),
        pk=pk,
    )
    groups = selectors.plannable_groups(request.user, programme)
    ready = selectors.readiness(groups)
    form = PlanForm(
        request.POST or None,
        groups=Group.objects.filter(pk__in=[g.pk for g in groups]).order_by("name"),
        templates=selectors.templates_for(programme),
        initial=_initial(request, programme, [r.group.pk for r in ready if r.ready]),
    )
    if done := submit(
        form,
        lambda data: services.plan_request(
            actor=request.user,
            programme=programme,
            groups=list(data["groups"]),
            template=data["template"],
            rules=compose.SeriesRules.from_json(data),
        ),
    ):
        return redirect("planning:plan", pk=done.value.pk)
    suggestions = [r.suggestion for r in ready if r.suggestion is not None]
    return render(
        request,
        "planning/programme.html",
        {
            "programme": programme,
            "readiness": ready,
            "suggestions": selectors.suggestion_views(suggestions),
            "form": form,
            "plans": selectors.recent_plans(request.user, programme),
            "next_monday": selectors.monday_after(timezone.localdate()),
            "rooms": usable_rooms([programme.provider_id, programme.client_id]),
            "may_keep_rooms": access.can(
                request.user, access.RoomAction.MANAGE, programme.provider
            ),
        },
    )


def _progress(plan: Plan) -> int:
    if plan.status == Plan.Status.QUEUED:
        return 5
    if plan.status != Plan.Status.RUNNING:
        return 100
    if plan.solving_since is None:
        return 15
    elapsed = (timezone.now() - plan.solving_since).total_seconds()
    return min(95, 20 + int(75 * elapsed / max(plan.time_limit, 1)))


@login_required
def plan(request: AuthedRequest, pk: int) -> HttpResponse:
    """A proposal: its progress while the engine works (the page asks again every two
    seconds), then the preview to accept or discard."""
    plan = access.get_object(request.user, access.Action.VIEW, PLANS, pk=pk)
    context = {
        "plan": plan,
        "programme": plan.programme,
        "groups": list(plan.groups.order_by("name")),
        "progress": _progress(plan),
        "seconds": round(plan.time_limit),
        "stalled": plan.status == Plan.Status.QUEUED
        and (timezone.now() - plan.created_at).total_seconds() > STALLED_SECONDS,
        "preview": explain.preview(plan) if plan.result else None,
        "applied": len(plan.applied),
    }
    template = "planning/plan.html#status" if request.htmx else "planning/plan.html"
    return render(request, template, context)


def _posted_version(request: AuthedRequest) -> int:
    """The plan version the decision was made on (0 when the form sent none readable)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


@login_required
@require_POST
def plan_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = access.get_object(request.user, access.Action.DECIDE, PLANS, pk=pk)
    try:
        outcome = services.plan_accept(
            actor=request.user, plan=plan, expected_version=_posted_version(request)
        )
    except EditConflict:
        messages.error(
            request,
            _("Someone else decided on this proposal while you were reading it. Nothing changed."),
        )
        return redirect("planning:plan", pk=plan.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("planning:plan", pk=plan.pk)
    if not outcome.accepted:
        messages.error(
            request,
            _(
                "Nothing has been changed: the meetings changed since this proposal was made. "
                "%(changes)s Make a new proposal to plan with what is there now."
            )
            % {"changes": " ".join(outcome.changes)},
        )
    elif outcome.moved:
        messages.success(
            request,
            _(
                "The proposal has been carried out. The people whose meetings moved get an "
                "e-mail with the new dates."
            ),
        )
    else:
        messages.success(request, _("The proposal has been carried out."))
    return redirect("planning:plan", pk=plan.pk)


@login_required
@require_POST
def plan_discard(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = access.get_object(request.user, access.Action.DECIDE, PLANS, pk=pk)
    try:
        services.plan_discard(
            actor=request.user, plan=plan, expected_version=_posted_version(request)
        )
    except (EditConflict, ValidationError):
        messages.error(request, _("This proposal has already been decided on. Nothing changed."))
        return redirect("planning:plan", pk=plan.pk)
    messages.info(request, _("The proposal has been discarded. Nothing in the groups changed."))
    return redirect("planning:programme", pk=plan.programme_id)


@login_required
@require_POST
def suggestion_replan(request: AuthedRequest, pk: int) -> HttpResponse:
    suggestion = access.get_object(request.user, access.Action.REPLAN, SUGGESTIONS, pk=pk)
    try:
        plan = services.replan_request(actor=request.user, suggestion=suggestion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("planning:programme", pk=suggestion.group.programme_id)
    return redirect("planning:plan", pk=plan.pk)


@login_required
@require_POST
def suggestion_dismiss(request: AuthedRequest, pk: int) -> HttpResponse:
    suggestion = access.get_object(request.user, access.Action.DISMISS, SUGGESTIONS, pk=pk)
    services.suggestion_dismiss(actor=request.user, suggestion=suggestion)
    messages.info(
        request,
        _("The suggestion for %(group)s has been put aside. The meetings stay as they are.")
        % {"group": suggestion.group.name},
    )
    return redirect("planning:programme", pk=suggestion.group.programme_id)
