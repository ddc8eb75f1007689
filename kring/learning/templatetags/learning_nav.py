"""A group's own navigation on every page that belongs to it, whichever app renders the page:
``{% group_nav group "reflection" %}`` gives the breadcrumb (programme › group › section ›
parent) and the group's tab bar with that section's tab marked current. Tabs show only what the
viewer may open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kring import access
from kring.programmes.models import Group

register = template.Library()

# Each section of a group: its page, its name on the tab, and who may open it.
SECTIONS: list[tuple[str, str, Any, access.AnyAction]] = [
    ("overview", "learning:cycle", _("Overview"), access.Action.VIEW),
    ("meetings", "learning:meetings", _("Meetings"), access.Action.VIEW),
    ("agreements", "learning:agreements", _("Agreements"), access.CycleAction.VIEW_CONTENT),
    ("reflection", "reflection:group", _("Reflection"), access.ReflectionAction.VIEW),
    (
        "learning_question",
        "learning:learning_question",
        _("Learning question"),
        access.CycleAction.VIEW_OUTCOMES,
    ),
    ("evaluation", "learning:evaluation", _("Evaluation"), access.CycleAction.VIEW_EVALUATION),
    ("harvest", "learning:harvest", _("Harvest"), access.CycleAction.VIEW_OUTCOMES),
    ("facilitation", "learning:facilitation", _("Facilitation"), access.CycleAction.FACILITATE),
]


@dataclass
class Link:
    url: str
    label: str
    current: bool = False


def group_tabs(user: access.Person, group: Group, section: str) -> list[Link]:
    """The tabs of ``group`` that ``user`` may open, ``section``'s marked current."""
    return [
        Link(reverse(name, args=[group.pk]), str(label), current=key == section)
        for key, name, label, action in SECTIONS
        if access.can(user, action, group)
    ]


@register.inclusion_tag("learning/_nav.html", takes_context=True)
def group_nav(
    context: dict[str, Any],
    group: Group,
    section: str,
    deeper: bool = False,
    parent_url: str = "",
    parent_label: str = "",
) -> dict[str, Any]:
    """``deeper``: the page lies below the section's own page (a meeting, an assignment), so
    the breadcrumb leads back to the section; ``parent_*``: one more step back (the
    assignment above a submission)."""
    tabs = group_tabs(context["request"].user, group, section)
    crumbs = [
        Link(
            reverse("programmes:programme_detail", args=[group.programme_id]), group.programme.name
        ),
        Link(reverse("learning:cycle", args=[group.pk]), group.name),
    ]
    current = next((tab for tab in tabs if tab.current), None)
    if (deeper or parent_url) and current is not None and section != "overview":
        crumbs.append(Link(current.url, current.label))
    if parent_url:
        crumbs.append(Link(parent_url, parent_label))
    return {"group": group, "tabs": tabs, "crumbs": crumbs, "on_section_page": not deeper}
