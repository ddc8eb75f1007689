"""``{% programme_sessions programme %}``: on a programme's page, the way to its cohorts and
sessions, for those who may see its design or plan its sessions; ``{% cohort_sessions_link
group %}``: on a cohort's page, the way to its sessions."""

from __future__ import annotations

from typing import Any

from django import template

from kring import access
from kring.designs.models import Cohort
from kring.programmes.models import Group, Programme

register = template.Library()


@register.inclusion_tag("designs/sessions/_programme_link.html", takes_context=True)
def programme_sessions(context: dict[str, Any], programme: Programme) -> dict[str, Any]:
    user = context["request"].user
    shown = programme.editions.exists() and (
        access.can(user, access.DesignAction.VIEW, programme)
        or access.can(user, access.DesignAction.PLAN_SESSIONS, programme)
    )
    return {"programme": programme, "shown": shown}


@register.inclusion_tag("designs/sessions/_cohort_link.html")
def cohort_sessions_link(group: Group) -> dict[str, Any]:
    """On a group's page: the way to its sessions, when the group follows an edition (whoever
    sees the group sees its sessions)."""
    return {"cohort": Cohort.objects.filter(group=group).first()}
