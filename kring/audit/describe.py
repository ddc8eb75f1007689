"""The audit log in words: a sentence per action code, with the object it concerns. Every
code a service writes has one here (``tests/audit/test_descriptions.py`` scans the code base);
an unknown code (from an older version) is shown as itself rather than hidden."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.audit.models import AuditEntry
from kring.programmes.models import Role

if TYPE_CHECKING:  # a development dependency only
    from django_stubs_ext import StrOrPromise

# "%(object)s" is what the entry concerns, as it was named at the time.
DESCRIPTIONS: dict[str, StrOrPromise] = {
    # Organisations and people
    "organisation.create": _("Created the organisation %(object)s"),
    "organisation.update": _("Changed the organisation %(object)s"),
    "person.update_profile": _("Changed the profile of %(object)s"),
    "learning_profile.complete": _("Completed the learning profile %(object)s"),
    # Programmes, groups and roles
    "programme.create": _("Created the programme %(object)s"),
    "programme.update": _("Changed the programme %(object)s"),
    "group.create": _("Created the group %(object)s"),
    "group.update": _("Changed the group %(object)s"),
    "group.size_override": _("Recorded why %(object)s may be larger than seven"),
    "group.intensity": _("Set the facilitation intensity of %(object)s"),
    "group.attendance_share": _("Set the agreed attendance of %(object)s"),
    "group.follow_up_date": _("Set the follow-up date of %(object)s"),
    "follow_up.answer": _("Answered the follow-up question of %(object)s"),
    "role.assign": _("Gave a role: %(object)s"),
    "role.remove": _("Removed a role: %(object)s"),
    # Invitations and memberships
    "invitation.send": _("Sent an invitation to %(object)s"),
    "invitation.resend": _("Sent the invitation to %(object)s again"),
    "invitation.revoke": _("Withdrew the invitation to %(object)s"),
    "invitation.accept": _("Accepted the invitation %(object)s"),
    "membership.invite": _("Invited into a learning group: %(object)s"),
    "membership.invite_by_invitation": _("Joined a learning group by invitation: %(object)s"),
    "membership.confirm": _("Confirmed taking part: %(object)s"),
    "membership.decline": _("Declined taking part: %(object)s"),
    "membership.remove": _("Took out of a learning group: %(object)s"),
    # The learning cycle
    "meeting.series_create": _("Planned a meeting series for %(object)s"),
    "meeting.update": _("Changed the meeting %(object)s"),
    "meeting.attendance": _("Recorded attendance at %(object)s"),
    "contract.save": _("Saved the agreements %(object)s"),
    # Teachers, briefings and how the staff work together
    "briefing_note.save": _("Wrote the note for the teachers of %(object)s"),
    "note_back.write": _("Left a note back on %(object)s"),
    "note_back.change": _("Changed the note back on %(object)s"),
    "constellation.set": _("Recorded how the staff of %(object)s work together"),
    "duo_agreement.save": _("Saved the duo agreement of %(object)s"),
    "duo_agreement.confirm": _("Confirmed that the duo agreement of %(object)s still holds"),
    "issue.save": _("Saved the learning question %(object)s"),
    "learning_point.add": _("Added a learning point: %(object)s"),
    "learning_point.update": _("Changed a learning point: %(object)s"),
    "learning_point.delete": _("Deleted a learning point: %(object)s"),
    "learning_point.restore": _("Restored a learning point: %(object)s"),
    "learning_point.share": _("Shared a learning point with the programme manager: %(object)s"),
    "learning_point.unshare": _("Stopped sharing a learning point: %(object)s"),
    "commitment.add": _("Recorded an intention: %(object)s"),
    "commitment.report": _("Reported on an intention: %(object)s"),
    "intervention.add": _("Recorded an intervention in %(object)s"),
    "evaluation.submit": _("Submitted an evaluation for %(object)s"),
    "series_template.save": _("Saved the meeting template %(object)s"),
    "series_template.copy": _("Copied a meeting template to %(object)s"),
    # Reflection
    "assignment.create": _("Created the assignment %(object)s"),
    "assignment.update": _("Changed the assignment %(object)s"),
    "submission.create": _("Handed in %(object)s"),
    "submission.update": _("Changed the submission %(object)s"),
    "submission.read": _("Read the submission %(object)s"),
    "submission.file_read": _("Opened the file of the submission %(object)s"),
    "submission.list_read": _("Read the list of submissions for %(object)s"),
    "journal.create": _("Started a journal entry: %(object)s"),
    "journal.update": _("Changed a journal entry: %(object)s"),
    "excerpt.share": _("Shared a journal excerpt: %(object)s"),
    "excerpt.withdraw": _("Withdrew a journal excerpt: %(object)s"),
    "excerpt.list_read": _("Read the shared journal excerpts of %(object)s"),
    # Library
    "library_item.create": _("Added %(object)s to the library"),
    "library_item.update": _("Changed %(object)s in the library"),
    "meeting_resource.attach": _("Linked a library item to a meeting: %(object)s"),
    "meeting_resource.detach": _("Unlinked a library item from a meeting: %(object)s"),
    # Availability and calendars
    "availability.away_add": _("Added a period away: %(object)s"),
    "availability.away_remove": _("Removed a period away: %(object)s"),
    "availability.calendar_upload": _("Uploaded a calendar file: %(object)s"),
    "availability.calendar_import": _("Read the busy times of a calendar file: %(object)s"),
    "availability.calendar_remove": _("Removed a calendar file: %(object)s"),
    "calendar.feed_on": _("Switched on the calendar link of %(object)s"),
    "calendar.feed_off": _("Switched off the calendar link of %(object)s"),
    "calendar.feed_reset": _("Made a new calendar link for %(object)s"),
    # Rooms
    "room.create": _("Added the room %(object)s"),
    "room.update": _("Changed the room %(object)s"),
    "room.archive": _("Archived the room %(object)s"),
    # Planning
    "planning.accept": _("Accepted the planning proposal %(object)s"),
    "planning.discard": _("Discarded the planning proposal %(object)s"),
    "planning.outdated": _("Found the planning proposal %(object)s outdated"),
    "planning.suggestion_dismiss": _("Dismissed a re-planning suggestion for %(object)s"),
    # Forming groups
    "pool.create": _("Opened the sign-up pool %(object)s"),
    "pool.update": _("Changed the sign-up pool %(object)s"),
    "pool.settings": _("Changed the formation rules of %(object)s"),
    "pool.sign_up": _("Signed up: %(object)s"),
    "pool.confirm": _("Confirmed a sign-up: %(object)s"),
    "pool.entry_update": _("Changed a sign-up: %(object)s"),
    "pool.withdraw": _("Withdrew a sign-up: %(object)s"),
    "pool.add": _("Added someone to the pool: %(object)s"),
    "pool.remove": _("Took someone out of the pool: %(object)s"),
    "pool.pair": _("Paired two people in %(object)s"),
    "pool.pair_remove": _("Removed a pairing in %(object)s"),
    "formation.run": _("Ran a group formation for %(object)s"),
    "formation.accept": _("Accepted the proposed groups of %(object)s"),
    "formation.move": _("Moved someone in the proposal %(object)s"),
    "formation.swap": _("Swapped two people in the proposal %(object)s"),
    "formation.reset": _("Reset the proposal %(object)s"),
}


def describe(entry: AuditEntry) -> str:
    """The entry as a sentence in the reader's language."""
    sentence = DESCRIPTIONS.get(entry.action)
    name = entry.object_repr or "—"
    if sentence is None:
        return f"{entry.action} {name}".strip()
    text = str(sentence) % {"object": name}
    role = entry.detail.get("role") if isinstance(entry.detail, dict) else None
    # A role assignment names its role itself (in the language of the moment it was written).
    if role in Role.values and entry.object_type != "programmes.roleassignment":
        text = gettext("%(what)s (%(role)s)") % {"what": text, "role": Role(role).label}
    return text


def reason(entry: AuditEntry) -> str:
    """The reason someone gave for what they did, where they gave one."""
    given = entry.detail.get("reason") if isinstance(entry.detail, dict) else None
    return given if isinstance(given, str) else ""


def choices() -> list[tuple[str, str]]:
    """Every action in words, its object left open ("…"), sorted for a filter's list."""
    labels = [(code, str(sentence) % {"object": "…"}) for code, sentence in DESCRIPTIONS.items()]
    return sorted(labels, key=lambda item: item[1].casefold().lstrip("…"))
