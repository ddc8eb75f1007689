from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

DEMO_LOGINS = [
    ("beheer@demo.kring", "platform admin / platformbeheerder"),
    ("programmamanager@demo.kring", "programme manager / programmamanager"),
    ("leerbegeleider@demo.kring", "facilitator of learning group A"),
    ("leerbegeleider2@demo.kring", "facilitator of learning group B"),
    ("deelnemer1@demo.kring … deelnemer5@demo.kring", "participants in group A"),
    ("deelnemer6@demo.kring … deelnemer10@demo.kring", "participants in group B"),
    ("opdrachtgever@demo.kring", "client contact at the ministry"),
    ("docent@demo.kring", "teacher"),
    ("teamleider@demo.kring", "team leader"),
    ("pool01@demo.kring … pool40@demo.kring", "colleagues signed up for new learning groups"),
]


class Command(BaseCommand):
    help = "Print where Kring runs and the demo logins."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--url", default=settings.BASE_URL)

    def handle(self, *args: Any, **options: Any) -> None:
        width = max(len(email) for email, _ in DEMO_LOGINS)
        lines = ["", f"  Kring runs at {options['url']}/", "", "  Demo logins (password: demo)"]
        lines += [f"    {email.ljust(width)}  {role}" for email, role in DEMO_LOGINS]
        lines.append("")
        self.stdout.write("\n".join(lines))
