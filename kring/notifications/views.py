"""The notifications page and opening a notification: a person's own only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring import access
from kring.core.types import AuthedRequest
from kring.notifications import explain, selectors, services
from kring.notifications.models import Notification

PAGE_SIZE = 25


@login_required
def notification_list(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.LIST, Notification)
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(n, explain.text(n)) for n in page.object_list]
    return render(request, "notifications/list.html", {"page": page, "rows": rows})


@login_required
def notification_open(request: AuthedRequest, pk: int) -> HttpResponse:
    """Follow a notification to what it is about; it counts as read from then on."""
    notification = access.get_object(
        request.user, access.Action.VIEW, Notification.objects.all(), pk=pk
    )
    services.notification_open(actor=request.user, notification=notification)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect(link)
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_mark_all_read(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.LIST, Notification)
    if services.notifications_mark_all_read(actor=request.user):
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")
