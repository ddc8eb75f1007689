"""Dutch texts of availability (weekly grid, periods away, calendar import), keyed by the
English source."""

NL: dict[str, str] = {
    "Availability": "Beschikbaarheid",
    "weekly slots": "vaste momenten per week",
    "Choose slots from the weekly grid.": "Kies momenten uit het weekrooster.",
    "weekly availability": "beschikbaarheid per week",
    "weekly availabilities": "beschikbaarheden per week",
    "first day": "eerste dag",
    "last day": "laatste dag",
    "note": "toelichting",
    "period away": "periode afwezig",
    "periods away": "perioden afwezig",
    "The last day cannot be before the first day.": "De laatste dag kan niet vóór de eerste dag liggen.",
    "from": "van",
    "until": "tot",
    "imported from": "geïmporteerd uit",
    "busy time": "bezette tijd",
    "busy times": "bezette tijden",
}

NL_PLURAL: dict[str, tuple[str, str]] = {}
