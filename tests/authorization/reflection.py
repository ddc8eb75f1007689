"""Authorization entries for reflection: assignments, submissions and their files, the
private journal and the excerpts shared from it.

Only the group's insiders (facilitator_a and participant_a for group A) get anywhere. Those
who may see the group but not its reflection (admin, programme manager, teacher) are refused
with 403 on group-level pages; everyone else, and everyone on a confidential object they may
not read, gets 404.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from kring.learning.models import Meeting
from kring.reflection.models import Assignment, JournalEntry, JournalExcerpt, Submission
from tests.authorization.common import (
    GROUP_A_VIEWERS,
    NOT_FOUND,
    OK,
    REDIRECT,
    Entry,
    group_page,
    only,
    outcomes,
    viewers_only,
)
from tests.conftest import World

INSIDERS = ["facilitator_a", "participant_a"]
# The matrix runs without a temporary media directory, so every run shares this one file.
MATRIX_FILE = "reflection/authorization-matrix.png"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _meeting(world: World) -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(group=world.group_a, number=1, title="Start")
    return meeting


def _assignment(world: World) -> Assignment:
    return Assignment.objects.create(
        meeting=_meeting(world),
        title="Een spannend gesprek",
        instructions="Beschrijf een spannend gesprek.",
        due_at=datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=7),
        created_by=world.facilitator_a,
    )


def _submission(world: World) -> Submission:
    """participant_a's case, for the facilitator only, with a picture."""
    if not default_storage.exists(MATRIX_FILE):
        default_storage.save(MATRIX_FILE, ContentFile(PNG))
    return Submission.objects.create(
        assignment=_assignment(world),
        author=world.participant_a,
        form=Submission.Form.TENSE_CONVERSATION,
        title="Casus",
        text="Vertrouwelijk.",
        visibility=Submission.Visibility.FACILITATOR,
        upload=MATRIX_FILE,
        upload_name="casus.png",
        upload_type="image/png",
        upload_size=len(PNG),
    )


def _entry(world: World) -> JournalEntry:
    return JournalEntry.objects.create(
        group=world.group_a, author=world.participant_a, title="Notitie", text="Privé."
    )


def _excerpt(world: World) -> JournalExcerpt:
    entry = _entry(world)
    return JournalExcerpt.objects.create(
        entry=entry, group=entry.group, author=entry.author, text="Gedeeld."
    )


def _url(name: str, make: Callable[[World], Any]) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[make(w).pk])


ENTRIES: dict[str, Entry] = {
    "reflection:overview": Entry(lambda w: reverse("reflection:overview"), outcomes(OK)),
    "reflection:group": Entry(
        lambda w: reverse("reflection:group", args=[w.group_a.pk]),
        viewers_only(GROUP_A_VIEWERS, INSIDERS),
    ),
    "reflection:journal": Entry(
        lambda w: reverse("reflection:journal", args=[w.group_a.pk]),
        viewers_only(GROUP_A_VIEWERS, ["participant_a"]),
    ),
    "reflection:journal_create": Entry(
        lambda w: reverse("reflection:journal_create", args=[w.group_a.pk]),
        viewers_only(GROUP_A_VIEWERS, ["participant_a"]),
    ),
    "reflection:assignment_create": Entry(
        _url("reflection:assignment_create", _meeting),
        viewers_only(GROUP_A_VIEWERS, ["facilitator_a"]),
    ),
    "reflection:assignment_detail": Entry(
        _url("reflection:assignment_detail", _assignment), only(INSIDERS, denied=NOT_FOUND)
    ),
    "reflection:assignment_edit": Entry(
        _url("reflection:assignment_edit", _assignment), viewers_only(INSIDERS, ["facilitator_a"])
    ),
    "reflection:submission_create": Entry(
        _url("reflection:submission_create", _assignment),
        viewers_only(INSIDERS, ["participant_a"]),
    ),
    "reflection:submission_detail": Entry(
        _url("reflection:submission_detail", _submission), only(INSIDERS, denied=NOT_FOUND)
    ),
    "reflection:submission_edit": Entry(
        _url("reflection:submission_edit", _submission), viewers_only(INSIDERS, ["participant_a"])
    ),
    "reflection:submission_file": Entry(
        _url("reflection:submission_file", _submission), only(INSIDERS, denied=NOT_FOUND)
    ),
    "reflection:journal_edit": Entry(
        _url("reflection:journal_edit", _entry), only(["participant_a"], denied=NOT_FOUND)
    ),
    "reflection:excerpt_create": Entry(
        _url("reflection:excerpt_create", _entry), only(["participant_a"], denied=NOT_FOUND)
    ),
    "reflection:excerpt_withdraw": Entry(
        _url("reflection:excerpt_withdraw", _excerpt),
        viewers_only(INSIDERS, ["participant_a"], ok=REDIRECT),
        "post",
    ),
}

# Pages of group A itself: the trajectory's other people are refused with a reason.
for _name in (
    "reflection:group",
    "reflection:journal",
    "reflection:journal_create",
):
    ENTRIES[_name].expect = group_page(ENTRIES[_name].expect)
