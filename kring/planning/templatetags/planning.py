"""Planning on the dashboard: a link to planning on each programme someone may plan."""

from __future__ import annotations

from typing import Any

from django import template

from kring import access
from kring.planning import selectors
from kring.programmes.models import Group, Programme

register = template.Library()


@register.inclusion_tag("planning/_programme_link.html", takes_context=True)
def planning_link(context: dict[str, Any], programme: Programme) -> dict[str, Any]:
    """Only where there is something to plan: one query per page for all programme cards."""
    request = context["request"]
    if not access.can(request.user, access.PlanningAction.VIEW, programme):
        return {"programme": programme, "may_plan": False}
    with_groups = getattr(request, "_kring_plannable_programmes", None)
    if with_groups is None:
        with_groups = set(
            Group.objects.filter(
                kind__in=selectors.PLANNABLE_KINDS,
                programme__in=access.visible_programmes(request.user),
            ).values_list("programme_id", flat=True)
        )
        request._kring_plannable_programmes = with_groups
    return {"programme": programme, "may_plan": programme.pk in with_groups}
