from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render

from kring import access
from kring.audit import describe
from kring.audit.forms import AuditFilterForm
from kring.audit.models import AuditEntry
from kring.core.types import AuthedRequest

PER_PAGE = 50


@login_required
def audit_list(request: AuthedRequest) -> HttpResponse:
    """The audit log for platform admins, in words and local time, filterable by person,
    object, action and period; paged."""
    access.require(request.user, access.Action.LIST, AuditEntry)
    form = AuditFilterForm(request.GET)
    entries = AuditEntry.objects.select_related("actor")
    if form.is_valid():
        data = form.cleaned_data
        for word in data["person"].split():
            entries = entries.filter(
                Q(actor__full_name__icontains=word) | Q(actor__email__icontains=word)
            )
        for word in data["object"].split():
            entries = entries.filter(object_repr__icontains=word)
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["start"]:
            entries = entries.filter(at__date__gte=data["start"])
        if data["end"]:
            entries = entries.filter(at__date__lte=data["end"])
        if data["confidential"]:
            entries = entries.filter(confidential=True)
    else:
        entries = entries.none()
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {"entry": e, "text": describe.describe(e), "reason": describe.reason(e)}
        for e in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    template = "audit/audit_list.html#entries" if request.htmx else "audit/audit_list.html"
    return render(
        request,
        template,
        {"page": page, "rows": rows, "form": form, "query": query.urlencode()},
        status=400 if form.errors else 200,
    )
