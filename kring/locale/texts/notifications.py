"""Dutch texts of in-product notifications (the bell and the notifications page), keyed by
the English source."""

NL: dict[str, str] = {
    "Notifications": "Meldingen",
    "notification": "melding",
    "notifications": "meldingen",
    # Kinds
    "Invitation": "Uitnodiging",
    "Invitation to a learning group": "Uitnodiging voor een leergroep",
    "Question about taking part": "Vraag of je meedoet",
    "Absence signal": "Signaal over afwezigheid",
    "Meetings moved": "Bijeenkomsten verplaatst",
    "Meeting reminder": "Herinnering aan een bijeenkomst",
    "Attendance out of reach": "Afgesproken aanwezigheid niet meer haalbaar",
    "Some time has passed since the last meeting of %(group)s. What has stuck? Two short questions, read by you and your facilitator only.": "Er is tijd verstreken sinds de laatste bijeenkomst van %(group)s. Wat is blijven hangen? Twee korte vragen, alleen gelezen door jou en je leerbegeleider.",
    "About your attendance": "Over je aanwezigheid",
    "%(person)s can no longer reach the attendance %(group)s agreed on.": "%(person)s kan de aanwezigheid die %(group)s afsprak niet meer halen.",
    "With the meetings still to come, you can no longer reach the attendance %(group)s agreed on. Your facilitator knows; you are still welcome.": "Met de bijeenkomsten die nog komen, haal je de aanwezigheid die %(group)s afsprak niet meer. Je leerbegeleider weet het; je bent nog steeds welkom.",
    "Assignment reminder": "Herinnering aan een opdracht",
    # The sentences
    "%(inviter)s invited you to Kring. The link is in your e-mail.": "%(inviter)s heeft je uitgenodigd voor Kring. De link staat in je e-mail.",
    "You have been invited to the learning group %(group)s. Read what it asks and say whether you take part.": "Je bent uitgenodigd voor de leergroep %(group)s. Lees wat het vraagt en laat weten of je meedoet.",
    "Would you like to take part in a learning group? You have been added to the sign-up %(pool)s.": "Wil je meedoen aan een leergroep? Je bent toegevoegd aan de aanmelding %(pool)s.",
    "%(person)s missed two of the last three meetings of %(group)s.": "%(person)s was bij twee van de laatste drie bijeenkomsten van %(group)s afwezig.",
    "Meetings of %(groups)s have moved. See the new dates.": "Bijeenkomsten van %(groups)s zijn verplaatst. Bekijk de nieuwe data.",
    "Reminder: %(group)s meets on %(starts_at)s (meeting %(number)s, %(title)s).": "Herinnering: %(group)s komt samen op %(starts_at)s (bijeenkomst %(number)s, %(title)s).",
    "Reminder: the assignment %(title)s for %(group)s is due on %(due_at)s.": "Herinnering: de opdracht %(title)s voor %(group)s lever je in uiterlijk %(due_at)s.",
    "Something in Kring needs your attention.": "Er is iets in Kring dat je aandacht vraagt.",
    # The page
    "What Kring also sent you by e-mail: invitations, reminders and changes to your meetings.": "Wat Kring je ook per e-mail stuurde: uitnodigingen, herinneringen en wijzigingen in je bijeenkomsten.",
    "Mark all as read": "Alles als gelezen markeren",
    "Unread": "Ongelezen",
    "No notifications yet": "Nog geen meldingen",
    "When Kring sends you an invitation, a reminder or a changed meeting date by e-mail, you also find it here.": "Als Kring je een uitnodiging, een herinnering of een gewijzigde datum mailt, vind je die ook hier.",
    "All notifications are marked as read.": "Alle meldingen zijn als gelezen gemarkeerd.",
}

NL_PLURAL: dict[str, tuple[str, str]] = {
    "(%(counter)s unread)": ("(%(counter)s ongelezen)", "(%(counter)s ongelezen)"),
}
