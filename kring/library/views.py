from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from kring import access
from kring.core.exceptions import EditConflict
from kring.core.forms import submit, submit_changes
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.learning.models import Meeting
from kring.library import selectors, services
from kring.library.forms import LibraryItemForm, LibrarySearchForm, MeetingResourceForm
from kring.library.models import LibraryItem, MeetingResource


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("group__programme")


@login_required
def item_list(request: AuthedRequest) -> HttpResponse:
    """The library, filtered by kind and search words; htmx gets just the results."""
    access.require(request.user, access.Action.LIST, LibraryItem)
    form = LibrarySearchForm(request.GET)
    filters = form.filters()
    context = {
        "form": form,
        "items": list(selectors.library_search(**filters)),
        "filtered": bool(filters["query"] or filters["kind"]),
        "may_create": access.can(request.user, access.Action.CREATE, LibraryItem),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "library/item_list.html#results" if partial else "library/item_list.html"
    response = render(request, template, context)
    # The same address answers with a fragment or a page; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@submit_once
def item_create(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.CREATE, LibraryItem)
    form = LibraryItemForm(request.POST or None, creating=True)
    if done := submit(form, lambda data: services.library_item_create(actor=request.user, **data)):
        messages.success(request, _("The item has been added to the library."))
        return redirect("library:item_detail", slug=done.value.slug)
    return render(request, "library/item_form.html", {"form": form})


@login_required
def item_detail(request: AuthedRequest, slug: str) -> HttpResponse:
    item = access.get_object(request.user, access.Action.VIEW, LibraryItem.objects.all(), slug=slug)
    return render(
        request,
        "library/item_detail.html",
        {
            "item": item,
            "may_change": access.can(request.user, access.Action.CHANGE, item),
            "meetings_to_prepare": selectors.meetings_to_prepare(request.user),
        },
    )


@login_required
def item_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    item = access.get_object(
        request.user, access.Action.CHANGE, LibraryItem.objects.all(), slug=slug
    )
    form = LibraryItemForm(request.POST or None, instance=item)

    def update(**data: Any) -> None:
        try:
            services.library_item_update(actor=request.user, item=item, **data)
        except (EditConflict, ValidationError):
            # The service changed the instance in memory; show what is saved, not the attempt.
            item.refresh_from_db()
            raise

    edit = submit_changes(form, update)
    if edit.done:
        messages.success(request, _("The item has been saved."))
        return redirect("library:item_detail", slug=item.slug)
    return render(
        request,
        "library/item_form.html",
        {"form": edit.form, "item": item, "saved_meanwhile": edit.saved_meanwhile},
    )


def _resources_page(
    request: AuthedRequest, meeting: Meeting, form: MeetingResourceForm | None
) -> HttpResponse:
    may_manage = access.can(request.user, access.Action.CHANGE, meeting)
    if may_manage and form is None:
        form = MeetingResourceForm(meeting=meeting, initial={"item": request.GET.get("item")})
    return render(
        request,
        "library/meeting_resources_page.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "resources": selectors.meeting_resources(meeting),
            "may_manage_resources": may_manage,
            "form": form if may_manage else None,
        },
    )


@login_required
def meeting_resources(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.get_object(request.user, access.Action.VIEW, _meetings(), pk=meeting_id)
    return _resources_page(request, meeting, None)


@login_required
@require_POST
@submit_once
def meeting_resource_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.get_object(request.user, access.Action.CHANGE, _meetings(), pk=meeting_id)
    form = MeetingResourceForm(request.POST, meeting=meeting)
    if submit(
        form,
        lambda data: services.meeting_resource_attach(
            actor=request.user, meeting=meeting, item=data["item"], note=data["note"]
        ),
    ):
        messages.success(
            request,
            _("%(item)s has been added to this meeting.") % {"item": form.cleaned_data["item"]},
        )
        return redirect("library:meeting_resources", meeting_id=meeting.pk)
    return _resources_page(request, meeting, form)


@login_required
@require_POST
def meeting_resource_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    resource = access.get_object(
        request.user,
        access.Action.REMOVE,
        MeetingResource.objects.select_related("item", "meeting__group__programme"),
        pk=pk,
    )
    meeting = resource.meeting
    services.meeting_resource_detach(actor=request.user, resource=resource)
    resources_url = reverse("library:meeting_resources", args=[meeting.pk])
    if request.htmx and resources_url not in (request.htmx.current_url or ""):
        # The list sits on another page (the meeting's own): answer with just the list.
        return render(
            request,
            "library/meeting_resources.html",
            {
                "meeting": meeting,
                "resources": selectors.meeting_resources(meeting),
                "may_manage_resources": True,
                "removed": resource.item.title,
            },
        )
    messages.success(
        request, _("%(item)s has been taken out of this meeting.") % {"item": resource.item}
    )
    if request.htmx:
        # On the library's own page the choice of items changes too: reload it whole.
        return HttpResponseClientRefresh()
    return redirect(resources_url)
