"""Dutch texts of the learning profile (L3): its pages, the chart and the pool overview.

The questionnaire's statements, scale names and readings are not here: they are part of the
instrument and carry both languages side by side in kring/profiles/instrument.py and
kring/profiles/readings.py.
"""

NL: dict[str, str] = {
    # App and model
    "Learning profiles": "Leerprofielen",
    "questionnaire version": "versie van de vragenlijst",
    "answers": "antwoorden",
    "scores": "scores",
    "started": "begonnen",
    "last saved": "laatst bewaard",
    "completed": "afgerond",
    "learning profile": "leerprofiel",
    "learning profiles": "leerprofielen",
    "You are already filling in the questionnaire; continue where you left off.": "Je bent de vragenlijst al aan het invullen; ga verder waar je was gebleven.",
    "Learning profile #%(id)s": "Leerprofiel #%(id)s",
    # Form
    "Choose one of the five answers.": "Kies een van de vijf antwoorden.",
    "Choose the answer that fits you best.": "Kies het antwoord dat het best bij je past.",
    # Views
    "Learning preferences": "Leervoorkeuren",
    "Thinking habits": "Denkgewoonten",
    "Your answers have been saved. You can finish the questionnaire later.": "Je antwoorden zijn bewaard. Je kunt de vragenlijst later afmaken.",
    "Your learning profile is ready.": "Je leerprofiel is klaar.",
    # Overview and result pages
    "My learning profile": "Mijn leerprofiel",
    "How you like to learn at work, and how you think while you learn: a questionnaire of 32 statements, and what your answers suggest for learning in a learning group.": "Hoe je graag leert in je werk, en hoe je denkt terwijl je leert: een vragenlijst van 32 uitspraken, en wat je antwoorden zeggen over leren in een leergroep.",
    "Continue the questionnaire": "Ga verder met de vragenlijst",
    "Fill it in again": "Vul hem opnieuw in",
    "Fill in the questionnaire": "Vul de vragenlijst in",
    "You started the questionnaire and have answered %(answered)s of %(total)s statements (last saved %(date)s). Your answers are kept until you finish.": "Je bent aan de vragenlijst begonnen en hebt %(answered)s van de %(total)s uitspraken beantwoord (laatst bewaard op %(date)s). Je antwoorden blijven bewaard tot je klaar bent.",
    "About the questionnaire": "Over de vragenlijst",
    "You read 32 statements about situations at work and say how well each fits you, from strongly disagree to strongly agree. It takes about ten minutes. There are no right or wrong answers: answer for how you are now, not for how you would like to be or how your organisation would like you to be.": "Je leest 32 uitspraken over situaties in je werk en geeft bij elke aan hoe goed die bij je past, van helemaal oneens tot helemaal eens. Dat kost ongeveer tien minuten. Er zijn geen goede of foute antwoorden: antwoord vanuit hoe je nu bent, niet hoe je graag zou zijn of hoe je organisatie je graag zou zien.",
    "Your answers give a profile of five learning preferences (participating, discovering, watching others, acquiring knowledge, practising) and three thinking habits (interaction, reflection, (re)production), with a reading of what that means when you learn with colleagues in a learning group.": "Je antwoorden geven een profiel van vijf leervoorkeuren (participeren, ontdekken, afkijken bij anderen, kennis verwerven, oefenen) en drie denkgewoonten (interactie, reflectie, (re)productie), met een duiding van wat dat betekent als je met collega's leert in een leergroep.",
    "You can save part way and come back later, and fill it in again whenever you like; earlier results are kept.": "Je kunt halverwege bewaren en later verdergaan, en de vragenlijst opnieuw invullen wanneer je wilt; eerdere uitkomsten blijven bewaard.",
    "Your results": "Je uitkomsten",
    "current": "huidig",
    "Who sees it": "Wie het ziet",
    "Your answers are yours alone, and so are these pages: nobody else can open them.": "Je antwoorden zijn alleen van jou, en deze pagina's ook: niemand anders kan ze openen.",
    "Your scores, not your answers, are seen by the people who form learning groups (the programme manager and the facilitators of the whole programme), and only in a pool for forming groups that you joined yourself.": "Je scores (niet je antwoorden) zijn alleen te zien voor de mensen die leergroepen samenstellen (de programmamanager en de leerbegeleiders van het hele programma), en alleen als je je zelf hebt aangemeld voor het vormen van leergroepen.",
    "This is a questionnaire for reflection, not a test: it says what you prefer, not what you can do. It never decides whether you may join a learning group.": "Dit is een vragenlijst om over na te denken, geen test: hij gaat over je voorkeuren, niet over wat je kunt. Hij beslist nooit of je aan een leergroep mag meedoen.",
    "This is your current profile.": "Dit is je huidige profiel.",
    "This is an earlier result. Your current profile dates from %(date)s.": "Dit is een eerdere uitkomst. Je huidige profiel is van %(date)s.",
    "See your current profile": "Bekijk je huidige profiel",
    "Your profile of %(date)s": "Je profiel van %(date)s",
    "What it suggests for learning in a learning group": "Wat het zegt over leren in een leergroep",
    "A reading to think and talk about, not a verdict. It never decides whether you can join a group.": "Een duiding om over na te denken en te praten, geen oordeel. Het beslist nooit of je aan een groep kunt meedoen.",
    "The other learning preferences": "De andere leervoorkeuren",
    "The other thinking habits": "De andere denkgewoonten",
    "In a learning group": "In een leergroep",
    "A learning group is built on taking part, discovering and learning from each other's practice, and it leans on thinking together and stepping back. Acquiring knowledge, practising and working to a fixed result it offers less of itself: there you and your facilitator can add something.": "Een leergroep draait om meedoen, ontdekken en leren van elkaars praktijk, en leunt op samen denken en een stap terug doen. Kennis verwerven, oefenen en werken naar een vastgesteld resultaat biedt hij minder uit zichzelf: daar kunnen jij en je leerbegeleider iets aan toevoegen.",
    "What the group gives you of itself:": "Wat de groep je uit zichzelf geeft:",
    "What you may need to ask for:": "Waar je misschien om moet vragen:",
    "Talking this through with your facilitator helps them shape the meetings with the group in mind.": "Als je dit met je leerbegeleider bespreekt, helpt dat bij het inrichten van de bijeenkomsten voor de groep.",
    "A learning group offers this of itself.": "Een leergroep biedt dit uit zichzelf.",
    "A learning group offers less of this by itself: ask for it.": "Een leergroep biedt hier uit zichzelf minder van: vraag erom.",
    "What you can ask of the group": "Wat je van de groep kunt vragen",
    "What to watch for": "Waar je op kunt letten",
    # The chart
    "Learning profile": "Leerprofiel",
    "Scores run from 0 to 100; 50 is the middle of the scale.": "Scores lopen van 0 tot 100; 50 is het midden van de schaal.",
    "Each bar runs from 0 (the statements do not fit you at all) to 100 (they fit you completely); the dashed line is the middle of the scale.": "Elke balk loopt van 0 (de uitspraken passen helemaal niet bij je) tot 100 (ze passen helemaal); de stippellijn is het midden van de schaal.",
    "The scores as a table": "De scores als tabel",
    "Scale": "Schaal",
    "Score": "Score",
    "What it is about": "Waar het over gaat",
    # The questionnaire
    "Learning-profile questionnaire": "Vragenlijst leerprofiel",
    "%(total)s statements about how you learn and think at work. Choose for each how well it fits you. There are no right or wrong answers: answer for how you are now, not for how you would like to be.": "%(total)s uitspraken over hoe je leert en denkt in je werk. Kies bij elke hoe goed die bij je past. Er zijn geen goede of foute antwoorden: antwoord vanuit hoe je nu bent, niet hoe je graag zou zijn.",
    "You are filling it in again, starting empty. Your earlier results are kept.": "Je vult de vragenlijst opnieuw in, vanaf een lege lijst. Je eerdere uitkomsten blijven bewaard.",
    "Still open": "Nog open",
    "Your answers so far have been saved. Choose an answer for these statements to see your profile:": "Je antwoorden tot nu toe zijn bewaard. Kies een antwoord bij deze uitspraken om je profiel te zien:",
    "Statement %(number)s": "Uitspraak %(number)s",
    "Show my profile": "Toon mijn profiel",
    "Save and continue later": "Bewaar en ga later verder",
    # The pool overview
    "Learning profiles in this pool": "Leerprofielen van wie zich heeft aangemeld",
    "Scores run from 0 to 100; 50 is the middle of the scale. High is 63 or more, low 38 or less.": "Scores lopen van 0 tot 100; 50 is het midden van de schaal. Hoog is 63 of meer, laag 38 of minder.",
    "How the pool is spread": "Hoe de aangemelden verdeeld zijn",
    "Each dot is a person": "Elke stip is een persoon",
    "Mean": "Gemiddelde",
    "High · middle · low": "Hoog · midden · laag",
    "%(name)s: from %(low)s to %(high)s": "%(name)s: van %(low)s tot %(high)s",
    "The upright line on each row marks the pool's mean; the dashed line is the middle of the scale.": "De rechtopstaande lijn in elke rij markeert het gemiddelde van alle aangemelden; de stippellijn is het midden van de schaal.",
    "Per person": "Per persoon",
    "Profile": "Profiel",
    "Leading preference": "Voorkeur die voorop gaat",
    "Leading habit": "Gewoonte die voorop gaat",
    "The small columns, from left: participating, discovering, watching others, acquiring knowledge, practising; after the gap: interaction, reflection, (re)production.": "De kleine kolommen, van links: participeren, ontdekken, afkijken bij anderen, kennis verwerven, oefenen; na de opening: interactie, reflectie, (re)productie.",
    "No clear lead": "Geen duidelijke voorkeur",
    "Not filled in yet": "Nog niet ingevuld",
    "Filling it in is voluntary.": "Invullen is vrijwillig.",
    "Nobody is in this pool yet.": "Er heeft zich nog niemand aangemeld.",
}

NL_PLURAL: dict[str, tuple[str, str]] = {
    "Your answers so far have been saved. %(count)d statement still needs an answer.": (
        "Je antwoorden tot nu toe zijn bewaard. Er is nog %(count)d uitspraak zonder antwoord.",
        "Je antwoorden tot nu toe zijn bewaard. Er zijn nog %(count)d uitspraken zonder antwoord.",
    ),
    "%(counter)s person has a learning profile.": (
        "%(counter)s persoon heeft een leerprofiel.",
        "%(counter)s mensen hebben een leerprofiel.",
    ),
}
