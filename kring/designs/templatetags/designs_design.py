"""The design on a programme's page: ``{% programme_design programme %}`` shows its editions
to those who may see the design, and nothing to anyone else."""

from __future__ import annotations

from typing import Any

from django import template

from kring import access
from kring.designs import selectors_design as selectors

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
