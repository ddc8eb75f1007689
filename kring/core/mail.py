"""E-mail from Kring: every message is rendered from three templates (subject, plain text and
HTML) in the recipient's own language, with times shown in Kring's time zone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation


def send_templated_mail(
    *, to: str, language: str | None, template: str, context: Mapping[str, Any]
) -> None:
    """Send ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` (e.g.
    ``template="learning/email/absence_notice"``) to one address. The subject is one line
    whatever the template holds, so no text can add a header."""
    with (
        translation.override(language or settings.LANGUAGE_CODE),
        timezone.override(settings.TIME_ZONE),
    ):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject, body, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()
