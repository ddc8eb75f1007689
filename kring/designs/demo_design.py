"""Demo designs: the open programme in its second edition, changed by what facilitators and
teachers observed in the first; and the in-company trajectory, whose design changed while it
ran, each change with its reason. Written in Dutch, like the rest of the demo."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kring.accounts.models import User
from kring.designs import services_design as services
from kring.designs.models import (
    ChangeProposal,
    Cohort,
    Component,
    ComponentStaff,
    DesignVersion,
    Edition,
    LearningLine,
    Observation,
    RunbookActivity,
)
from kring.library.models import LibraryItem
from kring.programmes.models import Group, Programme, Role, RoleAssignment

Why = services.Why
F = Component.WorkForm
L = Component.Length
K = ComponentStaff.Kind


def _moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _items(*slugs: str) -> list[LibraryItem]:
    return list(LibraryItem.objects.filter(slug__in=slugs))


def _build(
    edition: Edition, lines: list[tuple[str, str, list[dict[str, Any]]]]
) -> dict[str, Component]:
    """Lay out a design directly (the first version of a demo design): lines with components,
    each with its staffing and materials. Returns the components by title."""
    made: dict[str, Component] = {}
    for line_order, (title, description, components) in enumerate(lines, start=1):
        line = LearningLine.objects.create(
            edition=edition, title=title, description=description, order=line_order
        )
        for order, spec in enumerate(components, start=1):
            spec = dict(spec)
            staff = spec.pop("staff", [])
            materials = spec.pop("materials", [])
            activities = spec.pop("activities", [])
            component = Component.objects.create(line=line, order=order, **spec)
            component.materials.set(_items(*materials))
            for kind, person, note in staff:
                ComponentStaff.objects.create(
                    component=component, kind=kind, person=person, note=note
                )
            for day, start, minutes, activity in activities:
                RunbookActivity.objects.create(
                    component=component, day=day, starts_at=start, minutes=minutes, title=activity
                )
            made[component.title] = component
    return made


def _first_version(edition: Edition, manager: User, reason: str, when: datetime.date) -> None:
    """The laid-out design as the edition's next version, dated ``when``."""
    services._record_version(
        actor=manager, edition=edition, why=Why(reason=reason, answers="decision")
    )
    DesignVersion.objects.filter(edition=edition).update(created_at=_moment(when))


def _dated(obj: Any, day: datetime.date, field: str = "created_at") -> None:
    type(obj).objects.filter(pk=obj.pk).update(**{field: _moment(day)})


def _date_last(edition: Edition, day: datetime.date) -> None:
    """Date the edition's newest version (a demo change made on ``day``)."""
    newest = edition.versions.order_by("-number").first()
    if newest is not None:
        DesignVersion.objects.filter(pk=newest.pk).update(created_at=_moment(day, 14))


def _staff_group(group: Group, manager: User, *facilitators: User | None) -> None:
    """A cohort the demo adds has its facilitators, as every group needs one."""
    for person in {f for f in facilitators if f is not None}:
        RoleAssignment.objects.create(
            person=person,
            role=Role.FACILITATOR,
            programme=group.programme,
            group=group,
            assigned_by=manager,
        )


def _latest(edition: Edition) -> int:
    edition.refresh_from_db()
    return edition.version


def load(
    *,
    manager: User,
    facilitator: User,
    teacher: User,
    open_programme: Programme,
    open_cohort: Group,
    trajectory: Programme,
    facilitator_b: User | None = None,
) -> dict[str, Edition]:
    """Build both demo designs; returns the editions that cohorts follow now (``open`` and
    ``in_company``), for the session lane's demo to plan from."""
    open_programme.tailoring = Programme.Tailoring.CONFECTION
    open_programme.duration_months = 10
    open_programme.participant_count = 16
    open_programme.system_impact = Programme.SystemImpact.PERSON
    open_programme.save(
        update_fields=["tailoring", "duration_months", "participant_count", "system_impact"]
    )
    trajectory.tailoring = Programme.Tailoring.COUTURE
    trajectory.duration_months = 7
    trajectory.participant_count = 10
    trajectory.system_impact = Programme.SystemImpact.ORGANISATION
    trajectory.save(
        update_fields=["tailoring", "duration_months", "participant_count", "system_impact"]
    )
    return {
        "open": _open_programme(manager, facilitator, teacher, open_programme, open_cohort),
        "in_company": _trajectory(manager, facilitator, teacher, trajectory, facilitator_b),
    }


def _open_programme(
    manager: User, facilitator: User, teacher: User, programme: Programme, cohort_group: Group
) -> Edition:
    first = services.edition_create(
        actor=manager,
        programme=programme,
        name="2026",
        starts_on=datetime.date(2026, 2, 2),
        ends_on=datetime.date(2026, 11, 27),
        spacing_days=14,
    )
    _dated(first, datetime.date(2025, 11, 3))
    DesignVersion.objects.filter(edition=first).update(
        created_at=_moment(datetime.date(2025, 11, 3))
    )
    made = _build(
        first,
        [
            (
                "Leergroepen begeleiden",
                (
                    "Van samenstelling tot oogst: wat een leerbegeleider "
                    "doet in elke fase van een leergroep."
                ),
                [
                    {
                        "title": "Werkplaats 1: leren in groepen",
                        "work_form": F.MULTI_DAY_WORKSHOP,
                        "length": L.TWO_DAYS,
                        "week": 1,
                        "description": (
                            "Tweedaagse start met overnachting: kennismaken, "
                            "eigen leervraag, fasen van groepsleren."
                        ),
                        "staff": [(K.FACILITATOR, facilitator, ""), (K.FIXED_TEACHER, teacher, "")],
                        "materials": ["phases-of-group-learning", "psychological-safety"],
                        "activities": [
                            (1, datetime.time(9, 30), 30, "Opening en kennismaking"),
                            (1, datetime.time(10, 0), 90, "Fasen van groepsleren"),
                            (1, datetime.time(13, 30), 120, "Eigen leervraag scherpstellen"),
                        ],
                    },
                    {
                        "title": "Intervisie in trio's",
                        "work_form": F.INTERVISION,
                        "length": L.HALF_DAY,
                        "week": 5,
                        "staff": [(K.FACILITATOR, facilitator, "")],
                        "materials": ["case-of-a-tense-conversation"],
                    },
                    {
                        "title": "Gastcollege: de lerende organisatie",
                        "work_form": F.GUEST_LECTURE,
                        "length": L.HALF_DAY,
                        "week": 6,
                        "description": (
                            "Waarom leren in groepen de organisatie verandert, en waar het botst."
                        ),
                        "staff": [(K.GUEST_TEACHER, None, "hoogleraar organisatieleren")],
                        "materials": ["pull-of-the-organisation"],
                    },
                    {
                        "title": "Werkplaats 2: reflecteren en oogsten",
                        "work_form": F.MULTI_DAY_WORKSHOP,
                        "length": L.TWO_DAYS,
                        "week": 12,
                        "staff": [(K.FACILITATOR, facilitator, ""), (K.FIXED_TEACHER, teacher, "")],
                        "materials": [
                            "single-and-double-loop-learning",
                            "reflection-in-and-on-action",
                        ],
                    },
                    {
                        "title": "Oogstdag",
                        "work_form": F.HARVEST_DAY,
                        "length": L.DAY,
                        "week": 40,
                        "staff": [(K.FACILITATOR, facilitator, "")],
                    },
                ],
            ),
            (
                "Eigen praktijk",
                "Wat deelnemers tussen de werkplaatsen in hun eigen organisatie doen.",
                [
                    {
                        "title": "Gesprekken met je buddy",
                        "work_form": F.BUDDY_CHECK_IN,
                        "length": L.HOURS,
                        "hours": Decimal("1"),
                        "week": 2,
                        "week_until": 38,
                    },
                    {
                        "title": "Online leeromgeving",
                        "work_form": F.ONLINE,
                        "length": L.HOURS,
                        "hours": Decimal("2"),
                        "week": 1,
                        "week_until": 40,
                        "materials": ["learning-journal"],
                    },
                ],
            ),
        ],
    )
    _first_version(
        first,
        manager,
        "Ontwerp van de eerste editie, besproken met de docenten.",
        datetime.date(2025, 11, 20),
    )
    old_cohort = Group.objects.create(
        programme=programme,
        name="Cohort voorjaar 2026",
        kind=Group.Kind.COHORT,
        description="De deelnemers van de eerste editie.",
    )
    Cohort.objects.create(edition=first, group=old_cohort, starts_on=datetime.date(2026, 2, 2))
    _staff_group(old_cohort, manager, facilitator)
    lecture = made["Gastcollege: de lerende organisatie"]
    observations = [
        (facilitator, Observation.Kind.DID_NOT_WORK, lecture,
         "Het gastcollege in week 6 kwam te vroeg. De deelnemers begeleidden nog geen eigen "
         "leergroep en konden de theorie nergens aan ophangen.", datetime.date(2026, 3, 13)),
        (facilitator, Observation.Kind.GROUP_NEEDED, made["Intervisie in trio's"],
         "De groep wilde eerst oefenen met de incidentmethode voordat ze zelf intervisie "
         "begeleidden.", datetime.date(2026, 3, 6)),
        (teacher, Observation.Kind.WORKED, made["Werkplaats 1: leren in groepen"],
         "De tweedaagse start met overnachting bouwde snel vertrouwen op; houden.",
         datetime.date(2026, 2, 6)),
        (teacher, Observation.Kind.DID_NOT_WORK, made["Oogstdag"],
         "Een hele oogstdag was lang: na de lunch zakte de energie weg.",
         datetime.date(2026, 11, 27)),
    ]  # fmt: skip
    recorded = []
    for author, kind, component, text, day in observations:
        observation = services.observation_create(
            actor=author, edition=first, kind=kind, text=text, component=component
        )
        _dated(observation, day)
        recorded.append(observation)
    later = services.proposal_create(
        actor=manager,
        edition=first,
        text="Het gastcollege naar week 9, na de eerste eigen intervisie.",
        observations=[recorded[0]],
    )
    practice = services.proposal_create(
        actor=manager,
        edition=first,
        text="Een oefenmiddag met de incidentmethode in week 3.",
        observations=[recorded[1]],
    )
    services.proposal_create(
        actor=manager,
        edition=first,
        text="De oogstdag inkorten tot een dagdeel.",
        observations=[recorded[3]],
    )
    online = services.proposal_create(
        actor=manager,
        edition=first,
        text="Werkplaats 2 online houden om reistijd te sparen.",
        observations=[],
    )
    services.proposal_decline(
        actor=manager,
        proposal=online,
        expected_version=online.version,
        decision_note="De werkplaatsen leven van samen zijn; online verliest juist wat werkte.",
    )
    for proposal in ChangeProposal.objects.filter(edition=first):
        _dated(proposal, datetime.date(2026, 11, 30))

    second = services.edition_create(
        actor=manager,
        programme=programme,
        name="2027",
        starts_on=datetime.date(2027, 2, 1),
        ends_on=datetime.date(2027, 11, 26),
    )
    _dated(second, datetime.date(2026, 11, 30))
    _date_last(second, datetime.date(2026, 11, 30))
    copied = {c.title: c for c in Component.objects.filter(line__edition=second)}
    lecture2 = copied["Gastcollege: de lerende organisatie"]
    services.component_update(
        actor=manager,
        component=lecture2,
        expected_version=_latest(second),
        why=Why(
            reason="Deelnemers hebben de theorie pas nodig als ze zelf een leergroep begeleiden.",
            answers=DesignVersion.Answers.OBSERVATION,
            proposal=later,
        ),
        title=lecture2.title,
        work_form=lecture2.work_form,
        length=lecture2.length,
        week=9,
        description=lecture2.description,
    )
    _date_last(second, datetime.date(2026, 12, 1))
    services.component_create(
        actor=manager,
        line=lecture2.line,
        expected_version=_latest(second),
        why=Why(
            reason="Oefenen vóór de eerste eigen intervisie, zoals de groep vroeg.",
            answers=DesignVersion.Answers.OBSERVATION,
            proposal=practice,
        ),
        title="Oefenmiddag incidentmethode",
        work_form=F.CUSTOM,
        custom_work_form="Oefenmiddag",
        length=L.HOURS,
        hours=Decimal("3"),
        week=3,
        materials=_items("case-of-a-tense-conversation"),
    )
    _date_last(second, datetime.date(2026, 12, 1))
    practice_component = Component.objects.get(
        line__edition=second, title="Oefenmiddag incidentmethode"
    )
    services.staff_add(
        actor=manager,
        component=practice_component,
        expected_version=_latest(second),
        why=Why(reason="Lotte begeleidt de intervisie ook."),
        kind=K.FACILITATOR,
        person=facilitator,
    )
    _date_last(second, datetime.date(2026, 12, 2))
    Cohort.objects.create(edition=second, group=cohort_group, starts_on=datetime.date(2027, 2, 1))
    return second


def _trajectory(
    manager: User,
    facilitator: User,
    teacher: User,
    programme: Programme,
    facilitator_b: User | None,
) -> Edition:
    run = services.edition_create(
        actor=manager,
        programme=programme,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 3, 31),
        spacing_days=7,
    )
    DesignVersion.objects.filter(edition=run).update(created_at=_moment(datetime.date(2026, 6, 15)))
    second_facilitator = facilitator_b or facilitator
    made = _build(
        run,
        [
            (
                "Leren in leergroepen",
                "Twee leergroepen van vijf rond een gedeeld vraagstuk uit de eigen praktijk.",
                [
                    {
                        "title": "Startbijeenkomst",
                        "work_form": F.ONE_DAY_SESSION,
                        "length": L.DAY,
                        "week": 1,
                        "staff": [
                            (K.FACILITATOR, facilitator, ""),
                            (K.FACILITATOR, second_facilitator, ""),
                        ],
                    },
                    {
                        "title": "Leergroepbijeenkomsten",
                        "work_form": F.LEARNING_GROUP_MEETING,
                        "length": L.HOURS,
                        "hours": Decimal("2.5"),
                        "week": 3,
                        "week_until": 26,
                        "description": (
                            "Zes bijeenkomsten per leergroep, gepland met de leergroepcyclus."
                        ),
                        "staff": [
                            (K.FACILITATOR, facilitator, ""),
                            (K.FACILITATOR, second_facilitator, ""),
                        ],
                        "materials": ["phases-of-group-learning", "psychological-safety"],
                    },
                ],
            ),
            (
                "Kennis en inspiratie",
                "Inbreng van buiten die de leergroepen voedt.",
                [
                    {
                        "title": "Gastcollege: participatie onder de Omgevingswet",
                        "work_form": F.GUEST_LECTURE,
                        "length": L.HALF_DAY,
                        "week": 8,
                        "staff": [(K.GUEST_TEACHER, teacher, "")],
                        "materials": ["paradoxes-in-public-administration"],
                    },
                    {
                        "title": "Wereldcafé met het directoraat",
                        "work_form": F.WORLD_CAFE,
                        "length": L.HALF_DAY,
                        "week": 20,
                        "description": (
                            "Leergroepen, teamleiders en directie in "
                            "gesprek over wat er geleerd is."
                        ),
                        "staff": [(K.FACILITATOR, facilitator, "")],
                    },
                    {
                        "title": "Oogstdag",
                        "work_form": F.HARVEST_DAY,
                        "length": L.DAY,
                        "week": 30,
                        "staff": [
                            (K.FACILITATOR, facilitator, ""),
                            (K.FACILITATOR, second_facilitator, ""),
                        ],
                    },
                ],
            ),
        ],
    )
    _first_version(
        run,
        manager,
        "Ontwerp afgestemd met de opdrachtgever in het intakegesprek.",
        datetime.date(2026, 7, 1),
    )
    cohort_group = Group.objects.create(
        programme=programme,
        name="Deelnemers Ruimtelijke Ordening",
        kind=Group.Kind.COHORT,
        description="Alle deelnemers van het traject samen, voor de gezamenlijke bijeenkomsten.",
    )
    Cohort.objects.create(edition=run, group=cohort_group, starts_on=datetime.date(2026, 9, 1))
    _staff_group(cohort_group, manager, facilitator, facilitator_b)
    lecture = made["Gastcollege: participatie onder de Omgevingswet"]
    services.component_update(
        actor=manager,
        component=lecture,
        expected_version=_latest(run),
        why=Why(
            reason="Het gastcollege sluit aan op de gedeelde leervraag van leergroep A.",
            answers=DesignVersion.Answers.LEARNING_QUESTION,
            answers_detail="Hoe betrek je bewoners vroeg bij ruimtelijke plannen?",
        ),
        title="Gastcollege: bewoners vroeg betrekken",
        work_form=lecture.work_form,
        length=lecture.length,
        week=lecture.week,
        description="Participatie onder de Omgevingswet, met voorbeelden uit gemeenten.",
    )
    _date_last(run, datetime.date(2026, 9, 25))
    observation = services.observation_create(
        actor=facilitator,
        edition=run,
        kind=Observation.Kind.GROUP_NEEDED,
        text="Beide leergroepen willen een gemeente van binnen zien: hoe gaat vroeg betrekken "
        "daar echt?",
        component=made["Leergroepbijeenkomsten"],
    )
    _dated(observation, datetime.date(2026, 10, 14))
    services.component_create(
        actor=manager,
        line=made["Oogstdag"].line,
        expected_version=_latest(run),
        why=Why(
            reason="Wat de leergroepen nodig hebben: vroeg betrekken in de praktijk zien.",
            answers=DesignVersion.Answers.OBSERVATION,
            observations=[observation],
        ),
        title="Praktijkbezoek bij een gemeente",
        work_form=F.CUSTOM,
        custom_work_form="Praktijkbezoek",
        length=L.HALF_DAY,
        week=12,
    )
    _date_last(run, datetime.date(2026, 10, 20))
    visit = Component.objects.get(line__edition=run, title="Praktijkbezoek bij een gemeente")
    services.staff_add(
        actor=manager,
        component=visit,
        expected_version=_latest(run),
        why=Why(reason="Lotte kent de gemeente Zwolle uit een eerder traject."),
        kind=K.FACILITATOR,
        person=facilitator,
    )
    _date_last(run, datetime.date(2026, 10, 21))
    cafe = made["Wereldcafé met het directoraat"]
    services.component_update(
        actor=manager,
        component=cafe,
        expected_version=_latest(run),
        why=Why(
            reason="De directie wil de opbrengst meenemen in de plannen voor 2027.",
            answers=DesignVersion.Answers.DECISION,
            answers_detail="Stuurgroep van 12 november 2026",
        ),
        title=cafe.title,
        work_form=cafe.work_form,
        length=cafe.length,
        week=16,
        description=cafe.description,
    )
    _date_last(run, datetime.date(2026, 11, 13))
    return run
