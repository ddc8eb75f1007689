"""The pages that bring every area together: where a signed-in person starts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.forms import OrganisationForm
from kring.accounts.models import Organisation
from kring.core.forms import submit
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.invitations.models import Invitation
from kring.learning.models import SeriesTemplate
from kring.programmes.models import Programme
from kring.programmes.selectors import my_programmes, organisation_roles
from kring.site import selectors, services


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("site:dashboard")
    return redirect("accounts:login")


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    """What is due for me now, by the roles I hold; then my programmes and groups."""
    user = request.user
    context = {
        "dash": selectors.dashboard_for(user),
        "cards": my_programmes(user),
        "organisation_roles": organisation_roles(user),
        "may_create_programme": access.can(user, access.Action.CREATE, Programme),
        "may_invite": access.can(user, access.Action.CREATE, Invitation),
        "may_design_cycles": access.can(user, access.Action.LIST, SeriesTemplate),
        "is_admin": access.is_admin(user),
    }
    return render(request, "site/dashboard.html", context)


@login_required
@submit_once
def organisation_create(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.CREATE, Organisation)
    form = OrganisationForm(request.POST or None)
    if submit(form, lambda data: services.organisation_create(actor=request.user, **data)):
        messages.success(request, _("The organisation has been added."))
        return redirect("accounts:organisation_list")
    return render(request, "accounts/organisation_form.html", {"form": form})
