"""Load Kring's fictional Dutch demo data once. A second run changes nothing, so whatever
people did in the demo stays. Refused in production: demo accounts never reach a real
database."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from kring.accounts.models import Organisation, User
from kring.designs import demo_design, demo_sessions, demo_teachers
from kring.learning.services import standard_template_create
from kring.profiles.demo import load_pool_profiles_demo, load_profiles_demo
from kring.programmes.models import Group, Programme, Role, RoleAssignment
from kring.site.management.commands._demo_availability import load_availability_demo
from kring.site.management.commands._demo_formation import load_formation_demo
from kring.site.management.commands._demo_learning import load_learning_demo, load_today_demo
from kring.site.management.commands._demo_notifications import load_notifications_demo

DEMO_PASSWORD = "demo"
PROVIDER = "Opleidingsinstituut Het Lindehuis"
MINISTRY = "Ministerie van Wonen en Leefomgeving"
NATIONAL = "Landelijk Steunpunt Mantelzorg"

# (e-mail, name, organisation, job title)
PEOPLE = [
    ("beheer@demo.kring", "Bram Beheer", PROVIDER, "Functioneel beheerder"),
    ("programmamanager@demo.kring", "Petra van Dijk", PROVIDER, "Programmamanager"),
    ("leerbegeleider@demo.kring", "Lotte Bakker", PROVIDER, "Leerbegeleider"),
    ("leerbegeleider2@demo.kring", "Jeroen Visser", PROVIDER, "Leerbegeleider"),
    ("docent@demo.kring", "Ahmed El Amrani", PROVIDER, "Docent veranderkunde"),
    ("opdrachtgever@demo.kring", "Marieke de Boer", MINISTRY, "Directeur Ruimtelijke Ordening"),
    ("teamleider@demo.kring", "Koen Jansen", MINISTRY, "Teamleider beleid"),
    ("deelnemer1@demo.kring", "Sanne Mulder", MINISTRY, "Senior beleidsmedewerker"),
    ("deelnemer2@demo.kring", "Daan Smit", MINISTRY, "Beleidsmedewerker"),
    ("deelnemer3@demo.kring", "Fatima Yilmaz", MINISTRY, "Beleidsmedewerker"),
    ("deelnemer4@demo.kring", "Tom Hendriks", MINISTRY, "Beleidsmedewerker"),
    ("deelnemer5@demo.kring", "Eva de Vries", MINISTRY, "Senior beleidsmedewerker"),
    ("deelnemer6@demo.kring", "Ruben Bos", MINISTRY, "Projectleider"),
    ("deelnemer7@demo.kring", "Noor Peters", MINISTRY, "Projectleider"),
    ("deelnemer8@demo.kring", "Joris van Leeuwen", MINISTRY, "Programmasecretaris"),
    ("deelnemer9@demo.kring", "Lisa Dekker", MINISTRY, "Projectleider"),
    ("deelnemer10@demo.kring", "Mohamed Bouzid", MINISTRY, "Senior projectleider"),
    ("coordinator.noord@demo.kring", "Ingrid Kramer", NATIONAL, "Regiocoördinator Noord"),
    ("coordinator.zuid@demo.kring", "Wim Verbeek", NATIONAL, "Regiocoördinator Zuid"),
]


class Command(BaseCommand):
    help = "Load the fictional demo data (only into an empty installation)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the installation already has data (used by 'make run').",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The demo is a Dutch organisation: its texts are written in Dutch, whatever
        # language the process happens to have active.
        with translation.override(settings.LANGUAGE_CODE):
            self._load(**options)

    def _load(self, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded into a production installation.")
        if User.objects.filter(email="beheer@demo.kring").exists():
            self.stdout.write("Demo data is already there; nothing changed.")
            return
        if options["if_empty"] and User.objects.exists():
            self.stdout.write("This installation has its own data; demo data not loaded.")
            return
        with transaction.atomic():
            load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))


def load_demo() -> None:
    provider = Organisation.objects.create(
        name=PROVIDER,
        kind=Organisation.Kind.PROVIDER,
        description="Fictief opleidingsinstituut voor leren in organisaties.",
    )
    ministry = Organisation.objects.create(
        name=MINISTRY,
        kind=Organisation.Kind.CLIENT,
        description="Fictief ministerie; opdrachtgever van een incompanytraject.",
    )
    national = Organisation.objects.create(
        name=NATIONAL,
        kind=Organisation.Kind.CLIENT,
        description="Fictieve landelijke organisatie met regiocoördinatoren in het hele land.",
    )
    organisations = {PROVIDER: provider, MINISTRY: ministry, NATIONAL: national}
    for created in organisations.values():
        standard_template_create(organisation=created)
    people: dict[str, User] = {}
    for email, name, organisation, title in PEOPLE:
        person = User.objects.create_user(
            email,
            DEMO_PASSWORD,
            full_name=name,
            organisation=organisations[organisation],
            job_title=title,
            is_staff=email == "beheer@demo.kring",
            is_superuser=email == "beheer@demo.kring",
        )
        people[email.split("@")[0]] = person

    manager = people["programmamanager"]
    trajectory = Programme.objects.create(
        name="Samen leren in de beleidspraktijk",
        kind=Programme.Kind.IN_COMPANY,
        provider=provider,
        client=ministry,
        status=Programme.Status.ACTIVE,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 3, 31),
        description=(
            "Incompanytraject voor beleidsmedewerkers en projectleiders van het directoraat "
            "Ruimtelijke Ordening. Collega's leren in kleine leergroepen van en met elkaar, "
            "aan de hand van een gedeeld vraagstuk uit hun eigen praktijk: hoe betrek je "
            "gemeenten en bewoners vroeg bij ruimtelijke plannen?"
        ),
        created_by=manager,
    )
    open_programme = Programme.objects.create(
        name="Leergang Leerbegeleider – editie 2027",
        kind=Programme.Kind.OPEN,
        provider=provider,
        status=Programme.Status.DRAFT,
        starts_on=datetime.date(2027, 2, 1),
        ends_on=datetime.date(2027, 11, 30),
        description=(
            "Open leergang voor professionals die leergroepen en intervisie in hun eigen "
            "organisatie willen begeleiden. Vier tweedaagse werkplaatsen, intervisie tussendoor "
            "en een oogstdag aan het eind."
        ),
        created_by=manager,
    )
    regional = Programme.objects.create(
        name="Regiocoördinatoren in verbinding",
        kind=Programme.Kind.IN_COMPANY,
        provider=provider,
        client=national,
        status=Programme.Status.DRAFT,
        starts_on=datetime.date(2027, 4, 1),
        description=(
            "Verkennend traject: regiocoördinatoren uit het hele land wisselen uit hoe zij "
            "vrijwilligers ondersteunen. De intakegesprekken worden nu gepland."
        ),
        created_by=manager,
    )
    group_a = Group.objects.create(
        programme=trajectory,
        name="Leergroep A – Vroeg betrekken",
        kind=Group.Kind.LEARNING_GROUP,
        description="Vijf beleidsmedewerkers rond de vraag hoe je bewoners vroeg betrekt.",
    )
    group_b = Group.objects.create(
        programme=trajectory,
        name="Leergroep B – Samenwerken met gemeenten",
        kind=Group.Kind.LEARNING_GROUP,
        description="Vijf projectleiders rond samenwerking met gemeenten in de uitvoering.",
    )
    cohort = Group.objects.create(
        programme=open_programme,
        name="Cohort voorjaar 2027",
        kind=Group.Kind.COHORT,
        description="De deelnemers die de leergang samen doorlopen.",
    )

    def give(
        person: User, role: str, programme: Programme | None, group: Group | None = None
    ) -> None:
        RoleAssignment.objects.create(
            person=person, role=role, programme=programme, group=group, assigned_by=manager
        )

    give(manager, Role.PROGRAMME_MANAGER, None)
    for programme in (trajectory, open_programme, regional):
        give(manager, Role.PROGRAMME_MANAGER, programme)
    give(people["leerbegeleider"], Role.FACILITATOR, trajectory, group_a)
    give(people["leerbegeleider2"], Role.FACILITATOR, trajectory, group_b)
    give(people["leerbegeleider"], Role.FACILITATOR, open_programme, cohort)
    give(people["leerbegeleider"], Role.TEACHER, open_programme, cohort)
    give(people["docent"], Role.TEACHER, trajectory)
    give(people["docent"], Role.TEACHER, open_programme, cohort)
    give(people["opdrachtgever"], Role.CLIENT_CONTACT, trajectory)
    give(people["opdrachtgever"], Role.STEERING_MEMBER, trajectory)
    give(people["teamleider"], Role.TEAM_LEADER, trajectory)
    give(people["teamleider"], Role.COCREATION_MEMBER, trajectory)
    for number in range(1, 6):
        give(people[f"deelnemer{number}"], Role.PARTICIPANT, trajectory, group_a)
    for number in range(6, 11):
        give(people[f"deelnemer{number}"], Role.PARTICIPANT, trajectory, group_b)
    give(people["deelnemer1"], Role.COCREATION_MEMBER, trajectory)
    give(people["coordinator.noord"], Role.CLIENT_CONTACT, regional)
    give(people["coordinator.zuid"], Role.COCREATION_MEMBER, regional)
    load_learning_demo(
        people=people, group_a=group_a, group_b=group_b, facilitator_a=people["leerbegeleider"]
    )
    load_today_demo(
        people=people, trajectory=trajectory, facilitator=people["leerbegeleider"], manager=manager
    )
    load_availability_demo(people=people)
    load_formation_demo(
        trajectory=trajectory, ministry=ministry, facilitator=people["leerbegeleider"]
    )
    load_profiles_demo(people=people)
    load_pool_profiles_demo()
    load_notifications_demo(people=people, group_a=group_a)
    editions = demo_design.load(
        manager=manager,
        facilitator=people["leerbegeleider"],
        facilitator_b=people["leerbegeleider2"],
        teacher=people["docent"],
        open_programme=open_programme,
        open_cohort=cohort,
        trajectory=trajectory,
    )
    # The design's dates: the open programme's cohort gets its sessions and runbooks, and its
    # teacher the briefings and notes back that go with them.
    demo_sessions.load(edition=editions["open"], groups=[cohort])
    in_company = editions["in_company"].cohorts.select_related("group").get()
    for key, person in people.items():
        # The whole trajectory follows its workshops; the learning groups meet in between.
        if key.startswith("deelnemer") and person.organisation == ministry:
            RoleAssignment.objects.get_or_create(
                person=person,
                role=Role.PARTICIPANT,
                programme=trajectory,
                group=in_company.group,
                defaults={"assigned_by": manager},
            )
    demo_teachers.load(
        sessions=demo_sessions.load(edition=editions["in_company"], groups=[in_company.group]),
        facilitator=people["leerbegeleider"],
        teacher=people["docent"],
        manager=manager,
    )
