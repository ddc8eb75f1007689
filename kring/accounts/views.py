from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring import access
from kring.accounts import services
from kring.accounts.forms import LoginForm, OrganisationForm, ProfileForm
from kring.accounts.models import Organisation
from kring.core.forms import submit
from kring.core.types import AuthedRequest


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        """A language chosen on the login page is the person's choice: keep it."""
        response = super().form_valid(form)
        chosen = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in dict(settings.LANGUAGES):
            services.language_set(person=form.get_user(), language=chosen)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    use_https = settings.HTTPS


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    person = request.user
    access.require(person, access.Action.CHANGE, person)
    form = ProfileForm(request.POST or None, instance=person)
    if submit(
        form,
        lambda data: services.profile_update(
            actor=person,
            person=person,
            full_name=data["full_name"],
            job_title=data["job_title"],
            language=data["language"],
        ),
    ):
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "person": person})


# --- Organisations (platform admins) -----------------------------------------------------------


@login_required
def organisation_list(request: AuthedRequest) -> HttpResponse:
    access.require(request.user, access.Action.LIST, Organisation)
    query = request.GET.get("q", "").strip()
    organisations = Organisation.objects.all()
    if query:
        organisations = organisations.filter(Q(name__icontains=query))
    organisations = organisations.annotate(people_count=Count("people"))
    return render(
        request,
        "accounts/organisation_list.html",
        {"organisations": organisations, "query": query},
    )


@login_required
def organisation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = access.get_object(
        request.user, access.Action.CHANGE, Organisation.objects.all(), pk=pk
    )
    form = OrganisationForm(request.POST or None, instance=organisation)
    if submit(
        form,
        lambda data: services.organisation_update(
            actor=request.user, organisation=organisation, **data
        ),
    ):
        messages.success(request, _("The organisation has been saved."))
        return redirect("accounts:organisation_list")
    return render(
        request, "accounts/organisation_form.html", {"form": form, "organisation": organisation}
    )


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
        services.language_set(person=request.user, language=language)
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
