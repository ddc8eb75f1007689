"""Pages for an organisation's rooms: the list with a form to add one, editing a room and
taking it out of use. Each view resolves its objects through the permission policy."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kring import access
from kring.accounts.models import Organisation
from kring.core.forms import submit, submit_changes
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.rooms import selectors, services
from kring.rooms.forms import RoomForm
from kring.rooms.models import Room

ROOMS = Room.objects.select_related("organisation")


@login_required
def rooms_home(request: AuthedRequest) -> HttpResponse:
    """The rooms of one's own organisation."""
    organisation = request.user.organisation
    if organisation is None or not access.can(request.user, access.RoomAction.MANAGE, organisation):
        raise PermissionDenied(_("Only your organisation's programme managers keep its rooms."))
    return redirect("rooms:list", pk=organisation.pk)


@login_required
@submit_once
def room_list(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not access.can(request.user, access.Action.VIEW, organisation):
        raise Http404
    access.require(request.user, access.RoomAction.MANAGE, organisation)
    form = RoomForm(request.POST or None)

    def create(data: dict[str, Any]) -> tuple[Room, int]:
        data.pop("version", None)
        return services.room_create(actor=request.user, organisation=organisation, **data)

    if done := submit(form, create):
        room, linked = done.value
        messages.success(request, _("The room %(name)s has been added.") % {"name": room})
        if linked:
            messages.info(
                request,
                ngettext(
                    "%(count)s meeting still to come had this room's name as its place: "
                    "it now takes place in the room.",
                    "%(count)s meetings still to come had this room's name as their place: "
                    "they now take place in the room.",
                    linked,
                )
                % {"count": linked},
            )
        return redirect("rooms:list", pk=organisation.pk)
    return render(
        request,
        "rooms/rooms.html",
        {
            "organisation": organisation,
            "rooms": selectors.rooms_of(organisation),
            "archived": selectors.rooms_of(organisation, archived=True),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def room_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    room = access.get_object(request.user, access.Action.CHANGE, ROOMS, pk=pk)
    edit = submit_changes(
        RoomForm(request.POST or None, instance=room),
        lambda **data: services.room_update(actor=request.user, room=room, **data),
    )
    if edit.done:
        messages.success(request, _("The room has been saved."))
        return redirect("rooms:list", pk=room.organisation_id)
    return render(
        request,
        "rooms/room_form.html",
        {
            "form": edit.form,
            "room": room,
            "organisation": room.organisation,
            "saved_meanwhile": edit.saved_meanwhile,
        },
        status=400 if edit.form.errors else 200,
    )


@login_required
@require_POST
def room_archive(request: AuthedRequest, pk: int) -> HttpResponse:
    room = access.get_object(request.user, access.Action.REMOVE, ROOMS, pk=pk)
    upcoming = services.room_archive(actor=request.user, room=room)
    messages.success(
        request, _("%(name)s is no longer offered for meetings.") % {"name": room.name}
    )
    if upcoming:
        messages.warning(
            request,
            ngettext(
                "%(count)s meeting still to come takes place there: choose another place for it.",
                "%(count)s meetings still to come take place there: choose another place for them.",
                upcoming,
            )
            % {"count": upcoming},
        )
    return redirect("rooms:list", pk=room.organisation_id)
