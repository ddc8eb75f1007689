from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kring import access
from kring.accounts.models import Invitation
from kring.accounts.services import language_set
from kring.core.types import AuthedRequest
from kring.learning.models import Membership, SeriesTemplate
from kring.programmes.models import Programme
from kring.programmes.selectors import my_programmes, organisation_roles


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return redirect("accounts:login")


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    """What's next for me: my programmes and groups, by the roles I hold there."""
    user = request.user
    context = {
        "cards": my_programmes(user),
        "organisation_roles": organisation_roles(user),
        "may_create_programme": access.can(user, "create", Programme),
        "may_invite": access.can(user, "create", Invitation),
        "may_design_cycles": access.can(user, "list", SeriesTemplate),
        "pending_memberships": Membership.objects.filter(
            person=user, status=Membership.Status.INVITED
        ).select_related("group__programme"),
        "open_invitations": (
            Invitation.objects.open().filter(invited_by=user).count()
            if access.can(user, "list", Invitation)
            else 0
        ),
    }
    return render(request, "core/dashboard.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in person keeps the choice in their profile."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        messages.error(request, _("This language is not available."))
        return response
    if request.user.is_authenticated:
        language_set(person=request.user, language=language)
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 60 * 60,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    return response


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: the failure may lie in what a context needs.
    return HttpResponse(loader.get_template("errors/500.html").render({}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)
