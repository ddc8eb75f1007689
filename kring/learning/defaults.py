"""Kring's standard six-meeting cycle, written by us, in the language of whoever first needs
it. Organisations copy and edit it; the copy is theirs."""

from __future__ import annotations

from django.utils.translation import gettext as _


def standard_cycle() -> list[dict[str, str]]:
    return [
        {
            "title": _("Start and contracting"),
            "purpose": _(
                "Getting to know each other, agreeing how we work together, and formulating "
                "the shared issue as a learning question."
            ),
            "agenda": "\n".join(
                [
                    _("Introductions and expectations"),
                    _("Agreements: what we will and will not discuss, confidentiality, no judging"),
                    _("From shared issue to learning question and its aspects"),
                    _("Assignment for next time: a situation in which something did not work out"),
                ]
            ),
        },
        {
            "title": _("Deepening the shared issue"),
            "purpose": _(
                "Everyone brings a concrete situation; together we look for what lies beneath."
            ),
            "agenda": "\n".join(
                [
                    _("Sharing the situations, orally or in writing"),
                    _("What do the situations have in common? Which aspects return?"),
                    _("A concept or model that sheds light on it"),
                    _("Assignment: apply one concept to your own practice"),
                ]
            ),
        },
        {
            "title": _("Lessons so far"),
            "purpose": _("Pausing to draw lessons from what has been named until now."),
            "agenda": "\n".join(
                [
                    _("Looking back at the learning points of the first meetings"),
                    _("What works, what does not, and why"),
                    _("Choosing one case to explore in depth next time"),
                ]
            ),
        },
        {
            "title": _("One case in depth"),
            "purpose": _("Exploring one member's case thoroughly, for everyone's learning."),
            "agenda": "\n".join(
                [
                    _("The case, told by its owner"),
                    _("Questions to understand, not to judge"),
                    _("What this case teaches us about our learning question"),
                    _("Assignment: when did you learn something in these meetings?"),
                ]
            ),
        },
        {
            "title": _("What and how we learned"),
            "purpose": _(
                "Making visible what we learned and how: doing things better, or questioning "
                "our assumptions."
            ),
            "agenda": "\n".join(
                [
                    _("Moments of learning, from the assignment"),
                    _("Single-loop and double-loop learning"),
                    _("Assignment: prepare the evaluation questions"),
                ]
            ),
        },
        {
            "title": _("Yield and closing"),
            "purpose": _("What the cycle gave each of us and the group, and what we take along."),
            "agenda": "\n".join(
                [
                    _("Looking back at the learning question"),
                    _("What helped, what was missing, what the facilitator added"),
                    _("What we take along, and how it will stick"),
                ]
            ),
        },
    ]
