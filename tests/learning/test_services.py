"""Learning-group services: the rules a facilitator relies on."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kring import access
from kring.core.exceptions import EditConflict
from kring.learning import selectors, services
from kring.learning.models import (
    AbsenceNotice,
    Attendance,
    Meeting,
    Membership,
)
from kring.programmes.models import RoleAssignment
from tests.factories import UserFactory
from tests.helpers import run_queued_tasks
from tests.learning.factories import MeetingFactory, MembershipFactory


def _add(world, person, **extra):
    return services.member_add(
        actor=world.facilitator_a,
        group=world.group_a,
        person=person,
        task=extra.pop("task", "beleidsadvies"),
        work_context=extra.pop("work_context", "Ministerie / DG Wonen"),
        layer=extra.pop("layer", 1),
        **extra,
    )


def test_an_invited_member_takes_part_only_after_confirming(
    world, django_capture_on_commit_callbacks
):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        membership = _add(world, person)
    assert membership.status == Membership.Status.INVITED
    assert not access.can(person, access.CycleAction.VIEW_CONTENT, world.group_a)
    run_queued_tasks()
    assert mail.outbox and mail.outbox[0].to == [person.email]
    assert "vrijwillig" in mail.outbox[0].body
    services.membership_respond(person=person, membership=membership, accept=True)
    person = type(person).objects.get(pk=person.pk)
    assert access.can(person, access.CycleAction.VIEW_CONTENT, world.group_a)


def test_only_the_invited_person_can_respond(world):
    membership = _add(world, UserFactory())
    with pytest.raises(PermissionDenied):
        services.membership_respond(person=world.facilitator_a, membership=membership, accept=True)


def test_declining_grants_nothing(world):
    person = UserFactory()
    membership = _add(world, person)
    services.membership_respond(person=person, membership=membership, accept=False)
    assert not RoleAssignment.objects.filter(person=person).exists()


def test_after_the_first_meeting_a_late_joiner_needs_a_reason_and_recontracting(cycle):
    world, first, second = cycle
    Meeting.objects.filter(pk=first.pk).update(status=Meeting.Status.HELD)
    with pytest.raises(ValidationError) as error:
        _add(world, UserFactory())
    assert "late_join_reason" in error.value.message_dict
    _add(world, UserFactory(), late_join_reason="Vervangt een vertrokken collega")
    second.refresh_from_db()
    assert second.recontracting


def test_more_than_seven_needs_a_recorded_reason(world):
    for _ in range(7):
        _add(world, UserFactory())
    with pytest.raises(ValidationError):
        _add(world, UserFactory())
    services.size_override_set(
        actor=world.facilitator_a, group=world.group_a, reason="Twee teams voegen samen"
    )
    _add(world, UserFactory())
    assert world.group_a.memberships.count() == 8


def test_composition_warns_for_a_manager_with_own_staff(world):
    boss = UserFactory(full_name="Baas")
    _add(world, boss, layer=4)
    _add(world, UserFactory(full_name="Medewerker"), manager=boss)
    _members, assessment = selectors.group_composition(world.group_a)
    codes = {w.code for w in assessment.warnings}
    assert {"manager_with_staff", "mixed_layers", "not_confirmed"} <= codes


def test_the_series_follows_the_template_spacing(world):
    template = selectors.standard_template(world.provider)
    first = timezone.localdate() + datetime.timedelta(days=14)
    meetings = services.series_create(
        actor=world.facilitator_a,
        group=world.group_a,
        template=template,
        first_date=first,
        start_time=datetime.time(14, 0),
    )
    assert len(meetings) == 6
    gaps = [(b.starts_at - a.starts_at).days for a, b in zip(meetings, meetings[1:], strict=False)]
    assert all(6 * 7 <= gap <= 8 * 7 for gap in gaps)
    assert meetings[0].title == "Start en contracteren"
    assert all(m.duration_minutes == 120 for m in meetings)
    with pytest.raises(ValidationError):
        services.series_create(
            actor=world.facilitator_a,
            group=world.group_a,
            template=template,
            first_date=first,
            start_time=datetime.time(14, 0),
        )


def test_a_series_cannot_start_in_the_past(world):
    with pytest.raises(ValidationError):
        services.series_create(
            actor=world.facilitator_a,
            group=world.group_a,
            template=selectors.standard_template(world.provider),
            first_date=timezone.localdate() - datetime.timedelta(days=1),
            start_time=datetime.time(14, 0),
        )
    assert not world.group_a.meetings.exists()


def test_a_short_meeting_is_allowed_with_a_warning_and_the_past_is_refused(cycle):
    world, first, _second = cycle
    warnings = services.meeting_update(
        actor=world.facilitator_a, meeting=first, expected_version=1, duration_minutes=60
    )
    assert warnings and "90" in warnings[0]
    with pytest.raises(ValidationError):
        services.meeting_update(
            actor=world.facilitator_a,
            meeting=Meeting.objects.get(pk=first.pk),
            expected_version=2,
            starts_at=timezone.now() - datetime.timedelta(days=3),
        )
    with pytest.raises(EditConflict):
        services.meeting_update(
            actor=world.facilitator_a, meeting=first, expected_version=1, title="Oud"
        )


def _agreements(world, base=0, **extra):
    fields = {
        "in_scope": "Ons gedeelde vraagstuk",
        "confidentiality": "Casussen blijven in de groep",
        "judging": "We puzzelen samen, we oordelen niet",
        "attendance": "We zijn er alle zes keer",
    }
    fields.update(extra)
    return services.agreements_save(
        actor=world.facilitator_a, group=world.group_a, base_number=base, **fields
    )


def test_the_agreements_are_versioned_and_a_stale_acknowledgement_is_refused(cycle):
    world, *_ = cycle
    first = _agreements(world)
    with pytest.raises(ValidationError):
        _agreements(world, base=1)  # a change needs a note
    second = _agreements(world, base=1, change_note="Afspraak over notulen toegevoegd")
    assert second.number == 2
    with pytest.raises(ValidationError):
        services.agreements_acknowledge(person=world.participant_a, version=first)
    services.agreements_acknowledge(person=world.participant_a, version=second)
    assert second.acknowledgements.filter(person=world.participant_a).exists()


def test_two_people_editing_the_agreements_do_not_overwrite_each_other(cycle):
    world, *_ = cycle
    _agreements(world)
    _agreements(world, base=1, change_note="Eerste wijziging")
    with pytest.raises(EditConflict):
        _agreements(world, base=1, change_note="Tweede, op een oude versie")
    assert world.group_a.agreement_versions.count() == 2


def test_the_learning_question_keeps_its_history(cycle):
    world, *_ = cycle
    services.learning_question_save(
        actor=world.participant_a,
        group=world.group_a,
        base_number=0,
        shared_issue="Bewoners haken af",
        learning_question="Hoe betrekken we bewoners vroeg?",
        aspects="timing\n\n vertrouwen ",
    )
    version = services.learning_question_save(
        actor=world.facilitator_a,
        group=world.group_a,
        base_number=1,
        shared_issue="Bewoners haken af",
        learning_question="Hoe betrekken we bewoners vóór het plan vastligt?",
        change_note="Scherper",
    )
    assert version.number == 2
    assert selectors.learning_question_history(world.group_a).count() == 2
    assert selectors.current_learning_question(world.group_a).aspect_list() == []
    first = world.group_a.learning_question_versions.get(number=1)
    assert first.aspect_list() == ["timing", "vertrouwen"]


def test_an_empty_learning_point_is_refused(cycle):
    world, first, _ = cycle
    with pytest.raises(ValidationError):
        services.learning_point_add(actor=world.participant_a, meeting=first, text="   ")
    assert not first.learning_points.exists()


def test_two_people_editing_one_learning_point_conflict(cycle):
    world, first, _ = cycle
    point = services.learning_point_add(
        actor=world.facilitator_a, meeting=first, text="Luisteren", loop="single", level="first"
    )
    services.learning_point_update(
        actor=world.participant_a,
        point=point,
        expected_version=1,
        text="Beter luisteren",
        loop="single",
        level="first",
    )
    with pytest.raises(EditConflict):
        services.learning_point_update(
            actor=world.facilitator_a,
            point=point,
            expected_version=1,
            text="Anders",
            loop="",
            level="",
        )
    point.refresh_from_db()
    assert point.text == "Beter luisteren"


def test_missing_two_of_three_meetings_raises_a_notice(cycle, django_capture_on_commit_callbacks):
    world, first, second = cycle
    third = MeetingFactory(group=world.group_a, number=3)
    # Three meetings that have taken place, in a cycle of six.
    for number, meeting in enumerate((first, second, third)):
        meeting.starts_at = timezone.now() - datetime.timedelta(weeks=6 - number)
        meeting.save(update_fields=["starts_at"])
    for number in (4, 5, 6):
        MeetingFactory(group=world.group_a, number=number)
    participant = world.participant_a
    # A group that agreed on half the meetings: looking ahead, nothing is out of reach yet.
    services.attendance_share_set(actor=world.facilitator_a, group=world.group_a, share=50)
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_record(
            actor=world.facilitator_a, meeting=first, statuses={participant.pk: "absent"}
        )
        services.attendance_record(
            actor=world.facilitator_a, meeting=second, statuses={participant.pk: "present"}
        )
        result = services.attendance_record(
            actor=world.facilitator_a, meeting=third, statuses={participant.pk: "excused"}
        )
    assert len(result.notices) == 1 and AbsenceNotice.objects.count() == 1
    assert result.notices[0].kind == AbsenceNotice.Kind.TWO_OF_THREE
    assert Meeting.objects.get(pk=third.pk).status == Meeting.Status.HELD
    run_queued_tasks()
    assert [m.to for m in mail.outbox] == [[world.facilitator_a.email]]


def test_attendance_is_only_for_members(cycle):
    world, first, _ = cycle
    Meeting.objects.filter(pk=first.pk).update(starts_at=timezone.now())
    first.refresh_from_db()
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=world.facilitator_a, meeting=first, statuses={world.outsider.pk: "present"}
        )
    assert not Attendance.objects.exists()


def test_intentions_and_follow_through(cycle):
    world, first, second = cycle
    other = world.facilitator_b
    MembershipFactory(group=world.group_a, person=other)
    RoleAssignment.objects.create(
        person=other, role="participant", programme=world.trajectory, group=world.group_a
    )
    mine = services.intention_add(person=world.participant_a, meeting=first, text="Doorvragen")
    services.intention_add(person=other, meeting=first, text="Eerst luisteren")
    with pytest.raises(PermissionDenied):
        services.intention_report(person=other, intention=mine, outcome="done", report="")
    services.intention_report(
        person=world.participant_a, intention=mine, outcome="partly", report="Twee keer gelukt"
    )
    rows, total = selectors.follow_through(world.group_a)
    assert (total.made, total.reported, total.partly) == (2, 1, 1)
    row = next(r for r in rows if r.name == world.participant_a.full_name)
    assert row.share_reported == 1.0


def test_a_facilitator_cannot_make_intentions_for_members(cycle):
    world, first, _ = cycle
    with pytest.raises(PermissionDenied):
        services.intention_add(person=world.facilitator_a, meeting=first, text="Iets")


def test_evaluation_aggregates_only_from_three_and_without_names(cycle):
    world, *_ = cycle
    answers = {f"{q}_score": 4 for q in services.EVALUATION_QUESTIONS} | {
        "helped_text": "De casussen"
    }
    services.evaluation_submit(person=world.participant_a, group=world.group_a, answers=answers)
    assert selectors.evaluation_summary(world.group_a).averages == {}
    for _ in range(2):
        person = UserFactory()
        MembershipFactory(group=world.group_a, person=person)
        RoleAssignment.objects.create(
            person=person, role="participant", programme=world.trajectory, group=world.group_a
        )
        services.evaluation_submit(
            person=person, group=world.group_a, answers={**answers, "helped_score": 2}
        )
    summary = selectors.evaluation_summary(world.group_a)
    assert summary.count == 3
    assert summary.averages["helped"] == pytest.approx(2.7)
    assert summary.texts["helped"] == ["De casussen"] * 3


def test_evaluation_scores_must_be_one_to_five(cycle):
    world, *_ = cycle
    with pytest.raises(ValidationError):
        services.evaluation_submit(
            person=world.participant_a,
            group=world.group_a,
            answers={f"{q}_score": 6 for q in services.EVALUATION_QUESTIONS},
        )


def test_facilitator_notes_are_for_their_author_alone(cycle):
    world, *_ = cycle
    note = services.facilitator_note_add(author=world.facilitator_a, group=world.group_a, text="X")
    for persona in ("admin", "programme_manager", "participant_a", "facilitator_b", "teacher"):
        assert not access.can(getattr(world, persona), access.Action.VIEW, note), persona
    assert access.can(world.facilitator_a, access.Action.VIEW, note)


def test_an_organisation_edits_its_own_template(world):
    template = selectors.standard_template(world.provider)
    saved = services.template_save(
        actor=world.facilitator_a,
        template=template,
        expected_version=template.version,
        name="Onze cyclus",
        duration_minutes=105,
        min_gap_weeks=5,
        max_gap_weeks=7,
        meetings=[
            {"title": "Kennismaken", "purpose": "", "agenda": "Wie zijn we\nWat willen we"},
            {"title": "", "purpose": "geschrapt", "agenda": ""},
            {"title": "Afsluiten", "purpose": "Oogsten", "agenda": ""},
        ],
    )
    assert [m.title for m in saved.meetings.order_by("number")] == ["Kennismaken", "Afsluiten"]
    with pytest.raises(EditConflict):
        services.template_save(
            actor=world.programme_manager,
            template=template,
            expected_version=1,
            name="Oud",
            duration_minutes=120,
            min_gap_weeks=6,
            max_gap_weeks=8,
            meetings=[{"title": "X"}],
        )
    with pytest.raises(PermissionDenied):
        services.template_copy(actor=world.participant_a, template=template, name="Kopie")
    copy = services.template_copy(actor=world.facilitator_a, template=template, name="Kopie")
    assert copy.meetings.count() == 2 and copy.duration_minutes == 105


def test_a_template_cannot_take_the_name_of_another_one(world):
    template = selectors.standard_template(world.provider)
    services.template_copy(actor=world.facilitator_a, template=template, name="Kopie")
    with pytest.raises(ValidationError) as raised:
        services.template_save(
            actor=world.facilitator_a,
            template=template,
            expected_version=template.version,
            name=" Kopie ",
            duration_minutes=120,
            min_gap_weeks=6,
            max_gap_weeks=8,
            meetings=[{"title": "Start"}],
        )
    assert "name" in raised.value.message_dict
    template.refresh_from_db()
    assert template.name != "Kopie"
