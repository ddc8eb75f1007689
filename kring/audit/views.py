from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from kring import access
from kring.audit.models import AuditEntry
from kring.core.types import AuthedRequest


@login_required
def audit_list(request: AuthedRequest) -> HttpResponse:
    """The audit log for platform admins, filterable by action and by confidential reads."""
    access.require(request.user, access.Action.LIST, AuditEntry)
    entries = AuditEntry.objects.select_related("actor")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    if request.GET.get("confidential") == "1":
        entries = entries.filter(confidential=True)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    template = "audit/audit_list.html#entries" if request.htmx else "audit/audit_list.html"
    return render(
        request,
        template,
        {"page": page, "action": action, "confidential": request.GET.get("confidential") == "1"},
    )
