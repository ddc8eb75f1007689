"""Kring's learning-profile questionnaire: the item bank, written for Kring.

Five learning preferences (how someone likes to learn at work) and three thinking habits (how
someone tends to think while learning), each measured by four statements on a five-point
agreement scale. One statement per scale is reverse-keyed: agreeing with it points away from
the scale. docs/learning-profile.md explains what every scale and item is meant to capture,
why it is worded as it is, and what this instrument is not (a validated psychometric test).

The Dutch and English wording of each statement sit side by side on purpose: they are one
item of one instrument version, reviewed together, not an interface text that a translator
may rephrase. Change an item's wording, keying or scale and you must raise
``INSTRUMENT_VERSION``: answers given to the old wording are kept with the old version.

Pure Python: no Django imports, so the scoring and its tests run without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

INSTRUMENT_VERSION = "2026.1"

# The five answer options; the stored value of an answer is its position on the scale.
LOWEST, HIGHEST = 1, 5


class Kind(StrEnum):
    PREFERENCE = "preference"
    HABIT = "habit"


@dataclass(frozen=True)
class Text:
    """One text in both of Kring's languages."""

    nl: str
    en: str

    def in_language(self, language: str | None) -> str:
        """English for any ``en…`` language code, otherwise Dutch (Kring's first language)."""
        return self.en if (language or "").lower().startswith("en") else self.nl


@dataclass(frozen=True)
class Scale:
    code: str
    kind: Kind
    name: Text
    description: Text


@dataclass(frozen=True)
class Item:
    code: str
    scale: str
    text: Text
    reverse: bool = False


@dataclass(frozen=True)
class Part:
    """A part of the questionnaire page: the items of one kind, in the order they are asked."""

    kind: Kind
    title: Text
    intro: Text
    items: tuple[Item, ...]


ANSWER_OPTIONS: tuple[tuple[int, Text], ...] = (
    (1, Text(nl="Helemaal oneens", en="Strongly disagree")),
    (2, Text(nl="Oneens", en="Disagree")),
    (3, Text(nl="Neutraal", en="Neutral")),
    (4, Text(nl="Eens", en="Agree")),
    (5, Text(nl="Helemaal eens", en="Strongly agree")),
)

SCALES: tuple[Scale, ...] = (
    Scale(
        "participating",
        Kind.PREFERENCE,
        Text(nl="Participeren", en="Participating"),
        Text(
            nl="Leren door mee te doen: in het werk zelf, tussen collega's, in de gesprekken "
            "en projecten van je organisatie.",
            en="Learning by taking part: in the work itself, among colleagues, in the "
            "conversations and projects of your organisation.",
        ),
    ),
    Scale(
        "discovering",
        Kind.PREFERENCE,
        Text(nl="Ontdekken", en="Discovering"),
        Text(
            nl="Leren door zelf uit te zoeken: onbekend terrein verkennen, dingen uitproberen "
            "en leren van wat je verrast.",
            en="Learning by finding out for yourself: exploring the unknown, trying things "
            "and learning from what surprises you.",
        ),
    ),
    Scale(
        "watching",
        Kind.PREFERENCE,
        Text(nl="Afkijken bij anderen", en="Watching others"),
        Text(
            nl="Leren van het voorbeeld van anderen: zien hoe ervaren collega's hun werk "
            "aanpakken en dat je eigen maken.",
            en="Learning by watching others: seeing how experienced colleagues go about "
            "their work and making it your own.",
        ),
    ),
    Scale(
        "knowledge",
        Kind.PREFERENCE,
        Text(nl="Kennis verwerven", en="Acquiring knowledge"),
        Text(
            nl="Leren van wat al bekend is: lezen, luisteren naar deskundigen, en modellen en "
            "theorieën die je werk verklaren.",
            en="Learning from what is already known: reading, listening to experts, and "
            "models and theories that explain your work.",
        ),
    ),
    Scale(
        "practising",
        Kind.PREFERENCE,
        Text(nl="Oefenen", en="Practising"),
        Text(
            nl="Leren door te oefenen: een vaardigheid steeds opnieuw proberen in een veilige "
            "setting, met feedback, voordat het erop aankomt.",
            en="Learning by rehearsing: trying a skill again and again in a safe setting, "
            "with feedback, before it counts.",
        ),
    ),
    Scale(
        "interaction",
        Kind.HABIT,
        Text(nl="Interactie", en="Interaction"),
        Text(
            nl="Denken met anderen: je ideeën krijgen vorm en worden getoetst in het gesprek.",
            en="Thinking with others: your ideas take shape and are tested in conversation.",
        ),
    ),
    Scale(
        "reflection",
        Kind.HABIT,
        Text(nl="Reflectie", en="Reflection"),
        Text(
            nl="Denken door een stap terug te doen: kijken naar wat je deed, wat dat "
            "teweegbracht en wat erachter zat, en dan bijstellen.",
            en="Thinking by stepping back: looking at what you did, what it caused and what "
            "lay behind it, and then adjusting.",
        ),
    ),
    Scale(
        "reproduction",
        Kind.HABIT,
        Text(nl="(Re)productie", en="(Re)production"),
        Text(
            nl="Denken in de richting van een helder resultaat: een afgesproken plan waarmaken "
            "en toepassen wat bekend is, stap voor stap.",
            en="Thinking towards a clear result: carrying out an agreed plan and applying "
            "what is known, step by step.",
        ),
    ),
)

# The items in the order they are asked. Scales alternate, so that no one sees four
# statements about the same thing in a row and answers "to type"; reverse-keyed items are
# spread over the page.
PREFERENCE_ITEMS: tuple[Item, ...] = (
    Item(
        "pa1",
        "participating",
        Text(
            nl="Ik leer het meest over mijn werk door er middenin te staan, samen met collega's.",
            en="I learn most about my work by being in the middle of it, together with colleagues.",
        ),
    ),
    Item(
        "kn1",
        "knowledge",
        Text(
            nl="Voordat ik een nieuw soort vraagstuk aanpak, lees ik me graag in op wat er al "
            "over bekend is.",
            en="Before I take on a new kind of problem, I like to read up on what is already "
            "known about it.",
        ),
    ),
    Item(
        "wa1",
        "watching",
        Text(
            nl="Als een collega een lastig gesprek goed aanpakt, let ik precies op hoe die dat "
            "doet.",
            en="When a colleague handles a difficult conversation well, I pay close attention "
            "to how they do it.",
        ),
    ),
    Item(
        "di4",
        "discovering",
        Text(
            nl="Voordat ik aan iets nieuws in mijn werk begin, wil ik precies weten welke weg "
            "ik moet volgen.",
            en="Before I start on something new in my work, I want to know exactly which route "
            "to follow.",
        ),
        reverse=True,
    ),
    Item(
        "pr1",
        "practising",
        Text(
            nl="Voor een belangrijke presentatie of een belangrijk gesprek oefen ik graag eerst.",
            en="Before an important presentation or conversation, I like to rehearse it first.",
        ),
    ),
    Item(
        "di1",
        "discovering",
        Text(
            nl="Als ik een taak krijg die ik nog nooit heb gedaan, zoek ik graag zelf uit hoe "
            "ik die aanpak.",
            en="When I am given a task I have never done before, I like to work out for myself "
            "how to go about it.",
        ),
    ),
    Item(
        "pa2",
        "participating",
        Text(
            nl="Als ik in een nieuw team begin, leer ik hoe het daar werkt door mee te doen "
            "met de overleggen en gesprekken.",
            en="When I start in a new team, I learn how things work there by joining in with "
            "its meetings and conversations.",
        ),
    ),
    Item(
        "kn4",
        "knowledge",
        Text(
            nl="Rapporten, boeken en artikelen over mijn vakgebied houden mijn aandacht zelden "
            "vast.",
            en="Reports, books and articles about my field rarely hold my attention.",
        ),
        reverse=True,
    ),
    Item(
        "wa2",
        "watching",
        Text(
            nl="Ik zou graag een dag meelopen met een ervaren collega om te zien hoe die werkt.",
            en="I would like to spend a day alongside an experienced colleague to see how they "
            "work.",
        ),
    ),
    Item(
        "pr2",
        "practising",
        Text(
            nl="Een nieuwe vaardigheid leer ik door die steeds opnieuw te doen tot het soepel "
            "gaat.",
            en="I learn a new skill by doing it again and again until it goes smoothly.",
        ),
    ),
    Item(
        "kn2",
        "knowledge",
        Text(
            nl="Een goed model of een goede theorie helpt me te begrijpen wat er in mijn werk "
            "gebeurt.",
            en="A good model or theory helps me understand what is happening in my work.",
        ),
    ),
    Item(
        "pa4",
        "participating",
        Text(
            nl="Ik leer het best in mijn eentje, weg van de dagelijkse drukte in mijn team.",
            en="I learn best on my own, away from the daily bustle of my team.",
        ),
        reverse=True,
    ),
    Item(
        "di2",
        "discovering",
        Text(
            nl="Een vraag waar in mijn organisatie nog niemand het antwoord op weet, trekt me aan.",
            en="A question that nobody in my organisation can answer yet appeals to me.",
        ),
    ),
    Item(
        "pr3",
        "practising",
        Text(
            nl="Een rollenspel of simulatie waarin fouten geen gevolgen hebben, helpt me leren.",
            en="A role-play or simulation in which mistakes have no consequences helps me learn.",
        ),
    ),
    Item(
        "wa4",
        "watching",
        Text(
            nl="Hoe anderen hun werk doen, zegt me weinig over hoe ik het mijne moet doen.",
            en="How others do their work tells me little about how I should do mine.",
        ),
        reverse=True,
    ),
    Item(
        "pa3",
        "participating",
        Text(
            nl="Toevallige gesprekken met collega's, bij de koffieautomaat of na een overleg, "
            "leveren me vaak iets op voor mijn werk.",
            en="Chance conversations with colleagues, at the coffee machine or after a "
            "meeting, often give me something for my work.",
        ),
    ),
    Item(
        "kn3",
        "knowledge",
        Text(
            nl="Ik heb veel aan een lezing of presentatie van een deskundige op mijn vakgebied.",
            en="I get a lot out of a lecture or presentation by an expert in my field.",
        ),
    ),
    Item(
        "pr4",
        "practising",
        Text(
            nl="Ik begin liever meteen in de echte situatie dan dat ik eerst oefen.",
            en="I would rather start straight away in the real situation than practise first.",
        ),
        reverse=True,
    ),
    Item(
        "wa3",
        "watching",
        Text(
            nl="Veel van wat ik goed doe in mijn werk, heb ik ooit bij iemand anders gezien.",
            en="Much of what I do well in my work I once saw someone else do.",
        ),
    ),
    Item(
        "di3",
        "discovering",
        Text(
            nl="Ik probeer in mijn werk graag iets uit, gewoon om te zien wat er gebeurt.",
            en="I like to try something out in my work, just to see what happens.",
        ),
    ),
)

HABIT_ITEMS: tuple[Item, ...] = (
    Item(
        "in1",
        "interaction",
        Text(
            nl="Mijn gedachten worden helder als ik ze met anderen bespreek.",
            en="My thoughts become clear when I talk them through with others.",
        ),
    ),
    Item(
        "rp1",
        "reproduction",
        Text(
            nl="Ik voel me het meest op mijn gemak als duidelijk is wat er van me verwacht "
            "wordt en hoe ik dat aanpak.",
            en="I feel most at ease when it is clear what is expected of me and how to go "
            "about it.",
        ),
    ),
    Item(
        "re1",
        "reflection",
        Text(
            nl="Na een overleg dat anders liep dan ik hoopte, ga ik na wat ik deed en wat dat "
            "teweegbracht.",
            en="After a meeting that went differently from what I had hoped, I go over what I "
            "did and what it caused.",
        ),
    ),
    Item(
        "in4",
        "interaction",
        Text(
            nl="Ik denk een vraag liever helemaal zelf uit voordat ik het er met iemand over heb.",
            en="I prefer to think a question through entirely on my own before I discuss it "
            "with anyone.",
        ),
        reverse=True,
    ),
    Item(
        "rp2",
        "reproduction",
        Text(
            nl="Als een plan is afgesproken, wil ik het uitvoeren zoals het is afgesproken.",
            en="Once a plan has been agreed, I want to carry it out as agreed.",
        ),
    ),
    Item(
        "re2",
        "reflection",
        Text(
            nl="Ik vraag me regelmatig af of mijn manier van werken nog past bij wat het werk "
            "vraagt.",
            en="I regularly ask myself whether my way of working still fits what the work asks.",
        ),
    ),
    Item(
        "in2",
        "interaction",
        Text(
            nl="Ik leg graag een half uitgewerkt idee aan collega's voor, om te zien of het "
            "standhoudt.",
            en="I like to put a half-formed idea to colleagues to see whether it holds up.",
        ),
    ),
    Item(
        "re4",
        "reflection",
        Text(
            nl="Als iets af is, ga ik door naar het volgende zonder terug te kijken.",
            en="Once something is done, I move on to the next thing without looking back.",
        ),
        reverse=True,
    ),
    Item(
        "rp3",
        "reproduction",
        Text(
            nl="Wat ik leer, wil ik direct en stap voor stap in mijn werk kunnen toepassen.",
            en="What I learn, I want to be able to apply in my work straight away, step by step.",
        ),
    ),
    Item(
        "in3",
        "interaction",
        Text(
            nl="Een collega die het niet met me eens is, helpt me verder te denken.",
            en="A colleague who disagrees with me helps me think further.",
        ),
    ),
    Item(
        "re3",
        "reflection",
        Text(
            nl="Ik probeer te achterhalen welke aannames achter mijn keuzes in mijn werk zitten.",
            en="I try to find out which assumptions lie behind the choices I make at work.",
        ),
    ),
    Item(
        "rp4",
        "reproduction",
        Text(
            nl="Een gesprek zonder duidelijke uitkomst kan voor mij toch de moeite waard zijn.",
            en="A conversation without a clear outcome can still be worth my time.",
        ),
        reverse=True,
    ),
)

PARTS: tuple[Part, ...] = (
    Part(
        Kind.PREFERENCE,
        Text(nl="Hoe je graag leert in je werk", en="How you like to learn at work"),
        Text(
            nl="Denk aan je werk van de afgelopen tijd. Hoe goed passen deze uitspraken bij je?",
            en="Think of your work over the past while. How well do these statements fit you?",
        ),
        PREFERENCE_ITEMS,
    ),
    Part(
        Kind.HABIT,
        Text(nl="Hoe je denkt terwijl je leert", en="How you think while you learn"),
        Text(
            nl="Deze uitspraken gaan over hoe je nadenkt over je werk, alleen en met anderen.",
            en="These statements are about how you think about your work, alone and with others.",
        ),
        HABIT_ITEMS,
    ),
)

ITEMS: tuple[Item, ...] = PREFERENCE_ITEMS + HABIT_ITEMS
SCALE_BY_CODE: dict[str, Scale] = {scale.code: scale for scale in SCALES}
ITEM_BY_CODE: dict[str, Item] = {item.code: item for item in ITEMS}


def scales_of(kind: Kind) -> tuple[Scale, ...]:
    return tuple(scale for scale in SCALES if scale.kind == kind)


def items_of(scale_code: str) -> tuple[Item, ...]:
    return tuple(item for item in ITEMS if item.scale == scale_code)
