"""Demo availability for the in-company trajectory: when the facilitators and the members of
learning groups A and B can usually meet, and a few periods away, so that planning the two
groups shows real choices (group A is halfway its cycle, group B is planned on Tuesday
mornings although not everyone can make those)."""

from __future__ import annotations

import datetime

from kring.accounts.models import User
from kring.availability.models import AwayPeriod, WeeklyAvailability

# Slots: 0-2 Monday, 3-5 Tuesday, 6-8 Wednesday, 9-11 Thursday, 12-14 Friday; in each day
# morning 09:00-11:00, midday 11:30-13:30, afternoon 14:00-16:00.
WEEKLY = {
    "leerbegeleider": [0, 1, 4, 5, 6, 7, 8, 9],
    "leerbegeleider2": [3, 4, 8, 9, 10, 11, 12],
    "programmamanager": [0, 1, 3, 6, 7, 9, 12],
    # Group A: policy advisers; Tuesday afternoon suits all but one of them.
    "deelnemer1": [1, 2, 4, 5, 7, 9, 10, 11],
    "deelnemer2": [3, 4, 5, 6, 7, 10, 11, 12],
    "deelnemer3": [0, 1, 2, 6, 8, 11],  # works part-time, never on Tuesdays
    "deelnemer4": [4, 5, 8, 9, 10, 11, 12, 13],
    "deelnemer5": [3, 5, 6, 7, 9, 11],
    # Group B: project leaders, often out on site; Thursday morning suits them all.
    "deelnemer6": [3, 4, 9, 10, 11, 12],
    "deelnemer7": [0, 1, 3, 4, 9, 10],
    "deelnemer8": [3, 4, 5, 6, 9, 10, 11],
    "deelnemer9": [4, 6, 7, 8, 9, 10, 12, 13],
    "deelnemer10": [3, 9, 10, 11, 12],
}

# (person, first day, last day, note)
AWAY = [
    ("leerbegeleider", datetime.date(2026, 12, 21), datetime.date(2027, 1, 1), "Kerstvakantie"),
    ("leerbegeleider", datetime.date(2027, 2, 15), datetime.date(2027, 2, 19), "Voorjaarsvakantie"),
    ("leerbegeleider2", datetime.date(2027, 4, 26), datetime.date(2027, 5, 7), "Meivakantie"),
    ("deelnemer4", datetime.date(2027, 1, 18), datetime.date(2027, 1, 22), "Cursus"),
    ("deelnemer5", datetime.date(2026, 12, 28), datetime.date(2027, 1, 8), "Vakantie"),
    ("deelnemer9", datetime.date(2027, 3, 15), datetime.date(2027, 3, 19), "Werkbezoek"),
    ("deelnemer7", datetime.date(2027, 7, 19), datetime.date(2027, 8, 13), "Zomervakantie"),
]


def load_availability_demo(*, people: dict[str, User]) -> None:
    """Stored directly: at load time nothing has changed that asks for a re-plan."""
    WeeklyAvailability.objects.bulk_create(
        WeeklyAvailability(user=people[key], slots=sorted(slots)) for key, slots in WEEKLY.items()
    )
    AwayPeriod.objects.bulk_create(
        AwayPeriod(user=people[key], starts_on=first, ends_on=last, note=note)
        for key, first, last, note in AWAY
    )
