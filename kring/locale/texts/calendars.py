"""Dutch texts of calendars: the private calendar feed and e-mail reminders, keyed by the
English source."""

NL: dict[str, str] = {
    "Calendars and reminders": "Agenda's en herinneringen",
    # Models
    "also show the due dates of assignments": "ook de inleverdata van opdrachten tonen",
    "e-mail me before each meeting": "mail me vóór elke bijeenkomst",
    "e-mail me before an assignment is due that I have not handed in": "mail me vóór de inleverdatum van een opdracht die ik nog niet heb ingeleverd",
    "calendar settings": "agenda-instellingen",
    "Meeting": "Bijeenkomst",
    "Assignment": "Opdracht",
    # Forms
    "Meeting reminders are switched off for everyone in this installation.": "Herinneringen voor bijeenkomsten staan in deze installatie voor iedereen uit.",
    "Assignment reminders are switched off for everyone in this installation.": "Herinneringen voor opdrachten staan in deze installatie voor iedereen uit.",
    # Views
    "Your calendar feed is switched off. Its link no longer works anywhere.": "Je agendafeed staat uit. De link werkt nergens meer.",
    "Saved. Calendar apps pick up the change at their next fetch.": "Opgeslagen. Agenda-apps nemen de wijziging over zodra ze de feed weer ophalen.",
    "Your reminder settings have been saved.": "Je instellingen voor herinneringen zijn opgeslagen.",
    # The feed
    "%(title)s · %(group)s": "%(title)s · %(group)s",
    "Meeting %(number)s of %(group)s (%(programme)s)": "Bijeenkomst %(number)s van %(group)s (%(programme)s)",
    "Online: %(link)s": "Online: %(link)s",
    "In Kring: %(link)s": "In Kring: %(link)s",
    "Due: %(title)s · %(group)s": "Inleveren: %(title)s · %(group)s",
    "Assignment for meeting %(number)s. In Kring: %(link)s": "Opdracht voor bijeenkomst %(number)s. In Kring: %(link)s",
    "Kring: my meetings": "Kring: mijn bijeenkomsten",
    # The settings page
    "Calendar feed and reminders": "Agendafeed en herinneringen",
    "Your meetings in your own calendar, and an e-mail before a meeting or before an assignment is due.": "Je bijeenkomsten in je eigen agenda, en een e-mail vóór een bijeenkomst of vóór de inleverdatum van een opdracht.",
    "My calendar feed": "Mijn agendafeed",
    "Your new feed link. Copy it now: Kring does not keep it and cannot show it again.": "Je nieuwe feedlink. Kopieer hem nu: Kring bewaart hem niet en kan hem niet nog eens tonen.",
    "Feed link": "Feedlink",
    "Open in my calendar app": "Openen in mijn agenda-app",
    "Outlook: Add calendar → Subscribe from web, and paste the link.": "Outlook: Agenda toevoegen → Abonneren vanaf internet, en plak de link.",
    "Google Calendar: Other calendars → From URL, and paste the link.": "Google Agenda: Andere agenda's → Via URL, en plak de link.",
    "Apple Calendar: File → New Calendar Subscription, and paste the link.": "Apple Agenda: Archief → Nieuw agenda-abonnement, en plak de link.",
    "Anyone who has this link can see your meetings. Keep it to yourself; if it gets out, make a new one.": "Wie deze link heeft, ziet je bijeenkomsten. Houd hem voor jezelf; raakt hij in omloop, maak dan een nieuwe.",
    "Your feed is on since %(since)s.": "Je feed staat aan sinds %(since)s.",
    "A calendar app last fetched it on %(when)s.": "Een agenda-app haalde hem het laatst op %(when)s op.",
    "No calendar app has fetched it yet.": "Nog geen agenda-app heeft hem opgehaald.",
    "For your safety Kring does not keep the link itself. Lost it? Make a new link: the old one stops working at once.": "Voor je veiligheid bewaart Kring de link zelf niet. Kwijt? Maak een nieuwe link: de oude werkt dan meteen niet meer.",
    "Your feed is off.": "Je feed staat uit.",
    "Make a new link": "Nieuwe link maken",
    "Switch my feed on": "Mijn feed aanzetten",
    "Switch my feed off": "Mijn feed uitzetten",
    "Save": "Opslaan",
    "Next in your feed": "Binnenkort in je feed",
    "E-mail reminders": "Herinneringen per e-mail",
    "Send me an e-mail": "Stuur me een e-mail",
    "Save my reminder settings": "Instellingen opslaan",
    # E-mails
    "Reminder: %(title)s on %(when)s": "Herinnering: %(title)s op %(when)s",
    "Dear %(name)s,": "Beste %(name)s,",
    "Soon %(group)s meets again:": "Binnenkort komt %(group)s weer bij elkaar:",
    "%(day)s, %(start)s–%(end)s": "%(day)s, %(start)s–%(end)s",
    "Place: %(place)s": "Plaats: %(place)s",
    "Online:": "Online:",
    "The purpose, the agenda and what to prepare are in Kring:": "Het doel, de agenda en wat je voorbereidt staan in Kring:",
    "Tip: subscribe to your personal calendar feed, so that every meeting, and every change to it, appears in your own calendar.": "Tip: abonneer je op je persoonlijke agendafeed, dan verschijnt elke bijeenkomst, en elke wijziging daarin, in je eigen agenda.",
    "Your feed and your reminder settings: %(calendar_link)s": "Je feed en je instellingen voor herinneringen: %(calendar_link)s",
    "Your feed and your reminder settings": "Je feed en je instellingen voor herinneringen",
    "Open the meeting in Kring": "Open de bijeenkomst in Kring",
    "Reminder: hand in “%(title)s” by %(when)s": "Herinnering: lever “%(title)s” uiterlijk %(when)s in",
    "The assignment “%(title)s” is due on %(day)s at %(time)s, and you have not handed anything in yet.": "De opdracht “%(title)s” moet uiterlijk %(day)s om %(time)s binnen zijn, en je hebt nog niets ingeleverd.",
    "It is for meeting %(number)s of %(group)s on %(day)s.": "Hij hoort bij bijeenkomst %(number)s van %(group)s op %(day)s.",
    "It is for meeting %(number)s of %(group)s.": "Hij hoort bij bijeenkomst %(number)s van %(group)s.",
    "Read the assignment and hand in your work here:": "Lees de opdracht en lever je uitwerking hier in:",
    "Open the assignment": "Open de opdracht",
}

NL_PLURAL: dict[str, tuple[str, str]] = {
    "One day before each meeting of my groups.": (
        "Eén dag vóór elke bijeenkomst van mijn groepen.",
        "%(count)s dagen vóór elke bijeenkomst van mijn groepen.",
    ),
    "One day before the due date, only when I have not handed anything in.": (
        "Eén dag vóór de inleverdatum, alleen als ik nog niets heb ingeleverd.",
        "%(count)s dagen vóór de inleverdatum, alleen als ik nog niets heb ingeleverd.",
    ),
    "A private link to the meetings of your groups (%(counter)s meeting now). Add it to Outlook, Google Calendar or Apple Calendar as a subscription: moved and cancelled meetings are updated there by themselves.": (
        "Een persoonlijke link naar de bijeenkomsten van je groepen (nu %(counter)s bijeenkomst). Voeg hem als abonnement toe aan Outlook, Google Agenda of Apple Agenda: verplaatste en afgelaste bijeenkomsten worden daar vanzelf bijgewerkt.",
        "Een persoonlijke link naar de bijeenkomsten van je groepen (nu %(counter)s bijeenkomsten). Voeg hem als abonnement toe aan Outlook, Google Agenda of Apple Agenda: verplaatste en afgelaste bijeenkomsten worden daar vanzelf bijgewerkt.",
    ),
}
