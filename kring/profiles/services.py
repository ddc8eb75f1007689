"""Filling in the learning-profile questionnaire: saving part way, completing, retaking.

Every write is the person's own: nobody fills in a profile for someone else.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone

from kring import access
from kring.accounts.models import User
from kring.audit.services import audit_record
from kring.profiles.instrument import INSTRUMENT_VERSION, ITEM_BY_CODE
from kring.profiles.models import LearningProfile
from kring.profiles.scoring import check_answers, score_answers


def _in_progress(person: User) -> LearningProfile:
    """The person's questionnaire in progress, locked for this transaction; started if there
    is none (a retake starts empty: earlier answers would anchor the new ones)."""
    found = (
        LearningProfile.objects.select_for_update()
        .filter(person=person, completed_at__isnull=True)
        .first()
    )
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return LearningProfile.objects.create(
                person=person, instrument_version=INSTRUMENT_VERSION
            )
    except IntegrityError:
        # Started a moment ago in another tab: at most one questionnaire is in progress.
        return LearningProfile.objects.select_for_update().get(
            person=person, completed_at__isnull=True
        )


def _current(answers: Mapping[str, object]) -> dict[str, object]:
    """Answers to statements of the current questionnaire; answers to statements that have
    since been withdrawn from it no longer count."""
    return {code: value for code, value in answers.items() if code in ITEM_BY_CODE}


def profile_save_answers(*, actor: User, answers: Mapping[str, int]) -> LearningProfile:
    """Keep the answers given so far, to continue later. Answers already saved stay unless
    they are given again: nothing someone filled in is lost by saving part of the page."""
    access.require(actor, access.Action.FILL_IN, LearningProfile)
    clean = check_answers(answers, complete=False)
    with transaction.atomic():
        profile = _in_progress(actor)
        profile.answers = {**_current(profile.answers), **clean}
        profile.instrument_version = INSTRUMENT_VERSION
        profile.updated_at = timezone.now()
        profile.save(update_fields=["answers", "instrument_version", "updated_at"])
    return profile


def profile_complete(*, actor: User, answers: Mapping[str, int]) -> LearningProfile:
    """Complete the questionnaire and score it. The answers are saved first, so that when
    some statements are still open (``IncompleteAnswers``) what was given is kept. Earlier
    results stay as they are, with their date; the new one becomes the current profile."""
    saved = profile_save_answers(actor=actor, answers=answers)
    with transaction.atomic():
        profile = LearningProfile.objects.select_for_update().get(pk=saved.pk)
        if profile.is_complete:  # completed meanwhile, in another tab
            return profile
        scored = score_answers(_current(profile.answers))
        now = timezone.now()
        profile.scores = dict(scored.scores)
        profile.completed_at = now
        profile.updated_at = now
        profile.save(update_fields=["scores", "completed_at", "updated_at"])
        audit_record(actor=actor, action="learning_profile.complete", obj=profile)
    return profile
