"""Words for what the grouping engine and the size rules report: in the reader's language,
with people named by their names, never by ids."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.dates import WEEKDAYS
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.availability.slots import DAYS_PER_WEEK, SLOTS_PER_WEEK, Slot
from kring.formation.sizing import SizePlan, SizeProblem

Names = Callable[[Sequence[str]], str]


def day_names() -> tuple[str, ...]:
    """The working days in the active language (Django's own translations)."""
    return tuple(str(WEEKDAYS[day]) for day in range(DAYS_PER_WEEK))


def slot_words(slots: Sequence[int]) -> list[str]:
    """Weekly slots in words, e.g. "Tuesday 11:30-13:30"."""
    days = day_names()
    return [Slot(s).label(days) for s in sorted(slots) if 0 <= s < SLOTS_PER_WEEK]


def name_list(names: Sequence[str]) -> str:
    """ "A, B and C" in the current language."""
    return str(get_text_list(list(names), _("and")))


def size_plan_text(plan: SizePlan) -> str:
    """E.g. "8 groups of 5" or "2 groups of 6 and 6 groups of 5"."""
    parts = [
        ngettext("%(count)s group of %(size)s", "%(count)s groups of %(size)s", count)
        % {"count": count, "size": size}
        for size, count in plan.counts()
    ]
    if len(parts) == 1:
        return parts[0]
    return _("%(first)s and %(second)s") % {"first": parts[0], "second": parts[1]}


def size_problem_text(problem: SizeProblem) -> str:
    """Why these sizes cannot work, in words a facilitator understands, with a way out."""
    n = problem.numbers
    if problem.code == "too_small":
        return _("A learning group needs at least %(smallest)s people.") % n
    if problem.code == "too_large":
        return (
            _(
                "A learning group of more than %(ceiling)s members needs a recorded reason; form "
                "groups of at most %(ceiling)s here."
            )
            % n
        )
    if problem.code == "order":
        return (
            _(
                "The smallest group (%(minimum)s), the ideal size (%(target)s) and the largest "
                "group (%(maximum)s) must go up: smallest ≤ ideal ≤ largest."
            )
            % n
        )
    if problem.code == "too_few":
        return (
            ngettext(
                "%(people)s person is too few for a group of at least %(minimum)s.",
                "%(people)s people are too few for a group of at least %(minimum)s.",
                n["people"],
            )
            % n
        )
    text = (
        _("%(people)s people do not fit in groups of %(minimum)s to %(maximum)s.") % n
        + " "
        + ngettext(
            "%(fewer)s group has at most %(fewer_places)s places, and %(more)s groups need at "
            "least %(more_needed)s people.",
            "%(fewer)s groups have at most %(fewer_places)s places, and %(more)s groups need at "
            "least %(more_needed)s people.",
            n["fewer"],
        )
        % n
    )
    if problem.alternatives:
        options = [
            _("groups of %(minimum)s to %(maximum)s") % {"minimum": low, "maximum": high}
            for low, high in problem.alternatives
        ]
        text += " " + _("It does work with %(options)s.") % {
            "options": str(get_text_list(options, _("or")))
        }
    return text


def _rule_text(kind: str, people: Sequence[str], names: Names) -> str:
    if kind == "together":
        if len(people) == 2:
            return _("%(first)s and %(second)s must be in the same group") % {
                "first": names(people[:1]),
                "second": names(people[1:]),
            }
        return _("%(people)s must be in the same group") % {"people": names(people)}
    if kind == "apart":
        return _("%(first)s and %(second)s must not be in the same group") % {
            "first": names(people[:1]),
            "second": names(people[1:]),
        }
    if kind == "manager":
        return _("%(person)s is kept apart from their manager %(manager)s") % {
            "person": names(people[:1]),
            "manager": names(people[1:]),
        }
    return _("every group needs a common weekly moment")


def broken_rule_text(rule: Mapping[str, Any], names: Names) -> str:
    """One rule that a grouping breaks (``kring.engines.grouping.Violation`` as stored on a run),
    in words, with people named."""
    kind = rule.get("kind", "")
    people: list[str] = list(rule.get("people", []))
    n: dict[str, Any] = dict(rule.get("numbers", {}))
    if kind in {"together", "apart", "manager"}:
        return _("This rule was broken: %(rule)s.") % {"rule": _rule_text(kind, people, names)}
    if kind == "common_slots":
        return ngettext(
            "%(people)s have no weekly moment in common.",
            "%(people)s have fewer than %(needed)s weekly moments in common.",
            n.get("need", 1),
        ) % {"people": names(people), "needed": n.get("need", 1)}
    if kind == "sizes":
        return _("The groups do not have the sizes that were asked for.")
    if kind == "unknown":
        return _("The proposal names someone who is not in the pool.")
    return _("%(person)s is not in exactly one group.") % {"person": names(people)}


def reason_text(reason: Mapping[str, Any], names: Names) -> str:
    """The engine's structured reason (``kring.engines.grouping.Reason`` as a dict) in words.
    ``names`` turns engine ids into "Name, Name and Name"."""
    code = reason.get("code", "")
    people: list[str] = list(reason.get("people", []))
    n: dict[str, int] = dict(reason.get("numbers", {}))
    rules = [(kind, list(ids)) for kind, ids in reason.get("rules", [])]
    if code == "sizes_sum":
        return _("The group sizes add up to %(total)s places, but %(people)s people take part.") % n
    if code == "apart_but_linked":
        linked = next((ids for kind, ids in rules if kind == "together"), people)
        return _(
            "%(first)s and %(second)s must not be in the same group, but the rules that keep "
            "people together link them (%(linked)s). Remove one of these rules."
        ) % {"first": names(people[:1]), "second": names(people[1:2]), "linked": names(linked)}
    if code == "manager_but_linked":
        return _(
            "%(person)s is to be kept apart from their manager %(manager)s, but a rule puts them "
            "in the same group. Remove that rule, or let managers and their own staff share a "
            "group."
        ) % {"person": names(people[:1]), "manager": names(people[1:2])}
    if code == "together_too_large":
        return _(
            "The rules that keep people together link %(linked)s people (%(people)s), but the "
            "largest group has %(largest)s places."
        ) % {**n, "people": names(people)}
    if code == "together_no_common_slot":
        return _(
            "%(people)s must be in the same group, but have no weekly moment at which they "
            "can all meet. Ask them to add moments, or remove the rule."
        ) % {"people": names(people)}
    if code == "too_few_slots":
        if n.get("available", 0) == 0:
            return _(
                "%(person)s has not given a single weekly moment at which they can meet, and "
                "every group needs a common moment. Ask them to fill in their availability, "
                "or switch off the rule about common moments."
            ) % {"person": names(people)}
        return _(
            "%(person)s can meet at too few weekly moments for the rule about common moments."
        ) % {"person": names(people)}
    if code == "too_few_partners":
        return ngettext(
            "%(people)s can share a group with only %(compatible)s other person (the others "
            "have no weekly moment in common with them, or must be kept apart), but the "
            "smallest group has %(smallest)s places.",
            "%(people)s can share a group with only %(compatible)s other people (the others "
            "have no weekly moment in common with them, or must be kept apart), but the "
            "smallest group has %(smallest)s places.",
            n.get("compatible", 0),
        ) % {**n, "people": names(people)}
    if code == "rules_conflict":
        listed = [_rule_text(kind, ids, names) for kind, ids in rules[:8]]
        return _("No grouping exists in which all of these rules hold: %(rules)s.") % {
            "rules": "; ".join(listed)
        }
    if code == "sizes_unfillable":
        return _("The rules that keep people together cannot be fitted into these group sizes.")
    return _(
        "Kring found no grouping that keeps every rule within the search time. Try a longer "
        "search time, fewer rules that keep people apart or together, or ask people with few "
        "free moments to add some."
    )
