"""The calendar page (feed and reminders) and the feed itself, which a calendar app fetches
without logging in: its secret link is the key."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kring import access
from kring.availability.selectors import availability_groups
from kring.calendars import selectors, services
from kring.calendars.feed import build_feed
from kring.calendars.forms import FeedOptionsForm, ReminderForm
from kring.calendars.models import CalendarSettings
from kring.core.types import AuthedRequest
from kring.designs.selectors_sessions import feed_sessions

UPCOMING_SHOWN = 3


def _context(request: AuthedRequest, **extra: Any) -> dict[str, Any]:
    found = selectors.settings_of(request.user)
    meetings = selectors.feed_meetings(request.user)
    now = timezone.now()
    upcoming = [
        m for m in meetings if m.starts_at and m.starts_at > now and m.status != m.Status.CANCELLED
    ]
    return {
        "availability_groups": availability_groups(request.user),
        "calendar": found,
        "feed_url": None,
        "reminder_form": ReminderForm(instance=found),
        "feed_form": FeedOptionsForm(instance=found),
        "meeting_count": len(meetings),
        "upcoming": upcoming[:UPCOMING_SHOWN],
        "reminders_on": settings.REMINDER_DAYS_BEFORE_MEETING > 0
        or settings.REMINDER_DAYS_BEFORE_DUE > 0,
        **extra,
    }


@login_required
def calendar_settings(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.KEEP, CalendarSettings)
    return render(request, "calendars/settings.html", _context(request))


@login_required
@require_POST
def feed_issue(request: AuthedRequest) -> HttpResponse:
    """Create the feed link, or replace it. The link is shown in this response only: it is
    not stored, so it is not redirected to a page that would have to keep it."""
    access.require(request.user, access.Action.KEEP, CalendarSettings)
    token = services.feed_token_issue(actor=request.user)
    url = request.build_absolute_uri(reverse("calendars:feed", args=[token]))
    context = _context(
        request,
        feed_url=url,
        webcal_url="webcal://" + url.split("://", 1)[1],
    )
    template = "calendars/settings.html#feed" if request.htmx else "calendars/settings.html"
    response = render(request, template, context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def feed_off(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.KEEP, CalendarSettings)
    services.feed_turn_off(actor=request.user)
    messages.success(
        request, _("Your calendar feed is switched off. Its link no longer works anywhere.")
    )
    return redirect(reverse("calendars:settings") + "#feed")


@login_required
@require_POST
def feed_options(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.KEEP, CalendarSettings)
    form = FeedOptionsForm(request.POST)
    if form.is_valid():
        services.feed_options_set(
            actor=request.user,
            include_assignments=form.cleaned_data["feed_includes_assignments"],
        )
        messages.success(request, _("Saved. Calendar apps pick up the change at their next fetch."))
    return redirect(reverse("calendars:settings") + "#feed")


@login_required
@require_POST
def reminders(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.KEEP, CalendarSettings)
    form = ReminderForm(request.POST)
    if form.is_valid():
        services.reminders_set(
            actor=request.user,
            meetings=form.cleaned_data["remind_meetings"],
            assignments=form.cleaned_data["remind_assignments"],
        )
        messages.success(request, _("Your reminder settings have been saved."))
    return redirect(reverse("calendars:settings") + "#reminders")


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed. No login: the token opens it, through the permission policy. An
    unknown, reset or switched-off token gets a 404."""
    user = access.feed_user(token)
    if user is None:
        raise Http404
    meetings = selectors.feed_meetings(user)
    found = selectors.settings_of(user)
    assignments = selectors.feed_assignments(user) if found.feed_includes_assignments else []
    body = build_feed(
        user,
        meetings=meetings,
        assignments=assignments,
        sessions=feed_sessions(user),
    )
    services.feed_fetched(user=user)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kring.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
