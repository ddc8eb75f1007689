from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kring import access
from kring.core.forms import submit, submit_changes
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.programmes import selectors, services
from kring.programmes.forms import GroupForm, ProgrammeForm, RoleChooseForm, RoleRemoveForm
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
        context["assignments"] = selectors.programme_roles(programme)
        context["may_manage_roles"] = access.can(user, access.Action.MANAGE_ROLES, programme)
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
            reason=data["reason"],
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
def programme_role_remove_choose(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = access.get_object(
        request.user, access.Action.MANAGE_ROLES, Programme.objects.all(), pk=pk
    )
    return _role_remove_choose(request, programme, None, selectors.programme_roles(programme))


@login_required
def group_role_remove_choose(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(
        request.user, access.Action.MANAGE_ROLES, Group.objects.select_related("programme"), pk=pk
    )
    return _role_remove_choose(request, group.programme, group, selectors.group_roles(group))


def _role_remove_choose(
    request: AuthedRequest,
    programme: Programme,
    group: Group | None,
    assignments: QuerySet[RoleAssignment],
) -> HttpResponse:
    """One "remove" action for a whole list of people: choose whose role, then confirm it with
    a reason on the confirmation page (which also keeps a group's last facilitator)."""
    form = RoleChooseForm(
        request.GET if "assignment" in request.GET else None, assignments=assignments
    )
    if form.is_valid():
        return redirect("programmes:role_remove", pk=form.cleaned_data["assignment"].pk)
    return render(
        request,
        "programmes/role_remove_choose.html",
        {"programme": programme, "group": group, "form": form},
        status=400 if form.errors else 200,
    )
