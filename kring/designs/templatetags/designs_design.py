"""The design on a programme's page: ``{% programme_design programme %}`` shows its editions
to those who may see the design, and nothing to anyone else."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count, Q

from kring import access
from kring.designs import selectors_design as selectors
from kring.designs.models import ChangeProposal, Edition

register = template.Library()


@register.inclusion_tag("designs/design/_programme_design.html", takes_context=True)
def programme_design(context: dict[str, Any], programme: Any) -> dict[str, Any]:
    user = context["request"].user
    if not access.can(user, access.DesignAction.VIEW, programme):
        return {"visible": False}
    return {
        "visible": True,
        "programme": programme,
        "editions": list(selectors.programme_editions(programme)[:3]),
        "may_change": access.can(user, access.DesignAction.CHANGE, programme),
    }


@register.inclusion_tag("designs/design/_design_link.html", takes_context=True)
def design_link(context: dict[str, Any], programme: Any) -> dict[str, Any]:
    """On a programme's card in the overview: its current design, and for its programme
    manager the change proposals still open. One query for all cards of the page."""
    request = context["request"]
    cached = getattr(request, "_kring_designs", None)
    if cached is None:
        visible = access.visible_programmes(request.user)
        latest: dict[int, Edition] = {}
        open_counts: dict[int, int] = {}
        editions = Edition.objects.filter(programme__in=visible).annotate(
            open_proposals=Count(
                "proposals", filter=Q(proposals__status=ChangeProposal.Status.OPEN)
            )
        )
        for found in editions.order_by("-number"):
            latest.setdefault(found.programme_id, found)
            open_counts[found.programme_id] = (
                open_counts.get(found.programme_id, 0) + found.open_proposals
            )
        cached = (latest, open_counts)
        request._kring_designs = cached
    latest, open_counts = cached
    edition = latest.get(programme.pk)
    if edition is None or not access.can(request.user, access.DesignAction.VIEW, programme):
        return {"edition": None}
    may_change = access.can(request.user, access.DesignAction.CHANGE, programme)
    return {
        "edition": edition,
        "open_proposals": open_counts.get(programme.pk, 0) if may_change else 0,
    }
