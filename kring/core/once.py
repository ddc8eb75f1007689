"""Each form that makes something is sent once: a token issued with the form is used up in the
same transaction as what the form makes.

The template tag ``{% form_once %}`` puts a fresh token into a form; the view decorator
``submit_once`` claims it before the view runs. A second POST of the same form (a double click,
a browser that repeats the request, two tabs) waits for the first one's transaction, finds the
token taken and is sent to what the first one made, instead of making a duplicate. A POST
without a token (a client that did not get the form) is handled as before.

What the form made is where the view redirected to; a view that answers an htmx request with a
fragment names it with ``sent_to``. A view that answers with errors made nothing: its token is
given back, so the corrected form can be sent.
"""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

if TYPE_CHECKING:
    from kring.accounts.models import User
from kring.core.models import SentForm

FIELD = "form_once"
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
# Long enough for any repeated sending; the table stays small.
KEPT_FOR = datetime.timedelta(days=2)

V = TypeVar("V", bound=Callable[..., HttpResponse])


def new_token() -> str:
    return secrets.token_urlsafe(24)


def hidden_field() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


def sent_to(request: HttpRequest, url: str) -> None:
    """Say where what this request made is shown, when the view does not redirect there."""
    request._sent_to = url  # type: ignore[attr-defined]


def _token(request: HttpRequest) -> str | None:
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    token = request.POST.get(FIELD, "")
    return token if TOKEN.fullmatch(token) else None


def _made(request: HttpRequest, response: HttpResponse) -> str:
    named = getattr(request, "_sent_to", "")
    if named:
        return str(named)
    if isinstance(response, HttpResponseRedirectBase):
        return str(response["Location"])
    return ""


def _already_sent(request: HttpRequest, sent: SentForm) -> HttpResponse:
    message = _("You had already sent this form. It has been handled once; this is the result.")
    messages.info(request, message)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(sent.target)
    return redirect(sent.target)


def submit_once(view: V) -> V:
    """Make ``view`` act once per form it handed out (see the module's docstring)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = _token(request)
        if token is None:
            return view(request, *args, **kwargs)
        person = cast("User", request.user)  # _token is None for anonymous requests
        with transaction.atomic():
            try:
                # On PostgreSQL a second sending waits here for the first one's transaction;
                # on SQLite every writing transaction already waits for the one before it.
                with transaction.atomic():
                    sent = SentForm.objects.create(person=person, token=token)
            except IntegrityError:
                return _already_sent(request, SentForm.objects.get(person=person, token=token))
            response = view(request, *args, **kwargs)
            made = _made(request, response)
            if made:
                sent.target = made
                sent.save(update_fields=["target"])
            else:
                sent.delete()
            SentForm.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
        return response

    return cast(V, wrapped)
