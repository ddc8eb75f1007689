"""Throttling of failed logins, on top of django-axes.

Axes counts failures per e-mail address and IP address together, which stops guessing one
person's password from one place. Two more counts, over the same cool-off time, stop what that
lets through: one IP address trying many accounts (``LOGIN_ATTEMPTS_PER_IP``), and one account
tried from many IP addresses (``LOGIN_ATTEMPTS_PER_ACCOUNT``). Each count has its own limit;
the person who is paused is told which of the three applies.
"""

from __future__ import annotations

import enum
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class Pause(enum.Enum):
    ADDRESS_HERE = "address_here"  # this e-mail address from this IP address
    NETWORK = "network"  # this IP address, whatever the e-mail address
    ACCOUNT = "account"  # this e-mail address, from wherever


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The e-mail address tried, as the login form reads it: ``Anna@X`` and ``anna@x`` are one
    account, so changing the case does not start a new count."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field) or request.POST.get(field)
    return str(value).strip().lower() if value else None


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def pause_for(request: HttpRequest, credentials: dict[str, Any] | None = None) -> Pause | None:
    """Which limit, if any, the failures within the cool-off time have reached."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
    username = get_client_username(request, credentials)
    address = request.axes_ip_address  # type: ignore[attr-defined]
    if _failures(recent.filter(username=username, ip_address=address)) >= (
        settings.AXES_FAILURE_LIMIT
    ):
        return Pause.ADDRESS_HERE
    if _failures(recent.filter(ip_address=address)) >= settings.LOGIN_ATTEMPTS_PER_IP:
        return Pause.NETWORK
    if username and _failures(recent.filter(username=username)) >= (
        settings.LOGIN_ATTEMPTS_PER_ACCOUNT
    ):
        return Pause.ACCOUNT
    return None


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler, with the two counts across accounts and across addresses.

    Axes locks when ``get_failures`` reaches ``AXES_FAILURE_LIMIT``; a pause for another
    reason reports that limit. A successful login still clears only the failures of that
    e-mail address from that IP address: logging in to one's own account must not wipe out
    the failures the same IP address had against other accounts."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if failures < settings.AXES_FAILURE_LIMIT and pause_for(request, credentials):
            return int(settings.AXES_FAILURE_LIMIT)
        return failures


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any]
) -> HttpResponse:
    """The login page's answer while logging in is paused: why, and for how long."""
    pause = pause_for(request, credentials) or Pause.ADDRESS_HERE
    reasons = {
        Pause.ADDRESS_HERE: _(
            "There have been too many failed attempts to log in with this e-mail address. For "
            "your safety, logging in is paused for a while."
        ),
        Pause.NETWORK: _(
            "There have been too many failed attempts to log in from your network, to one "
            "account or several. For your safety, logging in from here is paused for a while."
        ),
        Pause.ACCOUNT: _(
            "There have been too many failed attempts to log in to this account, from several "
            "places. For your safety, logging in to it is paused for a while."
        ),
    }
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0
    wait = ngettext(
        "Try again in %(minutes)s minute.", "Try again in %(minutes)s minutes.", minutes
    ) % {"minutes": minutes}
    return render(
        request,
        "accounts/locked_out.html",
        {"reason": reasons[pause], "wait": wait, "pause": pause.value},
        status=429,  # Too Many Requests
    )
