"""Demo sessions: the cohorts of an edition get their sessions from its design, the
components get runbooks (one with the incident method, run as guided rounds in live mode),
and one session has a recorded deviation and a few captured learning points. In Dutch, like
the rest of the demo. Written through the services, so the audit log shows who did what."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from kring.accounts.models import User
from kring.designs import selectors_sessions as selectors
from kring.designs import services_sessions as services
from kring.designs.models import Cohort, Component, Edition, RunbookActivity, Session
from kring.library.models import LibraryItem
from kring.programmes.models import Group, Role, RoleAssignment

T = datetime.time

# (start, minutes, activity, method slug, who leads, materials), per kind of component.
WORKSHOP_DAY = [
    (T(9, 30), 30, "Inchecken: waar sta je nu?", "", "leerbegeleider", "Kaartjes met vragen"),
    (T(10, 0), 75, "Theorie: leren in groepen", "phases-of-group-learning", "docent", "Slides"),
    (T(11, 15), 15, "Pauze", "", "", ""),
    (
        T(11, 30),
        60,
        "Intervisie oefenen met de incidentmethode",
        "incident-method",
        "leerbegeleider",
        "Een incident per deelnemer, op één kaartje",
    ),
    (T(12, 30), 45, "Lunch", "", "", ""),
    (T(13, 15), 90, "Oefenen: een leergroep begeleiden", "", "docent", "Casussen uit de groep"),
    (T(14, 45), 15, "Pauze", "", "", ""),
    (T(15, 0), 60, "Leerpunten oogsten", "", "leerbegeleider", "Flip-over"),
    (T(16, 0), 30, "Uitchecken en vooruitblik", "", "leerbegeleider", ""),
]
DAY_TWO = [
    (T(9, 30), 30, "Terugblik op dag 1", "", "leerbegeleider", ""),
    (
        T(10, 0),
        75,
        "Een ronde actieleren",
        "action-learning",
        "leerbegeleider",
        "Eigen vraagstukken",
    ),
    (T(11, 15), 15, "Pauze", "", "", ""),
    (T(11, 30), 60, "Begeleiden oefenen in trio's", "", "docent", "Observatieformulier"),
    (T(12, 30), 45, "Lunch", "", "", ""),
    (T(13, 15), 105, "Je eigen leergroep voorbereiden", "", "docent", ""),
    (T(15, 0), 60, "Leerpunten oogsten en afsluiten", "", "leerbegeleider", "Flip-over"),
]
SHORT = [
    (T(9, 30), 20, "Opening en doel van vandaag", "", "leerbegeleider", ""),
    (T(9, 50), 90, "Verdieping", "", "docent", "Leesstuk vooraf"),
    (T(11, 20), 40, "Terugblik: wat neem je mee?", "", "leerbegeleider", ""),
]
CAFE = [
    (
        T(13, 30),
        90,
        "Wereldcafé met opdrachtgevers en collega's",
        "world-cafe",
        "leerbegeleider",
        "Papieren tafelkleden, stiften",
    ),
    (T(15, 0), 30, "Oogst van de tafels", "", "leerbegeleider", "Flip-over"),
]


def _runbook_for(component: Component) -> list[tuple[Any, ...]]:
    if component.work_form == Component.WorkForm.WORLD_CAFE:
        return CAFE
    if component.length in {Component.Length.DAY, Component.Length.TWO_DAYS}:
        return WORKSHOP_DAY
    return SHORT


def _manager(edition: Edition) -> User:
    found = (
        RoleAssignment.objects.filter(role=Role.PROGRAMME_MANAGER, programme=edition.programme)
        .select_related("person")
        .first()
    )
    if found is not None:
        return found.person
    assert edition.programme.created_by is not None
    return edition.programme.created_by


def _facilitator(group: Group) -> User | None:
    found = (
        RoleAssignment.objects.filter(role=Role.FACILITATOR, group=group)
        .select_related("person")
        .first()
    )
    return found.person if found else None


def load_runbooks(*, edition: Edition, manager: User) -> None:
    """A runbook for every dated component of the edition that has none yet."""
    methods = {item.slug: item for item in LibraryItem.objects.all()}
    for component in selectors.design_components(edition):
        if (
            component.work_form in selectors.LEARNING_CYCLE_FORMS
            or component.work_form in selectors.UNDATED_FORMS
            or component.activities.exists()
        ):
            continue
        steps = _runbook_for(component)
        days = range(1, component.days + 1)
        for day in days:
            for starts_at, minutes, title, slug, lead, materials in steps if day == 1 else DAY_TWO:
                services.activity_create(
                    actor=manager,
                    component=component,
                    day=day,
                    starts_at=starts_at,
                    minutes=minutes,
                    title=title,
                    method=methods.get(slug),
                    lead=lead,
                    materials=materials,
                )


def load(
    *,
    edition: Edition,
    groups: list[Group] | None = None,
    starts_on: datetime.date | None = None,
) -> list[Session]:
    """Runbooks for the edition's components, then sessions for its cohorts: the given cohort
    groups, or the programme's cohort groups (a group that already follows an edition keeps
    its own). The first cohort's first session gets a deviation and learning points."""
    manager = _manager(edition)
    load_runbooks(edition=edition, manager=manager)
    programme = edition.programme
    if groups is None:
        groups = list(
            Group.objects.filter(programme=programme, kind=Group.Kind.COHORT).order_by("pk")
        )
    first_day = starts_on or edition.starts_on or programme.starts_on or timezone.localdate()
    created: list[Session] = []
    for group in groups:
        cohort = Cohort.objects.filter(group=group).first()
        if cohort is not None and cohort.edition_id != edition.pk:
            continue
        _cohort, sessions = services.sessions_instantiate(
            actor=manager,
            edition=edition,
            starts_on=cohort.starts_on if cohort else first_day,
            cohort=cohort,
            group=None if cohort else group,
            location="Zalencentrum De Kring, Utrecht",
        )
        created += sessions
    if created:
        _record_first_session(created[0], manager)
    return created


def _record_first_session(session: Session, manager: User) -> None:
    facilitator = _facilitator(session.cohort.group)
    actor = facilitator or manager
    activities = list(
        RunbookActivity.objects.filter(component=session.component).order_by("day", "starts_at")
    )
    if len(activities) >= 2:
        services.deviation_record(
            actor=actor,
            session=session,
            activity=activities[1],
            what=(
                "De theorie ingekort tot een kwartier; de rest van de tijd hebben we "
                "stilgestaan bij de reorganisatie waar drie deelnemers middenin zitten."
            ),
            why=(
                "Bij het inchecken bleek de onrust zo groot dat niemand met zijn hoofd bij de "
                "stof was. Een verstoring gaat voor: eerst dat bespreken gaf daarna ruimte."
            ),
        )
    for text in (
        "Een incident kort houden helpt: hoe minder achtergrond, hoe scherper de vragen.",
        "Alleen vragen stellen is lastiger dan het lijkt; we schieten snel in adviezen.",
    ):
        services.session_point_add(actor=actor, session=session, text=text)
