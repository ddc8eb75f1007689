"""``{% staff_link group %}``: on a group's page, the way to how its staff work together, for
those who may see it (the group's facilitators and teachers, the programme manager)."""

from __future__ import annotations

from typing import Any

from django import template

from kring import access
from kring.programmes.models import Group

register = template.Library()


@register.inclusion_tag("designs/teachers/_staff_link.html", takes_context=True)
def staff_link(context: dict[str, Any], group: Group) -> dict[str, Any]:
    user = context["request"].user
    return {"group": group, "may_see": access.can(user, access.StaffAction.VIEW_DUO, group)}
