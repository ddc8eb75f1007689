"""Guided scripts for the library's group methods, written as data: rounds with a title, the
minutes they take and a short prompt in our own words. Live mode runs a runbook activity
whose method (a library item) has a script as these rounds, one after the other; a
learning-group meeting can open them too.

The scripts are keyed by the library item's slug, which stays the same in every language and
installation (the items themselves are seeded by a migration of this app)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from kring.library.models import LibraryItem

if TYPE_CHECKING:  # a development dependency only
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Round:
    title: StrOrPromise
    minutes: int
    prompt: StrOrPromise


@dataclass(frozen=True)
class Script:
    slug: str
    title: StrOrPromise
    intro: StrOrPromise
    rounds: tuple[Round, ...]

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.rounds)

    def round(self, number: int) -> Round | None:
        """Round ``number`` (counting from 1), or None outside the script."""
        return self.rounds[number - 1] if 1 <= number <= len(self.rounds) else None


INCIDENT_METHOD = Script(
    slug="incident-method",
    title=_("Intervision by the incident method"),
    intro=_(
        "One person brings a short, recent incident from their own work in which they had to "
        "act. The group first understands the situation, then thinks along, and only at the "
        "end hears what the case-bringer actually did."
    ),
    rounds=(
        Round(
            _("Choose a case"),
            10,
            _(
                "Everyone names an incident in one sentence: a moment where you had to act "
                "quickly. Together choose the one that teaches the group most. The "
                "case-bringer tells it briefly, up to the moment of deciding, and stops there."
            ),
        ),
        Round(
            _("Questions only"),
            15,
            _(
                "Ask questions of fact, one at a time, to see the situation as the "
                "case-bringer saw it. No advice and no opinions yet; the case-bringer answers "
                "briefly. The facilitator guards the line between asking and advising."
            ),
        ),
        Round(
            _("Analysis"),
            10,
            _(
                "Each person writes down on their own: what is really at stake here? What "
                "would I do, and why? The case-bringer writes down what they think the crux "
                "is."
            ),
        ),
        Round(
            _("Positions"),
            15,
            _(
                "One by one, say what you would have done and on which grounds. The others "
                "listen without discussing. The case-bringer only listens and notes what "
                "strikes them."
            ),
        ),
        Round(
            _("What the case-bringer actually did"),
            10,
            _(
                "Now the case-bringer tells what they really did and how it turned out. The "
                "group compares: where did our positions differ from it, and what does that "
                "say about the choices open in such a moment?"
            ),
        ),
        Round(
            _("Evaluation"),
            10,
            _(
                "What does each of us take from this into our own work? The case-bringer "
                "says what was most useful. Capture the learning points the group wants to "
                "keep."
            ),
        ),
    ),
)

ACTION_LEARNING = Script(
    slug="action-learning",
    title=_("An action-learning round"),
    intro=_(
        "A set of colleagues each work on a real problem they own. In every meeting they "
        "report on what they did, give time to those who need it most, and help each other "
        "by asking rather than telling, until each leaves with a next step."
    ),
    rounds=(
        Round(
            _("Progress reports"),
            15,
            _(
                "Each person says in two minutes what they did since last time, what "
                "happened, and what they learned from it. No discussion yet."
            ),
        ),
        Round(
            _("Bids for time"),
            5,
            _(
                "Who needs the group's time today, and for how long? Agree on the order and "
                "the minutes for each. Not everyone needs a turn every time."
            ),
        ),
        Round(
            _("Clarifying questions"),
            20,
            _(
                "For the person whose turn it is: ask open questions that help them see "
                "their problem anew. Questions about their part in it are welcome; advice is "
                "not."
            ),
        ),
        Round(
            _("Options"),
            15,
            _(
                "The problem owner lists the ways forward they now see. The others may ask "
                "about each option; the owner chooses, nobody chooses for them."
            ),
        ),
        Round(
            _("Next steps"),
            10,
            _(
                "The problem owner says what they will do before the next meeting, and how "
                "they will know whether it worked. Write it down so it can be reported on "
                "next time."
            ),
        ),
        Round(
            _("Process review"),
            10,
            _(
                "Look back at how we worked together today: did we ask or did we tell? "
                "What do we keep, and what do we do differently next time?"
            ),
        ),
    ),
)

WORLD_CAFE = Script(
    slug="world-cafe",
    title=_("World café"),
    intro=_(
        "Small tables of four or five talk about questions that matter to everyone present. "
        "People change tables between rounds and carry ideas with them, so that the "
        "conversation of the whole room grows."
    ),
    rounds=(
        Round(
            _("Welcome and café etiquette"),
            10,
            _(
                "Explain the question of the day and the habits of the café: speak from your "
                "own experience, listen to understand, connect ideas, write and draw on the "
                "tablecloth. One host stays at each table."
            ),
        ),
        Round(
            _("First round"),
            20,
            _(
                "Talk at your table about the first question. Write or draw what strikes "
                "you on the paper tablecloth."
            ),
        ),
        Round(
            _("Second round: change tables"),
            20,
            _(
                "Everyone except the host moves to another table. The host sums up what was "
                "said; the newcomers connect it to what they bring from their own table."
            ),
        ),
        Round(
            _("Third round: deepen"),
            20,
            _(
                "Change tables once more, or go back to your first table. What patterns and "
                "questions come back? What is still missing?"
            ),
        ),
        Round(
            _("Harvest"),
            20,
            _(
                "Together: what do we see across all tables? Each table names one insight "
                "or question. Capture them as learning points for everyone."
            ),
        ),
    ),
)

SCRIPTS: dict[str, Script] = {
    script.slug: script for script in (INCIDENT_METHOD, ACTION_LEARNING, WORLD_CAFE)
}


def script_for(item: LibraryItem | None) -> Script | None:
    """The guided script of a library item, when it has one."""
    return SCRIPTS.get(item.slug) if item is not None else None


def scripted_items() -> list[tuple[Script, LibraryItem | None]]:
    """Every script with its library item (None when the item has been removed)."""
    items = {item.slug: item for item in LibraryItem.objects.filter(slug__in=SCRIPTS)}
    return [(script, items.get(slug)) for slug, script in SCRIPTS.items()]
