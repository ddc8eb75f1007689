"""Authorization entries for sessions. Group A follows an edition of the trajectory as its
cohort. The programme manager (and a platform admin) plans sessions, edits runbooks and sees
the deviations of the edition; group A's facilitator runs its sessions (live mode, learning
points, deviations); group A's participants and the trajectory's teacher see the sessions but
run nothing, edit no runbook and never see deviations; people outside group A do not see its
sessions (404)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from kring.designs.models import (
    Cohort,
    Component,
    Deviation,
    Edition,
    LearningLine,
    RunbookActivity,
    Session,
    SessionStaff,
)
from kring.learning.models import Meeting
from kring.library.models import LibraryItem
from tests.authorization.common import (
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    REDIRECT,
    Entry,
    outcomes,
)
from tests.conftest import World

PLANNERS = ["admin", "programme_manager"]
RUNNERS = ["admin", "programme_manager", "facilitator_a"]
# The teacher on the session's staff runs it too; a teacher of the programme alone does not.
SESSION_RUNNERS = [*RUNNERS, "teacher"]
# Who sees the trajectory's design: its staff and teachers.
DESIGN_VIEWERS = ["admin", "programme_manager", "facilitator_a", "facilitator_b", "teacher"]
SESSION_VIEWERS = ["admin", "programme_manager", "facilitator_a", "participant_a", "teacher"]
PROGRAMME_VIEWERS = [
    "admin", "programme_manager", "facilitator_a", "facilitator_b", "participant_a",
    "participant_b", "client_contact", "teacher", "team_leader",
]  # fmt: skip


def _expect(ok: list[str], seen_by: list[str], ok_outcome: str = OK) -> dict[str, str]:
    """``ok`` succeed, the others in ``seen_by`` are refused (403), the rest get a 404."""
    result = outcomes(NOT_FOUND, anonymous=LOGIN)
    for persona in seen_by:
        result[persona] = FORBIDDEN
    for persona in ok:
        result[persona] = ok_outcome
    return result


def _session(world: World) -> Session:
    found = Session.objects.filter(cohort__group=world.group_a).first()
    if found is not None:
        return found
    edition = Edition.objects.create(
        programme=world.trajectory, number=1, starts_on=datetime.date(2027, 1, 4)
    )
    line = LearningLine.objects.create(edition=edition, title="Leerlijn")
    component = Component.objects.create(
        line=line,
        title="Werkplaats",
        work_form=Component.WorkForm.ONE_DAY_SESSION,
        length=Component.Length.DAY,
        week=1,
    )
    activity = RunbookActivity.objects.create(
        component=component,
        starts_at=datetime.time(9, 30),
        minutes=60,
        title="Intervisie",
        method=LibraryItem.objects.get(slug="incident-method"),
    )
    cohort = Cohort.objects.create(
        edition=edition, group=world.group_a, starts_on=datetime.date(2027, 1, 4)
    )
    starts = timezone.make_aware(datetime.datetime(2027, 1, 4, 9, 30))
    session = Session.objects.create(
        cohort=cohort,
        component=component,
        title="Werkplaats",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
        current_activity=activity,
        current_since=starts,
    )
    SessionStaff.objects.create(
        session=session, person=world.teacher, role=SessionStaff.Role.GUEST_TEACHER
    )
    Deviation.objects.create(
        session=session,
        activity=activity,
        what="Korter",
        why="Onrust",
        recorded_by=world.facilitator_a,
    )
    return session


def _url(name: str, of=lambda s: s.pk, query: str = ""):
    return lambda w: reverse(f"designs_sessions:{name}", args=[of(_session(w))]) + query


def _meeting_url(world: World) -> str:
    meeting, _ = Meeting.objects.get_or_create(
        group=world.group_a, number=1, defaults={"title": "Start"}
    )
    return reverse("designs_sessions:meeting_guided", args=[meeting.pk, "incident-method"])


EDITION = lambda s: s.cohort.edition_id  # noqa: E731
COMPONENT = lambda s: s.component_id  # noqa: E731
ACTIVITY = lambda s: s.current_activity_id  # noqa: E731
# A teacher on the session's staff: seen by whoever sees the session, taken off by planners.
STAFF = lambda s: s.staff.get().pk  # noqa: E731
DEVIATION = lambda s: s.deviations.get().pk  # noqa: E731

ENTRIES = {
    "designs_sessions:programme": Entry(
        url=_url("programme", lambda s: s.cohort.group.programme_id),
        expect=_expect(DESIGN_VIEWERS, PROGRAMME_VIEWERS),
    ),
    "designs_sessions:plan": Entry(
        url=_url("plan", EDITION), expect=_expect(PLANNERS, DESIGN_VIEWERS)
    ),
    "designs_sessions:deviations": Entry(
        url=_url("deviations", EDITION), expect=_expect(PLANNERS, DESIGN_VIEWERS)
    ),
    "designs_sessions:cohort": Entry(
        url=_url("cohort", lambda s: s.cohort_id), expect=_expect(SESSION_VIEWERS, [])
    ),
    "designs_sessions:session": Entry(url=_url("session"), expect=_expect(SESSION_VIEWERS, [])),
    "designs_sessions:session_edit": Entry(
        url=_url("session_edit"), expect=_expect(PLANNERS, SESSION_VIEWERS)
    ),
    "designs_sessions:staff_add": Entry(
        url=_url("staff_add"),
        method="post",
        # Without a person the form comes back with its error.
        expect=_expect(PLANNERS, SESSION_VIEWERS, ok_outcome="400"),
    ),
    "designs_sessions:staff_remove": Entry(
        url=_url("staff_remove", STAFF),
        method="post",
        expect=_expect(PLANNERS, SESSION_VIEWERS, ok_outcome=REDIRECT),
    ),
    "designs_sessions:live": Entry(
        url=_url("live"), expect=_expect(SESSION_RUNNERS, SESSION_VIEWERS)
    ),
    "designs_sessions:live_go": Entry(
        url=_url("live_go"),
        method="post",
        expect=_expect(SESSION_RUNNERS, SESSION_VIEWERS, ok_outcome=REDIRECT),
    ),
    "designs_sessions:live_point": Entry(
        url=_url("live_point"),
        method="post",
        data={"text": "Vragen stellen is lastig."},
        expect=_expect(SESSION_RUNNERS, SESSION_VIEWERS, ok_outcome=REDIRECT),
    ),
    "designs_sessions:live_guided": Entry(
        url=_url("live_guided", query="?round=2"), expect=_expect(SESSION_RUNNERS, SESSION_VIEWERS)
    ),
    "designs_sessions:deviation_add": Entry(
        url=_url("deviation_add"), expect=_expect(SESSION_RUNNERS, SESSION_VIEWERS)
    ),
    # Deviations are for the staff: participants do not even see that there are any.
    "designs_sessions:deviation_observe": Entry(
        url=_url("deviation_observe", DEVIATION),
        method="post",
        expect=_expect(PLANNERS, ["facilitator_a", "facilitator_b"], ok_outcome=REDIRECT),
    ),
    "designs_sessions:runbook": Entry(
        url=_url("runbook", COMPONENT), expect=_expect(DESIGN_VIEWERS, [])
    ),
    "designs_sessions:activity_edit": Entry(
        url=_url("activity_edit", ACTIVITY), expect=_expect(PLANNERS, DESIGN_VIEWERS)
    ),
    "designs_sessions:activity_delete": Entry(
        url=_url("activity_delete", ACTIVITY),
        method="post",
        expect=_expect(PLANNERS, DESIGN_VIEWERS, ok_outcome=REDIRECT),
    ),
    "designs_sessions:meeting_guided": Entry(
        url=_meeting_url,
        expect=_expect(RUNNERS, ["participant_a", "teacher"]),
    ),
}  # fmt: skip
