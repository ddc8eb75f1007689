from __future__ import annotations

import datetime

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from kring.learning.models import Meeting
from kring.reflection.models import Assignment, JournalEntry, JournalExcerpt, Submission
from tests.factories import GroupFactory, UserFactory

# The smallest files each check recognises: their signatures, and a little padding.
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32
WEBP_BYTES = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32
PDF_BYTES = b"%PDF-1.7\n" + b"\x00" * 32
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 32


def in_days(days: float) -> datetime.datetime:
    return datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=days)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Bijeenkomst {n + 1}")
    starts_at = factory.LazyFunction(lambda: in_days(21))


class AssignmentFactory(DjangoModelFactory):
    class Meta:
        model = Assignment

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Opdracht {n}")
    instructions = "Beschrijf een situatie uit je werk die past bij onze leervraag."
    due_at = factory.LazyFunction(lambda: in_days(14))
    effort_minutes = 60


class SubmissionFactory(DjangoModelFactory):
    class Meta:
        model = Submission

    assignment = factory.SubFactory(AssignmentFactory)
    author = factory.SubFactory(UserFactory)
    form = Submission.Form.TENSE_CONVERSATION
    title = factory.Sequence(lambda n: f"Casus {n}")
    text = "Het gesprek met de wethouder liep anders dan ik had gehoopt."
    visibility = Submission.Visibility.GROUP

    class Params:
        with_picture = factory.Trait(
            upload=factory.LazyFunction(lambda: ContentFile(PNG_BYTES, name="tekening.png")),
            upload_name="tekening.png",
            upload_type="image/png",
            upload_size=len(PNG_BYTES),
        )


class JournalEntryFactory(DjangoModelFactory):
    class Meta:
        model = JournalEntry

    group = factory.SubFactory(GroupFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Notitie {n}")
    text = "Vandaag merkte ik dat ik het gesprek uit de weg ging."


class JournalExcerptFactory(DjangoModelFactory):
    class Meta:
        model = JournalExcerpt

    entry = factory.SubFactory(JournalEntryFactory)
    group = factory.LazyAttribute(lambda o: o.entry.group)
    author = factory.LazyAttribute(lambda o: o.entry.author)
    text = "Ik ging het gesprek uit de weg."
