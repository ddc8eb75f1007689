from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from kring.accounts.models import User


class AuthedRequest(HttpRequest):
    """The request of a view behind ``login_required``: the user is a signed-in person."""

    user: User
    htmx: HtmxDetails


class KringRequest(HttpRequest):
    htmx: HtmxDetails
