"""Services: the rules an assignment, a submission and the journal keep, in domain words."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from kring.audit.models import AuditEntry
from kring.core.exceptions import EditConflict
from kring.learning.models import Meeting
from kring.reflection import services
from kring.reflection.models import JournalExcerpt, Submission
from tests.reflection.factories import (
    EXE_BYTES,
    PNG_BYTES,
    JournalEntryFactory,
    SubmissionFactory,
    in_days,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _give(scene, **overrides):
    values = {
        "title": "Een gesprek dat schuurde",
        "instructions": "Beschrijf een spannend gesprek.",
        "due_at": in_days(7),
        "effort_minutes": 90,
    }
    values.update(overrides)
    return services.assignment_create(
        actor=scene.world.facilitator_a, meeting=scene.meeting, **values
    )


def _submit(scene, author=None, **overrides):
    values = {
        "form": Submission.Form.TENSE_CONVERSATION,
        "title": "Het overleg met de directeur",
        "text": "Ik wilde ruimte voor het team, hij wilde een besluit.",
        "visibility": Submission.Visibility.FACILITATOR,
    }
    values.update(overrides)
    return services.submission_create(
        actor=author or scene.world.participant_a, assignment=scene.assignment, **values
    )


# --- Assignments ---------------------------------------------------------------------------


def test_the_facilitator_gives_an_assignment(scene):
    assignment = _give(scene)
    assert assignment.meeting == scene.meeting
    assert assignment.created_by == scene.world.facilitator_a
    assert AuditEntry.objects.filter(action="assignment.create").count() == 1
    assert services.assignment_warnings(assignment) == []


def test_a_due_date_in_the_past_is_refused(scene):
    with pytest.raises(ValidationError) as caught:
        _give(scene, due_at=in_days(-1))
    assert "already passed" in caught.value.message_dict["due_at"][0]


def test_more_than_two_hours_is_a_warning_not_a_block(scene):
    assignment = _give(scene, effort_minutes=180)
    assert assignment.pk
    warnings = services.assignment_warnings(assignment)
    assert len(warnings) == 1
    assert "two hours" in warnings[0]


def test_a_due_date_after_the_meeting_is_a_warning(scene):
    assignment = _give(scene, due_at=in_days(30))
    warnings = services.assignment_warnings(assignment)
    assert any("after the start of the meeting" in w for w in warnings)


@pytest.mark.parametrize(
    "persona", ["participant_a", "facilitator_b", "programme_manager", "admin"]
)
def test_only_the_groups_facilitator_gives_assignments(scene, persona):
    with pytest.raises(PermissionDenied):
        services.assignment_create(
            actor=getattr(scene.world, persona),
            meeting=scene.meeting,
            title="x",
            instructions="y",
            due_at=in_days(3),
            effort_minutes=30,
        )


def test_an_old_assignment_keeps_its_date_when_edited(scene):
    assignment = scene.assignment
    type(assignment).objects.filter(pk=assignment.pk).update(due_at=in_days(-3))
    assignment.refresh_from_db()
    services.assignment_update(
        actor=scene.world.facilitator_a,
        assignment=assignment,
        expected_version=1,
        title="Nieuwe titel",
        due_at=assignment.due_at,
    )
    assignment.refresh_from_db()
    assert assignment.title == "Nieuwe titel"
    assert assignment.version == 2


def test_moving_a_due_date_into_the_past_is_refused(scene):
    with pytest.raises(ValidationError):
        services.assignment_update(
            actor=scene.world.facilitator_a,
            assignment=scene.assignment,
            expected_version=1,
            due_at=in_days(-2),
        )


def test_a_stale_edit_of_an_assignment_is_refused(scene):
    first = type(scene.assignment).objects.get(pk=scene.assignment.pk)
    second = type(scene.assignment).objects.get(pk=scene.assignment.pk)
    actor = scene.world.facilitator_a
    services.assignment_update(actor=actor, assignment=first, expected_version=1, title="Eerste")
    with pytest.raises(EditConflict):
        services.assignment_update(
            actor=actor, assignment=second, expected_version=1, title="Tweede"
        )
    second.refresh_from_db()
    assert second.title == "Eerste"


# --- Submissions ---------------------------------------------------------------------------


def test_a_member_hands_in_once(scene):
    submission = _submit(scene)
    assert submission.author == scene.world.participant_a
    with pytest.raises(ValidationError):
        _submit(scene)
    assert Submission.objects.count() == 1


@pytest.mark.parametrize("persona", ["facilitator_a", "participant_b", "teacher", "admin"])
def test_only_active_members_hand_in(scene, persona):
    with pytest.raises(PermissionDenied):
        _submit(scene, author=getattr(scene.world, persona))


def test_a_drawing_needs_the_picture(scene):
    with pytest.raises(ValidationError) as caught:
        _submit(scene, form=Submission.Form.DRAWING, text="")
    assert "upload" in caught.value.message_dict


def test_a_text_form_needs_text(scene):
    with pytest.raises(ValidationError) as caught:
        _submit(scene, text="   ")
    assert "text" in caught.value.message_dict


def test_an_upload_is_stored_under_a_random_name(scene, media_root):
    submission = _submit(
        scene,
        form=Submission.Form.DRAWING,
        text="",
        upload=SimpleUploadedFile("sanne-en-haar-manager.jpg", PNG_BYTES),
    )
    assert submission.upload_name == "sanne-en-haar-manager.jpg"
    assert submission.upload_type == "image/png"
    assert submission.upload.name.startswith("reflection/")
    assert submission.upload.name.endswith(".png")
    assert "sanne" not in submission.upload.name
    assert (media_root / submission.upload.name).read_bytes() == PNG_BYTES


def test_a_refused_upload_leaves_nothing_behind(scene, media_root):
    with pytest.raises(ValidationError):
        _submit(scene, upload=SimpleUploadedFile("foto.jpg", EXE_BYTES))
    assert not Submission.objects.exists()
    assert not list(media_root.rglob("*.*"))


def test_a_refused_submission_deletes_its_stored_file(scene, media_root):
    with pytest.raises(ValidationError):
        _submit(scene, title="", upload=SimpleUploadedFile("foto.png", PNG_BYTES))
    assert not list(media_root.rglob("*.png"))


def test_a_new_file_replaces_the_old_one(scene, media_root, django_capture_on_commit_callbacks):
    submission = _submit(scene, upload=SimpleUploadedFile("eerste.png", PNG_BYTES))
    old = media_root / submission.upload.name
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_update(
            actor=scene.world.participant_a,
            submission=submission,
            expected_version=1,
            upload=SimpleUploadedFile("tweede.pdf", b"%PDF-1.4\n" + b"\x00" * 20),
        )
    assert not old.exists()
    assert (media_root / submission.upload.name).exists()
    assert submission.upload_name == "tweede.pdf"


def test_the_member_may_remove_the_file(scene, media_root, django_capture_on_commit_callbacks):
    submission = _submit(scene, upload=SimpleUploadedFile("eerste.png", PNG_BYTES))
    old = media_root / submission.upload.name
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_update(
            actor=scene.world.participant_a,
            submission=submission,
            expected_version=1,
            remove_upload=True,
        )
    submission.refresh_from_db()
    assert not submission.upload
    assert submission.upload_name == ""
    assert not old.exists()


def test_a_stale_edit_of_a_submission_is_refused(scene):
    submission = _submit(scene)
    in_tab_one = Submission.objects.get(pk=submission.pk)
    in_tab_two = Submission.objects.get(pk=submission.pk)
    actor = scene.world.participant_a
    services.submission_update(
        actor=actor, submission=in_tab_one, expected_version=1, text="Versie uit tab één"
    )
    with pytest.raises(EditConflict):
        services.submission_update(
            actor=actor, submission=in_tab_two, expected_version=1, text="Versie uit tab twee"
        )
    assert Submission.objects.get(pk=submission.pk).text == "Versie uit tab één"


def test_a_submission_is_fixed_once_the_meeting_has_been_held(scene):
    submission = _submit(scene)
    Meeting.objects.filter(pk=scene.meeting.pk).update(status=Meeting.Status.HELD)
    submission = Submission.objects.select_related("assignment__meeting__group").get(
        pk=submission.pk
    )
    with pytest.raises(PermissionDenied):
        services.submission_update(
            actor=scene.world.participant_a, submission=submission, expected_version=1, text="x"
        )


def test_work_handed_in_after_the_meeting_is_accepted_and_marked_late(scene):
    """A rule of thumb warns, it never refuses: late work is taken in and shown as late."""
    Meeting.objects.filter(pk=scene.meeting.pk).update(
        starts_at=in_days(-1), status=Meeting.Status.HELD
    )
    scene.assignment.meeting.refresh_from_db()
    assert not scene.assignment.submissions_open
    submission = _submit(scene)
    assert submission.is_late and submission.after_meeting
    assert submission.late_label == "Handed in after the meeting"
    # Work that came in late was not discussed, so its author may still improve it.
    submission = Submission.objects.select_related("assignment__meeting__group").get(
        pk=submission.pk
    )
    services.submission_update(
        actor=scene.world.participant_a, submission=submission, expected_version=1, text="Beter"
    )
    assert Submission.objects.get(pk=submission.pk).text == "Beter"


def test_work_handed_in_on_time_is_not_late(scene):
    submission = _submit(scene)
    assert not submission.is_late


def test_someone_elses_submission_cannot_be_changed(scene):
    submission = SubmissionFactory(assignment=scene.assignment, author=scene.colleague_a)
    with pytest.raises(PermissionDenied):
        services.submission_update(
            actor=scene.world.participant_a, submission=submission, expected_version=1, text="x"
        )


# --- The journal ---------------------------------------------------------------------------


def test_a_member_keeps_a_journal_and_shares_an_excerpt(scene):
    member = scene.world.participant_a
    entry = services.journal_entry_create(
        actor=member, group=scene.world.group_a, title="Na het overleg", text="Lang verhaal."
    )
    excerpt = services.excerpt_share(actor=member, entry=entry, text="Kort stukje.")
    assert excerpt.group == scene.world.group_a
    assert excerpt.author == member
    services.excerpt_withdraw(actor=member, excerpt=excerpt)
    assert not JournalExcerpt.objects.exists()
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("id"))
    assert actions[-3:] == ["journal.create", "excerpt.share", "excerpt.withdraw"]


def test_the_audit_log_does_not_repeat_what_was_written(scene):
    member = scene.world.participant_a
    entry = services.journal_entry_create(
        actor=member, group=scene.world.group_a, title="Mijn twijfel", text="Geheim."
    )
    submission = _submit(scene, title="Ruzie met Piet")
    reprs = " ".join(AuditEntry.objects.values_list("object_repr", flat=True))
    assert "twijfel" not in reprs
    assert "Piet" not in reprs
    assert str(entry.pk) in reprs and str(submission.pk) in reprs


@pytest.mark.parametrize("persona", ["facilitator_a", "participant_b", "admin"])
def test_only_members_keep_a_journal_in_a_group(scene, persona):
    with pytest.raises(PermissionDenied):
        services.journal_entry_create(
            actor=getattr(scene.world, persona), group=scene.world.group_a, title="x", text="y"
        )


@pytest.mark.parametrize("persona", ["facilitator_a", "colleague_a", "admin"])
def test_nobody_else_edits_or_shares_a_journal_entry(scene, persona):
    actor = scene.colleague_a if persona == "colleague_a" else getattr(scene.world, persona)
    entry = JournalEntryFactory(group=scene.world.group_a, author=scene.world.participant_a)
    with pytest.raises(PermissionDenied):
        services.journal_entry_update(
            actor=actor, entry=entry, expected_version=1, title="x", text="y"
        )
    with pytest.raises(PermissionDenied):
        services.excerpt_share(actor=actor, entry=entry, text="y")


def test_a_stale_journal_edit_is_refused(scene):
    member = scene.world.participant_a
    entry = JournalEntryFactory(group=scene.world.group_a, author=member)
    services.journal_entry_update(
        actor=member, entry=entry, expected_version=1, title="a", text="b"
    )
    with pytest.raises(EditConflict):
        services.journal_entry_update(
            actor=member, entry=entry, expected_version=1, title="c", text="d"
        )


def test_reads_by_others_are_recorded_and_own_reads_are_not(scene):
    submission = _submit(scene)
    services.record_read(actor=scene.world.participant_a, obj=submission, action="submission.read")
    assert not AuditEntry.objects.filter(confidential=True).exists()
    services.record_read(actor=scene.world.facilitator_a, obj=submission, action="submission.read")
    entry = AuditEntry.objects.get(confidential=True)
    assert entry.actor == scene.world.facilitator_a
    assert entry.object_id == str(submission.pk)


def test_no_assignment_for_a_meeting_that_has_been_held(scene):
    Meeting.objects.filter(pk=scene.meeting.pk).update(status=Meeting.Status.HELD)
    scene.meeting.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        _give(scene)
    assert "already been held" in caught.value.messages[0]
