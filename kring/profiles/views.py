from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from kring import access
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.profiles import charts, readings, selectors, services
from kring.profiles.forms import QuestionnaireForm, item_numbers
from kring.profiles.instrument import ITEMS, Kind
from kring.profiles.models import LearningProfile
from kring.profiles.scoring import IncompleteAnswers


def _result_context(result: LearningProfile) -> dict[str, Any]:
    """The chart and the reading of a completed questionnaire, in the reader's language."""
    language = get_language()
    profile = result.profile
    return {
        "result": result,
        "chart": charts.profile_chart(
            profile,
            language=language,
            titles={Kind.PREFERENCE: _("Learning preferences"), Kind.HABIT: _("Thinking habits")},
        ),
        "reading": readings.read(profile, language),
    }


@login_required
def overview(request: AuthedRequest) -> HttpResponse:
    """My learning profile: the latest result, earlier ones, and the questionnaire."""
    access.require(request.user, access.Action.FILL_IN, LearningProfile)
    user = request.user
    current = selectors.my_current_profile(user)
    in_progress = selectors.my_questionnaire_in_progress(user)
    context: dict[str, Any] = {
        "current": current,
        "history": selectors.my_profile_history(user),
        "in_progress": in_progress,
        "answered": len(in_progress.answers) if in_progress else 0,
        "total": len(ITEMS),
    }
    if current is not None:
        context.update(_result_context(current))
    return render(request, "profiles/overview.html", context)


@login_required
@submit_once
def questionnaire(request: AuthedRequest) -> HttpResponse:
    """Fill in the questionnaire on one page; save part way or complete it."""
    access.require(request.user, access.Action.FILL_IN, LearningProfile)
    in_progress = selectors.my_questionnaire_in_progress(request.user)
    form = QuestionnaireForm(
        request.POST or None, initial=in_progress.answers if in_progress else {}
    )
    open_items: list[tuple[str, int]] = []
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "save":
            services.profile_save_answers(actor=request.user, answers=form.answers())
            messages.success(
                request, _("Your answers have been saved. You can finish the questionnaire later.")
            )
            return redirect("profiles:overview")
        try:
            result = services.profile_complete(actor=request.user, answers=form.answers())
        except IncompleteAnswers as incomplete:
            form.mark_open(incomplete.missing)
            numbers = item_numbers()
            open_items = [(code, numbers[code]) for code in incomplete.missing]
            messages.warning(
                request,
                ngettext(
                    "Your answers so far have been saved. %(count)d statement still needs an "
                    "answer.",
                    "Your answers so far have been saved. %(count)d statements still need an "
                    "answer.",
                    len(open_items),
                )
                % {"count": len(open_items)},
            )
        else:
            messages.success(request, _("Your learning profile is ready."))
            return redirect("profiles:result", pk=result.pk)
    return render(
        request,
        "profiles/questionnaire.html",
        {
            "form": form,
            "in_progress": in_progress,
            "open_items": open_items,
            "total": len(ITEMS),
            "retake": selectors.my_current_profile(request.user) is not None,
        },
    )


@login_required
def result(request: AuthedRequest, pk: int) -> HttpResponse:
    """One completed result, current or earlier. Only its owner opens it."""
    found = access.get_object(
        request.user,
        access.Action.VIEW,
        LearningProfile.objects.filter(completed_at__isnull=False),
        pk=pk,
    )
    current = selectors.my_current_profile(request.user)
    return render(
        request,
        "profiles/result.html",
        {
            **_result_context(found),
            "is_current": current is not None and current.pk == found.pk,
            "current": current,
        },
    )
