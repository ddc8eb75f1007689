"""Pools on other apps' pages: ``{% programme_pools programme %}`` on a programme's page and
``{% pool_links programme %}`` on the personal overview's programme cards, each showing only
what the viewer may see."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import template

from kring import access
from kring.formation import selectors
from kring.formation.models import Pool

register = template.Library()


@register.inclusion_tag("formation/_programme_pools.html", takes_context=True)
def programme_pools(context: dict[str, Any], programme: Any) -> dict[str, Any]:
    user = context["request"].user
    return {
        "programme": programme,
        "pools": selectors.pools_of_programme(user, programme),
        "may_add": access.can(user, access.FormationAction.ADD_POOL, programme),
    }


@register.inclusion_tag("formation/_pool_links.html", takes_context=True)
def pool_links(context: dict[str, Any], programme: Any) -> dict[str, Any]:
    """On a programme's card in the overview: the pools its staff are still forming groups
    from. One query for all cards of the page."""
    request = context["request"]
    by_programme = getattr(request, "_kring_unformed_pools", None)
    if by_programme is None:
        by_programme = defaultdict(list)
        unformed = Pool.objects.filter(
            programme__in=access.visible_programmes(request.user)
        ).exclude(status=Pool.Status.FORMED)
        for pool in unformed.select_related("programme").order_by("-created_at"):
            by_programme[pool.programme_id].append(pool)
        request._kring_unformed_pools = by_programme
    pools = [
        p
        for p in by_programme.get(programme.pk, [])
        if access.can(request.user, access.Action.MANAGE, p)
    ]
    return {"pools": pools}


@register.simple_tag(takes_context=True)
def may_open(context: dict[str, Any], programme: Any) -> bool:
    """Whether the viewer may open ``programme``: someone who only signed up for one of its
    pools sees its name without a link that would answer 404."""
    return access.can(context["request"].user, access.Action.VIEW, programme)
