"""Sending, following up and accepting invitations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring import access
from kring.accounts.models import Organisation, User
from kring.core.forms import submit
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.core.views import act
from kring.invitations import selectors, services
from kring.invitations.forms import AcceptInvitationForm, InvitationForm, PersonAddForm
from kring.invitations.models import Invitation
from kring.invitations.tokens import invitation_from_token
from kring.learning import selectors as learning_selectors
from kring.learning.models import Membership
from kring.learning.services import first_meeting_held
from kring.programmes.models import Group, Programme, Role, RoleAssignment


@login_required
def invitation_list(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.LIST, Invitation)
    invitations = access.visible_invitations(request.user).select_related(
        "programme", "group", "organisation"
    )
    page = Paginator(invitations.order_by("-created_at"), 50).get_page(request.GET.get("page"))
    return render(request, "invitations/invitation_list.html", {"page": page})


def _invitable_programmes(user: User) -> QuerySet[Programme]:
    visible = access.visible_programmes(user)
    allowed = [p.pk for p in visible if access.can(user, access.Action.INVITE, p)]
    return Programme.objects.filter(pk__in=allowed)


def _invitable_roles(
    user: User, programmes: QuerySet[Programme], groups: QuerySet[Group]
) -> list[str]:
    """The roles the inviter may offer somewhere: organisation-wide, for one of the programmes,
    or in one of the groups offered (whether it fits the place chosen is checked on sending)."""
    offered = set(access.grantable_roles(user, programme=None, group=None, by_invitation=True))
    for programme in programmes:
        offered |= set(
            access.grantable_roles(user, programme=programme, group=None, by_invitation=True)
        )
    for group in groups:
        offered |= set(
            access.grantable_roles(user, programme=group.programme, group=group, by_invitation=True)
        )
    return [role for role in Role.values if role in offered]


@login_required
@submit_once
def invitation_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    access.require(user, access.Action.CREATE, Invitation)
    programmes = _invitable_programmes(user)
    groups = Group.objects.filter(programme__in=programmes).select_related("programme")
    groups = groups.filter(
        pk__in=[g.pk for g in groups if access.can(user, access.Action.INVITE, g)]
    )
    roles = _invitable_roles(user, programmes, groups)
    chosen_group = groups.filter(pk=_key(request.GET.get("group"))).first()
    if chosen_group is not None:
        # Adding someone to a group, known or new, is one flow.
        return redirect("invitations:group_person_add", pk=chosen_group.pk)
    chosen_programme = programmes.filter(pk=_key(request.GET.get("programme"))).first()
    if chosen_programme is not None and access.can(
        user, access.Action.MANAGE_ROLES, chosen_programme
    ):
        return redirect("invitations:programme_person_add", pk=chosen_programme.pk)
    if (
        chosen_group is None
        and len(groups) == 1
        and not any(
            access.can(user, access.Action.MANAGE_ROLES, programme) for programme in programmes
        )
    ):
        # A facilitator of one group invites into that group.
        chosen_group = groups[0]
    initial = {
        "programme": chosen_group.programme_id if chosen_group else request.GET.get("programme"),
        "group": chosen_group.pk if chosen_group else None,
        "role": request.GET.get("role") or ("participant" if chosen_group else ""),
        "language": user.language,
    }
    role_help = ""
    if Role.FACILITATOR not in roles:
        role_help = _(
            "You invite participants, teachers and guest teachers into a group you facilitate. "
            "New facilitators are invited by the programme manager; a colleague who already has "
            "an account becomes co-facilitator on the group's page."
        )
    met = learning_selectors.groups_that_have_met(
        g.pk for g in groups if g.kind == Group.Kind.LEARNING_GROUP
    )
    form = InvitationForm(
        request.POST or None,
        initial=initial,
        programmes=programmes,
        groups=groups,
        roles=roles,
        role_help=role_help,
        programme_required=not access.can(user, access.Action.CREATE_WITHOUT_PROGRAMME, Invitation),
        late_groups=[g for g in groups if g.pk in met],
    )
    if done := submit(
        form,
        lambda data: services.invitation_send(
            inviter=user,
            email=data["email"],
            full_name=data["full_name"],
            organisation=data["organisation"],
            language=data["language"],
            programme=data["programme"],
            group=data["group"],
            role=data["role"],
            message=data["message"],
            late_join_reason=data.get("late_join_reason", ""),
        ),
    ):
        messages.success(
            request,
            _("An invitation has been sent to %(email)s.") % {"email": done.value.email},
        )
        return redirect("invitations:invitation_list")
    return render(request, "invitations/invitation_form.html", {"form": form})


PLACES = Group.objects.select_related("programme__provider", "programme__client")


@login_required
@submit_once
def group_person_add(request: AuthedRequest, pk: int) -> HttpResponse:
    group = access.get_object(request.user, access.Action.MANAGE_ROLES, PLACES, pk=pk)
    return _person_add(request, group.programme, group)


@login_required
@submit_once
def programme_person_add(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = access.get_object(
        request.user,
        access.Action.MANAGE_ROLES,
        Programme.objects.select_related("provider", "client"),
        pk=pk,
    )
    return _person_add(request, programme, None)


def _key(value: str | None) -> int:
    """A key from the query string, or 0 (which no record has) for anything else."""
    try:
        number = int(value or 0)
    except ValueError:
        return 0
    return number if 0 < number < 2**63 else 0


def _person_add(request: AuthedRequest, programme: Programme, group: Group | None) -> HttpResponse:
    """One page to add someone: search a colleague by name or address (htmx lists the
    matches as one types), or take a new address; then choose the role and send."""
    user = request.user
    params = request.POST if request.method == "POST" else request.GET
    here = request.path
    if request.htmx and request.method == "GET" and "q" in request.GET:
        search = selectors.people_search(
            actor=user, programme=programme, group=group, query=request.GET["q"]
        )
        return render(
            request, "invitations/person_add.html#results", {"search": search, "here": here}
        )
    person = User.objects.filter(is_active=True, pk=_key(params.get("person"))).first()
    new_address = "" if person is not None else params.get("email", "").strip()
    if person is None and not new_address:
        search = selectors.people_search(
            actor=user, programme=programme, group=group, query=request.GET.get("q", "")
        )
        return render(
            request,
            "invitations/person_add.html",
            {"programme": programme, "group": group, "search": search, "here": here},
        )
    if request.method == "GET" and person is None:
        known = User.objects.filter(email=new_address.lower(), is_active=True).first()
        if known is not None:
            return redirect(f"{here}?person={known.pk}")
    learning_group = group is not None and group.kind == Group.Kind.LEARNING_GROUP
    form = PersonAddForm(
        request.POST if request.method == "POST" else None,
        initial={"email": new_address, "language": user.language},
        person=person,
        roles=access.grantable_roles(
            user, programme=programme, group=group, by_invitation=person is None
        ),
        organisations=Organisation.objects.filter(
            pk__in=[pk for pk in (programme.provider_id, programme.client_id) if pk]
        ),
        learning_group=learning_group,
        late=learning_group and group is not None and first_meeting_held(group),
    )

    def add(data: dict[str, Any]) -> Membership | RoleAssignment | Invitation:
        data["manager"] = data.pop("manager_email", None)
        return services.person_add(
            actor=user, programme=programme, group=group, person=person, **data
        )

    if done := submit(form, add):
        messages.success(request, _added_message(done.value))
        if learning_group and group is not None:
            return redirect("learning:cycle", pk=group.pk)
        if group is not None:
            return redirect("programmes:group_detail", pk=group.pk)
        return redirect("programmes:programme_detail", pk=programme.pk)
    return render(
        request,
        "invitations/person_add.html",
        {"programme": programme, "group": group, "form": form, "person": person, "here": here},
        status=400 if form.errors else 200,
    )


def _added_message(added: Membership | RoleAssignment | Invitation) -> str:
    if isinstance(added, Invitation):
        return _("An invitation has been sent to %(email)s.") % {"email": added.email}
    if isinstance(added, Membership):
        return _("%(name)s has been invited and takes part once they confirm.") % {
            "name": added.person.full_name
        }
    return _("%(person)s now has the role %(role)s.") % {
        "person": added.person.full_name,
        "role": added.get_role_display(),
    }


@login_required
@require_POST
def invitation_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = access.get_object(
        request.user, access.Action.REVOKE, Invitation.objects.all(), pk=pk
    )
    act(
        request,
        lambda: services.invitation_revoke(actor=request.user, invitation=invitation),
        success=_("The invitation has been withdrawn."),
    )
    return redirect("invitations:invitation_list")


@login_required
@require_POST
def invitation_resend(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = access.get_object(
        request.user, access.Action.RESEND, Invitation.objects.all(), pk=pk
    )
    act(
        request,
        lambda: services.invitation_resend(actor=request.user, invitation=invitation),
        success=_("The invitation has been sent again."),
    )
    return redirect("invitations:invitation_list")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the link in an invitation e-mail: choose a password and start."""
    invitation = invitation_from_token(token)
    if invitation is not None and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        # Speak the language the invitation was written in, unless the visitor chose one.
        translation.activate(invitation.language)
        request.LANGUAGE_CODE = invitation.language
    problem = services.invitation_problem(invitation)
    if problem or invitation is None:
        return render(
            request, "invitations/invitation_invalid.html", {"problem": problem}, status=410
        )
    if request.user.is_authenticated:
        return render(request, "invitations/invitation_signed_in.html", {"invitation": invitation})
    form = AcceptInvitationForm(
        request.POST or None, initial={"full_name": invitation.full_name}, email=invitation.email
    )
    if done := submit(
        form,
        lambda data: services.invitation_accept(
            invitation=invitation, full_name=data["full_name"], password=data["password1"]
        ),
    ):
        person = done.value
        login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Kring, %(name)s.") % {"name": person.full_name})
        pending = services.pending_group_invitation(person)
        if pending is not None:
            return redirect("learning:membership_respond", pk=pending)
        return redirect("site:dashboard")
    return render(
        request, "invitations/invitation_accept.html", {"form": form, "invitation": invitation}
    )
