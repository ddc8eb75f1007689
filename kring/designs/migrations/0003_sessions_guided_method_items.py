"""The library items of the methods that live mode can guide round by round (the incident
method, action learning and the world café), when the library does not have them yet; and a
version on runbook activities, for editing them without overwriting someone else's change. The
summaries are our own, in Dutch (the installation's default language); the references are
bibliographic facts. Removing this migration leaves items that people may have linked."""

from django.db import migrations, models

METHOD = "reflection_method"

ITEMS = [
    (
        "incident-method",
        "Intervisie met de incidentmethode",
        "Bij de incidentmethode brengt één deelnemer een kort, recent voorval in waarin hij of "
        "zij snel moest handelen. De groep stelt eerst alleen feitelijke vragen, analyseert dan "
        "ieder voor zich wat er speelt, en zegt om de beurt wat hij zelf zou hebben gedaan. Pas "
        "daarna vertelt de inbrenger wat er werkelijk gebeurde. Het verschil tussen de "
        "standpunten en het echte handelen laat zien welke keuzes er in zo'n moment open "
        "liggen.",
        [
            "Pigors, P. & F. Pigors (1961): Case method in human relations. The incident "
            "process, New York: McGraw-Hill.",
            "Hendriksen, J. (2000): Intervisie bij werkproblemen, Baarn: Nelissen.",
        ],
    ),
    (
        "action-learning",
        "Actieleren",
        "Bij actieleren werkt een kleine vaste groep (een set) aan echte vraagstukken waar de "
        "deelnemers zelf eigenaar van zijn. In elke bijeenkomst vertellen ze wat ze sinds de "
        "vorige keer deden, verdelen ze de tijd naar wie die het meest nodig heeft, en helpen "
        "ze elkaar vooral met vragen in plaats van adviezen. Iedereen gaat weg met een "
        "volgende stap, waarover de volgende keer wordt verteld. Revans vatte het samen als: "
        "leren is programmatische kennis plus het stellen van vragen.",
        [
            "Revans, R. (2011): ABC of action learning, Farnham: Gower.",
            "Pedler, M. (2008): Action learning for managers, Aldershot: Gower.",
        ],
    ),
    (
        "world-cafe",
        "Wereldcafé",
        "Een wereldcafé brengt een grote groep in gesprek aan kleine tafels van vier of vijf "
        "mensen, rond vragen die voor iedereen in de zaal ertoe doen. Na elke ronde wisselen de "
        "deelnemers van tafel; een gastheer of gastvrouw blijft zitten en vat samen wat er al "
        "gezegd is. Zo reizen ideeën door de zaal en ontstaat een gesprek van het hele "
        "systeem, dat aan het eind samen wordt geoogst.",
        [
            "Brown, J. & D. Isaacs (2005): The World Café. Shaping our futures through "
            "conversations that matter, San Francisco: Berrett-Koehler.",
        ],
    ),
]


def add_items(apps, schema_editor):
    LibraryItem = apps.get_model("library", "LibraryItem")
    for slug, title, summary, references in ITEMS:
        LibraryItem.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": METHOD,
                "title": title,
                "summary": summary,
                "reference": "\n".join(references),
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("designs", "0002_teachers_duo_revisit"),
        ("library", "0002_seed_concepts_models_and_methods"),
    ]

    operations = [
        migrations.RunPython(add_items, migrations.RunPython.noop),
        # A runbook is edited by more than one person: saving checks nobody saved meanwhile.
        migrations.AddField(
            model_name="runbookactivity",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
