"""Pages for designing a programme: editions, the design editor, versions and their
comparison, observations and change proposals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring import access
from kring.core.exceptions import EditConflict
from kring.core.forms import rebase_on_conflict, submit
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.designs import selectors_design as selectors
from kring.designs import services_design as services
from kring.designs.forms_design import (
    CompareForm,
    ComponentForm,
    DeclineForm,
    EditionForm,
    LineForm,
    ObservationForm,
    ProposalForm,
    StaffForm,
    WhyForm,
    staff_people,
)
from kring.designs.models import (
    ChangeProposal,
    Component,
    ComponentStaff,
    DesignVersion,
    Edition,
    LearningLine,
)
from kring.engines.design import diff_designs
from kring.programmes.models import Programme

DESIGN_CONFLICT = gettext_lazy(
    "Someone else changed this design while you were working on it. Nothing has been "
    "overwritten. Your input is still in the form; look at the design as it is now, then save "
    "again if your change still fits."
)


def _fetch(
    user: Any,
    action: Any,
    queryset: QuerySet[Any],
    pk: int,
    programme_of: Callable[[Any], Programme],
) -> Any:
    """The object, or a 404 for someone who may not see the programme, or a 403 with the
    policy's reason for someone who sees the programme but not its design."""
    try:
        obj = queryset.get(pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
    if not access.can(user, access.Action.VIEW, obj):
        if access.can(user, access.Action.VIEW, programme_of(obj)):
            raise access.refusal(user, access.DesignAction.VIEW, programme_of(obj))
        raise Http404
    if action != access.Action.VIEW and not access.can(user, action, obj):
        raise access.refusal(user, action, obj)
    return obj


def _programme(request: AuthedRequest, pk: int, action: access.DesignAction) -> Programme:
    programme = access.get_object(
        request.user, access.Action.VIEW, Programme.objects.select_related("client"), pk=pk
    )
    access.require(request.user, action, programme)
    return programme


def _edition(request: AuthedRequest, pk: int, action: Any = access.Action.VIEW) -> Edition:
    return _fetch(
        request.user,
        action,
        Edition.objects.select_related("programme", "copied_from"),
        pk,
        lambda edition: edition.programme,
    )


def _why_form(request: AuthedRequest, edition: Edition, data: Any = None) -> WhyForm:
    return WhyForm(
        data,
        edition=edition,
        required=services.why_required(edition),
        observations=selectors.linkable_observations(edition),
        proposals=selectors.open_proposals(edition),
    )


def _design_context(edition: Edition) -> dict[str, Any]:
    return {
        "edition": edition,
        "programme": edition.programme,
        "why_required": services.why_required(edition),
        "structure_fixed": services.structure_fixed(edition),
    }


def _change_page(
    request: AuthedRequest,
    *,
    edition: Edition,
    form: Any,
    service: Callable[[dict[str, Any], services.Why, int], Any],
    success: str,
    title: str,
    back: str,
    intro: str = "",
    danger: bool = False,
) -> HttpResponse:
    """A page that changes the design: ``form`` (or none, for a removal) beside the 'why'
    form. On success the design keeps a new version and the person goes ``back``."""
    posted = request.method == "POST"
    why = _why_form(request, edition, request.POST if posted else None)
    if posted:
        form_ok = form is None or form.is_valid()
        if why.is_valid() and form_ok:
            data = dict(form.cleaned_data) if form is not None else {}
            reason = services.Why.from_data(why.cleaned_data)
            try:
                service(data, reason, why.cleaned_data["version"])
            except ValidationError as error:
                _show_error(form, why, error)
            except EditConflict:
                edition.refresh_from_db()
                why = rebase_on_conflict(
                    why,
                    versions={"why-version": edition.version},
                    message=DESIGN_CONFLICT,
                    edition=edition,
                    required=services.why_required(edition),
                    observations=selectors.linkable_observations(edition),
                    proposals=selectors.open_proposals(edition),
                )
            else:
                messages.success(request, success)
                if request.htmx:
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = back
                    return response
                return redirect(back)
    context = {
        **_design_context(edition),
        "form": form,
        "why": why,
        "title": title,
        "intro": intro,
        "back": back,
        "danger": danger,
    }
    template = "designs/design/change_form.html"
    if request.htmx and not posted:
        template += "#change-form"
    return render(request, template, context, status=400 if posted else 200)


def _show_error(form: Any, why: WhyForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target: Any = why if name in why.fields else form
            if target is None:
                target = why
            for item in errors:
                target.add_error(name if name in target.fields else None, item)
    else:
        (form or why).add_error(None, error)


def _design_url(edition: Edition) -> str:
    return reverse("designs_design:edition", args=[edition.pk])


# --- Editions ---------------------------------------------------------------------------------


@login_required
def editions(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk, access.DesignAction.VIEW)
    found = list(selectors.programme_editions(programme))
    return render(
        request,
        "designs/design/editions.html",
        {
            "programme": programme,
            "editions": found,
            "may_change": access.can(request.user, access.DesignAction.CHANGE, programme),
            "may_start": programme.kind == Programme.Kind.OPEN or not found,
        },
    )


@login_required
@submit_once
def edition_create(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk, access.DesignAction.CHANGE)
    last = programme.editions.order_by("-number").first()
    form = EditionForm(
        request.POST or None, initial={"spacing_days": last.spacing_days if last else None}
    )
    if done := submit(
        form,
        lambda data: services.edition_create(actor=request.user, programme=programme, **data),
    ):
        messages.success(
            request,
            _("Edition %(number)s has begun.") % {"number": done.value.number},
        )
        return redirect("designs_design:edition", pk=done.value.pk)
    return render(
        request,
        "designs/design/edition_form.html",
        {"programme": programme, "form": form, "last": last},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def edition(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _edition(request, pk)
    user = request.user
    lines = list(selectors.edition_lines(found))
    latest = selectors.latest_version(found)
    snapshot = services.design_snapshot(found)
    context = {
        **_design_context(found),
        "lines": lines,
        "latest": latest,
        "warnings": selectors.warnings(found, snapshot),
        "proposals": selectors.open_proposals(found),
        "cohorts": found.cohorts.select_related("group"),
        "may_change": access.can(user, access.DesignAction.CHANGE, found),
        "may_observe": access.can(user, access.DesignAction.OBSERVE, found),
        "other_editions": found.programme.editions.exclude(pk=found.pk).order_by("-number"),
    }
    template = "designs/design/edition.html"
    if request.htmx:
        template += "#design"
    return render(request, template, context)


@login_required
def edition_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _edition(request, pk, access.Action.CHANGE)
    form = EditionForm(request.POST or None, instance=found)
    return _change_page(
        request,
        edition=found,
        form=form,
        service=lambda data, why, version: services.edition_update(
            actor=request.user, edition=found, expected_version=version, why=why, **data
        ),
        success=_("The edition has been saved."),
        title=_("Edition settings"),
        back=_design_url(found),
    )


# --- Lines -----------------------------------------------------------------------------------


@login_required
def line_create(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _edition(request, pk, access.Action.CHANGE)
    return _change_page(
        request,
        edition=found,
        form=LineForm(request.POST or None),
        service=lambda data, why, version: services.line_create(
            actor=request.user, edition=found, expected_version=version, why=why, **data
        ),
        success=_("The learning line has been added."),
        title=_("New learning line"),
        back=_design_url(found),
    )


def _line(request: AuthedRequest, pk: int) -> LearningLine:
    return _fetch(
        request.user,
        access.Action.CHANGE,
        LearningLine.objects.select_related("edition__programme"),
        pk,
        lambda line: line.edition.programme,
    )


@login_required
def line_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    line = _line(request, pk)
    return _change_page(
        request,
        edition=line.edition,
        form=LineForm(request.POST or None, instance=line),
        service=lambda data, why, version: services.line_update(
            actor=request.user, line=line, expected_version=version, why=why, **data
        ),
        success=_("The learning line has been saved."),
        title=_("Learning line “%(line)s”") % {"line": line.title},
        back=_design_url(line.edition),
    )


@login_required
def line_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    line = _line(request, pk)
    count = line.components.count()
    return _change_page(
        request,
        edition=line.edition,
        form=None,
        service=lambda data, why, version: services.line_delete(
            actor=request.user, line=line, expected_version=version, why=why
        ),
        success=_("The learning line has been removed."),
        title=_("Remove the learning line “%(line)s”") % {"line": line.title},
        intro=_(
            "The line and its %(count)s components leave the design. Earlier versions keep them."
        )
        % {"count": count},
        back=_design_url(line.edition),
        danger=True,
    )


# --- Components ------------------------------------------------------------------------------


def _component(request: AuthedRequest, pk: int, action: Any = access.Action.CHANGE) -> Component:
    return _fetch(
        request.user,
        action,
        Component.objects.select_related("line__edition__programme"),
        pk,
        lambda component: component.line.edition.programme,
    )


@login_required
def component_create(request: AuthedRequest, pk: int) -> HttpResponse:
    line = _line(request, pk)
    return _change_page(
        request,
        edition=line.edition,
        form=ComponentForm(request.POST or None),
        service=lambda data, why, version: services.component_create(
            actor=request.user, line=line, expected_version=version, why=why, **data
        ),
        success=_("The component has been added."),
        title=_("New component in “%(line)s”") % {"line": line.title},
        back=_design_url(line.edition),
    )


@login_required
def component(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _component(request, pk, access.Action.VIEW)
    edition = found.line.edition
    user = request.user
    return render(
        request,
        "designs/design/component.html",
        {
            **_design_context(edition),
            "component": found,
            "staff": found.staff.select_related("person"),
            "materials": found.materials.order_by("title"),
            "activities": found.activities.select_related("method"),
            "history": selectors.component_history(found),
            "observations": selectors.component_observations(found),
            "may_change": access.can(user, access.DesignAction.CHANGE, edition),
            "may_observe": access.can(user, access.DesignAction.OBSERVE, edition),
        },
    )


@login_required
def component_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _component(request, pk)
    edition = found.line.edition
    form = ComponentForm(
        request.POST or None,
        instance=found,
        initial={"materials": list(found.materials.all())},
        lines=edition.lines.order_by("order", "pk"),
    )
    return _change_page(
        request,
        edition=edition,
        form=form,
        service=lambda data, why, version: services.component_update(
            actor=request.user, component=found, expected_version=version, why=why, **data
        ),
        success=_("The component has been saved."),
        title=_("Change “%(title)s”") % {"title": found.title},
        back=reverse("designs_design:component", args=[found.pk]),
    )


@login_required
def component_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _component(request, pk)
    return _change_page(
        request,
        edition=found.line.edition,
        form=None,
        service=lambda data, why, version: services.component_delete(
            actor=request.user, component=found, expected_version=version, why=why
        ),
        success=_("The component has been removed."),
        title=_("Remove “%(title)s”") % {"title": found.title},
        intro=_("The component leaves the design. Earlier versions keep it."),
        back=_design_url(found.line.edition),
        danger=True,
    )


def _move(
    request: AuthedRequest,
    *,
    edition: Edition,
    move: Callable[[Any, int], Any],
    title: str,
) -> HttpResponse:
    """One place up or down. From the design page (htmx, the design part comes back) when no
    reason is needed; otherwise through a page that asks the 'why'."""
    if request.htmx and request.method == "POST" and not services.why_required(edition):
        why = _why_form(request, edition, request.POST)
        if why.is_valid():
            try:
                move(services.Why(), why.cleaned_data["version"])
            except (ValidationError, EditConflict):
                messages.error(request, _("The design changed meanwhile; here it is as it is now."))
        edition.refresh_from_db()
        return edition_view_partial(request, edition)
    return _change_page(
        request,
        edition=edition,
        form=None,
        service=lambda data, why, version: move(why, version),
        success=_("The order has been changed."),
        title=title,
        back=_design_url(edition),
    )


def _moves_up(request: AuthedRequest) -> bool:
    return request.POST.get("direction", request.GET.get("direction")) != "down"


@login_required
def component_move(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _component(request, pk)
    up = _moves_up(request)
    return _move(
        request,
        edition=found.line.edition,
        move=lambda why, version: services.component_move(
            actor=request.user, component=found, expected_version=version, why=why, up=up
        ),
        title=(_("Move “%(title)s” one place up") if up else _("Move “%(title)s” one place down"))
        % {"title": found.title},
    )


@login_required
def line_move(request: AuthedRequest, pk: int) -> HttpResponse:
    line = _line(request, pk)
    up = _moves_up(request)
    return _move(
        request,
        edition=line.edition,
        move=lambda why, version: services.line_move(
            actor=request.user, line=line, expected_version=version, why=why, up=up
        ),
        title=(
            _("Move the learning line “%(line)s” one place up")
            if up
            else _("Move the learning line “%(line)s” one place down")
        )
        % {"line": line.title},
    )


def edition_view_partial(request: AuthedRequest, found: Edition) -> HttpResponse:
    return edition(request, found.pk)


@login_required
def staff_add(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _component(request, pk)
    edition = found.line.edition
    return _change_page(
        request,
        edition=edition,
        form=StaffForm(request.POST or None, people=staff_people(edition)),
        service=lambda data, why, version: services.staff_add(
            actor=request.user, component=found, expected_version=version, why=why, **data
        ),
        success=_("The staffing has been added."),
        title=_("Staff “%(title)s”") % {"title": found.title},
        intro=_(
            "Fixed teachers teach throughout the programme, returning teachers come back in "
            "every edition, guest teachers fly in once. A place may be a role still to be filled."
        ),
        back=reverse("designs_design:component", args=[found.pk]),
    )


@login_required
def staff_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    staff = _fetch(
        request.user,
        access.Action.CHANGE,
        ComponentStaff.objects.select_related("component__line__edition__programme", "person"),
        pk,
        lambda s: s.component.line.edition.programme,
    )
    who = staff.person.full_name if staff.person else staff.note
    return _change_page(
        request,
        edition=staff.component.line.edition,
        form=None,
        service=lambda data, why, version: services.staff_remove(
            actor=request.user, staff=staff, expected_version=version, why=why
        ),
        success=_("The staffing has been removed."),
        title=_("Take %(who)s off “%(title)s”") % {"who": who, "title": staff.component.title},
        back=reverse("designs_design:component", args=[staff.component_id]),
        danger=True,
    )


# --- Versions --------------------------------------------------------------------------------


@login_required
def versions(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _edition(request, pk)
    return render(
        request,
        "designs/design/versions.html",
        {
            **_design_context(found),
            "rows": selectors.edition_versions(found),
            "compare_form": CompareForm(
                versions=selectors.programme_versions(found.programme),
                initial=_compare_initial(found),
            ),
        },
    )


def _compare_initial(found: Edition) -> dict[str, int]:
    newest = found.versions.order_by("-number").first()
    if newest is None:
        return {}
    before = selectors.previous_version(newest)
    return {"a": (before or newest).pk, "b": newest.pk}


@login_required
def compare(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk, access.DesignAction.VIEW)
    choices = selectors.programme_versions(programme)
    form = CompareForm(request.GET or None, versions=choices)
    context: dict[str, Any] = {"programme": programme, "form": form}
    if not request.GET:
        pair = selectors.default_comparison(programme)
        if pair:
            form = CompareForm({"a": pair[0].pk, "b": pair[1].pk}, versions=choices)
            context["form"] = form
    if form.is_bound and form.is_valid():
        older: DesignVersion = form.cleaned_data["a"]
        newer: DesignVersion = form.cleaned_data["b"]
        changes = diff_designs(older.snapshot, newer.snapshot)
        context.update(
            older=older,
            newer=newer,
            words=selectors.words(changes),
            changed_keys={c.component_key for c in changes if c.component_key},
            added_keys={c.component_key for c in changes if c.code == "component_added"},
            removed_keys={c.component_key for c in changes if c.code == "component_removed"},
            old_lines=older.snapshot.get("lines", []),
            new_lines=newer.snapshot.get("lines", []),
            labels=selectors.design_labels(),
        )
    return render(request, "designs/design/compare.html", context)


# --- Observations and proposals --------------------------------------------------------------


@login_required
@submit_once
def observations(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _edition(request, pk)
    user = request.user
    may_observe = access.can(user, access.DesignAction.OBSERVE, found)
    may_change = access.can(user, access.DesignAction.CHANGE, found)
    components = Component.objects.filter(line__edition=found).order_by("line__order", "order")
    form = ObservationForm(
        request.POST if request.method == "POST" else None,
        components=components,
        initial={"component": request.GET.get("component")},
    )
    if request.method == "POST":
        access.require(user, access.DesignAction.OBSERVE, found)
        if submit(
            form,
            lambda data: services.observation_create(actor=user, edition=found, **data),
        ):
            messages.success(request, _("Your observation has been recorded."))
            return redirect("designs_design:observations", pk=found.pk)
    context = {
        **_design_context(found),
        "observations": selectors.edition_observations(found),
        "form": form if may_observe else None,
        "may_change": may_change,
    }
    if may_change:
        context["proposals"] = selectors.edition_proposals(found)
        context["proposal_form"] = ProposalForm(observations=selectors.linkable_observations(found))
    return render(
        request,
        "designs/design/observations.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@submit_once
def proposal_create(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _edition(request, pk, access.DesignAction.CHANGE)
    form = ProposalForm(
        request.POST or None,
        observations=selectors.linkable_observations(found),
        initial={"observations": request.GET.getlist("observation")},
    )
    if submit(
        form,
        lambda data: services.proposal_create(actor=request.user, edition=found, **data),
    ):
        messages.success(request, _("The change proposal has been recorded."))
        return redirect(reverse("designs_design:observations", args=[found.pk]) + "#proposals")
    return render(
        request,
        "designs/design/proposal_form.html",
        {**_design_context(found), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def proposal_decline(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal: ChangeProposal = _fetch(
        request.user,
        access.Action.DECIDE,
        ChangeProposal.objects.select_related("edition__programme"),
        pk,
        lambda p: p.edition.programme,
    )
    form = DeclineForm(request.POST or None, initial={"version": proposal.version})
    try:
        done = submit(
            form,
            lambda data: services.proposal_decline(
                actor=request.user,
                proposal=proposal,
                expected_version=data["version"],
                decision_note=data["decision_note"],
            ),
        )
    except EditConflict:
        done = None
        form.add_error(None, DESIGN_CONFLICT)
    if done:
        messages.success(request, _("The proposal has been declined."))
        return redirect(
            reverse("designs_design:observations", args=[proposal.edition_id]) + "#proposals"
        )
    return render(
        request,
        "designs/design/proposal_decline.html",
        {**_design_context(proposal.edition), "proposal": proposal, "form": form},
        status=400 if request.method == "POST" else 200,
    )
