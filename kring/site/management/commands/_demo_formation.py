"""Demo content for forming learning groups: an open pool of forty colleagues of the
directorate-general for housing who signed up for learning groups in the in-company
trajectory, with their work, their managers, their usual week, a few colleagues they would
rather not meet in a group, and two rules of the facilitator."""
# ruff: noqa: E501

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from kring.accounts.models import Organisation, User
from kring.availability.services import set_weekly_slots
from kring.formation.models import PairRule, Pool, PoolEntry, RatherNot
from kring.programmes.models import Programme

POOL_PASSWORD = "demo"
DG = "Ministerie / DG Wonen"

# (number, name, job title, task, unit under the DG, layer, manager's number or None)
POOL_PEOPLE = [
    (
        1,
        "Hanneke Vermeulen",
        "Afdelingsmanager Woningbouw",
        "leidinggeven",
        "Directie Woningbouw",
        4,
        None,
    ),
    (
        2,
        "Pieter de Groot",
        "Teamleider Woningbouw Noord",
        "leidinggeven",
        "Directie Woningbouw / Team Noord",
        3,
        1,
    ),
    (
        3,
        "Iris van den Berg",
        "Beleidsmedewerker",
        "beleidsadvies woningbouw",
        "Directie Woningbouw / Team Noord",
        1,
        2,
    ),
    (
        4,
        "Thijs Kuipers",
        "Senior beleidsmedewerker",
        "beleidsadvies woningbouw",
        "Directie Woningbouw / Team Noord",
        2,
        2,
    ),
    (
        5,
        "Marloes Jacobs",
        "Beleidsmedewerker",
        "beleidsadvies woningbouw",
        "Directie Woningbouw / Team Noord",
        1,
        2,
    ),
    (
        6,
        "Youssef Amrani",
        "Beleidsmedewerker",
        "beleidsadvies woningbouw",
        "Directie Woningbouw / Team Noord",
        1,
        2,
    ),
    (
        7,
        "Femke Hoekstra",
        "Data-analist",
        "data-analyse en monitoring",
        "Directie Woningbouw / Team Noord",
        2,
        2,
    ),
    (
        8,
        "Gert-Jan Mulder",
        "Projectleider",
        "projectleiding",
        "Directie Woningbouw / Team Noord",
        2,
        2,
    ),
    (
        9,
        "Samira Benali",
        "Teamleider Woningbouw Zuid",
        "leidinggeven",
        "Directie Woningbouw / Team Zuid",
        3,
        1,
    ),
    (
        10,
        "Wouter Schouten",
        "Beleidsmedewerker",
        "beleidsadvies woningbouw",
        "Directie Woningbouw / Team Zuid",
        1,
        9,
    ),
    (
        11,
        "Esther Postma",
        "Senior beleidsmedewerker",
        "beleidsadvies woningbouw",
        "Directie Woningbouw / Team Zuid",
        2,
        9,
    ),
    (
        12,
        "Rik van Dam",
        "Beleidsmedewerker",
        "beleidsadvies woningbouw",
        "Directie Woningbouw / Team Zuid",
        1,
        9,
    ),
    (
        13,
        "Naomi Verhoeven",
        "Beleidsmedewerker",
        "beleidsadvies woningbouw",
        "Directie Woningbouw / Team Zuid",
        1,
        9,
    ),
    (
        14,
        "Jasper Wijnands",
        "Projectleider",
        "projectleiding",
        "Directie Woningbouw / Team Zuid",
        2,
        9,
    ),
    (
        15,
        "Lotte Prins",
        "Data-analist",
        "data-analyse en monitoring",
        "Directie Woningbouw / Team Zuid",
        1,
        9,
    ),
    (
        16,
        "Erik Brouwer",
        "Afdelingsmanager Huurbeleid",
        "leidinggeven",
        "Directie Huurbeleid",
        4,
        None,
    ),
    (
        17,
        "Anouk Willems",
        "Teamleider Huurprijzen",
        "leidinggeven",
        "Directie Huurbeleid / Team Huurprijzen",
        3,
        16,
    ),
    (
        18,
        "Bram Hermans",
        "Beleidsmedewerker",
        "beleidsadvies huurbeleid",
        "Directie Huurbeleid / Team Huurprijzen",
        1,
        17,
    ),
    (
        19,
        "Sophie de Wit",
        "Senior beleidsmedewerker",
        "beleidsadvies huurbeleid",
        "Directie Huurbeleid / Team Huurprijzen",
        2,
        17,
    ),
    (
        20,
        "Kevin Dijkstra",
        "Beleidsmedewerker",
        "beleidsadvies huurbeleid",
        "Directie Huurbeleid / Team Huurprijzen",
        1,
        17,
    ),
    (
        21,
        "Merel Timmermans",
        "Jurist",
        "juridisch advies",
        "Directie Huurbeleid / Team Huurprijzen",
        2,
        17,
    ),
    (
        22,
        "Ozan Yildiz",
        "Beleidsmedewerker",
        "beleidsadvies huurbeleid",
        "Directie Huurbeleid / Team Huurprijzen",
        1,
        17,
    ),
    (
        23,
        "Charlotte Maas",
        "Data-analist",
        "data-analyse en monitoring",
        "Directie Huurbeleid / Team Huurprijzen",
        1,
        17,
    ),
    (
        24,
        "Bas Koster",
        "Teamleider Corporaties",
        "leidinggeven",
        "Directie Huurbeleid / Team Corporaties",
        3,
        16,
    ),
    (
        25,
        "Linda Evers",
        "Senior beleidsmedewerker",
        "beleidsadvies huurbeleid",
        "Directie Huurbeleid / Team Corporaties",
        2,
        24,
    ),
    (
        26,
        "Tim van Rijn",
        "Beleidsmedewerker",
        "beleidsadvies huurbeleid",
        "Directie Huurbeleid / Team Corporaties",
        1,
        24,
    ),
    (
        27,
        "Hatice Kaya",
        "Beleidsmedewerker",
        "beleidsadvies huurbeleid",
        "Directie Huurbeleid / Team Corporaties",
        1,
        24,
    ),
    (
        28,
        "Joost Bosman",
        "Jurist",
        "juridisch advies",
        "Directie Huurbeleid / Team Corporaties",
        2,
        24,
    ),
    (
        29,
        "Annemiek Vos",
        "Projectleider",
        "projectleiding",
        "Directie Huurbeleid / Team Corporaties",
        2,
        24,
    ),
    (
        30,
        "Stijn Claassen",
        "Beleidsmedewerker",
        "beleidsadvies huurbeleid",
        "Directie Huurbeleid / Team Corporaties",
        1,
        24,
    ),
    (
        31,
        "Yvonne Smits",
        "Afdelingsmanager Bouwregelgeving",
        "leidinggeven",
        "Directie Bouwregelgeving",
        4,
        None,
    ),
    (
        32,
        "Ruud Martens",
        "Coördinator bouwregels",
        "leidinggeven",
        "Directie Bouwregelgeving / Team Bouwbesluit",
        3,
        31,
    ),
    (
        33,
        "Eline Groen",
        "Jurist",
        "juridisch advies",
        "Directie Bouwregelgeving / Team Bouwbesluit",
        2,
        32,
    ),
    (
        34,
        "Daan Meijer",
        "Jurist",
        "juridisch advies",
        "Directie Bouwregelgeving / Team Bouwbesluit",
        1,
        32,
    ),
    (
        35,
        "Priya Ramdin",
        "Beleidsmedewerker",
        "beleidsadvies bouwregels",
        "Directie Bouwregelgeving / Team Bouwbesluit",
        1,
        32,
    ),
    (
        36,
        "Maarten Kok",
        "Senior beleidsmedewerker",
        "beleidsadvies bouwregels",
        "Directie Bouwregelgeving / Team Bouwbesluit",
        2,
        32,
    ),
    (
        37,
        "Sarah Lammers",
        "Jurist",
        "juridisch advies",
        "Directie Bouwregelgeving / Team Bouwbesluit",
        1,
        32,
    ),
    (
        38,
        "Niels Bakker",
        "Beleidsmedewerker",
        "beleidsadvies bouwregels",
        "Directie Bouwregelgeving / Team Bouwbesluit",
        1,
        32,
    ),
    (39, "Fleur van Wijk", "Communicatieadviseur", "communicatieadvies", "Staf DG", 2, None),
    (40, "Jan-Willem Peeters", "Data-analist", "data-analyse en monitoring", "Staf DG", 2, None),
]

# Usual weekly moments per directorate (slot 0 = Monday morning … 14 = Friday afternoon);
# each person keeps most of them and adds one or two of their own.
UNIT_SLOTS = {
    "Directie Woningbouw": [1, 3, 4, 7, 9, 10],
    "Directie Huurbeleid": [0, 2, 5, 6, 8, 11],
    "Directie Bouwregelgeving": [3, 4, 9, 12, 13],
    "Staf DG": [1, 4, 6, 9, 10],
}

RATHER_NOT = [(5, 3), (12, 13), (27, 26), (35, 38)]
TOGETHER = [(18, 19, "Werken samen aan het dossier huurbevriezing en willen dat samen verdiepen.")]
APART = [(10, 11, "Coachen elkaar al in een intervisieduo; beter ieder een eigen groep.")]
CONSENT_RECORDED = {
    8: "Per e-mail op 12 november",
    29: "In het teamoverleg van 10 november",
    40: "Telefonisch op 14 november",
}


def _email(number: int) -> str:
    return f"pool{number:02d}@demo.kring"


def load_formation_demo(
    *, trajectory: Programme, ministry: Organisation, facilitator: User
) -> Pool:
    """The open pool of the in-company trajectory, with forty people signed up."""
    people: dict[int, User] = {}
    for number, name, title, *_rest in POOL_PEOPLE:
        people[number] = User.objects.create_user(
            _email(number),
            POOL_PASSWORD,
            full_name=name,
            organisation=ministry,
            job_title=title,
        )
    pool = Pool.objects.create(
        programme=trajectory,
        name="Leergroepen voorjaar 2027",
        description=(
            "In het voorjaar starten nieuwe leergroepen binnen DG Wonen. Je leert met vier à vijf "
            "collega's met een vergelijkbare taak van situaties uit je eigen werk, rond een "
            "vraagstuk dat jullie samen kiezen. Meld je aan als je mee wilt doen; na de "
            "aanmeldtermijn stelt de programmamanager de groepen samen."
        ),
        status=Pool.Status.OPEN,
        closes_on=timezone.localdate() + datetime.timedelta(days=21),
        created_by=facilitator,
    )
    rng = random.Random(2027)
    signed_up_at = timezone.now() - datetime.timedelta(days=6)
    for number, _name, _title, task, unit, layer, manager in POOL_PEOPLE:
        person = people[number]
        note = CONSENT_RECORDED.get(number, "")
        PoolEntry.objects.create(
            pool=pool,
            person=person,
            task=task,
            work_context=f"{DG} / {unit}",
            layer=layer,
            manager=people[manager] if manager else None,
            status=PoolEntry.Status.SIGNED_UP,
            signed_up_at=signed_up_at + datetime.timedelta(hours=3 * number),
            added_by=facilitator if note else person,
            consent_recorded_by=facilitator if note else None,
            consent_note=note,
        )
        usual = UNIT_SLOTS[unit.split(" / ")[0]]
        kept = [slot for slot in usual if rng.random() < 0.75]
        extra = rng.sample([s for s in range(15) if s not in usual], k=rng.randint(1, 2))
        set_weekly_slots(person, sorted(set(kept + extra)))
    entries = {e.person_id: e for e in pool.entries.all()}
    for number, other in RATHER_NOT:
        RatherNot.objects.create(entry=entries[people[number].pk], other=people[other])
    for first, second, note in TOGETHER:
        PairRule.objects.create(
            pool=pool,
            kind=PairRule.Kind.TOGETHER,
            first=people[first],
            second=people[second],
            note=note,
            created_by=facilitator,
        )
    for first, second, note in APART:
        PairRule.objects.create(
            pool=pool,
            kind=PairRule.Kind.APART,
            first=people[first],
            second=people[second],
            note=note,
            created_by=facilitator,
        )
    return pool
