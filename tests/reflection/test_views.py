"""Reflection pages: giving an assignment, handing in with a file, the journal, conflicts,
and list pages whose query count does not grow with their length."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kring.learning.models import Meeting
from kring.reflection.models import Assignment, JournalEntry, JournalExcerpt, Submission
from kring.reflection.selectors import assignments_for_meeting
from tests.factories import RoleFactory, UserFactory
from tests.reflection.factories import (
    EXE_BYTES,
    PNG_BYTES,
    AssignmentFactory,
    JournalEntryFactory,
    JournalExcerptFactory,
    MeetingFactory,
    SubmissionFactory,
    in_days,
)


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _assignment_form(**overrides):
    form = {
        "title": "Een moment van twijfel",
        "instructions": "Beschrijf een moment waarop je twijfelde.",
        "due_at": _local(in_days(7)),
        "effort_minutes": "60",
    }
    form.update(overrides)
    return form


def _submission_form(**overrides):
    form = {
        "form": "tense_conversation",
        "title": "Het gesprek over de reorganisatie",
        "text": "Mijn eigen woorden, die niet verloren mogen gaan.",
        "visibility": "facilitator",
    }
    form.update(overrides)
    return form


def test_the_facilitator_gives_an_assignment(scene, as_user):
    client = as_user(scene.world.facilitator_a)
    url = reverse("reflection:assignment_create", args=[scene.meeting.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _assignment_form(), follow=True)
    assert "De opdracht is aan de groep gegeven." in response.content.decode()
    assert Assignment.objects.filter(title="Een moment van twijfel").exists()


def test_a_past_due_date_is_explained_and_the_input_kept(scene, as_user):
    client = as_user(scene.world.facilitator_a)
    response = client.post(
        reverse("reflection:assignment_create", args=[scene.meeting.pk]),
        _assignment_form(due_at=_local(in_days(-1))),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dit moment is al voorbij." in content
    assert 'value="Een moment van twijfel"' in content
    assert not Assignment.objects.filter(title="Een moment van twijfel").exists()


def test_a_long_assignment_is_saved_with_a_warning(scene, as_user):
    client = as_user(scene.world.facilitator_a)
    response = client.post(
        reverse("reflection:assignment_create", args=[scene.meeting.pk]),
        _assignment_form(effort_minutes="180"),
        follow=True,
    )
    assert "meer dan ongeveer twee uur" in response.content.decode()
    assert Assignment.objects.get(title="Een moment van twijfel").effort_minutes == 180


def test_an_old_assignment_can_be_edited_without_moving_its_date(scene, as_user):
    old_due = in_days(-2)
    Assignment.objects.filter(pk=scene.assignment.pk).update(due_at=old_due)
    response = as_user(scene.world.facilitator_a).post(
        reverse("reflection:assignment_edit", args=[scene.assignment.pk]),
        {**_assignment_form(title="Scherper geformuleerd", due_at=_local(old_due)), "version": 1},
    )
    assert response.status_code == 302
    assert Assignment.objects.get(pk=scene.assignment.pk).title == "Scherper geformuleerd"


def test_a_member_hands_in_a_case_with_a_picture(scene, as_user, media_root):
    client = as_user(scene.world.participant_a)
    url = reverse("reflection:submission_create", args=[scene.assignment.pk])
    page = client.get(url).content.decode()
    assert "Neem een gesprek dat spannend was." in page  # the form's prompt
    response = client.post(
        url, {**_submission_form(), "upload": SimpleUploadedFile("schets.png", PNG_BYTES)}
    )
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reflection:submission_detail", args=[submission.pk])
    assert submission.visibility == Submission.Visibility.FACILITATOR
    assert (media_root / submission.upload.name).exists()


def test_a_too_large_file_is_explained_and_the_text_kept(scene, as_user, settings):
    settings.KRING_UPLOAD_MAX_MB = 1
    client = as_user(scene.world.participant_a)
    big = SimpleUploadedFile("groot.png", PNG_BYTES + b"\x00" * (1024 * 1024 + 1))
    response = client.post(
        reverse("reflection:submission_create", args=[scene.assignment.pk]),
        {**_submission_form(), "upload": big},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dit bestand is groter dan 1 MB." in content
    assert "Mijn eigen woorden, die niet verloren mogen gaan." in content
    assert 'value="Het gesprek over de reorganisatie"' in content
    assert not Submission.objects.exists()


def test_a_renamed_program_is_refused_in_english_too(scene, as_user):
    scene.world.participant_a.language = "en"
    scene.world.participant_a.save(update_fields=["language"])
    client = as_user(scene.world.participant_a)
    response = client.post(
        reverse("reflection:submission_create", args=[scene.assignment.pk]),
        {**_submission_form(), "upload": SimpleUploadedFile("foto.jpg", EXE_BYTES)},
    )
    content = response.content.decode()
    assert "This file is not one of those." in content
    assert "Mijn eigen woorden, die niet verloren mogen gaan." in content
    assert not Submission.objects.exists()


def test_a_second_hand_in_leads_to_the_edit_page(scene, as_user):
    mine = SubmissionFactory(assignment=scene.assignment, author=scene.world.participant_a)
    response = as_user(scene.world.participant_a).get(
        reverse("reflection:submission_create", args=[scene.assignment.pk])
    )
    assert response["Location"] == reverse("reflection:submission_edit", args=[mine.pk])


def test_a_concurrent_edit_of_a_submission_is_shown_and_not_overwritten(scene, as_user):
    mine = SubmissionFactory(assignment=scene.assignment, author=scene.world.participant_a)
    client = as_user(scene.world.participant_a)
    url = reverse("reflection:submission_edit", args=[mine.pk])
    Submission.objects.filter(pk=mine.pk).update(text="Uit het andere tabblad", version=2)
    response = client.post(url, {**_submission_form(text="Uit dit tabblad"), "version": 1})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft dit opgeslagen" in content
    assert "Uit het andere tabblad" in content
    assert "Uit dit tabblad" in content
    assert Submission.objects.get(pk=mine.pk).text == "Uit het andere tabblad"
    response = client.post(url, {**_submission_form(text="Uit dit tabblad"), "version": 2})
    assert response.status_code == 302
    assert Submission.objects.get(pk=mine.pk).text == "Uit dit tabblad"


def test_a_held_meeting_closes_the_edit_page(scene, as_user):
    mine = SubmissionFactory(assignment=scene.assignment, author=scene.world.participant_a)
    Meeting.objects.filter(pk=scene.meeting.pk).update(status=Meeting.Status.HELD)
    client = as_user(scene.world.participant_a)
    assert client.get(reverse("reflection:submission_edit", args=[mine.pk])).status_code == 403
    page = client.get(reverse("reflection:submission_detail", args=[mine.pk])).content.decode()
    assert reverse("reflection:submission_edit", args=[mine.pk]) not in page


def test_the_journal_flow(scene, as_user):
    client = as_user(scene.world.participant_a)
    group = scene.world.group_a
    response = client.post(
        reverse("reflection:journal_create", args=[group.pk]),
        {"title": "Na bijeenkomst 1", "text": "Ik merkte dat ik snel oordeel."},
        follow=True,
    )
    assert "Ik merkte dat ik snel oordeel." in response.content.decode()
    entry = JournalEntry.objects.get()
    share_url = reverse("reflection:excerpt_create", args=[entry.pk])
    assert "Ik merkte dat ik snel oordeel." in client.get(share_url).content.decode()  # prefilled
    client.post(share_url, {"text": "Ik oordeel snel."})
    excerpt = JournalExcerpt.objects.get()
    group_page = client.get(reverse("reflection:group", args=[group.pk])).content.decode()
    assert "Ik oordeel snel." in group_page
    assert "Ik merkte dat ik snel oordeel." not in group_page
    client.post(reverse("reflection:excerpt_withdraw", args=[excerpt.pk]))
    assert not JournalExcerpt.objects.exists()


def test_a_concurrent_journal_edit_is_shown(scene, as_user):
    entry = JournalEntryFactory(group=scene.world.group_a, author=scene.world.participant_a)
    JournalEntry.objects.filter(pk=entry.pk).update(text="Andere versie", version=2)
    response = as_user(scene.world.participant_a).post(
        reverse("reflection:journal_edit", args=[entry.pk]),
        {"title": "Titel", "text": "Mijn versie", "version": 1},
    )
    content = response.content.decode()
    assert "Iemand anders heeft dit opgeslagen" in content
    assert "Andere versie" in content and "Mijn versie" in content


def test_the_meeting_partial_renders_for_insiders(scene):
    html = render_to_string(
        "reflection/meeting_assignments.html",
        {"meeting_assignments": assignments_for_meeting(scene.meeting, scene.world.facilitator_a)},
    )
    assert scene.assignment.title in html
    assert reverse("reflection:assignment_create", args=[scene.meeting.pk]) in html
    html = render_to_string(
        "reflection/meeting_assignments.html",
        {"meeting_assignments": assignments_for_meeting(scene.meeting, scene.world.teacher)},
    )
    assert html.strip() == ""


def test_a_held_meeting_offers_no_new_assignment(scene):
    Meeting.objects.filter(pk=scene.meeting.pk).update(status=Meeting.Status.HELD)
    scene.meeting.refresh_from_db()
    result = assignments_for_meeting(scene.meeting, scene.world.facilitator_a)
    assert result.may_view and not result.may_give


# --- Query counts --------------------------------------------------------------------------


def _many(scene, count, start):
    """More meetings, assignments, members, submissions and excerpts."""
    world = scene.world
    for number in range(start, start + count):
        meeting = MeetingFactory(group=world.group_a, number=number)
        for _ in range(2):
            assignment = AssignmentFactory(meeting=meeting)
            SubmissionFactory(assignment=assignment, author=world.participant_a)
    for index in range(count):
        member = UserFactory(email=f"lid{start}-{index}@example.org")
        RoleFactory(person=member, role="participant", group=world.group_a)
        SubmissionFactory(assignment=scene.assignment, author=member)
        entry = JournalEntryFactory(group=world.group_a, author=world.participant_a)
        JournalExcerptFactory(entry=entry)
        JournalExcerptFactory(entry=entry)


def _count_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_list_pages_query_count_does_not_grow(scene, as_user, django_assert_max_num_queries):
    world = scene.world
    detail = reverse("reflection:assignment_detail", args=[scene.assignment.pk])
    # Each limit includes the header's count of unread notifications.
    pages = [
        (world.facilitator_a, reverse("reflection:overview"), 7),
        (world.participant_a, reverse("reflection:overview"), 7),
        (world.facilitator_a, reverse("reflection:group", args=[world.group_a.pk]), 11),
        (world.participant_a, reverse("reflection:group", args=[world.group_a.pk]), 11),
        (world.facilitator_a, detail, 9),
        (world.participant_a, detail, 9),
        (world.participant_a, reverse("reflection:journal", args=[world.group_a.pk]), 7),
    ]
    _many(scene, 2, start=2)
    for user, url, limit in pages:
        _count_queries(as_user(user), url, django_assert_max_num_queries, limit)
    _many(scene, 8, start=10)
    for user, url, limit in pages:
        _count_queries(as_user(user), url, django_assert_max_num_queries, limit)


def test_late_work_is_accepted_with_a_warning_and_marked_late_for_both(scene, as_user):
    """A rule of thumb warns, it never refuses: after the meeting, work is still handed in."""
    Meeting.objects.filter(pk=scene.meeting.pk).update(
        starts_at=in_days(-1), status=Meeting.Status.HELD
    )
    member = as_user(scene.world.participant_a)
    detail = reverse("reflection:assignment_detail", args=[scene.assignment.pk])
    page = member.get(detail).content.decode()
    assert "De bijeenkomst is geweest. Je kunt je uitwerking nog inleveren" in page
    create = reverse("reflection:submission_create", args=[scene.assignment.pk])
    assert "gemarkeerd als te laat" in member.get(create).content.decode()
    response = member.post(create, _submission_form(), follow=True)
    assert response.status_code == 200
    assert "Ingeleverd na de bijeenkomst" in response.content.decode()
    mine = Submission.objects.get(author=scene.world.participant_a)
    assert mine.is_late
    facilitator = as_user(scene.world.facilitator_a)
    page = facilitator.get(detail).content.decode()
    assert "Ingeleverd na de bijeenkomst" in page and "te laat" in page
