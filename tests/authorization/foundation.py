"""Authorization entries for the foundation: accounts, organisations, programmes, audit."""

from __future__ import annotations

from django.urls import reverse

from kring.invitations.tokens import invitation_token
from kring.programmes.models import RoleAssignment
from tests.authorization.common import (
    GROUP_A_MANAGERS,
    GROUP_A_VIEWERS,
    LOGIN,
    NOT_FOUND,
    OK,
    REDIRECT,
    TRAJECTORY_VIEWERS,
    Entry,
    group_page,
    only,
    outcomes,
    viewers_only,
)
from tests.conftest import World
from tests.invitations.factories import InvitationFactory


def _participant_a_role(world: World) -> int:
    return RoleAssignment.objects.get(person=world.participant_a, group=world.group_a).pk


def _invitation_by_facilitator_a(world: World) -> int:
    return InvitationFactory(invited_by=world.facilitator_a).pk


def _invitation_link(world: World) -> str:
    invitation = InvitationFactory(invited_by=world.facilitator_a)
    return reverse("invitations:invitation_accept", args=[invitation_token(invitation)])


INVITERS = ["admin", "programme_manager", "facilitator_a", "facilitator_b"]


ENTRIES: dict[str, Entry] = {
    "site:home": Entry(lambda w: reverse("site:home"), outcomes(REDIRECT, anonymous=LOGIN)),
    "site:dashboard": Entry(lambda w: reverse("site:dashboard"), outcomes(OK)),
    "accounts:set_language": Entry(
        lambda w: reverse("accounts:set_language"),
        outcomes(REDIRECT, anonymous=REDIRECT),
        method="post",
        data={"language": "en", "next": "/"},
    ),
    "core:healthz": Entry(lambda w: reverse("core:healthz"), outcomes(OK, anonymous=OK)),
    "accounts:login": Entry(lambda w: reverse("accounts:login"), outcomes(REDIRECT, anonymous=OK)),
    "accounts:logout": Entry(
        lambda w: reverse("accounts:logout"), outcomes(LOGIN, anonymous=LOGIN), "post"
    ),
    "accounts:password_reset": Entry(
        lambda w: reverse("accounts:password_reset"), outcomes(OK, anonymous=OK)
    ),
    "accounts:password_reset_done": Entry(
        lambda w: reverse("accounts:password_reset_done"), outcomes(OK, anonymous=OK)
    ),
    "accounts:password_reset_confirm": Entry(
        lambda w: reverse("accounts:password_reset_confirm", args=["MQ", "set-password"]),
        outcomes(OK, anonymous=OK),
    ),
    "accounts:password_reset_complete": Entry(
        lambda w: reverse("accounts:password_reset_complete"), outcomes(OK, anonymous=OK)
    ),
    "accounts:password_change": Entry(lambda w: reverse("accounts:password_change"), outcomes(OK)),
    "accounts:profile": Entry(lambda w: reverse("accounts:profile"), outcomes(OK)),
    "invitations:invitation_list": Entry(
        lambda w: reverse("invitations:invitation_list"), only(INVITERS)
    ),
    "invitations:invitation_create": Entry(
        lambda w: reverse("invitations:invitation_create"), only(INVITERS)
    ),
    "invitations:invitation_revoke": Entry(
        lambda w: reverse("invitations:invitation_revoke", args=[_invitation_by_facilitator_a(w)]),
        only(["admin", "facilitator_a"], denied=NOT_FOUND, admin=REDIRECT, facilitator_a=REDIRECT),
        "post",
    ),
    "invitations:invitation_resend": Entry(
        lambda w: reverse("invitations:invitation_resend", args=[_invitation_by_facilitator_a(w)]),
        only(["admin", "facilitator_a"], denied=NOT_FOUND, admin=REDIRECT, facilitator_a=REDIRECT),
        "post",
    ),
    "invitations:invitation_accept": Entry(_invitation_link, outcomes(OK, anonymous=OK)),
    "accounts:organisation_list": Entry(
        lambda w: reverse("accounts:organisation_list"), only(["admin"])
    ),
    "site:organisation_create": Entry(
        lambda w: reverse("site:organisation_create"), only(["admin"])
    ),
    "accounts:organisation_edit": Entry(
        lambda w: reverse("accounts:organisation_edit", args=[w.client.pk]),
        viewers_only(
            ["participant_a", "participant_b", "client_contact", "team_leader"], ["admin"]
        ),
    ),
    "programmes:programme_list": Entry(
        lambda w: reverse("programmes:programme_list"), outcomes(OK)
    ),
    "programmes:programme_create": Entry(
        lambda w: reverse("programmes:programme_create"), only(["admin", "programme_manager"])
    ),
    "programmes:programme_detail": Entry(
        lambda w: reverse("programmes:programme_detail", args=[w.trajectory.pk]),
        only(TRAJECTORY_VIEWERS, denied=NOT_FOUND),
    ),
    "programmes:programme_edit": Entry(
        lambda w: reverse("programmes:programme_edit", args=[w.trajectory.pk]),
        viewers_only(TRAJECTORY_VIEWERS, ["admin", "programme_manager"]),
    ),
    "invitations:programme_person_add": Entry(
        lambda w: reverse("invitations:programme_person_add", args=[w.trajectory.pk]),
        viewers_only(TRAJECTORY_VIEWERS, ["admin", "programme_manager"]),
    ),
    "programmes:programme_role_remove_choose": Entry(
        lambda w: reverse("programmes:programme_role_remove_choose", args=[w.trajectory.pk]),
        viewers_only(TRAJECTORY_VIEWERS, ["admin", "programme_manager"]),
    ),
    "programmes:group_create": Entry(
        lambda w: reverse("programmes:group_create", args=[w.trajectory.pk]),
        viewers_only(TRAJECTORY_VIEWERS, ["admin", "programme_manager"]),
    ),
    "programmes:role_remove": Entry(
        lambda w: reverse("programmes:role_remove", args=[_participant_a_role(w)]),
        viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS, ok=REDIRECT),
        "post",
        {"confirm": "yes", "reason": "Left the organisation."},
    ),
    "programmes:group_detail": Entry(
        lambda w: reverse("programmes:group_detail", args=[w.group_a.pk]),
        only(GROUP_A_VIEWERS, denied=NOT_FOUND),
    ),
    "programmes:group_edit": Entry(
        lambda w: reverse("programmes:group_edit", args=[w.group_a.pk]),
        viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS),
    ),
    "invitations:group_person_add": Entry(
        lambda w: reverse("invitations:group_person_add", args=[w.group_a.pk]),
        viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS),
    ),
    "programmes:group_role_remove_choose": Entry(
        lambda w: reverse("programmes:group_role_remove_choose", args=[w.group_a.pk]),
        viewers_only(GROUP_A_VIEWERS, GROUP_A_MANAGERS),
    ),
    "audit:audit_list": Entry(lambda w: reverse("audit:audit_list"), only(["admin"])),
    # Django's admin is one entry: only platform admins get in, everyone else is sent to its
    # login page.
    "admin:*": Entry(
        lambda w: reverse("admin:index"), outcomes(REDIRECT, admin=OK, anonymous=REDIRECT)
    ),
}

# Pages of group A itself: the trajectory's other people are refused with a reason.
for _name in (
    "programmes:group_detail",
    "programmes:group_edit",
    "programmes:group_role_remove_choose",
    "invitations:group_person_add",
):
    ENTRIES[_name].expect = group_page(ENTRIES[_name].expect)
