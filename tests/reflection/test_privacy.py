"""Privacy (P3) per persona: a submission is read by its author and, as they chose, by the
group or by the facilitator alone; a journal by its author alone; shared excerpts by the
group's insiders. Nobody else, not even a platform admin. Reads by others are audited."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from kring import access
from kring.audit.models import AuditEntry
from kring.programmes.models import Role
from kring.reflection import selectors
from kring.reflection.models import JournalEntry, JournalExcerpt, Submission
from tests.factories import RoleFactory, UserFactory
from tests.reflection.factories import JournalEntryFactory, JournalExcerptFactory, SubmissionFactory

EVERYONE = [
    "facilitator_a", "participant_a", "colleague_a", "facilitator_b", "participant_b",
    "client_contact", "teacher", "team_leader", "programme_manager", "admin", "outsider",
]  # fmt: skip


@dataclass
class Work:
    shared: Submission  # participant_a's, for the whole group
    private: Submission  # colleague_a's, for the facilitator only
    entry: JournalEntry  # participant_a's journal
    excerpt: JournalExcerpt  # shared from that entry


@pytest.fixture
def work(scene) -> Work:
    world = scene.world
    shared = SubmissionFactory(
        assignment=scene.assignment,
        author=world.participant_a,
        title="Gedeelde casus",
        text="Tekst voor de hele groep.",
        visibility=Submission.Visibility.GROUP,
        with_picture=True,
    )
    private = SubmissionFactory(
        assignment=scene.assignment,
        author=scene.colleague_a,
        title="Vertrouwelijke casus",
        text="Alleen voor de begeleider.",
        visibility=Submission.Visibility.FACILITATOR,
        with_picture=True,
    )
    entry = JournalEntryFactory(
        group=world.group_a, author=world.participant_a, text="Mijn eigen gedachten."
    )
    excerpt = JournalExcerptFactory(entry=entry, text="Een gedeelde gedachte.")
    return Work(shared=shared, private=private, entry=entry, excerpt=excerpt)


def _persona(scene, name):
    return scene.colleague_a if name == "colleague_a" else getattr(scene.world, name)


SHARED_READERS = {"facilitator_a", "participant_a", "colleague_a"}
PRIVATE_READERS = {"facilitator_a", "colleague_a"}


@pytest.mark.parametrize("persona", EVERYONE)
def test_a_submission_for_the_group_is_read_by_the_groups_insiders_only(
    persona, scene, work, as_user
):
    client = as_user(_persona(scene, persona))
    page = client.get(reverse("reflection:submission_detail", args=[work.shared.pk]))
    picture = client.get(reverse("reflection:submission_file", args=[work.shared.pk]))
    if persona in SHARED_READERS:
        assert page.status_code == 200
        assert "Tekst voor de hele groep." in page.content.decode()
        assert picture.status_code == 200
    else:
        assert page.status_code == 404
        assert picture.status_code == 404
        assert "Tekst voor de hele groep." not in page.content.decode()


@pytest.mark.parametrize("persona", EVERYONE)
def test_a_submission_for_the_facilitator_is_read_by_author_and_facilitator_only(
    persona, scene, work, as_user
):
    client = as_user(_persona(scene, persona))
    page = client.get(reverse("reflection:submission_detail", args=[work.private.pk]))
    picture = client.get(reverse("reflection:submission_file", args=[work.private.pk]))
    if persona in PRIVATE_READERS:
        assert page.status_code == 200
        assert "Alleen voor de begeleider." in page.content.decode()
        assert picture.status_code == 200
    else:
        assert page.status_code == 404
        assert picture.status_code == 404


@pytest.mark.parametrize("persona", EVERYONE)
def test_the_assignment_page_lists_only_what_the_reader_may_see(persona, scene, work, as_user):
    client = as_user(_persona(scene, persona))
    response = client.get(reverse("reflection:assignment_detail", args=[scene.assignment.pk]))
    content = response.content.decode()
    if persona not in SHARED_READERS:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert "Gedeelde casus" in content
    assert ("Vertrouwelijke casus" in content) == (persona in PRIVATE_READERS)


def test_a_member_does_not_learn_that_a_private_submission_exists(scene, work, as_user):
    content = (
        as_user(scene.world.participant_a)
        .get(reverse("reflection:assignment_detail", args=[scene.assignment.pk]))
        .content.decode()
    )
    assert "Colleague A" not in content
    assert "Wie heeft ingeleverd" not in content  # the facilitator's overview


def test_the_facilitator_sees_who_has_not_handed_in(scene, work, as_user):
    extra = UserFactory(email="late@example.org", full_name="Laatkomer Lies")
    RoleFactory(person=extra, role=Role.PARTICIPANT, group=scene.world.group_a)
    progress = selectors.submission_progress(scene.assignment)
    assert [p.full_name for p in progress.missing] == ["Laatkomer Lies"]
    assert {p.full_name for p in progress.submitted} == {"Participant A", "Colleague A"}
    content = (
        as_user(scene.world.facilitator_a)
        .get(reverse("reflection:assignment_detail", args=[scene.assignment.pk]))
        .content.decode()
    )
    assert "Laatkomer Lies" in content


@pytest.mark.parametrize("persona", EVERYONE)
def test_a_journal_is_read_by_its_author_alone(persona, scene, work, as_user):
    client = as_user(_persona(scene, persona))
    edit = client.get(reverse("reflection:journal_edit", args=[work.entry.pk]))
    share = client.get(reverse("reflection:excerpt_create", args=[work.entry.pk]))
    journal = client.get(reverse("reflection:journal", args=[scene.world.group_a.pk]))
    if persona == "participant_a":
        assert edit.status_code == share.status_code == journal.status_code == 200
        assert "Mijn eigen gedachten." in journal.content.decode()
    else:
        assert edit.status_code == 404
        assert share.status_code == 404
        assert "Mijn eigen gedachten." not in journal.content.decode()


def test_another_members_journal_page_shows_only_their_own_entries(scene, work, as_user):
    response = as_user(scene.colleague_a).get(
        reverse("reflection:journal", args=[scene.world.group_a.pk])
    )
    assert response.status_code == 200
    assert "Mijn eigen gedachten." not in response.content.decode()


@pytest.mark.parametrize("persona", EVERYONE)
def test_shared_excerpts_are_for_the_groups_insiders(persona, scene, work, as_user):
    response = as_user(_persona(scene, persona)).get(
        reverse("reflection:group", args=[scene.world.group_a.pk])
    )
    content = response.content.decode()
    if persona in SHARED_READERS:
        assert response.status_code == 200
        assert "Een gedeelde gedachte." in content
        assert "Mijn eigen gedachten." not in content
    else:
        assert response.status_code in {403, 404}
        assert "Een gedeelde gedachte." not in content


@pytest.mark.parametrize("persona", ["facilitator_a", "colleague_a", "admin", "participant_b"])
def test_only_the_author_withdraws_an_excerpt(persona, scene, work, as_user):
    response = as_user(_persona(scene, persona)).post(
        reverse("reflection:excerpt_withdraw", args=[work.excerpt.pk])
    )
    assert response.status_code in {403, 404}
    assert JournalExcerpt.objects.filter(pk=work.excerpt.pk).exists()


def test_the_author_withdraws_an_excerpt(scene, work, as_user):
    response = as_user(scene.world.participant_a).post(
        reverse("reflection:excerpt_withdraw", args=[work.excerpt.pk])
    )
    assert response.status_code == 302
    assert not JournalExcerpt.objects.filter(pk=work.excerpt.pk).exists()


def test_reads_by_others_are_audited_as_confidential(scene, work, as_user):
    facilitator = scene.world.facilitator_a
    client = as_user(facilitator)
    client.get(reverse("reflection:submission_detail", args=[work.private.pk]))
    client.get(reverse("reflection:submission_file", args=[work.private.pk]))
    client.get(reverse("reflection:assignment_detail", args=[scene.assignment.pk]))
    client.get(reverse("reflection:group", args=[scene.world.group_a.pk]))
    reads = AuditEntry.objects.filter(actor=facilitator, confidential=True)
    assert set(reads.values_list("action", flat=True)) == {
        "submission.read",
        "submission.file_read",
        "submission.list_read",
        "excerpt.list_read",
    }
    listed = reads.get(action="submission.list_read").detail["ids"]
    assert sorted(listed) == sorted([work.shared.pk, work.private.pk])
    assert reads.get(action="excerpt.list_read").detail["ids"] == [work.excerpt.pk]


def test_an_author_reading_their_own_work_leaves_no_read_entry(scene, work, as_user):
    client = as_user(scene.colleague_a)
    client.get(reverse("reflection:submission_detail", args=[work.private.pk]))
    client.get(reverse("reflection:submission_file", args=[work.private.pk]))
    assert not AuditEntry.objects.filter(actor=scene.colleague_a, confidential=True).exists()


def test_the_download_is_served_safely(scene, work, as_user):
    response = as_user(scene.world.facilitator_a).get(
        reverse("reflection:submission_file", args=[work.private.pk])
    )
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")
    assert 'filename="tekening.png"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_a_pdf_is_always_downloaded_never_shown(scene, work, as_user):
    Submission.objects.filter(pk=work.shared.pk).update(
        upload_type="application/pdf", upload_name="verslag.pdf"
    )
    response = as_user(scene.colleague_a).get(
        reverse("reflection:submission_file", args=[work.shared.pk])
    )
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_selector_agrees_with_the_policy(scene, work):
    for name in EVERYONE:
        user = _persona(scene, name)
        listed = {s.pk for s in selectors.visible_submissions(scene.assignment, user)}
        allowed = {
            s.pk for s in (work.shared, work.private) if access.can(user, access.Action.VIEW, s)
        }
        assert listed == allowed, name


def test_the_meeting_partial_is_empty_outside_the_group(scene, work):
    for name in EVERYONE:
        result = selectors.assignments_for_meeting(scene.meeting, _persona(scene, name))
        insider = name in SHARED_READERS
        assert result.may_view == insider, name
        assert bool(result.cards) == insider, name
