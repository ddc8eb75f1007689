"""Dutch for rooms: keeping an organisation's rooms, a meeting's room, and the rooms that
planning books."""

NL: dict[str, str] = {
    "Rooms": "Ruimtes",
    "rooms": "ruimtes",
    "room": "ruimte",
    "Room": "Ruimte",
    "places": "plaatsen",
    "Places": "Plaatsen",
    "notes": "aantekeningen",
    "address or building": "adres of gebouw",
    "Optional.": "Niet verplicht.",
    "Optional: how to get in, what is there.": "Niet verplicht: hoe je binnenkomt, wat er is.",
    "How many people it holds, the facilitator included.": "Hoeveel mensen erin passen, de begeleider meegeteld.",
    "This organisation already has a room with this name.": "Deze organisatie heeft al een ruimte met deze naam.",
    "Rooms of %(name)s": "Ruimtes van %(name)s",
    "Edit room": "Ruimte bewerken",
    "Edit %(name)s": "%(name)s bewerken",
    "The places where groups meet, with how many people each holds. Planning books a room that holds the whole group; a meeting can also have a place in words, such as online or at the client.": "De plekken waar groepen bij elkaar komen, met hoeveel mensen er in elke ruimte passen. Bij het plannen boekt Kring een ruimte waar de hele groep in past; een bijeenkomst kan ook een plek in woorden hebben, zoals online of bij de opdrachtgever.",
    "Rooms in use": "Ruimtes in gebruik",
    "Rooms of this organisation": "Ruimtes van deze organisatie",
    "Take out of use": "Niet meer gebruiken",
    "No rooms yet. Until there are, planning leaves the place of each meeting to you.": "Nog geen ruimtes. Zolang die er niet zijn, kies je de plek van elke bijeenkomst zelf.",
    "Add a room": "Ruimte toevoegen",
    "Add the room": "Ruimte toevoegen",
    "Only your organisation's programme managers keep its rooms.": "Alleen de programmamanagers van je organisatie beheren de ruimtes.",
    "The room %(name)s has been added.": "De ruimte %(name)s is toegevoegd.",
    "The room has been saved.": "De ruimte is opgeslagen.",
    "%(name)s is no longer offered for meetings.": "%(name)s wordt niet meer aangeboden voor bijeenkomsten.",
    # A meeting's room
    "%(room)s (%(count)s places)": "%(room)s (%(count)s plaatsen)",
    "No room: a place in words": "Geen ruimte: een plek in woorden",
    "Or describe the place below, such as online or at the client.": "Of beschrijf hieronder de plek, zoals online of bij de opdrachtgever.",
    "Only when the meeting is not in one of the rooms.": "Alleen als de bijeenkomst niet in een van de ruimtes is.",
    "Choose a room or describe the place, not both.": "Kies een ruimte of beschrijf de plek, niet allebei.",
    "Choose one of the rooms of this programme.": "Kies een van de ruimtes van dit programma.",
    # Planning
    "Planning books a room that holds the whole group, the facilitator included:": "Bij het plannen boekt Kring een ruimte waar de hele groep in past, de begeleider meegeteld:",
    "Manage the rooms": "Ruimtes beheren",
    "Room: %(room)s": "Ruimte: %(room)s",
    "Keeps its own place (no room needed).": "Houdt de eigen plek (geen ruimte nodig).",
}

NL_PLURAL: dict[str, tuple[str, str]] = {
    "%(counter)s room out of use": (
        "%(counter)s ruimte niet meer in gebruik",
        "%(counter)s ruimtes niet meer in gebruik",
    ),
    "%(counter)s place": ("%(counter)s plaats", "%(counter)s plaatsen"),
    "%(count)s meeting still to come had this room's name as its place: it now takes place in the room.": (
        "%(count)s bijeenkomst die nog komt, had de naam van deze ruimte als plek: die vindt nu in de ruimte plaats.",
        "%(count)s bijeenkomsten die nog komen, hadden de naam van deze ruimte als plek: die vinden nu in de ruimte plaats.",
    ),
    "%(count)s meeting still to come takes place there: choose another place for it.": (
        "%(count)s bijeenkomst die nog komt, vindt daar plaats: kies er een andere plek voor.",
        "%(count)s bijeenkomsten die nog komen, vinden daar plaats: kies er een andere plek voor.",
    ),
    "No room holds %(count)s person: choose a place yourself.": (
        "In geen enkele ruimte past %(count)s persoon: kies zelf een plek.",
        "In geen enkele ruimte passen %(count)s mensen: kies zelf een plek.",
    ),
    "Every room that holds %(count)s person is taken then: choose a place yourself.": (
        "Elke ruimte waar %(count)s persoon in past, is dan bezet: kies zelf een plek.",
        "Elke ruimte waar %(count)s mensen in passen, is dan bezet: kies zelf een plek.",
    ),
}
