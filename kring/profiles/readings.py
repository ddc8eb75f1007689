"""What a learning profile suggests about learning in a learning group: Kring's own texts per
preference and habit, and a reading of the profile's shape (one scale dominant, all close
together, or some leading and some trailing).

A reading informs the person and their facilitator. It never says whether someone belongs in
a learning group: the form suits some preferences more readily than others, and the texts say
what to ask of the group where it offers less of itself.

Pure Python: no Django imports. Texts are in both languages, like the items.
"""

from __future__ import annotations

from dataclasses import dataclass

from kring.profiles.instrument import SCALES, Kind, Scale, Text
from kring.profiles.scoring import Band, Pattern, Profile, ScaleScore, Shape


@dataclass(frozen=True)
class ScaleText:
    """What a high score on one scale suggests, for a member of a learning group."""

    meaning: Text
    ask: tuple[Text, ...]  # what to ask of the group or the facilitator
    watch: tuple[Text, ...]  # what to watch for
    # Does a learning group offer this of itself? Taking part, discovering, watching others,
    # interaction and reflection are what the form is made of; knowledge, practice and a
    # fixed result it offers less unless someone asks.
    group_offers: bool


SCALE_TEXTS: dict[str, ScaleText] = {
    "participating": ScaleText(
        meaning=Text(
            nl="Je leert door ergens deel van uit te maken: in het werk, tussen collega's, in "
            "gesprekken die ertoe doen. Kennis komt naar je toe doordat je erbij hoort en "
            "meedoet, vaak zonder dat je het leren noemt.",
            en="You learn by being part of things: in the work, among colleagues, in "
            "conversations that matter. Knowledge comes to you through belonging and joining "
            "in, often without you calling it learning.",
        ),
        ask=(
            Text(
                nl="Vraag om een gedeeld vraagstuk dat echt in ieders werk zit, zodat de groep "
                "over de dagelijkse praktijk gaat en er niet naast staat.",
                en="Ask for a shared issue that really lives in everyone's work, so that the "
                "group is about your daily practice rather than beside it.",
            ),
            Text(
                nl="Stel voor dat leden meenemen wat er sinds de vorige bijeenkomst in hun werk "
                "gebeurde; daar begint jouw leren.",
                en="Propose that members bring what happened in their work since the last "
                "meeting; that is where your learning starts.",
            ),
        ),
        watch=(
            Text(
                nl="Een leergroep neemt bewust afstand van het dagelijkse werk. Voelt dat als een "
                "omweg, zeg het dan: juist die afstand laat de groep patronen zien.",
                en="A learning group deliberately steps back from daily work. If that feels "
                "like a detour, say so: the distance is what lets the group see patterns.",
            ),
            Text(
                nl="Makkelijk meedoen is nog geen leren: schrijf na elke bijeenkomst op wat je "
                "meeneemt.",
                en="Joining in easily is not yet learning: write down after each meeting what "
                "you take with you.",
            ),
        ),
        group_offers=True,
    ),
    "discovering": ScaleText(
        meaning=Text(
            nl="Je leert door zelf uit te zoeken. Een open vraag of een onbekende situatie "
            "trekt je aan, en je leert van wat je onderweg verrast.",
            en="You learn by finding out for yourself. An open question or an unfamiliar "
            "situation draws you in, and you learn from what surprises you along the way.",
        ),
        ask=(
            Text(
                nl="Vraag dat de leervraag lang genoeg open blijft om hem te verkennen, in plaats "
                "van in de eerste bijeenkomst tot een oplossing te worden versmald.",
                en="Ask that the learning question stays open long enough to explore it, "
                "instead of being narrowed to a solution in the first meeting.",
            ),
            Text(
                nl="Bied aan om tussen de bijeenkomsten iets nieuws in je werk uit te proberen "
                "en terug te brengen wat er gebeurde.",
                en="Offer to try something new in your work between meetings and bring back "
                "what happened.",
            ),
        ),
        watch=(
            Text(
                nl="Anderen willen misschien meer houvast dan jij. Ga af en toe na of de groep "
                "nog met je meegaat.",
                en="Others may want more to hold on to than you do. Check now and then whether "
                "the group is still with you.",
            ),
            Text(
                nl="Verkennen is nog geen afronden: zorg dat een ontdekking uitmondt in iets wat "
                "je echt anders gaat doen.",
                en="Exploring is not finishing: make sure a discovery ends in something you "
                "will actually do differently.",
            ),
        ),
        group_offers=True,
    ),
    "watching": ScaleText(
        meaning=Text(
            nl="Je leert van het voorbeeld van anderen. Zien hoe een ervaren collega iets "
            "aanpakt, geeft je een beeld dat je je eigen kunt maken.",
            en="You learn from the example of others. Seeing how an experienced colleague "
            "goes about something gives you a picture you can make your own.",
        ),
        ask=(
            Text(
                nl="Vraag leden concreet te vertellen hoe ze een situatie aanpakten: wat ze "
                "zeiden en deden, niet alleen wat ze ervan vinden.",
                en="Ask members to tell concretely how they handled a situation: what they "
                "said and did, not only what they think of it.",
            ),
            Text(
                nl="Stel een opdracht voor waarin leden een collega in de praktijk observeren "
                "en beschrijven wat ze zagen.",
                en="Propose an assignment in which members observe a colleague in practice and "
                "describe what they saw.",
            ),
        ),
        watch=(
            Text(
                nl="Wat bij een ander werkt, past niet vanzelf bij jou: vraag wat het in die "
                "situatie deed werken.",
                en="What works for someone else does not automatically fit you: ask what made "
                "it work in their situation.",
            ),
            Text(
                nl="Laat ook je eigen aanpak zien; anderen kunnen net zo goed van jou afkijken.",
                en="Show your own approach too; others may just as well learn by watching you.",
            ),
        ),
        group_offers=True,
    ),
    "knowledge": ScaleText(
        meaning=Text(
            nl="Je leert van wat al bekend is: lezen, deskundigen, modellen en theorieën. "
            "Begrijpen waarom iets werkt, geeft je houvast voordat je handelt.",
            en="You learn from what is already known: reading, experts, models and theories. "
            "Understanding why something works gives you footing before you act.",
        ),
        ask=(
            Text(
                nl="Vraag de leerbegeleider om een model of een korte tekst die licht werpt op "
                "het vraagstuk van de groep; de bibliotheek in Kring heeft begrippen en "
                "methoden met bronnen.",
                en="Ask the facilitator for a model or a short text that sheds light on the "
                "group's issue; Kring's library has concepts and methods with references.",
            ),
            Text(
                nl="Bied aan om wat je gelezen hebt kort in te brengen, als een andere bril op "
                "een casus en niet als het antwoord.",
                en="Offer to bring in briefly what you have read, as another lens on a case "
                "rather than as the answer.",
            ),
        ),
        watch=(
            Text(
                nl="Een leergroep leert vooral van de ervaringen van de leden zelf; er wordt "
                "weinig lesgegeven. Dat kan in het begin mager voelen.",
                en="A learning group learns mainly from its members' own experience; there is "
                "little teaching. That can feel thin at first.",
            ),
            Text(
                nl="Theorie kan een gesprek te vroeg afsluiten. Vraag wat een model in deze "
                "casus laat zien, en wat het weglaat.",
                en="Theory can close a conversation too early. Ask what a model shows in this "
                "case, and what it leaves out.",
            ),
        ),
        group_offers=False,
    ),
    "practising": ScaleText(
        meaning=Text(
            nl="Je leert door te oefenen: iets steeds opnieuw doen in een veilige setting, met "
            "feedback, tot het in de echte situatie goed gaat.",
            en="You learn by rehearsing: doing something again and again in a safe setting, "
            "with feedback, until it goes well in the real situation.",
        ),
        ask=(
            Text(
                nl="Vraag of er in een bijeenkomst ruimte kan komen om een gesprek uit iemands "
                "casus na te spelen, met feedback van de groep.",
                en="Ask whether a meeting can make room to re-enact a conversation from "
                "someone's case, with feedback from the group.",
            ),
            Text(
                nl="Maak van de vraag aan het eind van elke bijeenkomst, wat ga je uitproberen, "
                "je oefenopdracht, en vertel de volgende keer hoe het ging.",
                en="Make the question at the end of each meeting, what will you try, your "
                "practice assignment, and tell the group next time how it went.",
            ),
        ),
        watch=(
            Text(
                nl="In een leergroep wordt meer gesproken dan geoefend; het oefenen gebeurt in "
                "je eigen werk tussen de bijeenkomsten.",
                en="A learning group talks more than it rehearses; the practice happens in "
                "your own work between meetings.",
            ),
            Text(
                nl="Eén aanpak inoefenen kan de vraag verbergen of het de goede aanpak is. Laat "
                "ook voor die vraag ruimte.",
                en="Drilling one approach can hide the question whether it is the right one. "
                "Leave room for that question too.",
            ),
        ),
        group_offers=False,
    ),
    "interaction": ScaleText(
        meaning=Text(
            nl="Je denkt het best met anderen. Je ideeën krijgen vorm terwijl je ze uitspreekt, "
            "en de reactie van een ander laat zien of ze standhouden.",
            en="You think best with others. Your ideas take shape as you say them out loud, "
            "and someone else's reaction shows whether they hold up.",
        ),
        ask=(
            Text(
                nl="Vraag de groep je ideeën te bevragen, niet alleen ermee in te stemmen.",
                en="Ask the group to question your ideas, not only to agree with them.",
            ),
            Text(
                nl="Stel voor om opdrachten in de bijeenkomst mondeling te delen, zodat er "
                "meteen over gesproken kan worden.",
                en="Propose sharing assignments orally in the meeting, so that they can be "
                "discussed on the spot.",
            ),
        ),
        watch=(
            Text(
                nl="Hardop denken neemt ruimte in. Laat ruimte voor leden die eerst stilte nodig "
                "hebben voordat ze iets zeggen.",
                en="Thinking out loud takes up space. Leave room for members who need silence "
                "before they speak.",
            ),
            Text(
                nl="Schrijf achteraf op wat je hebt geconcludeerd; ideeën uit een goed gesprek "
                "vervagen snel.",
                en="Write down afterwards what you concluded; ideas from a good conversation "
                "fade quickly.",
            ),
        ),
        group_offers=True,
    ),
    "reflection": ScaleText(
        meaning=Text(
            nl="Je denkt door een stap terug te doen. Je kijkt naar wat je deed en wat dat "
            "teweegbracht, en je bent bereid de aannames achter je eigen keuzes te bevragen.",
            en="You think by stepping back. You look at what you did and what it caused, and "
            "you are willing to question the assumptions behind your own choices.",
        ),
        ask=(
            Text(
                nl="Vraag om reflectieve opdrachten tussen de bijeenkomsten en om tijd om er in "
                "de bijeenkomst samen op terug te kijken.",
                en="Ask for reflective assignments between meetings, and for time in the "
                "meeting to look back on them together.",
            ),
            Text(
                nl="Vraag de groep wat zij in jouw casus ziet dat jij niet ziet: je eigen "
                "patronen zie je alleen moeilijk.",
                en="Ask the group what it sees in your case that you do not: your own patterns "
                "are hard to see alone.",
            ),
        ),
        watch=(
            Text(
                nl="Reflecteren kan rondjes draaien. Vraag jezelf telkens wat je anders gaat doen.",
                en="Reflection can go round in circles. Ask yourself each time what you will do "
                "differently.",
            ),
            Text(
                nl="Niet iedereen doet even makkelijk een stap terug; een vraag helpt een ander "
                "meer dan jouw analyse van die ander.",
                en="Not everyone steps back as easily; a question helps someone more than your "
                "analysis of them.",
            ),
        ),
        group_offers=True,
    ),
    "reproduction": ScaleText(
        meaning=Text(
            nl="Je denkt in de richting van een helder resultaat. Je wilt weten wat er verwacht "
            "wordt, uitvoeren wat is afgesproken, en wat je leert direct kunnen gebruiken.",
            en="You think towards a clear result. You want to know what is expected, to carry "
            "out what has been agreed, and to be able to use what you learn straight away.",
        ),
        ask=(
            Text(
                nl="Vraag aan het begin om heldere afspraken: waar de groep aan werkt, hoe de "
                "bijeenkomsten verlopen en wat er tussendoor van je gevraagd wordt.",
                en="Ask for clear agreements at the start: what the group works on, how the "
                "meetings run and what is asked of you in between.",
            ),
            Text(
                nl="Vraag dat elke bijeenkomst eindigt met vastgelegde leerpunten, zodat je ziet "
                "wat het gesprek heeft opgeleverd.",
                en="Ask that every meeting ends with its learning points recorded, so that you "
                "see what the conversation produced.",
            ),
        ),
        watch=(
            Text(
                nl="Een leergroep is bewust open: het antwoord ligt niet vooraf vast. Geef het "
                "open gesprek een paar bijeenkomsten voordat je erover oordeelt.",
                en="A learning group is open by design: the answer is not fixed in advance. "
                "Give the open conversation a few meetings before you judge it.",
            ),
            Text(
                nl="Je gerichtheid op resultaat houdt de groep dicht bij het handelen; zeg het "
                "als het gesprek daarvan wegdrijft.",
                en="Your eye for results keeps the group close to action; say so when the "
                "conversation drifts away from it.",
            ),
        ),
        group_offers=False,
    ),
}

# The reading of a kind's shape. {leading} and {trailing} are lists of scale names.
SHAPE_TEXTS: dict[tuple[Kind, Shape, Band | None], Text] = {
    (Kind.PREFERENCE, Shape.DOMINANT, None): Text(
        nl="Eén manier van leren springt er bij jou duidelijk uit: {leading}. Dat is een "
        "kracht die je in de groep kunt gebruiken, en tegelijk een blinde vlek: een manier van "
        "leren die je minder ligt, kan net zo goed zijn wat je leervraag nodig heeft.",
        en="One way of learning clearly stands out for you: {leading}. That is a strength you "
        "can use in the group, and at the same time a blind spot: a way of learning that suits "
        "you less may be just what your learning question needs.",
    ),
    (Kind.PREFERENCE, Shape.SPREAD, None): Text(
        nl="Je voelt je het meest aangetrokken tot {leading} en het minst tot {trailing}. "
        "Gebruik wat bij je past, en let op wanneer de groep iets vraagt wat minder bij je "
        "past: daar valt vaak het meest te leren.",
        en="You are drawn most to {leading} and least to {trailing}. Use what suits you, and "
        "notice when the group asks for something that suits you less: that is often where "
        "there is most to learn.",
    ),
    (Kind.PREFERENCE, Shape.FLAT, Band.HIGH): Text(
        nl="Alle vijf manieren van leren spreken je aan, en ongeveer even sterk. Je vindt "
        "waarschijnlijk in de meeste werkvormen iets; de vraag is eerder welke je leervraag nu "
        "nodig heeft.",
        en="All five ways of learning appeal to you, and about equally. You will probably get "
        "something out of most ways of working; the question is rather which one your "
        "learning question needs now.",
    ),
    (Kind.PREFERENCE, Shape.FLAT, Band.MIDDLE): Text(
        nl="Je leervoorkeuren liggen dicht bij elkaar, zonder sterke trek in één richting. Je "
        "kunt waarschijnlijk schakelen tussen manieren van leren; let de komende bijeenkomsten "
        "op welke je echt iets opleveren.",
        en="Your learning preferences lie close together, without a strong pull in one "
        "direction. You can probably move between ways of learning; notice over the coming "
        "meetings which ones actually bring you something.",
    ),
    (Kind.PREFERENCE, Shape.FLAT, Band.LOW): Text(
        nl="Geen van de vijf manieren van leren springt eruit, en geen scoort hoog. Misschien "
        "hangt hoe je graag leert sterk af van het onderwerp of de situatie, of pasten de "
        "uitspraken niet goed bij je werk. Bespreek het met je leerbegeleider in plaats van "
        "conclusies te trekken uit de cijfers.",
        en="None of the five ways of learning stands out, and none scores high. Perhaps how "
        "you like to learn depends strongly on the subject or the situation, or the statements "
        "did not fit your work well. Talk it over with your facilitator rather than drawing "
        "conclusions from the figures.",
    ),
    (Kind.HABIT, Shape.DOMINANT, None): Text(
        nl="Eén denkgewoonte gaat duidelijk voorop: {leading}. Die kleurt hoe je de "
        "bijeenkomsten beleeft: wat vanzelf gaat en wat ongemakkelijk voelt.",
        en="One thinking habit clearly leads: {leading}. It colours how you experience the "
        "meetings: what comes naturally and what feels uncomfortable.",
    ),
    (Kind.HABIT, Shape.SPREAD, None): Text(
        nl="Je neigt het meest naar {leading} en het minst naar {trailing}. Waar een "
        "bijeenkomst vraagt om de gewoonte die je het minst gebruikt, voel je misschien wat "
        "ongemak; dat is gewoon, en vaak nuttig.",
        en="You lean most towards {leading} and least towards {trailing}. Where a meeting asks "
        "for the habit you use least, you may feel some discomfort; that is normal, and often "
        "useful.",
    ),
    (Kind.HABIT, Shape.FLAT, Band.HIGH): Text(
        nl="Je gebruikt alle drie de denkgewoonten gemakkelijk. Je kunt in gesprek meedenken, "
        "een stap terug doen en het resultaat in het oog houden; de groep kan op die balans "
        "leunen.",
        en="You use all three thinking habits readily. You can think along in conversation, "
        "step back, and keep an eye on the result; the group can lean on that balance.",
    ),
    (Kind.HABIT, Shape.FLAT, Band.MIDDLE): Text(
        nl="Je denkgewoonten zijn in evenwicht: geen ervan gaat duidelijk voorop. Let in de "
        "bijeenkomsten op wanneer je je het meest op je gemak voelt, en wanneer het minst.",
        en="Your thinking habits are in balance: none clearly leads. Notice in the meetings "
        "when you feel most at ease, and when least.",
    ),
    (Kind.HABIT, Shape.FLAT, Band.LOW): Text(
        nl="Geen van de drie denkgewoonten komt sterk naar voren. Misschien pasten de "
        "uitspraken niet bij hoe jij werkt; je leerbegeleider kan je helpen uitzoeken wat jou "
        "helpt denken.",
        en="None of the three thinking habits comes out strongly. Perhaps the statements did "
        "not fit how you work; your facilitator can help you find out what helps you think.",
    ),
}

AND = Text(nl="en", en="and")


def join_names(names: list[str], language: str | None) -> str:
    """ "a, b and c" / "a, b en c"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {AND.in_language(language)} {names[-1]}"


def _in_sentence(scale: Scale, language: str | None) -> str:
    # Scale names are nouns ("Participating", "Kennis verwerven") that sit mid-sentence.
    return scale.name.in_language(language).lower()


@dataclass(frozen=True)
class ScaleReading:
    """One scale's texts in one language, with the person's score."""

    code: str
    name: str
    description: str
    score: int
    meaning: str
    ask: tuple[str, ...]
    watch: tuple[str, ...]
    group_offers: bool


@dataclass(frozen=True)
class KindReading:
    kind: Kind
    shape: Shape
    summary: str
    leading: tuple[ScaleReading, ...]
    others: tuple[ScaleReading, ...]


@dataclass(frozen=True)
class ProfileReading:
    preferences: KindReading
    habits: KindReading
    # Of the leading scales: what a learning group offers of itself, and what to ask for.
    offered: tuple[str, ...]
    to_ask: tuple[str, ...]


def scale_reading(score: ScaleScore, language: str | None) -> ScaleReading:
    text = SCALE_TEXTS[score.scale.code]
    return ScaleReading(
        code=score.scale.code,
        name=score.scale.name.in_language(language),
        description=score.scale.description.in_language(language),
        score=score.rounded,
        meaning=text.meaning.in_language(language),
        ask=tuple(t.in_language(language) for t in text.ask),
        watch=tuple(t.in_language(language) for t in text.watch),
        group_offers=text.group_offers,
    )


def shape_summary(pattern: Pattern, language: str | None) -> str:
    level = pattern.level if pattern.shape == Shape.FLAT else None
    template = SHAPE_TEXTS[(pattern.kind, pattern.shape, level)].in_language(language)
    return template.format(
        leading=join_names([_in_sentence(s.scale, language) for s in pattern.leading], language),
        trailing=join_names([_in_sentence(s.scale, language) for s in pattern.trailing], language),
    )


def _kind_reading(profile: Profile, kind: Kind, language: str | None) -> KindReading:
    pattern = profile.pattern(kind)
    # A flat profile has no leaders worth singling out: every scale is read alike.
    leading = () if pattern.shape == Shape.FLAT else pattern.leading
    return KindReading(
        kind=kind,
        shape=pattern.shape,
        summary=shape_summary(pattern, language),
        leading=tuple(scale_reading(s, language) for s in leading),
        others=tuple(scale_reading(s, language) for s in pattern.ranked if s not in leading),
    )


def read(profile: Profile, language: str | None) -> ProfileReading:
    """The whole reading of a profile in ``language`` ("nl" or "en")."""
    preferences = _kind_reading(profile, Kind.PREFERENCE, language)
    habits = _kind_reading(profile, Kind.HABIT, language)
    leading = [*preferences.leading, *habits.leading]
    return ProfileReading(
        preferences=preferences,
        habits=habits,
        offered=tuple(s.name for s in leading if s.group_offers),
        to_ask=tuple(s.name for s in leading if not s.group_offers),
    )


def all_scale_names(language: str | None) -> list[str]:
    return [scale.name.in_language(language) for scale in SCALES]
