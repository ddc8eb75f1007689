"""Pools on other apps' pages: ``{% programme_pools programme %}`` on a programme's page and
``{% my_pools %}`` on the personal overview, each showing only what the viewer may see."""

from __future__ import annotations

from typing import Any

from django import template

from kring import access
from kring.formation import selectors

register = template.Library()


@register.inclusion_tag("formation/_programme_pools.html", takes_context=True)
def programme_pools(context: dict[str, Any], programme: Any) -> dict[str, Any]:
    user = context["request"].user
    return {
        "programme": programme,
        "pools": selectors.pools_of_programme(user, programme),
        "may_add": access.can(user, "formation:add_pool", programme),
    }


@register.inclusion_tag("formation/_my_pools.html", takes_context=True)
def my_pools(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    return {
        "to_answer": selectors.pools_to_answer(user),
        "open_pools": selectors.pools_open_to(user),
    }
