"""One way to send e-mail: three templates, the recipient's language, a one-line subject."""

from __future__ import annotations

from django.core import mail

from kring.core.mail import send_templated_mail

TEMPLATES = {
    "t/email/hello_subject.txt": "{% load i18n %}{% translate 'Log in' %}\n{{ name }}\n",
    "t/email/hello.txt": "{% load i18n %}{% translate 'Log in' %}, {{ name }}.",
    "t/email/hello.html": "<p>{{ name }}</p>",
}


def test_a_message_is_sent_in_the_recipients_language_with_a_one_line_subject(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)]},
        }
    ]
    send_templated_mail(
        to="ann@example.org", language="nl", template="t/email/hello", context={"name": "Ann"}
    )
    send_templated_mail(
        to="bob@example.org", language="en", template="t/email/hello", context={"name": "Bob"}
    )
    dutch, english = mail.outbox
    assert dutch.to == ["ann@example.org"]
    assert dutch.subject == "Inloggen Ann"
    assert dutch.body == "Inloggen, Ann."
    assert dutch.alternatives[0][0] == "<p>Ann</p>"
    assert english.subject == "Log in Bob"
