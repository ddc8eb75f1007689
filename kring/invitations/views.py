"""Sending, following up and accepting invitations."""

from __future__ import annotations

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
from kring.accounts.models import User
from kring.core.forms import submit
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.core.views import act
from kring.invitations import services
from kring.invitations.forms import AcceptInvitationForm, InvitationForm
from kring.invitations.models import Invitation
from kring.invitations.tokens import invitation_from_token
from kring.programmes.models import Group, Programme, Role


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
    chosen_group = groups.filter(pk=request.GET.get("group") or 0).first()
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
    form = InvitationForm(
        request.POST or None,
        initial=initial,
        programmes=programmes,
        groups=groups,
        roles=roles,
        role_help=role_help,
        programme_required=not access.can(user, access.Action.CREATE_WITHOUT_PROGRAMME, Invitation),
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
        ),
    ):
        messages.success(
            request,
            _("An invitation has been sent to %(email)s.") % {"email": done.value.email},
        )
        return redirect("invitations:invitation_list")
    return render(request, "invitations/invitation_form.html", {"form": form})


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
