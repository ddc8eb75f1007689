"""Seed the library with the concepts, models and reflection methods that the learning-group
sources draw on. The summaries are our own, in Dutch (the installation's default language);
the references are bibliographic facts. The data lives here, not in app code, so that this
migration keeps working whatever the app becomes."""

from django.db import migrations

CONCEPT, MODEL, METHOD = "concept", "model", "reflection_method"

# (slug, kind, title, summary, reference lines, url)
ITEMS = [
    (
        "single-and-double-loop-learning",
        CONCEPT,
        "Enkelslag en dubbelslag leren",
        "Bij enkelslag leren (single-loop learning) verbeter je je aanpak als het resultaat "
        "tegenvalt, maar blijven de uitgangspunten achter die aanpak buiten schot. Bij dubbelslag "
        "leren (double-loop learning) kijk je juist naar die uitgangspunten: de normen, aannames "
        "en waarden die bepalen welke oplossingen je überhaupt overweegt. Wierdsma en Swieringa "
        "voegen er drieslag leren aan toe, waarin ook de principes zelf ter discussie staan. In "
        "een leergroep helpt het onderscheid om te zien of een leerpunt over betere uitvoering "
        "gaat of over een andere kijk op het vraagstuk.",
        [
            "Argyris, C. & D. A. Schön (1974): Theory in practice. Increasing professional "
            "effectiveness, San Francisco: Jossey-Bass.",
            "Argyris, C. & D. A. Schön (1978): Organizational learning. A theory of action "
            "perspective, Reading (MA): Addison-Wesley.",
            "Wierdsma, A. & J. Swieringa (2011, derde druk): Lerend organiseren en veranderen. "
            "Als meer van hetzelfde niet helpt, Groningen/Houten: Noordhoff Uitgevers.",
        ],
        "",
    ),
    (
        "first-second-third-person-learning",
        CONCEPT,
        "Leren in de eerste, tweede en derde persoon",
        "Eerstepersoonsleren gaat over wat ik leer over mijn eigen handelen, keuzes en aannames. "
        "Tweedepersoonsleren gebeurt samen: wat begrijpen we als groep beter over de inhoud van "
        "ons vraagstuk? Derdepersoonsleren kijkt naar het grotere geheel: wat zegt dit over de "
        "organisatie als systeem, en wat kunnen anderen die er niet bij waren ermee? Het "
        "onderscheid komt uit het actieonderzoek en helpt om leerpunten op alle drie de niveaus "
        "vast te leggen.",
        [
            "Reason, P. & H. Bradbury (red.) (2008, tweede editie): The SAGE handbook of action "
            "research. Participative inquiry and practice, London: Sage.",
        ],
        "",
    ),
    (
        "psychological-safety",
        CONCEPT,
        "Psychologische veiligheid",
        "Psychologische veiligheid is het gedeelde vertrouwen in een groep dat je een vraag, "
        "twijfel of misser kunt inbrengen zonder dat het je wordt aangerekend. Edmondson toonde "
        "aan dat teams met dat vertrouwen meer leergedrag laten zien: ze vragen om feedback, "
        "bespreken fouten en proberen iets nieuws. In een leergroep werk je er vanaf de eerste "
        "bijeenkomst aan, met duidelijke afspraken over vertrouwelijkheid en over elkaar niet "
        "beoordelen.",
        [
            "Edmondson, A. (1999): Psychological safety and learning behavior in work teams, in: "
            "Administrative Science Quarterly 44 (2), p. 350-383.",
            "Edmondson, A. C. (2012): Teaming. How organizations learn, innovate, and compete in "
            "the knowledge economy, San Francisco: Jossey-Bass.",
        ],
        "https://doi.org/10.2307/2666999",
    ),
    (
        "learning-preferences-and-thinking-habits",
        MODEL,
        "Leervoorkeuren en denkgewoonten",
        "Ruijters onderscheidt vijf leervoorkeuren: participeren, ontdekken, de kunst afkijken, "
        "kennis verwerven en oefenen. Daarnaast beschrijft ze denkgewoonten, zoals interactie, "
        "reflectie en (re)productie, die verklaren waarom een bepaalde manier van leren je "
        "gemakkelijk of juist moeizaam afgaat. Het model laat deelnemer en begeleider zien hoe "
        "goed een werkvorm als de leergroep bij iemand past; het is een gespreksstof, geen "
        "toelatingseis.",
        [
            "Ruijters, M. (2006): Liefde voor leren. Over diversiteit van leren en ontwikkelen "
            "in en van organisaties, Deventer: Kluwer.",
            "Ruijters, M. C. P. (2017, tweede, geheel herziene editie): Liefde voor leren. Over "
            "diversiteit van leren en ontwikkelen in en van organisaties, Deventer: Vakmedianet.",
        ],
        "",
    ),
    (
        "phases-of-group-learning",
        MODEL,
        "Fasen van groepsleren (Gibson)",
        "Gibson beschrijft het gezamenlijke denken van een werkgroep als een cyclus met vier "
        "fasen: accumulatie (ervaringen en kennis bijeenbrengen), interactie (ze uitwisselen en "
        "ordenen), onderzoek (ze samen bevragen en andere lezingen verkennen) en accommodatie "
        "(een gedeeld begrip dat de manier van werken verandert). De fasen lopen niet strikt na "
        "elkaar en komen terug. Een reeks bijeenkomsten kun je langs deze fasen opbouwen, van "
        "verzamelde casuïstiek naar nieuw handelingsrepertoire.",
        [
            "Gibson, C. B. (2001): From knowledge accumulation to accommodation: cycles of "
            "collective cognition in work groups, in: Journal of Organizational Behavior 22 (2), "
            "p. 121-134.",
        ],
        "",
    ),
    (
        "reflection-in-and-on-action",
        CONCEPT,
        "Reflectie in en op het handelen (Schön)",
        "Professionals weten vaak hoe ze moeten handelen zonder dat ze dat weten onder woorden "
        "kunnen brengen (knowing-in-action). Schön noemt het bijsturen terwijl je bezig bent "
        "reflection-in-action, en het achteraf nagaan wat je deed en wat het opleverde "
        "reflection-on-action. Wie ook de eigen manier van reflecteren onderzoekt, komt bij de "
        "vragen achter de aanpak uit. Een leergroep maakt dat stille weten samen zichtbaar.",
        [
            "Schön, D. A. (1983): The reflective practitioner. How professionals think in "
            "action, New York: Basic Books.",
            "Schön, D. A. (1987): Educating the reflective practitioner, San Francisco: "
            "Jossey-Bass.",
        ],
        "",
    ),
    (
        "experiential-learning-cycle",
        MODEL,
        "Ervaringsleren (Kolb)",
        "Kolb beschrijft leren als een kringloop langs een concrete ervaring, het terugblikken "
        "daarop, het vormen van begrippen en het uitproberen daarvan in een nieuwe situatie. Het "
        "model werd vooral bekend via de leerstijlen die erop gebaseerd zijn. Voor een leergroep "
        "is de kringloop zelf het bruikbaarst: een casus kan de hele ronde maken, tot en met een "
        "nieuwe poging in de praktijk.",
        [
            "Kolb, D. A. (1984): Experiential learning. Experience as the source of learning "
            "and development, Englewood Cliffs (NJ): Prentice Hall.",
            "Kolb, D. A. (2015, tweede editie): Experiential learning. Experience as the source "
            "of learning and development, Upper Saddle River (NJ): Pearson Education.",
        ],
        "",
    ),
    (
        "pull-of-the-organisation",
        CONCEPT,
        "Zuigkracht van de organisatie",
        "Wat iemand op een cursus aanleert, houdt op de werkplek vaak geen stand: gewoonten en "
        "verwachtingen van de omgeving trekken terug naar het vertrouwde. Wie daar geen rekening "
        "mee houdt, overschat wat een training op zichzelf kan veranderen. Leren met collega's "
        "uit dezelfde praktijk is beter tegen die kracht bestand, omdat de verandering dan niet "
        "op één persoon rust.",
        [
            "Wierdsma, A. (2012): Plek der moeite, in: M. Ruijters & R.-J. Simons (red.), Canon "
            "van het leren. 50 concepten en hun grondleggers, p. 457-468, Deventer: Kluwer.",
        ],
        "",
    ),
    (
        "group-learning",
        CONCEPT,
        "Groepsleren",
        "Groepsleren is meer dan de optelsom van wat de afzonderlijke leden leren: in het gesprek "
        "ontstaat een gedeeld begrip van het werk en de vraagstukken. Leden prikkelen elkaars "
        "leren en de groep profiteert op haar beurt van wat ieder inbrengt. Dat gaat niet "
        "vanzelf; het vraagt tijd, een gedeeld vraagstuk en een werkvorm die het gesprek "
        "organiseert.",
        [
            "Sessa, V. I. & M. London (2015): Continuous learning in organizations. Individual, "
            "group, and organizational perspectives, New York: Psychology Press.",
            "Bondarouk, T. V. (2006): Action-oriented group learning in the implementation of "
            "information technologies: results from three case studies, in: European Journal of "
            "Information Systems 15, p. 42-53.",
            "Prinsen, T. & H. Verkoulen (2002): Teachers as reflective practitioners, in: R. "
            "Schollaert (red.), In search of the treasure within. Towards schools as learning "
            "organizations, p. 67-75, Antwerpen/Apeldoorn: Garant.",
        ],
        "",
    ),
    (
        "work-based-learning",
        CONCEPT,
        "Werkplekleren (work-based learning)",
        "Raelin beschrijft leren dat in en door het werk zelf plaatsvindt, waarbij theorie en "
        "praktijk in elkaar grijpen: je brengt ideeën in je werk in en leert van wat er gebeurt. "
        "Gezamenlijke reflectie met collega's is daarbij geen bijzaak maar de kern. Leren op de "
        "werkplek gebeurt dus niet vanzelf; het vraagt om momenten die daarvoor georganiseerd "
        "zijn.",
        [
            "Raelin, J. A. (2008): Work-based learning. Bridging knowledge and action in the "
            "workplace, San Francisco: Jossey-Bass.",
        ],
        "",
    ),
    (
        "productive-reflection",
        CONCEPT,
        "Productieve reflectie op het werk",
        "Productieve reflectie is geen privéoefening achteraf, maar een gezamenlijke activiteit "
        "die in het werk is ingebed. Ze richt zich tegelijk op beter werk en op werk dat de "
        "mensen zelf zinvol vinden. Het begrip helpt om wat een leergroep bespreekt te "
        "verbinden met wat de organisatie ermee kan.",
        [
            "Boud, D., P. Cressey & P. Docherty (red.) (2006): Productive reflection at work. "
            "Learning for changing organizations, London/New York: Routledge.",
        ],
        "",
    ),
    (
        "paradoxes-in-public-administration",
        MODEL,
        "Paradoxen in het openbaar bestuur",
        "De Wit, Meyer en Breed beschrijven strategisch werken bij de overheid als omgaan met "
        "spanningen tussen eisen die elkaar tegenspreken maar elk legitiem zijn, zoals beheersen "
        "tegenover ruimte laten, of geleidelijk tegenover ingrijpend veranderen. In plaats van "
        "één kant te kiezen, zoek je per situatie een werkbaar evenwicht. Als bril op casuïstiek "
        "maakt het model zichtbaar waarom een vraagstuk steeds terugkeert.",
        [
            "Wit, R. de, R. Meyer & K. Breed (2000): Strategisch management van publieke "
            "organisaties. De overheid in paradoxen, Amsterdam: Boom.",
        ],
        "",
    ),
    (
        "principled-negotiation",
        MODEL,
        "Principieel onderhandelen",
        "Fisher, Ury en Patton bouwen onderhandelen op vier principes: houd mens en probleem "
        "uit elkaar, kijk naar belangen in plaats van standpunten, verzin meerdere opties waar "
        "beide partijen iets aan hebben, en beslis op objectieve criteria. Het model helpt "
        "situaties te ontleden waarin je iets wilt bereiken zonder formele macht. Op een casus "
        "toegepast laat het zien waar een gesprek op posities vastliep.",
        [
            "Fisher, R., W. Ury & B. Patton (2007): Excellent onderhandelen. Een praktische gids "
            "voor het best mogelijke resultaat in elke onderhandeling, Amsterdam/Antwerpen: "
            "Business Contact.",
        ],
        "",
    ),
    (
        "policy-windows",
        MODEL,
        "Beleidsvensters (policy windows)",
        "Kingdon beschrijft drie stromen die grotendeels los van elkaar lopen: problemen die "
        "aandacht krijgen, oplossingen die klaarliggen en de politieke omstandigheden. Pas als "
        "ze samenkomen gaat er een venster open waarin een voorstel kan doorbreken. Met dit "
        "model kun je in een casus nagaan of een idee strandde op de inhoud of op de timing.",
        [
            "Kingdon, J. W. (2010): Agendas, alternatives, and public policies, Harlow (Essex): "
            "Pearson Education.",
        ],
        "",
    ),
    (
        "reflective-project-journal",
        METHOD,
        "Reflective Project Journal",
        "In een Reflective Project Journal houd je tijdens een project of traject gestructureerd "
        "bij wat je deed, wat het opleverde en welke overwegingen eronder lagen. Door regelmatig "
        "te schrijven en later terug te lezen ga je patronen in je eigen aanpak zien en leer je "
        "een situatie vanuit meer dan één perspectief te bekijken. De aantekeningen geven ook "
        "stof voor het gesprek in de leergroep.",
        [
            "Kessener, B. (2005): Verbetering van meervoudig kijken, in: Management en "
            "Consulting nr. 5, p. 30-32.",
            "Kessener, B. (2003): Reflecteren, meer dan evalueren, in: Management Consultant "
            "Magazine nr. 5, p. 28-31.",
        ],
        "",
    ),
    (
        "learning-journal",
        METHOD,
        "Leerjournaal",
        "Een leerjournaal is een persoonlijk logboek waarin je geregeld ervaringen uit je werk "
        "vastlegt en erop terugkijkt. Het schrijven dwingt tot vertragen en precies formuleren; "
        "het teruglezen laat zien hoe je denken zich ontwikkelt. Journaals kunnen ook een "
        "lerende gemeenschap dragen, als deelnemers er fragmenten uit met elkaar delen.",
        [
            "Shepherd, M. (2004): Reflections on developing a reflective journal as a management "
            "adviser, in: Reflective Practice 5 (2), p. 199-208.",
            "Shepherd, M. (2006): Using a learning journal to improve professional practice: a "
            "journey of personal and professional self-discovery, in: Reflective Practice 7 (3), "
            "p. 333-348.",
            "Dietz, M. E. (2008): Journals as frameworks for professional learning communities, "
            "Thousand Oaks: Corwin Press.",
        ],
        "",
    ),
    (
        "rich-descriptions",
        METHOD,
        "Rijke beschrijvingen",
        "Een rijke beschrijving legt een gebeurtenis die voor jou betekenis had zo precies "
        "mogelijk vast: wie er waren, wat er gezegd en gedaan werd, wat je dacht en voelde. Je "
        "schrijft eerst op wat er gebeurde en houdt je oordeel nog even voor je. Juist die "
        "details laten de groep patronen en andere lezingen ontdekken die in een samenvatting "
        "verloren gaan.",
        [
            "Vermaak, H. (2016): Werken met rijke beschrijvingen van betekenisvolle "
            "gebeurtenissen, in: H. Boersema-Vermeer & G. de Groot (red.), Werken met Leren "
            "Veranderen. Werkboek voor veranderaars in opleiding en praktijk, p. 257-264, "
            "Deventer: Vakmedianet.",
        ],
        "",
    ),
    (
        "case-of-a-tense-conversation",
        METHOD,
        "Casebeschrijving van een spannend gesprek",
        "Je kiest een gesprek dat anders liep dan je wilde en schrijft het zo letterlijk "
        "mogelijk uit. Naast wat hardop gezegd werd, noteer je wat je dacht en voelde maar niet "
        "uitsprak. In de groep onderzoek je hoe die onuitgesproken gedachten je woorden "
        "kleurden en welke andere zetten mogelijk waren. De methode bouwt voort op het werk van "
        "Argyris over onproductieve gesprekken.",
        [
            "Groot, G. de & A. M. Weggelaar (2009): Instrumenten om onproductieve gesprekken te "
            "analyseren, in: G. Smid & E. Rouwette (red.), Ruimte maken voor onderzoekende "
            "professionaliteit. Onderzoekend handelen, handelend onderzoeken, p. 299-311, Assen: "
            "Van Gorcum.",
            "Weggelaar, A. M. & G. de Groot (2009): De casegroep: offline onderzoeken om online "
            "beter te presteren, in: G. Smid & E. Rouwette (red.), Ruimte maken voor "
            "onderzoekende professionaliteit. Onderzoekend handelen, handelend onderzoeken, "
            "p. 318-328, Assen: Van Gorcum.",
            "Groot, G. de & A. M. Weggelaar (2016): Argyris, het onderzoeken van onproductieve "
            "gesprekken, in: M. Bellersen & I. Kohlmann (red.), Praktijkboek Intervisie. Meer "
            "vermogen door collegiale blik, p. 127-139, Deventer: Vakmedianet.",
        ],
        "",
    ),
    (
        "reverie",
        METHOD,
        "Rêverie",
        "Een rêverie is een dagdroom op papier: je laat beelden, invallen en emoties over een "
        "situatie opkomen zonder ze te ordenen of te beoordelen, en schrijft ze op. Zo komt ook "
        "aan bod wat in een zakelijk verslag buiten beeld blijft, zoals onbehagen of een "
        "vermoeden. Het materiaal helpt om hardnekkige patronen in een organisatie op het spoor "
        "te komen.",
        [
            "Moeskops, O. (2014): Doorbreken van organisatiepatronen, Amsterdam: RoodPurper "
            "Publicaties.",
        ],
        "",
    ),
    (
        "drawing-a-situation",
        METHOD,
        "Een situatie tekenen",
        "Je kiest een moment uit je werk dat je is bijgebleven en tekent het, zonder dat het "
        "mooi hoeft te zijn: poppetjes, pijlen, kleuren en afstanden mogen van alles betekenen. "
        "Een tekening brengt verhoudingen en gevoelens in beeld die moeilijk in woorden te "
        "vangen zijn. Laat in de groep eerst de anderen vertellen wat ze zien voordat je zelf "
        "uitlegt; dat levert nieuwe lezingen op.",
        [
            "Ganim, B. & S. Fox (1999): Visual journaling. Going deeper than words, Wheaton: "
            "Quest Books.",
        ],
        "",
    ),
    (
        "conversation-skills",
        METHOD,
        "Gesprekskunst in lastige gesprekken",
        "Van den Berge reikt professionals een manier aan om in een moeizaam gesprek met een "
        "klant op te merken wat er gebeurt en doelgericht bij te sturen. Als reflectiemethode "
        "loop je een gesprek achteraf stap voor stap na: waar raakte het doel uit beeld, en "
        "welke zet had het weer op koers gebracht?",
        [
            "Berge, A. van den (2005): Gesprekskunst voor professionals. Doelgericht bijsturen in "
            "lastige gesprekken met klanten, Den Haag: Sdu Uitgevers.",
        ],
        "",
    ),
    (
        "causal-diagrams",
        METHOD,
        "Causale diagrammen",
        "Een causaal diagram laat zien hoe factoren in een situatie elkaar beïnvloeden, met "
        "pijlen voor versterkende en afzwakkende verbanden. Door het samen te tekenen ontdekt "
        "een groep kringlopen die een probleem in stand houden, en plekken waar ingrijpen iets "
        "kan veranderen. Het maakt ook zichtbaar waar groepsleden van mening verschillen over "
        "wat tot wat leidt.",
        [
            "Vermaak, H. (2003): Betekenis geven aan een diagnose met een causaal diagram. Een "
            "analytisch hulpmiddel voor de meest intuïtieve taak van veranderaars, in: A. J. "
            "Cozijnsen, D. Keuning & W. J. Vrakking (red.), Handboek voor Organisatie "
            "Instrumenten, p. 1-28 (C1020), Deventer: Kluwer.",
            "Vermaak, H. (2006): Interactief werken met causale diagrammen. Leren omgaan met "
            "keuzes en paradoxen in de procesvoering, in: J. Boonstra & L. de Caluwé (red.), "
            "Interveniëren en veranderen. Zoeken naar betekenis, p. 197-214, Deventer: Kluwer.",
        ],
        "",
    ),
    (
        "concept-mapping",
        METHOD,
        "Concept mapping",
        "Bij concept mapping zet je de begrippen rond een vraagstuk op papier en verbind je ze "
        "met lijnen waarop staat hoe ze samenhangen. Een gezamenlijke kaart laat zien hoe "
        "verschillend groepsleden over hetzelfde denken en groeit mee met het begrip van de "
        "groep. Salomon en Kelly zetten de methode in om professionals hun kennis soepel te "
        "laten toepassen in nieuwe situaties.",
        [
            "Salomon, D. & M. Kelly (2015): Using concept mapping to foster adaptive expertise, "
            "New York: Peter Lang.",
        ],
        "",
    ),
    (
        "action-maps",
        METHOD,
        "Actiekaarten",
        "Een actiekaart, uit de action science van Argyris en collega's, brengt in beeld hoe "
        "heersende opvattingen in een groep tot bepaalde handelingsstrategieën leiden, en hoe "
        "de gevolgen daarvan die opvattingen weer bevestigen. Zo wordt een terugkerend, vaak "
        "onbesproken patroon bespreekbaar zonder dat één persoon de schuld krijgt. De kaart is "
        "een hulpmiddel bij dubbelslag leren.",
        [
            "Argyris, C., R. Putnam & D. McLain Smith (1985): Action science. Concepts, methods, "
            "and skills for research and intervention, San Francisco: Jossey-Bass.",
            "Argyris, C. (1996): Leren in en door organisaties. Het hanteerbaar maken van "
            "kennis, Schiedam: Scriptum Management.",
        ],
        "",
    ),
    (
        "dialogue-mapping",
        METHOD,
        "Dialogue mapping",
        "Bij dialogue mapping legt een begeleider een gesprek ter plekke vast in een kaart van "
        "vragen, mogelijke antwoorden en argumenten voor en tegen. Iedereen ziet zijn bijdrage "
        "terug, wat herhaling voorkomt en het gesprek op de goede plekken vertraagt. Conklin "
        "ontwikkelde de methode voor weerbarstige vraagstukken waarvoor geen eenduidige "
        "oplossing bestaat.",
        [
            "Conklin, J. (2006): Dialogue mapping. Building shared understanding of wicked "
            "problems, Chichester: Wiley.",
        ],
        "",
    ),
    (
        "intervision",
        METHOD,
        "Intervisie",
        "In intervisie bespreken collega's zonder leidinggevende of docent elkaars werkvragen "
        "volgens een vaste structuur, meestal rond de casus van één inbrenger. Veel "
        "intervisiemethoden zijn ook in een leergroep bruikbaar. Het verschil: een leergroep "
        "werkt vanuit één gedeeld vraagstuk, zodat elke casus bijdraagt aan wat de hele groep "
        "leert.",
        [
            "Hendriksen, J. (2009): Handboek intervisie, Amsterdam: Boom Nelissen.",
            "Hendriksen, J. & J. Huizing (2011): Intervisie werkvormen, Zaltbommel: Thema.",
            "Bellersen, M. & I. Kohlmann (2016): Praktijkboek Intervisie. Meer vermogen door "
            "collegiale blik, Deventer: Vakmedianet.",
        ],
        "",
    ),
]


def seed(apps, schema_editor):
    LibraryItem = apps.get_model("library", "LibraryItem")
    for slug, kind, title, summary, references, url in ITEMS:
        LibraryItem.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "title": title,
                "summary": summary,
                "reference": "\n".join(references),
                "url": url,
            },
        )


def unseed(apps, schema_editor):
    LibraryItem = apps.get_model("library", "LibraryItem")
    MeetingResource = apps.get_model("library", "MeetingResource")
    slugs = [slug for slug, *_rest in ITEMS]
    MeetingResource.objects.filter(item__slug__in=slugs).delete()
    LibraryItem.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_library_items_and_meeting_resources"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
