"""The one optimistic-locking helper: a write with a stale version changes nothing; a write
with the current version bumps it and, where the model keeps one, its last-modified time."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kring.core.exceptions import EditConflict
from kring.core.locking import save_versioned
from tests.factories import GroupFactory
from tests.learning.factories import MeetingFactory


@pytest.mark.django_db
def test_a_versioned_write_bumps_version_and_last_modified_and_a_stale_one_is_refused():
    meeting = MeetingFactory(
        group=GroupFactory(), updated_at=timezone.now() - datetime.timedelta(days=3)
    )
    earlier = meeting.updated_at
    meeting.location = "Utrecht"
    save_versioned(meeting, expected_version=1, fields=["location"])
    meeting.refresh_from_db()
    assert (meeting.version, meeting.location) == (2, "Utrecht")
    assert meeting.updated_at > earlier

    meeting.location = "Zwolle"
    with pytest.raises(EditConflict):
        save_versioned(meeting, expected_version=1, fields=["location"])
    meeting.refresh_from_db()
    assert meeting.location == "Utrecht"
