from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring import access
from kring.core.forms import submit, submit_changes
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.programmes import selectors, services
from kring.programmes.forms import GroupForm, ProgrammeForm, RoleAssignForm, RoleRemoveForm
from kring.programmes.models import Group, Programme, RoleAssignment


@login_required
def programme_list(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.LIST, Programme)
    return render(
        request,
        "programmes/programme_list.html",
        {
            "programmes": selectors.programme_list(request.user),
            "may_create": access.can(request.user, access.Action.CREATE, Programme),
        },
    )


@login_required
@submit_once
def programme_create(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.CREATE, Programme)
    initial = {}
    if request.user.organisation_id:
        initial["provider"] = request.user.organisation_id
    form = ProgrammeForm(request.POST or None, initial=initial, creating=True)
    if done := submit(form, lambda data: services.programme_create(actor=request.user, **data)):
        messages.success(request, _("The programme has been created."))
        return redirect("programmes:programme_detail", pk=done.value.pk)
    return render(request, "programmes/programme_form.html", {"form": form})


def _role_form(
    request: AuthedRequest, programme: Programme, group: Group | None = None, data: Any = None
) -> RoleAssignForm:
    roles = access.grantable_roles(
        request.user, programme=programme, group=group, by_invitation=False
    )
    return RoleAssignForm(data, roles=roles)


def _roles_context(
    request: AuthedRequest, programme: Programme, form: RoleAssignForm | None
) -> dict[str, object]:
    may_manage = access.can(request.user, access.Action.MANAGE_ROLES, programme)
    return {
        "programme": programme,
        "assignments": selectors.programme_roles(programme),
        "may_manage_roles": may_manage,
        "role_form": form or (_role_form(request, programme) if may_manage else None),
    }


@login_required
def programme_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = access.get_object(
        request.user,
        access.Action.VIEW,
        Programme.objects.select_related("client", "provider"),
        pk=pk,
    )
    user = request.user
    context = {
        "programme": programme,
        "groups": selectors.programme_groups(user, programme),
        "may_change": access.can(user, access.Action.CHANGE, programme),
        "may_add_group": access.can(user, access.Action.ADD_GROUP, programme),
        "may_invite": access.can(user, access.Action.INVITE, programme),
        "may_view_people": access.can(user, access.Action.VIEW_PEOPLE, programme),
    }
    if context["may_view_people"]:
        context.update(_roles_context(request, programme, None))
    return render(request, "programmes/programme_detail.html", context)


@login_required
def programme_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = access.get_object(
        request.user, access.Action.CHANGE, Programme.objects.all(), pk=pk
    )
    form = ProgrammeForm(request.POST or None, instance=programme)
    edit = submit_changes(
        form, partial(services.programme_update, actor=request.user, programme=programme)
    )
    if edit.done:
        messages.success(request, _("The programme has been saved."))
        return redirect("programmes:programme_detail", pk=programme.pk)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": edit.form, "programme": programme, "saved_meanwhile": edit.saved_meanwhile},
    )


@login_required
@require_POST
def programme_role_add(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = access.get_object(
        request.user, access.Action.MANAGE_ROLES, Programme.objects.all(), pk=pk
    )
    form = _role_form(request, programme, data=request.POST)
    if submit(
        form,
        lambda data: services.role_assign(
            actor=request.user, person=data["email"], role=data["role"], programme=programme
        ),
    ):
        messages.success(request, _("The role has been added."))
        form = _role_form(request, programme)
    if request.htmx:
        return render(
            request,
            "programmes/programme_detail.html#roles",
            _roles_context(request, programme, form),
        )
    if form.errors:
        for field_errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in field_errors))
    return redirect("programmes:programme_detail", pk=programme.pk)


@login_required
def role_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    """A page that says what removing the role means, and removes it on confirmation."""
    user = request.user
    assignment = access.get_object(
        user,
        access.Action.REMOVE,
        RoleAssignment.objects.select_related("programme", "group__programme", "person"),
        pk=pk,
    )
    last_facilitator = selectors.is_last_facilitator(assignment)
    group = assignment.group
    may_leave = (
        last_facilitator and group is not None and access.may_leave_without_facilitator(user, group)
    )
    form = RoleRemoveForm(
        request.POST if request.POST.get("confirm") else None, offer_leaving=may_leave
    )
    if submit(
        form,
        lambda data: services.role_remove(
            actor=user,
            assignment=assignment,
            leave_without_facilitator=data.get("leave_without_facilitator", False),
        ),
    ):
        messages.success(
            request,
            _("%(person)s no longer has the role %(role)s.")
            % {"person": assignment.person, "role": assignment.get_role_display()},
        )
        if assignment.group_id:
            return redirect("programmes:group_detail", pk=assignment.group_id)
        return redirect("programmes:programme_detail", pk=assignment.programme_id)
    return render(
        request,
        "programmes/role_remove.html",
        {
            "assignment": assignment,
            "programme": assignment.programme,
            "group": group,
            "own": assignment.person_id == user.pk,
            "last_facilitator": last_facilitator,
            "blocked": last_facilitator and not may_leave,
            "form": form,
        },
    )


@login_required
@submit_once
def group_create(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = access.get_object(
        request.user, access.Action.ADD_GROUP, Programme.objects.all(), pk=pk
    )
    form = GroupForm(request.POST or None, creating=True)
    if done := submit(
        form, lambda data: services.group_create(actor=request.user, programme=programme, **data)
    ):
        messages.success(request, _("The group has been created."))
        return redirect("programmes:group_detail", pk=done.value.pk)
    return render(request, "programmes/group_form.html", {"form": form, "programme": programme})


@login_required
def group_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(
        request.user, access.Action.VIEW, Group.objects.select_related("programme"), pk=pk
    )
    may_manage = access.can(request.user, access.Action.MANAGE_ROLES, group)
    return render(
        request,
        "programmes/group_detail.html",
        {
            "group": group,
            "programme": group.programme,
            "assignments": selectors.group_roles(group),
            "may_change": access.can(request.user, access.Action.CHANGE, group),
            "may_manage_roles": may_manage,
            "may_invite": access.can(request.user, access.Action.INVITE, group),
            "role_form": _role_form(request, group.programme, group) if may_manage else None,
        },
    )


@login_required
def group_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(
        request.user, access.Action.CHANGE, Group.objects.select_related("programme"), pk=pk
    )
    form = GroupForm(request.POST or None, instance=group)
    edit = submit_changes(form, partial(services.group_update, actor=request.user, group=group))
    if edit.done:
        messages.success(request, _("The group has been saved."))
        return redirect("programmes:group_detail", pk=group.pk)
    return render(
        request,
        "programmes/group_form.html",
        {
            "form": edit.form,
            "programme": group.programme,
            "group": group,
            "saved_meanwhile": edit.saved_meanwhile,
        },
    )


@login_required
@require_POST
def group_role_add(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(
        request.user, access.Action.MANAGE_ROLES, Group.objects.select_related("programme"), pk=pk
    )
    form = _role_form(request, group.programme, group, data=request.POST)
    if submit(
        form,
        lambda data: services.role_assign(
            actor=request.user,
            person=data["email"],
            role=data["role"],
            programme=group.programme,
            group=group,
        ),
    ):
        messages.success(request, _("The role has been added."))
    if form.errors:
        for field_errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in field_errors))
    return redirect("programmes:group_detail", pk=group.pk)
