"""Authorization entries for the library: items for everyone signed in, kept by those who
design or run learning; what a meeting brings in follows the meeting."""

from __future__ import annotations

from django.urls import reverse

from tests.authorization.common import (
    FORBIDDEN,
    GROUP_A_MANAGERS,
    GROUP_A_VIEWERS,
    NOT_FOUND,
    OK,
    REDIRECT,
    Entry,
    only,
    outcomes,
    viewers_only,
)
from tests.conftest import World
from tests.library.factories import LibraryItemFactory, MeetingResourceFactory, meeting_of

CURATORS = ["admin", "programme_manager", "facilitator_a", "facilitator_b"]


def _item_slug(world: World) -> str:
    return LibraryItemFactory(slug="matrix-begrip").slug


def _group_a_meeting(world: World) -> int:
    return meeting_of(world.group_a).pk


def _group_a_resource(world: World) -> int:
    return MeetingResourceFactory(meeting=meeting_of(world.group_a)).pk


ENTRIES: dict[str, Entry] = {
    "library:item_list": Entry(lambda w: reverse("library:item_list"), outcomes(OK)),
    "library:item_create": Entry(
        lambda w: reverse("library:item_create"), only(CURATORS, denied=FORBIDDEN)
    ),
    "library:item_detail": Entry(
        lambda w: reverse("library:item_detail", args=[_item_slug(w)]), outcomes(OK)
    ),
    "library:item_edit": Entry(
        lambda w: reverse("library:item_edit", args=[_item_slug(w)]),
        only(CURATORS, denied=FORBIDDEN),
    ),
    "library:meeting_resources": Entry(
        lambda w: reverse("library:meeting_resources", args=[_group_a_meeting(w)]),
        only(GROUP_A_VIEWERS, denied=NOT_FOUND),
    ),
    # Managers get the page back with the form's errors: the request carries no item.
    "library:meeting_resource_add": Entry(
        lambda w: reverse("library:meeting_resource_add", args=[_group_a_meeting(w)]),
        viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS),
        "post",
    ),
    "library:meeting_resource_remove": Entry(
        lambda w: reverse("library:meeting_resource_remove", args=[_group_a_resource(w)]),
        viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS, ok=REDIRECT),
        "post",
    ),
}
