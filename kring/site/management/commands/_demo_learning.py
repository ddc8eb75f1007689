"""Demo content for learning groups A and B (group A is halfway through its cycle), and an
intervision group whose meeting began earlier today."""
# ruff: noqa: E501

from __future__ import annotations

import datetime

from django.utils import timezone

from kring.accounts.models import User
from kring.learning.models import (
    AbsenceNotice,
    AgreementAcknowledgement,
    AgreementVersion,
    Attendance,
    Cycle,
    FacilitatorNote,
    Intensity,
    Intention,
    Intervention,
    LearningPoint,
    LearningQuestionVersion,
    Meeting,
    Membership,
)
from kring.learning.selectors import standard_template
from kring.programmes.models import Group, Programme, Role, RoleAssignment
from kring.reflection.models import Assignment, JournalEntry, JournalExcerpt, Submission
from kring.rooms.models import Room

GROUP_A_PROFILES = {
    "deelnemer1": (
        "beleidsadvies participatie",
        "Ministerie / DG Ruimte / Directie Omgeving / Team Participatie",
        2,
        "structuring",
    ),
    "deelnemer2": (
        "beleidsadvies participatie",
        "Ministerie / DG Ruimte / Directie Omgeving / Team Participatie",
        1,
        "structuring",
    ),
    "deelnemer3": (
        "beleidsadvies participatie",
        "Ministerie / DG Ruimte / Directie Omgeving / Team Gebieden",
        1,
        "directive",
    ),
    "deelnemer4": (
        "beleidsadvies participatie",
        "Ministerie / DG Ruimte / Directie Omgeving / Team Gebieden",
        1,
        "",
    ),
    "deelnemer5": (
        "beleidsadvies participatie",
        "Ministerie / DG Ruimte / Directie Omgeving / Team Participatie",
        2,
        "light",
    ),
}
GROUP_B_PROFILES = {
    "deelnemer6": (
        "projectleiding gebiedsontwikkeling",
        "Ministerie / DG Ruimte / Directie Uitvoering / Team Zuid",
    ),
    "deelnemer7": (
        "projectleiding gebiedsontwikkeling",
        "Ministerie / DG Ruimte / Directie Uitvoering / Team Zuid",
    ),
    "deelnemer8": ("programmasecretariaat", "Ministerie / DG Ruimte / Directie Uitvoering / Staf"),
    "deelnemer9": (
        "projectleiding gebiedsontwikkeling",
        "Ministerie / DG Ruimte / Directie Uitvoering / Team Noord",
    ),
    "deelnemer10": (
        "projectleiding gebiedsontwikkeling",
        "Ministerie / DG Ruimte / Directie Uitvoering / Team Noord",
    ),
}

POINTS = {
    1: [
        (
            "We merken dat 'vroeg betrekken' voor ieder van ons iets anders betekent: informeren, raadplegen of samen ontwerpen.",
            "",
            "second",
        ),
        (
            "Ik ga te snel naar oplossingen als een bewoner boos is; eerst vragen wat er speelt.",
            "single",
            "first",
        ),
    ],
    2: [
        (
            "In alle vier de situaties lag het plan eigenlijk al vast toen bewoners aan tafel kwamen. Dan voelt inspraak als schijn.",
            "double",
            "third",
        ),
        (
            "De planning van de directie laat geen ruimte voor een open begin; dat is een patroon, geen toeval.",
            "double",
            "third",
        ),
        (
            "Doorvragen op wat iemand echt belangrijk vindt, levert meer op dan het plan nog eens uitleggen.",
            "single",
            "first",
        ),
    ],
    3: [
        (
            "Onze aanname was dat bewoners vooral informatie missen. Uit de casussen blijkt dat ze vooral invloed missen.",
            "double",
            "second",
        ),
        (
            "We willen het gesprek met de directeur aangaan over ruimte in de planning vóór het eerste ontwerp.",
            "",
            "third",
        ),
        (
            "Ik merk dat ik in overleggen met gemeenten mijn eigen twijfels wegpoets. Dat maakt me minder geloofwaardig.",
            "single",
            "first",
        ),
    ],
}

COMMITMENTS = {
    1: [
        (
            "deelnemer1",
            "In het overleg over het windpark eerst drie vragen stellen voordat ik iets uitleg.",
            "done",
            "Werkte verrassend goed; de wethouder vertelde zelf over de zorgen in het dorp.",
        ),
        (
            "deelnemer2",
            "Een rijke beschrijving maken van de informatieavond in Zwaagdijk.",
            "done",
            "Gedaan en ingebracht in bijeenkomst 2.",
        ),
        (
            "deelnemer3",
            "Bij mijn teamleider navragen waarom de planning zo vastligt.",
            "partly",
            "Kort gesproken, gesprek loopt nog.",
        ),
        (
            "deelnemer5",
            "Een bewoner bellen die afhaakte, alleen om te luisteren.",
            "not_done",
            "Kwam er door de begroting niet aan toe.",
        ),
    ],
    2: [
        (
            "deelnemer1",
            "In mijn volgende projectplan een fase 'open verkennen' opnemen.",
            "changed",
            "Niet in het plan, wel besproken met de projectleider.",
        ),
        (
            "deelnemer2",
            "Bij de volgende bijeenkomst met bewoners de vraag openlaten in plaats van varianten te tonen.",
            "done",
            "De avond liep heel anders: minder boosheid, meer ideeën.",
        ),
        ("deelnemer4", "Een collega observeren die goed met boze bewoners omgaat.", "", ""),
    ],
    3: [
        (
            "deelnemer1",
            "Mijn twijfel over de haalbaarheid hardop benoemen in het overleg met de gemeente.",
            "",
            "",
        ),
        (
            "deelnemer2",
            "Samen met Sanne een voorstel voor de directeur schrijven over ruimte in de planning.",
            "",
            "",
        ),
        ("deelnemer3", "De rêverie-opdracht maken over het dorpshuisgesprek.", "", ""),
        ("deelnemer5", "Alsnog de bewoner bellen die afhaakte.", "", ""),
    ],
}


def _at(day: datetime.date, hour: int = 14) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def load_learning_demo(
    *, people: dict[str, User], group_a: Group, group_b: Group, facilitator_a: User
) -> None:
    template = standard_template(group_a.programme.provider)
    for key, (task, context, layer, wish) in GROUP_A_PROFILES.items():
        Membership.objects.create(
            group=group_a,
            person=people[key],
            task=task,
            work_context=context,
            layer=layer,
            status=Membership.Status.ACTIVE,
            invited_by=facilitator_a,
            responded_at=timezone.now(),
            intensity_wish=wish,
        )
    manager = people["teamleider"]
    for key, (task, context) in GROUP_B_PROFILES.items():
        Membership.objects.create(
            group=group_b,
            person=people[key],
            task=task,
            work_context=context,
            layer=2 if key == "deelnemer10" else 1,
            manager=manager if key == "deelnemer8" else None,
            status=Membership.Status.ACTIVE,
        )
    Cycle.objects.create(group=group_a, facilitation_intensity=Intensity.STRUCTURING)
    Cycle.objects.create(group=group_b)

    items = list(template.meetings.order_by("number"))
    # The institute's rooms; group B meets at the client, a place in words.
    provider = group_a.programme.provider
    hall = Room.objects.create(
        organisation=provider, name="Zaal 4.12", capacity=12, location="Rijnstraat 8, Den Haag"
    )
    Room.objects.create(
        organisation=provider, name="Spreekkamer 2", capacity=4, location="Rijnstraat 8, Den Haag"
    )
    Room.objects.create(
        organisation=provider, name="Leerlab", capacity=8, location="Rijnstraat 8, Den Haag"
    )
    first_a = datetime.date(2026, 7, 7)
    meetings_a = []
    for item in items:
        held = item.number <= 3
        meetings_a.append(
            Meeting.objects.create(
                group=group_a,
                number=item.number,
                title=item.title,
                purpose=item.purpose,
                agenda=item.agenda,
                starts_at=_at(first_a + datetime.timedelta(weeks=7 * (item.number - 1))),
                duration_minutes=120,
                room=hall,
                status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
            )
        )
    first_b = datetime.date(2026, 12, 8)
    for item in items:
        Meeting.objects.create(
            group=group_b,
            number=item.number,
            title=item.title,
            purpose=item.purpose,
            agenda=item.agenda,
            starts_at=_at(first_b + datetime.timedelta(weeks=7 * (item.number - 1)), 10),
            duration_minutes=120,
            location="Utrecht, Graadt van Roggenweg 500",
        )

    members_a = [people[key] for key in GROUP_A_PROFILES]
    # Tom and Fatima each missed two of the last three meetings: the facilitator's overview
    # shows both signals.
    absent = {(2, "deelnemer4"), (3, "deelnemer4"), (2, "deelnemer3"), (3, "deelnemer3")}
    for meeting in meetings_a[:3]:
        for key in GROUP_A_PROFILES:
            status = "absent" if (meeting.number, key) in absent else "present"
            if (meeting.number, key) == (2, "deelnemer3"):
                status = "excused"
            Attendance.objects.create(
                meeting=meeting, person=people[key], status=status, recorded_by=facilitator_a
            )
    for key in ("deelnemer4", "deelnemer3"):
        membership = Membership.objects.get(group=group_a, person=people[key])
        AbsenceNotice.objects.create(membership=membership, meeting=meetings_a[2])
        # Looking ahead: with two of six missed, neither can make the agreed 75 % any more.
        AbsenceNotice.objects.create(
            membership=membership, meeting=meetings_a[2], kind=AbsenceNotice.Kind.OUT_OF_REACH
        )

    agreements = AgreementVersion.objects.create(
        group=group_a,
        number=1,
        in_scope="Situaties uit ons eigen werk waarin we bewoners en gemeenten (te) laat of juist vroeg betrokken, en wat dat met ons deed.",
        out_of_scope="Het functioneren van individuele collega's die niet in de groep zitten. Lopende besluitvorming waarover we geheimhouding hebben.",
        confidentiality="Wat iemand inbrengt, blijft in de groep. Naar buiten delen we alleen de algemene lessen, zonder namen of herkenbare situaties.",
        judging="We puzzelen samen; we beoordelen elkaars aanpak niet. Wie een vraag stelt, stelt die om te begrijpen.",
        attendance="We zijn er alle zes de keren. Wie echt niet kan, laat het vooraf weten aan Lotte en aan de groep.",
        created_by=facilitator_a,
        created_at=_at(first_a),
    )
    version_two = AgreementVersion.objects.create(
        group=group_a,
        number=2,
        in_scope=agreements.in_scope,
        out_of_scope=agreements.out_of_scope,
        confidentiality=agreements.confidentiality,
        judging=agreements.judging,
        attendance=agreements.attendance,
        other="Een van ons maakt per bijeenkomst de leerpunten op; we rouleren.",
        change_note="Afspraak over het vastleggen van de leerpunten toegevoegd (bijeenkomst 2).",
        created_by=facilitator_a,
        created_at=_at(first_a + datetime.timedelta(weeks=7)),
    )
    for person in members_a:
        AgreementAcknowledgement.objects.create(version=agreements, person=person)
        if person != people["deelnemer4"]:
            AgreementAcknowledgement.objects.create(version=version_two, person=person)

    LearningQuestionVersion.objects.create(
        group=group_a,
        number=1,
        shared_issue="Bij ruimtelijke plannen komen bewoners en gemeenten pas aan tafel als het plan grotendeels vastligt. Dan ontstaat weerstand die we met uitleg proberen weg te nemen.",
        learning_question="Hoe kunnen wij bewoners en gemeenten eerder betrekken bij ruimtelijke plannen?",
        aspects="Wat verstaan we onder 'vroeg'?\nOnze eigen rol en ruimte\nDe planning van de directie\nOmgaan met boosheid en teleurstelling",
        created_by=facilitator_a,
        created_at=_at(first_a),
    )
    LearningQuestionVersion.objects.create(
        group=group_a,
        number=2,
        shared_issue="Bij ruimtelijke plannen komen bewoners en gemeenten pas aan tafel als het plan grotendeels vastligt. Dan ontstaat weerstand die we met uitleg proberen weg te nemen.",
        learning_question="Hoe geven wij bewoners en gemeenten echte invloed op een plan, voordat de eerste schets er ligt, binnen de ruimte die onze organisatie ons geeft?",
        aspects="Wat verstaan we onder 'vroeg' en onder 'invloed'?\nOnze eigen rol en ruimte\nDe planning en verwachtingen van de directie\nOmgaan met boosheid en teleurstelling\nEerlijk zijn over wat niet meer kan",
        change_note="Na bijeenkomst 3: het gaat niet om informatie maar om invloed.",
        created_by=people["deelnemer1"],
        created_at=_at(first_a + datetime.timedelta(weeks=14)),
    )

    for number, points in POINTS.items():
        for text, loop, level in points:
            LearningPoint.objects.create(
                meeting=meetings_a[number - 1],
                text=text,
                loop=loop,
                level=level,
                author=facilitator_a,
            )
    for number, entries in COMMITMENTS.items():
        for key, text, outcome, report in entries:
            Intention.objects.create(
                meeting=meetings_a[number - 1],
                person=people[key],
                text=text,
                outcome=outcome,
                report=report,
                reported_at=_at(first_a + datetime.timedelta(weeks=7 * number))
                if outcome
                else None,
            )
    Intervention.objects.create(
        group=group_a,
        meeting=meetings_a[1],
        author=facilitator_a,
        intervention="Het gesprek ging over de inhoud van het windparkdossier. Ik vroeg: wat zegt dit over hoe wíj werken, los van dit dossier?",
        response="Even stilte; daarna benoemde Daan het patroon van de vaste planning. De groep pakte dat op.",
    )
    Intervention.objects.create(
        group=group_a,
        meeting=meetings_a[2],
        author=facilitator_a,
        intervention="Ik heb de leerpunten van bijeenkomst 1 en 2 op de muur gehangen en gevraagd welke aanname eronder ligt.",
        response="Sanne zag dat we steeds 'informatie' zeiden waar we 'invloed' bedoelden. Dat leidde tot de aangescherpte leervraag.",
    )
    _reflection_demo(
        people=people, group_a=group_a, meetings_a=meetings_a, facilitator=facilitator_a
    )
    FacilitatorNote.objects.create(
        group=group_a,
        author=facilitator_a,
        text="Tom was twee keer afwezig. Nagaan of de tijd het probleem is of dat hij twijfelt over de groep. Voor bijeenkomst 4 even bellen.",
    )


def _reflection_demo(
    *, people: dict[str, User], group_a: Group, meetings_a: list[Meeting], facilitator: User
) -> None:
    """Assignments between the meetings of group A, some cases, and a journal with a shared
    excerpt, so that the reflection pages have something to show."""
    second_at, fourth_at = meetings_a[1].starts_at, meetings_a[3].starts_at
    assert second_at is not None and fourth_at is not None

    situation = Assignment.objects.create(
        meeting=meetings_a[1],
        title="Een situatie die niet lukte",
        instructions=(
            "Beschrijf een situatie bij onze leervraag waarin je iets wilde bereiken bij "
            "bewoners of een gemeente, maar waarin dat niet lukte. Wie waren erbij, wat "
            "probeerde je, hoe reageerden de anderen, en hoe voelde je je na afloop?"
        ),
        due_at=second_at - datetime.timedelta(days=3),
        effort_minutes=90,
        created_by=facilitator,
    )
    Assignment.objects.create(
        meeting=meetings_a[3],
        title="Wanneer leerde ik iets?",
        instructions=(
            "Kijk terug op de eerste drie bijeenkomsten. Beschrijf een moment waarop je iets "
            "leerde: deed je iets beter (enkelslag), of ging je anders kijken (dubbelslag)?"
        ),
        due_at=fourth_at - datetime.timedelta(days=3),
        effort_minutes=60,
        created_by=facilitator,
    )
    cases = [
        (
            "deelnemer1",
            Submission.Form.TENSE_CONVERSATION,
            "Het overleg met de wethouder",
            "Ik kwam met drie varianten voor het windpark. De wethouder zei: 'U komt ons vertellen "
            "wat er gaat gebeuren.' Ik bleef de varianten uitleggen en merkte dat de zaal verder "
            "dichtging.",
            Submission.Visibility.GROUP,
        ),
        (
            "deelnemer2",
            Submission.Form.RICH_DESCRIPTION,
            "De informatieavond in Zwaagdijk",
            "Een volle zaal, koffie in bekertjes, een beamer die niet wilde. Na tien minuten stond "
            "een man op en vroeg waarom hij pas nu hoorde van de plannen.",
            Submission.Visibility.GROUP,
        ),
        (
            "deelnemer3",
            Submission.Form.REVERIE,
            "Na het dorpshuisgesprek",
            "Op de terugweg in de trein bleef één zin hangen: 'Jullie zijn er altijd pas als het "
            "al besloten is.' Ik voelde me schuldig én boos, want het besluit was niet van mij.",
            Submission.Visibility.FACILITATOR,
        ),
    ]
    for key, form, title, text, visibility in cases:
        Submission.objects.create(
            assignment=situation,
            author=people[key],
            form=form,
            title=title,
            text=text,
            visibility=visibility,
            created_at=situation.due_at - datetime.timedelta(days=1),
        )
    entry = JournalEntry.objects.create(
        group=group_a,
        author=people["deelnemer1"],
        title="Na bijeenkomst 3",
        text=(
            "Het woord 'invloed' bleef hangen. Als ik eerlijk ben, wil ik vooral dat bewoners "
            "het plan begrijpen. Dat is iets anders dan dat ze het mee bepalen."
        ),
    )
    JournalExcerpt.objects.create(
        entry=entry,
        group=group_a,
        author=people["deelnemer1"],
        text="Ik wil vooral dat bewoners het plan begrijpen. Dat is iets anders dan mee bepalen.",
    )


INTERVISION_MEMBERS = {
    "deelnemer1": GROUP_A_PROFILES["deelnemer1"][:3],
    "deelnemer2": GROUP_A_PROFILES["deelnemer2"][:3],
    "deelnemer6": (*GROUP_B_PROFILES["deelnemer6"], 1),
    "deelnemer7": (*GROUP_B_PROFILES["deelnemer7"], 1),
}


def _started_today(now: datetime.datetime) -> datetime.datetime:
    """Three quarters of an hour ago on a quarter of an hour, as a meeting would be planned,
    but never before this morning."""
    local = timezone.localtime(now) - datetime.timedelta(minutes=45)
    local = local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)
    return max(local, timezone.localtime(now).replace(hour=0, minute=5, second=0, microsecond=0))


def load_today_demo(
    *, people: dict[str, User], trajectory: Programme, facilitator: User, manager: User
) -> Group:
    """An intervision group of Lotte's whose second meeting began earlier today: its
    attendance waits to be recorded, whenever the demo is loaded."""
    group = Group.objects.create(
        programme=trajectory,
        name="Intervisiegroep – Lastige gesprekken",
        kind=Group.Kind.INTERVISION,
        description="Vier collega's uit beide leergroepen die moeilijke gesprekken met bewoners en gemeenten inbrengen.",
    )
    RoleAssignment.objects.create(
        person=facilitator,
        role=Role.FACILITATOR,
        programme=trajectory,
        group=group,
        assigned_by=manager,
    )
    for key, (task, context, layer) in INTERVISION_MEMBERS.items():
        Membership.objects.create(
            group=group,
            person=people[key],
            task=task,
            work_context=context,
            layer=layer,
            status=Membership.Status.ACTIVE,
            invited_by=facilitator,
            responded_at=timezone.now(),
        )
        RoleAssignment.objects.create(
            person=people[key],
            role=Role.PARTICIPANT,
            programme=trajectory,
            group=group,
            assigned_by=manager,
        )
    Cycle.objects.create(group=group)
    today = _started_today(timezone.now())
    plan = [
        (1, "Kennismaken en afspraken", today - datetime.timedelta(weeks=6)),
        (2, "Het gesprek dat niet lukte", today),
        (3, "Wat we anders zijn gaan doen", today + datetime.timedelta(weeks=6)),
    ]
    for number, title, starts_at in plan:
        meeting = Meeting.objects.create(
            group=group,
            number=number,
            title=title,
            purpose="Eén lid brengt een gesprek in; de anderen vragen door om te begrijpen.",
            agenda="Inbreng van het gesprek\nVragen om te begrijpen\nWat neem ik mee",
            starts_at=starts_at,
            duration_minutes=120,
            location="Den Haag, Rijnstraat 8, zaal 2.03",
            status=Meeting.Status.HELD if number == 1 else Meeting.Status.PLANNED,
        )
        if number == 3:
            Assignment.objects.create(
                meeting=meeting,
                title="Een gesprek om in te brengen",
                instructions=(
                    "Kies een gesprek van de afgelopen weken dat je bezighoudt. Schrijf in een "
                    "paar zinnen op wie er waren, wat er gezegd werd en waar het schuurde."
                ),
                due_at=starts_at - datetime.timedelta(days=3),
                effort_minutes=45,
                created_by=facilitator,
            )
        if number == 1:
            for key in INTERVISION_MEMBERS:
                Attendance.objects.create(
                    meeting=meeting,
                    person=people[key],
                    status=Attendance.Status.PRESENT,
                    recorded_by=facilitator,
                )
    return group
