"""Authorization entries for learning groups. Group A's insiders are its facilitator and its
active member; its other viewers (admin, programme manager, programme teacher) see the
structure but never the content; everyone else does not see the group at all."""

from __future__ import annotations

from django.urls import reverse

from kring.learning.models import (
    AbsenceNotice,
    AgreementVersion,
    Intention,
    LearningPoint,
    Meeting,
    Membership,
)
from tests.authorization.common import (
    FORBIDDEN,
    GROUP_A_MANAGERS,
    GROUP_A_VIEWERS,
    NOT_FOUND,
    OK,
    REDIRECT,
    Entry,
    only,
    outcomes,
    viewers_only,
)
from tests.conftest import World

INSIDERS = ["facilitator_a", "participant_a"]
INVALID = "400"


def _meeting(world: World) -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(
        group=world.group_a, number=1, defaults={"title": "Start en contracteren"}
    )
    return meeting


def _membership(world: World, person, status=Membership.Status.ACTIVE) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        group=world.group_a,
        person=person,
        defaults={"task": "beleid", "work_context": "Ministerie / DG", "status": status},
    )
    return membership


def _group_url(name: str):
    return lambda w: reverse(f"learning:{name}", args=[w.group_a.pk])


def _meeting_url(name: str):
    def build(world: World) -> str:
        _membership(world, world.participant_a)
        return reverse(f"learning:{name}", args=[_meeting(world).pk])

    return build


def _evaluation_point_add(world: World) -> str:
    _meeting_url("meeting")(world)  # the conversation's points go with the last meeting
    return reverse("learning:evaluation_point_add", args=[world.group_a.pk])


def _point_url(name: str):
    def build(world: World) -> str:
        point = LearningPoint.objects.create(meeting=_meeting(world), text="Eerst luisteren")
        return reverse(f"learning:{name}", args=[point.pk])

    return build


def _intention_report(world: World) -> str:
    intention = Intention.objects.create(
        meeting=_meeting(world), person=world.participant_a, text="Vaker doorvragen"
    )
    return reverse("learning:intention_report", args=[intention.pk])


def _acknowledge(world: World) -> str:
    version = AgreementVersion.objects.create(
        group=world.group_a,
        number=1,
        in_scope="Ons vraagstuk",
        confidentiality="Wat hier gezegd wordt, blijft hier",
        judging="We oordelen niet",
        attendance="We zijn er allemaal",
    )
    return reverse("learning:agreements_acknowledge", args=[version.pk])


def _notice(world: World) -> str:
    notice = AbsenceNotice.objects.create(
        membership=_membership(world, world.participant_a), meeting=_meeting(world)
    )
    return reverse("learning:notice_resolve", args=[notice.pk])


def _respond(world: World) -> str:
    membership = _membership(world, world.outsider, Membership.Status.INVITED)
    return reverse("learning:membership_respond", args=[membership.pk])


def _membership_url(name: str):
    return lambda w: reverse(f"learning:{name}", args=[_membership(w, w.participant_a).pk])


def _template_url(name: str):
    def build(world: World) -> str:
        from kring.learning.selectors import standard_template

        return reverse(f"learning:{name}", args=[standard_template(world.provider).pk])

    return build


CYCLE_DESIGNERS = ["admin", "programme_manager", "facilitator_a", "facilitator_b"]
CONTENT = viewers_only(GROUP_A_VIEWERS, INSIDERS)
FACILITATOR_ONLY_INVALID = viewers_only(GROUP_A_VIEWERS, ["facilitator_a"], ok=INVALID)

ENTRIES: dict[str, Entry] = {
    "learning:cycle": Entry(_group_url("cycle"), only(GROUP_A_VIEWERS, denied=NOT_FOUND)),
    "learning:member_add": Entry(
        _group_url("member_add"),
        viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS, ok=INVALID),
        "post",
    ),
    "learning:size_override": Entry(_group_url("size_override"), FACILITATOR_ONLY_INVALID, "post"),
    "learning:meetings": Entry(_group_url("meetings"), only(GROUP_A_VIEWERS, denied=NOT_FOUND)),
    "learning:agreements": Entry(_group_url("agreements"), CONTENT),
    "learning:agreements_edit": Entry(_group_url("agreements_edit"), CONTENT),
    "learning:learning_question": Entry(_group_url("learning_question"), CONTENT),
    "learning:learning_question_edit": Entry(_group_url("learning_question_edit"), CONTENT),
    "learning:facilitation": Entry(
        _group_url("facilitation"), viewers_only(GROUP_A_VIEWERS, ["facilitator_a"])
    ),
    "learning:intensity": Entry(_group_url("intensity"), FACILITATOR_ONLY_INVALID, "post"),
    "learning:attendance_share": Entry(
        _group_url("attendance_share"), FACILITATOR_ONLY_INVALID, "post"
    ),
    "learning:note_add": Entry(_group_url("note_add"), FACILITATOR_ONLY_INVALID, "post"),
    "learning:intervention_add": Entry(
        _group_url("intervention_add"), FACILITATOR_ONLY_INVALID, "post"
    ),
    "learning:evaluation": Entry(
        _group_url("evaluation"),
        viewers_only(GROUP_A_VIEWERS, ["admin", "programme_manager", *INSIDERS]),
    ),
    "learning:evaluation_point_add": Entry(
        _evaluation_point_add, viewers_only(GROUP_A_VIEWERS, INSIDERS, ok=INVALID), "post"
    ),
    "learning:harvest": Entry(_group_url("harvest"), CONTENT),
    "learning:membership_respond": Entry(
        _respond,
        outcomes(
            NOT_FOUND,
            outsider=OK,
            **dict.fromkeys(GROUP_A_VIEWERS, REDIRECT),
        ),
    ),
    "learning:member_remove": Entry(
        _membership_url("member_remove"),
        viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS, ok=REDIRECT),
        "post",
    ),
    "learning:intensity_wish": Entry(
        _membership_url("intensity_wish"),
        viewers_only(GROUP_A_VIEWERS, ["participant_a"], ok=REDIRECT),
        "post",
    ),
    "learning:meeting": Entry(_meeting_url("meeting"), only(GROUP_A_VIEWERS, denied=NOT_FOUND)),
    "learning:meeting_edit": Entry(
        _meeting_url("meeting_edit"), viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS)
    ),
    "learning:attendance": Entry(
        _meeting_url("attendance"), viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS)
    ),
    "learning:point_add": Entry(_meeting_url("point_add"), CONTENT, "post"),
    "learning:intention_add": Entry(
        _meeting_url("intention_add"), viewers_only(GROUP_A_VIEWERS, INSIDERS, ok=INVALID), "post"
    ),
    "learning:point_edit": Entry(_point_url("point_edit"), only(INSIDERS, denied=NOT_FOUND)),
    "learning:point_delete": Entry(
        _point_url("point_delete"), only(INSIDERS, denied=NOT_FOUND), "post"
    ),
    "learning:intention_report": Entry(
        _intention_report,
        outcomes(NOT_FOUND, participant_a=REDIRECT, facilitator_a=FORBIDDEN),
        "post",
    ),
    "learning:agreements_acknowledge": Entry(
        _acknowledge, outcomes(NOT_FOUND, participant_a=REDIRECT, facilitator_a=FORBIDDEN), "post"
    ),
    "learning:notice_resolve": Entry(_notice, outcomes(NOT_FOUND, facilitator_a=REDIRECT), "post"),
    "learning:templates": Entry(lambda w: reverse("learning:templates"), only(CYCLE_DESIGNERS)),
    "learning:template_edit": Entry(
        _template_url("template_edit"), only(CYCLE_DESIGNERS, denied=NOT_FOUND)
    ),
    "learning:template_copy": Entry(
        _template_url("template_copy"),
        outcomes(NOT_FOUND, **dict.fromkeys(CYCLE_DESIGNERS, REDIRECT)),
        "post",
    ),
}
