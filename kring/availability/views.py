"""Availability pages: each person's weekly grid, periods away and calendar imports, and the
group grid that facilitators and programme managers see."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from kring import access
from kring.availability import selectors, services
from kring.availability.forms import AwayPeriodForm, CalendarFileForm, WeekForm
from kring.availability.models import AwayPeriod, CalendarImport, WeeklyAvailability
from kring.core.exceptions import EditConflict
from kring.core.forms import submit
from kring.core.once import sent_to, submit_once
from kring.core.types import AuthedRequest
from kring.programmes.models import Group

GROUPS = Group.objects.select_related("programme")


def _nav(request: AuthedRequest) -> dict[str, Any]:
    return {"availability_groups": selectors.availability_groups(request.user)}


def _week_context(
    request: AuthedRequest,
    *,
    slots: list[int] | None = None,
    version: int | None = None,
    status: str = "",
    saved_meanwhile: list[str] | None = None,
) -> dict[str, Any]:
    row = selectors.weekly_row(request.user)
    if slots is None:
        slots = list(row.slots) if row else []
    if version is None:
        version = row.version if row else 0
    return {
        "grid": selectors.own_grid(slots),
        "slot_count": len(slots),
        "week_version": version,
        "week_status": status,
        "week_filled_in": row is not None,
        "week_warnings": services.weekly_grid_warnings(slots) if row is not None else [],
        "saved_meanwhile": saved_meanwhile,
    }


def _page_context(request: AuthedRequest, **overrides: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        **_nav(request),
        **_week_context(request),
        "away_periods": selectors.upcoming_away_periods(request.user),
        "away_form": AwayPeriodForm(),
        "import_form": CalendarFileForm(),
        **_imports_context(request, just_imported=request.GET.get("imported", "")),
    }
    context.update(overrides)
    return context


def _imports_context(request: AuthedRequest, *, just_imported: str) -> dict[str, Any]:
    imports = selectors.calendar_imports(request.user)
    return {
        "imports": imports,
        "imports_pending": any(
            s.record.status == CalendarImport.Status.PENDING and not s.record.waiting_long
            for s in imports
        ),
        "just_imported": just_imported,
        "preview_limit": selectors.PREVIEW_BUSY_TIMES,
    }


@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    """The person's own availability. While a calendar file is being read, htmx asks for the
    list of imports again until it is done."""
    access.require(request.user, access.Action.KEEP, WeeklyAvailability)
    if request.htmx and request.GET.get("part") == "imports":
        return render(
            request,
            "availability/mine.html#imports",
            _imports_context(request, just_imported=request.GET.get("imported", "")),
        )
    return render(request, "availability/mine.html", _page_context(request))


def _saved_message(slots: list[int]) -> str:
    if not slots:
        return _("Saved.")
    return ngettext(
        "Saved: you can usually meet at %(count)s moment a week.",
        "Saved: you can usually meet at %(count)s moments a week.",
        len(slots),
    ) % {"count": len(slots)}


@login_required
@require_POST
def week_save(request: AuthedRequest) -> HttpResponse:
    """Save the weekly grid. With htmx each toggle saves the whole grid and only the status
    line and version come back; without JavaScript the form posts and the page reloads."""
    access.require(request.user, access.Action.KEEP, WeeklyAvailability)
    form = WeekForm(request.POST)
    if not form.is_valid():
        context = _week_context(request, status=_("Choose moments from the weekly grid."))
        template = "availability/mine.html#week" if request.htmx else "availability/mine.html"
        page = context if request.htmx else _page_context(request, **context)
        response = render(request, template, page)
        return reswap(retarget(response, "#week-form"), "outerHTML") if request.htmx else response
    slots: list[int] = form.cleaned_data["slots"]
    version: int = form.cleaned_data["version"] or 0
    try:
        row = services.set_weekly_slots(request.user, slots, expected_version=version)
    except EditConflict:
        # Keep what this person ticked, on top of the version saved elsewhere: saving again
        # is their deliberate choice.
        fresh = selectors.weekly_row(request.user)
        context = _week_context(
            request,
            slots=slots,
            version=fresh.version if fresh else 0,
            status=_(
                "Your availability was also saved somewhere else (another window?) while you "
                "were changing it. Nothing has been overwritten. The grid shows your choice; "
                "what was saved there is listed below. Press “Keep my choice” to keep yours."
            ),
            saved_meanwhile=selectors.slot_labels(fresh.slots if fresh else []),
        )
        if request.htmx:
            response = render(request, "availability/mine.html#week", context)
            return reswap(retarget(response, "#week-form"), "outerHTML")
        return render(request, "availability/mine.html", _page_context(request, **context))
    warnings = services.weekly_grid_warnings(row.slots)
    if request.htmx:
        return render(
            request,
            "availability/mine.html#week-status",
            {
                "week_status": _saved_message(row.slots),
                "week_warnings": warnings,
                "week_version": row.version,
                "oob_version": True,
            },
        )
    messages.success(request, _saved_message(row.slots))
    for warning in warnings:
        messages.warning(request, warning)
    return redirect(reverse("availability:mine") + "#week")


# --- Periods away ----------------------------------------------------------------------------


def _away_response(request: AuthedRequest, form: AwayPeriodForm) -> HttpResponse:
    if request.htmx:
        return render(
            request,
            "availability/mine.html#away",
            {"away_periods": selectors.upcoming_away_periods(request.user), "away_form": form},
        )
    return render(request, "availability/mine.html", _page_context(request, away_form=form))


@login_required
@require_POST
@submit_once
def away_add(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.KEEP, WeeklyAvailability)
    form = AwayPeriodForm(request.POST)
    if submit(
        form,
        lambda data: services.away_period_add(
            actor=request.user,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            note=data.get("note") or "",
        ),
    ):
        if request.htmx:
            sent_to(request, reverse("availability:mine") + "#away")
            return _away_response(request, AwayPeriodForm())
        messages.success(request, _("The period away has been added."))
        return redirect(reverse("availability:mine") + "#away")
    return _away_response(request, form)


@login_required
@require_POST
def away_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    period = access.get_object(request.user, access.Action.REMOVE, AwayPeriod.objects.all(), pk=pk)
    services.away_period_remove(actor=request.user, period=period)
    if request.htmx:
        return _away_response(request, AwayPeriodForm())
    messages.success(request, _("The period away has been removed."))
    return redirect(reverse("availability:mine") + "#away")


# --- Calendar files ----------------------------------------------------------------------------


@login_required
@require_POST
def calendar_import(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.KEEP, WeeklyAvailability)
    form = CalendarFileForm(request.POST, request.FILES)
    if done := submit(
        form,
        lambda data: services.calendar_import(
            actor=request.user, file_name=data["file"].name or "", data=data["file"].read()
        ),
    ):
        record = done.value
        messages.success(
            request,
            _("%(file)s has been received and is being read. The list below shows when it is done.")
            % {"file": record.file_name},
        )
        return redirect(reverse("availability:mine") + f"?imported={record.pk}#imports")
    return render(request, "availability/mine.html", _page_context(request, import_form=form))


@login_required
@require_POST
def calendar_import_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    record = access.get_object(
        request.user, access.Action.REMOVE, CalendarImport.objects.all(), pk=pk
    )
    services.calendar_import_remove(actor=request.user, record=record)
    messages.success(
        request,
        _("The busy times from %(file)s have been removed.") % {"file": record.file_name},
    )
    return redirect(reverse("availability:mine") + "#imports")


# --- Facilitators ------------------------------------------------------------------------------


@login_required
def groups(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.KEEP, WeeklyAvailability)
    return render(request, "availability/groups.html", _nav(request))


@login_required
def group(request: AuthedRequest, pk: int) -> HttpResponse:
    found = access.get_object(request.user, access.AvailabilityAction.VIEW, GROUPS, pk=pk)
    return render(
        request,
        "availability/group.html",
        {
            **_nav(request),
            "group": found,
            "programme": found.programme,
            "overview": selectors.group_availability(found),
        },
    )
