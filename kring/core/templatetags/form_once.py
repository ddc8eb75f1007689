"""``{% form_once %}``: the token that lets a form make its object once (kring.core.once)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from kring.core.once import hidden_field

register = template.Library()


@register.simple_tag
def form_once() -> SafeString:
    return hidden_field()
