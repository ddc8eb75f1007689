"""The words of a notification, chosen at display time in the reader's language."""

from __future__ import annotations

import datetime

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.notifications.models import Notification

Kind = Notification.Kind
# As dates read elsewhere in Kring, and without the English "p.m." that would end a sentence
# in two full stops.
MOMENT_FORMAT = "j F Y, H:i"

SENTENCES: dict[str, Promise] = {
    Kind.INVITATION: gettext_lazy("%(inviter)s invited you to Kring. The link is in your e-mail."),
    Kind.GROUP_INVITATION: gettext_lazy(
        "You have been invited to the learning group %(group)s. Read what it asks and say "
        "whether you take part."
    ),
    Kind.POOL_INVITATION: gettext_lazy(
        "Would you like to take part in a learning group? You have been added to the sign-up "
        "%(pool)s."
    ),
    Kind.ABSENCE: gettext_lazy("%(person)s missed two of the last three meetings of %(group)s."),
    Kind.OUT_OF_REACH: gettext_lazy(
        "%(person)s can no longer reach the attendance %(group)s agreed on."
    ),
    Kind.OWN_OUT_OF_REACH: gettext_lazy(
        "With the meetings still to come, you can no longer reach the attendance %(group)s "
        "agreed on. Your facilitator knows; you are still welcome."
    ),
    Kind.MEETINGS_MOVED: gettext_lazy("Meetings of %(groups)s have moved. See the new dates."),
    Kind.MEETING_REMINDER: gettext_lazy(
        "Reminder: %(group)s meets on %(starts_at)s (meeting %(number)s, %(title)s)."
    ),
    Kind.ASSIGNMENT_REMINDER: gettext_lazy(
        "Reminder: the assignment %(title)s for %(group)s is due on %(due_at)s."
    ),
    Kind.FOLLOW_UP: gettext_lazy(
        "Some time has passed since the last meeting of %(group)s. What has stuck? Two short "
        "questions, read by you and your facilitator only."
    ),
    Kind.NOTE_BACK: gettext_lazy("%(teacher)s left a note back on %(session)s (%(group)s)."),
    Kind.DUO_REVISIT: gettext_lazy(
        "Time to look at your duo agreement for %(group)s again, as you agreed."
    ),
}


def _moment(value: str) -> str:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return formats.date_format(timezone.localtime(moment), MOMENT_FORMAT)


def text(notification: Notification) -> str:
    """The sentence for ``notification``; parameters named ``*_at`` are moments, shown in
    local time. A notification whose words are gone (an old kind) still says something."""
    sentence = SENTENCES.get(notification.kind)
    if sentence is None:
        return _("Something in Kring needs your attention.")
    params = {
        key: _moment(value) if key.endswith("_at") and isinstance(value, str) else value
        for key, value in notification.params.items()
    }
    try:
        return str(sentence) % params
    except (KeyError, TypeError, ValueError):
        return _("Something in Kring needs your attention.")
