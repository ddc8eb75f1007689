"""Authorization entries for the learning profile (L3).

Everyone signed in has their own learning profile: the overview and the questionnaire open for
all of them and show only their own. A result page opens for its owner alone: participant_a's
result is a 404 for every other persona (facilitator, programme manager, teacher, client
contact, team leader, platform admin included), so that it does not even betray its existence.
"""

from __future__ import annotations

from django.urls import reverse

from tests.authorization.common import NOT_FOUND, OK, Entry, only, outcomes
from tests.conftest import World
from tests.profiles.helpers import completed_profile


def _result_of_participant_a(world: World) -> str:
    return reverse("profiles:result", args=[completed_profile(world.participant_a).pk])


ENTRIES: dict[str, Entry] = {
    "profiles:overview": Entry(lambda w: reverse("profiles:overview"), outcomes(OK)),
    "profiles:questionnaire": Entry(lambda w: reverse("profiles:questionnaire"), outcomes(OK)),
    "profiles:result": Entry(_result_of_participant_a, only(["participant_a"], denied=NOT_FOUND)),
}
