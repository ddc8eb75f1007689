"""Dutch texts for adding and removing people, the audit log and the menus, keyed by the
English source."""

NL: dict[str, str] = {
    # Adding a person
    "Add a person": "Iemand toevoegen",
    "Find a colleague by name or e-mail address. Someone who is new to Kring gets an invitation by e-mail.": "Zoek een collega op naam of e-mailadres. Wie nog niet in Kring zit, krijgt een uitnodiging per e-mail.",
    "Someone new to Kring: they receive an invitation by e-mail with a personal link. The link works for two weeks.": "Iemand die nieuw is in Kring: die krijgt een uitnodiging per e-mail met een persoonlijke link. De link werkt twee weken.",
    "Choose someone else": "Iemand anders kiezen",
    "Name or e-mail address": "Naam of e-mailadres",
    "Type at least two letters of a name, or a whole e-mail address to invite someone new.": "Typ minstens twee letters van een naam, of een volledig e-mailadres om iemand nieuw uit te nodigen.",
    "already %(role)s here": "hier al %(role)s",
    'Choose<span class="visually-hidden"> %(name)s</span>': 'Kiezen<span class="visually-hidden"> %(name)s</span>',
    "Showing %(shown)s of %(total)s. Type more of the name to narrow the list.": "%(shown)s van %(total)s getoond. Typ meer van de naam om de lijst korter te maken.",
    "No one in Kring has the address %(email)s yet.": "Nog niemand in Kring heeft het adres %(email)s.",
    "Invite this person": "Deze persoon uitnodigen",
    "No one found. Type a whole e-mail address to invite someone new.": "Niemand gevonden. Typ een volledig e-mailadres om iemand nieuw uit te nodigen.",
    "%(person)s now has the role %(role)s.": "%(person)s heeft nu de rol %(role)s.",
    "Not known yet": "Nog niet bekend",
    "The first meeting has taken place: a new participant needs a reason, and the next meeting starts with re-contracting.": "De eerste bijeenkomst is geweest: een nieuwe deelnemer heeft een reden nodig, en de volgende bijeenkomst begint met opnieuw contracteren.",
    "No one with this e-mail address has an account. Leave it empty, or check it.": "Niemand met dit e-mailadres heeft een account. Laat het leeg, of controleer het.",
    "Describe this: the group is composed with it.": "Beschrijf dit: de groep wordt ermee samengesteld.",
    "Given when the invitation brings someone into a learning group that has met.": "Ingevuld als de uitnodiging iemand in een leergroep brengt die al bij elkaar is geweest.",
    # Empty choices
    "— choose —": "— kies —",
    # Removing a role
    "Whose role?": "Wiens rol?",
    "Choose whose role to remove.": "Kies wiens rol je weghaalt.",
    "Reason": "Reden",
    "Kept in the audit log with the removal.": "Wordt met het weghalen bewaard in het auditlog.",
    "Say why the role is removed.": "Zeg waarom de rol wordt weggehaald.",
    "Choose whose role to remove. On the next page you give the reason and confirm.": "Kies wiens rol je weghaalt. Op de volgende pagina geef je de reden en bevestig je.",
}

NL_PLURAL: dict[str, tuple[str, str]] = {}
