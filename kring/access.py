"""Kring's one permission policy: who may see or do what, for every object type.

Every view (and later every API call) resolves objects through ``get_object`` or the
``visible_*`` selectors and asks ``can`` before it acts; no view decides a permission itself.
Deny by default: an action that has no rule here is refused. Actions are members of the enums
below (``Action`` for one object or model class, one enum per area for a group or programme as
a whole); an action that is not one of them raises ``UnknownAction``, so a typo never passes
for a refusal. A refusal (403) carries its reason in the refused person's terms
(``refusal``), which the error page shows.

Rules speak in roles (``kring.programmes.models.Role``) held organisation-wide, for a programme,
or for one group. A platform admin may manage everything structural, but confidential learning
content (cases, journals, notes; later issues) is never opened to them by role alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from kring.accounts.models import Organisation, User
from kring.audit.models import AuditEntry
from kring.availability.models import AwayPeriod, CalendarImport, WeeklyAvailability
from kring.calendars.models import CalendarSettings, hash_feed_token
from kring.core.exceptions import Refused
from kring.designs.models import (
    BriefingNote,
    ChangeProposal,
    Cohort,
    Component,
    ComponentStaff,
    Constellation,
    DesignVersion,
    Deviation,
    DuoAgreement,
    Edition,
    LearningLine,
    NoteBack,
    Observation,
    RunbookActivity,
    Session,
    SessionPoint,
    SessionStaff,
)
from kring.formation.models import FormationRun, PairRule, Pool, PoolEntry
from kring.invitations.models import Invitation
from kring.learning.models import (
    AbsenceNotice,
    AgreementVersion,
    FacilitatorNote,
    Intention,
    Intervention,
    LearningPoint,
    Meeting,
    Membership,
    SeriesTemplate,
)
from kring.library.models import LibraryItem, MeetingResource
from kring.notifications.models import Notification
from kring.planning.models import Plan, ReplanSuggestion
from kring.profiles.models import LearningProfile
from kring.programmes.models import (
    GROUP_ROLES,
    ORGANISATION_ROLES,
    PROGRAMME_ROLES,
    Group,
    Programme,
    Role,
    RoleAssignment,
)
from kring.reflection.models import Assignment, JournalEntry, JournalExcerpt, Submission
from kring.rooms.models import Room

M = TypeVar("M", bound=Model)

# Who asks: a signed-in person or an anonymous visitor (``request.user``).
Person = User | AnonymousUser


# --- Actions -------------------------------------------------------------------------------------
# Every action the policy knows is a member of one of these enums, so that a typo fails loudly
# (mypy at the call site, ``UnknownAction`` at run time) instead of silently denying.


class Action(StrEnum):
    """What one may do with one object, or with a model class (``CREATE``, ``LIST``, ...)."""

    VIEW = "view"
    CHANGE = "change"
    DELETE = "delete"
    REMOVE = "remove"
    CREATE = "create"
    LIST = "list"
    # Programmes and groups
    ADD_GROUP = "add_group"
    MANAGE_ROLES = "manage_roles"
    VIEW_PEOPLE = "view_people"
    INVITE = "invite"
    # Invitations
    CREATE_WITHOUT_PROGRAMME = "create_without_programme"
    REVOKE = "revoke"
    RESEND = "resend"
    # Learning groups: meetings, memberships, intentions, absences
    VIEW_CONTENT = "view_content"
    RECORD_POINTS = "record_points"
    COMMIT = "commit"
    RECORD_ATTENDANCE = "record_attendance"
    RESPOND = "respond"
    WISH_INTENSITY = "wish_intensity"
    REPORT = "report"
    RESOLVE = "resolve"
    # The facilitator writes down a member's intention or report in the meeting, marked as such
    ON_BEHALF = "on_behalf"
    # Group-owned texts (learning points) keep their history; a deleted one can be restored
    RESTORE = "restore"
    # Planning
    DECIDE = "decide"
    REPLAN = "replan"
    DISMISS = "dismiss"
    # Reflection
    VIEW_PROGRESS = "view_progress"
    SUBMIT = "submit"
    SHARE = "share"
    WITHDRAW = "withdraw"
    # Formation
    SIGN_UP = "sign_up"
    MANAGE = "manage"
    VIEW_ENTRIES = "view_entries"
    VIEW_PROFILES = "view_profiles"
    ACCEPT = "accept"
    # Things everyone keeps for themselves
    KEEP = "keep"
    FILL_IN = "fill_in"
    # Sessions of a programme design
    RUN = "run"
    VIEW_BRIEFING = "view_briefing"
    WRITE_BRIEFING = "write_briefing"
    WRITE_NOTE_BACK = "write_note_back"


class CycleAction(StrEnum):
    """A learning group's cycle (``learning_group_rule``), asked of a ``Group``."""

    VIEW_CONTENT = "cycle:view_content"
    CHANGE_CONTRACT = "cycle:change_contract"
    CHANGE_ISSUE = "cycle:change_issue"
    ACKNOWLEDGE = "cycle:acknowledge"
    FACILITATE = "cycle:facilitate"
    PLAN_MEETINGS = "cycle:plan_meetings"
    VIEW_FOLLOW_THROUGH = "cycle:view_follow_through"
    VIEW_ATTENDANCE = "cycle:view_attendance"
    EVALUATE = "cycle:evaluate"
    VIEW_EVALUATION = "cycle:view_evaluation"
    # What the group's programme manager sees of it: learning question, the learning points the
    # group chose to share, attendance figures and the harvest built from those.
    VIEW_OUTCOMES = "cycle:view_outcomes"
    ANSWER_FOLLOW_UP = "cycle:answer_follow_up"


class PlanningAction(StrEnum):
    """Planning meeting series (``planning_rule``), asked of a ``Programme`` or ``Group``."""

    VIEW = "planning:view"
    PLAN = "planning:plan"


class ReflectionAction(StrEnum):
    """Reflection in one group (``reflection_group_rule``), asked of a ``Group``."""

    VIEW = "reflection:view"
    GIVE_ASSIGNMENT = "reflection:give_assignment"
    KEEP_JOURNAL = "reflection:keep_journal"


class AvailabilityAction(StrEnum):
    """A group's availability (``availability_group_rule``), asked of a ``Group``."""

    VIEW = "availability:view"


class FormationAction(StrEnum):
    """Forming groups (``formation_programme_rule``), asked of a ``Programme``."""

    ADD_POOL = "formation:add_pool"


class RoomAction(StrEnum):
    """Keeping an organisation's rooms (``rooms_organisation_rule``), asked of an
    ``Organisation``."""

    MANAGE = "rooms:manage"


class DesignAction(StrEnum):
    """Asked of a programme's design as a whole (a programme, or one of its editions)."""

    VIEW = "design:view"
    CHANGE = "design:change"
    OBSERVE = "design:observe"
    PLAN_SESSIONS = "design:plan_sessions"


class StaffAction(StrEnum):
    """Asked of how a group's staff work together (D5)."""

    VIEW_DUO = "staff:view_duo"
    KEEP_DUO = "staff:keep_duo"
    SET_CONSTELLATION = "staff:set_constellation"


AnyAction = (
    Action
    | CycleAction
    | PlanningAction
    | ReflectionAction
    | AvailabilityAction
    | FormationAction
    | RoomAction
    | DesignAction
    | StaffAction
)
ACTION_TYPES: tuple[type[StrEnum], ...] = (
    Action,
    CycleAction,
    PlanningAction,
    ReflectionAction,
    AvailabilityAction,
    FormationAction,
    RoomAction,
    DesignAction,
    StaffAction,
)


class UnknownAction(ValueError):
    """Asked about an action the policy does not know: a programming error, never a denial."""


def as_action(action: str) -> AnyAction:
    """The known action named ``action``; raises ``UnknownAction`` for any other string."""
    if isinstance(action, ACTION_TYPES):
        return action  # type: ignore[return-value]
    for action_type in ACTION_TYPES:
        found = action_type._value2member_map_.get(action)
        if found is not None:
            return found  # type: ignore[return-value]
    raise UnknownAction(action)


# Roles that staff a programme: they see who takes part and where each group stands.
STAFF_ROLES: frozenset[str] = frozenset(
    {
        Role.PROGRAMME_MANAGER,
        Role.FACILITATOR,
        Role.TEACHER,
        Role.GUEST_TEACHER,
        Role.SUPPORT_STAFF,
    }
)


@dataclass
class RoleSet:
    """The roles one person holds, loaded once per request."""

    organisation_wide: set[str] = field(default_factory=set)
    by_programme: dict[int, set[str]] = field(default_factory=dict)
    by_group: dict[int, set[str]] = field(default_factory=dict)
    # Roles held in any group of a programme, so a group facilitator counts in the programme.
    group_roles_by_programme: dict[int, set[str]] = field(default_factory=dict)

    def in_programme(self, programme_id: int) -> set[str]:
        return self.by_programme.get(programme_id, set()) | self.group_roles_by_programme.get(
            programme_id, set()
        )

    def programme_level(self, programme_id: int) -> set[str]:
        return self.by_programme.get(programme_id, set())

    def in_group(self, group_id: int) -> set[str]:
        return self.by_group.get(group_id, set())


def roles_of(user: Person) -> RoleSet:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return RoleSet()
    cached = getattr(user, "_kring_roles", None)
    if cached is not None:
        return cached
    roles = RoleSet()
    for role, programme_id, group_id in RoleAssignment.objects.filter(person=user).values_list(
        "role", "programme_id", "group_id"
    ):
        if group_id is not None:
            roles.by_group.setdefault(group_id, set()).add(role)
            roles.group_roles_by_programme.setdefault(programme_id, set()).add(role)
        elif programme_id is not None:
            roles.by_programme.setdefault(programme_id, set()).add(role)
        else:
            roles.organisation_wide.add(role)
    # Cached on the request's user object, so each request loads the roles once.
    user._kring_roles = roles  # type: ignore[attr-defined]
    return roles


def forget_roles(user: Person) -> None:
    """Call after changing someone's roles within one request."""
    if hasattr(user, "_kring_roles"):
        del user._kring_roles


def is_admin(user: Person) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and getattr(user, "is_platform_admin", False)
    )


def _provider_wide(user: Person, roles: RoleSet, role: str, programme: Programme) -> bool:
    return role in roles.organisation_wide and programme.provider_id == getattr(
        user, "organisation_id", None
    )


# --- Programmes ------------------------------------------------------------------------------


def _programme_manager(user: Person, programme: Programme) -> bool:
    """Holds the programme-manager role for this programme (not merely a platform admin)."""
    roles = roles_of(user)
    return Role.PROGRAMME_MANAGER in roles.programme_level(programme.pk) or _provider_wide(
        user, roles, Role.PROGRAMME_MANAGER, programme
    )


def _manages_programme(user: Person, programme: Programme) -> bool:
    return is_admin(user) or _programme_manager(user, programme)


def _programme_staff(user: Person, programme: Programme) -> bool:
    roles = roles_of(user)
    return (
        _manages_programme(user, programme)
        or bool(STAFF_ROLES & roles.in_programme(programme.pk))
        or _provider_wide(user, roles, Role.SUPPORT_STAFF, programme)
    )


def _programme_rule(user: Person, action: Action, programme: Programme) -> bool:
    roles = roles_of(user)
    if action == Action.VIEW:
        return _programme_staff(user, programme) or bool(roles.in_programme(programme.pk))
    if action in {Action.CHANGE, Action.MANAGE_ROLES, Action.ADD_GROUP}:
        return _manages_programme(user, programme)
    if action == Action.VIEW_PEOPLE:
        return _programme_staff(user, programme)
    if action == Action.INVITE:
        return _manages_programme(user, programme) or (
            Role.FACILITATOR in roles.in_programme(programme.pk)
        )
    return False


# --- Groups ----------------------------------------------------------------------------------


def _group_rule(user: Person, action: Action, group: Group) -> bool:
    roles = roles_of(user)
    programme = group.programme
    facilitates = Role.FACILITATOR in roles.in_group(group.pk) or (
        Role.FACILITATOR in roles.programme_level(programme.pk)
    )
    if action in {Action.VIEW, Action.VIEW_PEOPLE}:
        return (
            _manages_programme(user, programme)
            or bool(roles.in_group(group.pk))
            or bool(STAFF_ROLES & roles.programme_level(programme.pk))
            or _provider_wide(user, roles, Role.SUPPORT_STAFF, programme)
        )
    if action in {Action.CHANGE, Action.MANAGE_ROLES}:
        return _manages_programme(user, programme) or facilitates
    if action == Action.INVITE:
        return _manages_programme(user, programme) or facilitates
    return False


# --- Organisations, people, invitations, audit -----------------------------------------------


def _organisation_rule(user: Person, action: Action, organisation: Organisation) -> bool:
    if action == Action.VIEW:
        return is_admin(user) or organisation.pk == getattr(user, "organisation_id", None)
    return is_admin(user) and action in {Action.CHANGE, Action.DELETE}


def _person_rule(user: Person, action: Action, person: User) -> bool:
    if action in {Action.VIEW, Action.CHANGE}:
        return is_admin(user) or person.pk == getattr(user, "pk", None)
    return False


def _invitation_rule(user: Person, action: Action, invitation: Invitation) -> bool:
    if action in {Action.VIEW, Action.REVOKE, Action.RESEND}:
        return is_admin(user) or invitation.invited_by_id == getattr(user, "pk", None)
    return False


def _audit_rule(user: Person, action: Action, entry: AuditEntry) -> bool:
    return action == Action.VIEW and is_admin(user)


# --- Granting roles ----------------------------------------------------------------------------
# Nobody grants a role they may not assign directly. The same rule decides a direct assignment,
# an invitation that offers a role when it is sent, and that invitation again when it is
# accepted, against its sender's roles at that moment.

# Whom a role may be given to: anyone (an existing account, or a new address by invitation), or
# only a colleague who already has an account in the granter's own organisation.
GRANT_TO_ANYONE, GRANT_TO_COLLEAGUES = "anyone", "colleagues"


def _grantable_to(
    user: Person, role: str, programme: Programme | None, group: Group | None
) -> str | None:
    """Whom ``user`` may give ``role`` in this place (organisation-wide when both are None):
    GRANT_TO_ANYONE, GRANT_TO_COLLEAGUES, or None when not at all.

    - Organisation-wide roles are granted by platform admins alone.
    - A programme's managers (and platform admins) grant every role in the programme and in
      each of its groups: they staff the programme.
    - A facilitator staffs the groups they facilitate, and only those: participants, teachers
      and guest teachers, whom they may also invite. The facilitator role they give only to a
      colleague who already has an account in their own organisation, never by invitation to a
      new address, and only for the group: a co-facilitator of one group sees that group, not
      the programme's pool (see ``forms_groups``). New facilitators, and facilitators for a
      whole programme, are named by the programme manager.
    - Nobody else grants a role.
    """
    if (
        not getattr(user, "is_authenticated", False)
        or not user.is_active
        or role not in Role.values
    ):
        return None
    if programme is None:
        return GRANT_TO_ANYONE if group is None and is_admin(user) else None
    if group is not None and group.programme_id != programme.pk:
        return None
    if _manages_programme(user, programme):
        return GRANT_TO_ANYONE
    if group is None or role not in GROUP_ROLES or not facilitates(user, group):
        return None
    return GRANT_TO_COLLEAGUES if role == Role.FACILITATOR else GRANT_TO_ANYONE


def may_grant(
    user: Person,
    role: str,
    *,
    programme: Programme | None,
    group: Group | None,
    person: User | None,
) -> bool:
    """May ``user`` give ``role`` in this place to ``person``? ``person=None`` stands for a new
    address invited by e-mail, who has no account yet."""
    to = _grantable_to(user, role, programme, group)
    if to == GRANT_TO_ANYONE:
        return True
    return (
        to == GRANT_TO_COLLEAGUES
        and person is not None
        and person.is_active
        and person.organisation_id is not None
        and person.organisation_id == getattr(user, "organisation_id", None)
    )


def grantable_roles(
    user: Person, *, programme: Programme | None, group: Group | None, by_invitation: bool
) -> list[str]:
    """The roles a form may offer ``user`` for this place, in the order of ``Role``."""
    offered = {GRANT_TO_ANYONE} if by_invitation else {GRANT_TO_ANYONE, GRANT_TO_COLLEAGUES}
    if group is not None:
        fitting: frozenset[str] = GROUP_ROLES
    elif programme is not None:
        fitting = PROGRAMME_ROLES
    else:
        fitting = ORGANISATION_ROLES
    return [
        role
        for role in Role.values
        if role in fitting and _grantable_to(user, role, programme, group) in offered
    ]


def may_leave_without_facilitator(user: Person, group: Group) -> bool:
    """Only someone above a group's facilitators (its programme's manager, or a platform admin)
    may remove the group's last facilitator, and then knowingly: a group without a facilitator
    has no one to guard its purpose. A facilitator cannot step down as the last one."""
    return _manages_programme(user, group.programme)


def _role_assignment_rule(user: Person, action: Action, assignment: RoleAssignment) -> bool:
    """Who holds a role is visible where the people of that group or programme are visible;
    removing it is part of managing the roles there."""
    if action not in {Action.VIEW, Action.REMOVE}:
        return False
    place_action = Action.VIEW_PEOPLE if action == Action.VIEW else Action.MANAGE_ROLES
    if assignment.group is not None:
        return _group_rule(user, place_action, assignment.group)
    if assignment.programme is not None:
        return _programme_rule(user, place_action, assignment.programme)
    return is_admin(user) or (action == Action.VIEW and assignment.person_id == user.pk)


# --- Learning groups -----------------------------------------------------------------------------
# Cases, submissions, journals, learning points and agreements are confidential to the group:
# its active members and its facilitators ("insiders"). Programme managers, teachers, the
# client and platform admins see the group's structure and meetings, never this content.
#
# Decision (issue 12): the programme manager answers to the client for what the groups yield,
# so a programme manager of the group's programme also sees its outcomes
# (``CycleAction.VIEW_OUTCOMES``): the learning question, the learning points the group chose to
# share (``LearningPoint.shared``), attendance figures per meeting (counts, never who or why),
# and the harvest built from these. Never cases, submissions, journals, intentions, agreements
# or facilitator notes. The role decides, not being a platform admin.


def facilitates(user: Person, group: Group) -> bool:
    roles = roles_of(user)
    return Role.FACILITATOR in roles.in_group(group.pk) or (
        Role.FACILITATOR in roles.programme_level(group.programme_id)
    )


def is_active_member(user: Person, group: Group) -> bool:
    """A member who confirmed taking part (confirming grants the participant role)."""
    return Role.PARTICIPANT in roles_of(user).in_group(group.pk)


def group_insider(user: Person, group: Group) -> bool:
    return is_active_member(user, group) or facilitates(user, group)


def _meeting_rule(user: Person, action: Action, meeting: Meeting) -> bool:
    group = meeting.group
    if action == Action.VIEW:
        return _group_rule(user, Action.VIEW, group)
    if action in {Action.VIEW_CONTENT, Action.RECORD_POINTS, Action.COMMIT}:
        return group_insider(user, group)
    if action in {Action.CHANGE, Action.RECORD_ATTENDANCE}:
        return facilitates(user, group) or _manages_programme(user, group.programme)
    if action == Action.ON_BEHALF:
        # The one who runs the meeting, and nobody else: a programme manager was not there.
        return facilitates(user, group)
    return False


def _membership_rule(user: Person, action: Action, membership: Membership) -> bool:
    group = membership.group
    own = membership.person_id == getattr(user, "pk", None)
    if action == Action.VIEW:
        return own or _group_rule(user, Action.VIEW_PEOPLE, group)
    if action == Action.RESPOND:
        return own and membership.status == Membership.Status.INVITED
    if action == Action.WISH_INTENSITY:
        return own and membership.is_active
    if action in {Action.CHANGE, Action.REMOVE}:
        return _group_rule(user, Action.MANAGE_ROLES, group)
    return False


def _learning_point_rule(user: Person, action: Action, point: LearningPoint) -> bool:
    """The group's points belong to the group: every insider may change, delete and restore
    any of them, the facilitator's too. Nothing is lost (``kring.core.revisions``). SHARE: the
    group decides which of its points its programme manager reads."""
    if action in {Action.VIEW, Action.CHANGE, Action.DELETE, Action.RESTORE, Action.SHARE}:
        return group_insider(user, point.meeting.group)
    return False


def _intention_rule(user: Person, action: Action, intention: Intention) -> bool:
    group = intention.meeting.group
    if action == Action.VIEW:
        return group_insider(user, group)
    if action in {Action.CHANGE, Action.REPORT}:
        return intention.person_id == getattr(user, "pk", None) and group_insider(user, group)
    if action == Action.ON_BEHALF:
        return facilitates(user, group)
    return False


def _facilitator_note_rule(user: Person, action: Action, note: FacilitatorNote) -> bool:
    return action in {Action.VIEW, Action.CHANGE, Action.DELETE} and note.author_id == getattr(
        user, "pk", None
    )


def _intervention_rule(user: Person, action: Action, intervention: Intervention) -> bool:
    return action in {Action.VIEW, Action.CHANGE} and facilitates(user, intervention.group)


def _agreement_version_rule(user: Person, action: Action, version: AgreementVersion) -> bool:
    return action == Action.VIEW and group_insider(user, version.group)


def _absence_notice_rule(user: Person, action: Action, notice: AbsenceNotice) -> bool:
    return action in {Action.VIEW, Action.RESOLVE} and facilitates(user, notice.membership.group)


def designs_cycles(user: Person, organisation_id: int | None) -> bool:
    """Who shapes an organisation's meeting-series templates: its programme managers and
    facilitators (and platform admins)."""
    if is_admin(user):
        return True
    if organisation_id is None or getattr(user, "organisation_id", None) != organisation_id:
        return False
    roles = roles_of(user)
    held = set(roles.organisation_wide)
    for programme_roles in (*roles.by_programme.values(), *roles.group_roles_by_programme.values()):
        held |= programme_roles
    return bool({Role.PROGRAMME_MANAGER, Role.FACILITATOR} & held)


def _series_template_rule(user: Person, action: Action, template: SeriesTemplate) -> bool:
    return action in {Action.VIEW, Action.CHANGE} and designs_cycles(user, template.organisation_id)


def learning_group_rule(user: Person, action: CycleAction, group: Group) -> bool:
    """Actions on a learning group's cycle, asked as ``can(user, CycleAction.<ACTION>, group)``."""
    if action == CycleAction.VIEW_CONTENT:  # contract, learning question, points, harvest
        return group_insider(user, group)
    if action in {CycleAction.CHANGE_CONTRACT, CycleAction.CHANGE_ISSUE}:
        return group_insider(user, group)
    if action == CycleAction.ACKNOWLEDGE:  # members sign their agreements; facilitators hold them
        return is_active_member(user, group)
    if action in {
        CycleAction.FACILITATE,
        CycleAction.PLAN_MEETINGS,
        CycleAction.VIEW_FOLLOW_THROUGH,
        CycleAction.VIEW_ATTENDANCE,
    }:
        return facilitates(user, group) or (
            action in {CycleAction.PLAN_MEETINGS, CycleAction.VIEW_ATTENDANCE}
            and _manages_programme(user, group.programme)
        )
    if action in {CycleAction.EVALUATE, CycleAction.ANSWER_FOLLOW_UP}:
        return is_active_member(user, group)
    if action == CycleAction.VIEW_EVALUATION:
        return group_insider(user, group) or _manages_programme(user, group.programme)
    if action == CycleAction.VIEW_OUTCOMES:
        return group_insider(user, group) or _programme_manager(user, group.programme)
    return False


# --- Planning meeting series ------------------------------------------------------------------
# The programme manager plans the series of all the programme's groups; a facilitator plans
# their own groups. A proposal shows who cannot attend and why, so it is seen only by those who
# may plan every group in it.


def planning_rule(user: Person, action: PlanningAction, target: Programme | Group) -> bool:
    """Asked as ``can(user, PlanningAction.VIEW, programme)`` (open its planning page) or
    ``can(user, PlanningAction.PLAN, group)``."""
    if isinstance(target, Programme):
        return action == PlanningAction.VIEW and (
            _manages_programme(user, target)
            or Role.FACILITATOR in roles_of(user).in_programme(target.pk)
        )
    if action == PlanningAction.PLAN:
        return _manages_programme(user, target.programme) or facilitates(user, target)
    return False


def _plan_rule(user: Person, action: Action, plan: Plan) -> bool:
    if action not in {Action.VIEW, Action.DECIDE}:
        return False
    if _manages_programme(user, plan.programme):
        return True
    groups = list(plan.groups.all())
    return bool(groups) and all(facilitates(user, group) for group in groups)


def _replan_suggestion_rule(user: Person, action: Action, suggestion: ReplanSuggestion) -> bool:
    return action in {Action.VIEW, Action.REPLAN, Action.DISMISS} and planning_rule(
        user, PlanningAction.PLAN, suggestion.group
    )


# --- Reflection --------------------------------------------------------------------------------
# Assignments are for the group's insiders. A submission is read by its author and, as its
# author chose, by the whole group or by the facilitators alone. A journal is its author's
# alone; what they share from it (an excerpt) is for the group's insiders. Nobody else, not
# even a platform admin, reads any of it.


def reflection_group_rule(user: Person, action: ReflectionAction, group: Group) -> bool:
    """Reflection in one group, asked as ``can(user, ReflectionAction.<ACTION>, group)``."""
    if action == ReflectionAction.VIEW:  # the group's assignments and shared excerpts
        return group_insider(user, group)
    if action == ReflectionAction.GIVE_ASSIGNMENT:
        return facilitates(user, group)
    if action == ReflectionAction.KEEP_JOURNAL:
        return is_active_member(user, group)
    return False


def has_reflection(user: Person) -> bool:
    """Takes part in some group's reflection, as a member or a facilitator: the main menu then
    offers Reflection, where their assignments and their own journal are."""
    roles = roles_of(user)
    return any(
        {Role.PARTICIPANT, Role.FACILITATOR} & held for held in roles.by_group.values()
    ) or any(Role.FACILITATOR in held for held in roles.by_programme.values())


def _assignment_rule(user: Person, action: Action, assignment: Assignment) -> bool:
    group = assignment.meeting.group
    if action == Action.VIEW:
        return group_insider(user, group)
    if action in {Action.CHANGE, Action.VIEW_PROGRESS}:
        return facilitates(user, group)
    if action == Action.SUBMIT:
        # After the meeting too: late work is accepted and marked late, never refused.
        return is_active_member(user, group)
    return False


def _submission_rule(user: Person, action: Action, submission: Submission) -> bool:
    group = submission.assignment.meeting.group
    own = submission.author_id == getattr(user, "pk", None)
    if action == Action.VIEW:
        if own or facilitates(user, group):
            return True
        return submission.visibility == Submission.Visibility.GROUP and is_active_member(
            user, group
        )
    if action == Action.CHANGE:
        # What the group discussed stays as it was brought in; late work was not discussed.
        return (
            own
            and is_active_member(user, group)
            and (submission.assignment.submissions_open or submission.after_meeting)
        )
    return False


def _journal_entry_rule(user: Person, action: Action, entry: JournalEntry) -> bool:
    own = entry.author_id == getattr(user, "pk", None)
    if action in {Action.VIEW, Action.CHANGE}:
        return own
    if action == Action.SHARE:
        return own and is_active_member(user, entry.group)
    return False


def _journal_excerpt_rule(user: Person, action: Action, excerpt: JournalExcerpt) -> bool:
    own = excerpt.author_id == getattr(user, "pk", None)
    if action == Action.VIEW:
        return own or group_insider(user, excerpt.group)
    if action == Action.WITHDRAW:
        return own
    return False


# --- Library -------------------------------------------------------------------------------------
# The library is shared professional knowledge, not confidential: every signed-in person reads
# it. Those who design or run learning (admins, programme managers, facilitators) keep it.
# What a meeting brings in from it is seen by whoever sees the meeting (teachers who fly in
# included) and changed by whoever may change the meeting.


def _curates_library(user: Person) -> bool:
    roles = roles_of(user)
    held = set(roles.organisation_wide)
    for programme_roles in (*roles.by_programme.values(), *roles.group_roles_by_programme.values()):
        held |= programme_roles
    return is_admin(user) or bool({Role.PROGRAMME_MANAGER, Role.FACILITATOR} & held)


def _library_item_rule(user: Person, action: Action, item: LibraryItem) -> bool:
    if action == Action.VIEW:
        return getattr(user, "is_authenticated", False)
    if action == Action.CHANGE:
        return _curates_library(user)
    return False


def _meeting_resource_rule(user: Person, action: Action, resource: MeetingResource) -> bool:
    if action == Action.VIEW:
        return can(user, Action.VIEW, resource.meeting)
    if action == Action.REMOVE:
        return can(user, Action.CHANGE, resource.meeting)
    return False


# --- Availability and personal calendars ------------------------------------------------------
# A person keeps their own availability; nobody else changes it. The facilitators of a group,
# and the programme managers of its programme, see the group's availability: how many can make
# each slot and the dates of periods away, never notes or what an imported appointment was.


def availability_group_rule(user: Person, action: AvailabilityAction, group: Group) -> bool:
    """Asked as ``can(user, AvailabilityAction.VIEW, group)``."""
    if action != AvailabilityAction.VIEW:
        return False
    roles = roles_of(user)
    programme = group.programme
    manages = Role.PROGRAMME_MANAGER in roles.programme_level(programme.pk) or _provider_wide(
        user, roles, Role.PROGRAMME_MANAGER, programme
    )
    return facilitates(user, group) or manages


def _own_availability_rule(user: Person, action: Action, item: AwayPeriod | CalendarImport) -> bool:
    return action in {Action.VIEW, Action.REMOVE} and item.user_id == getattr(user, "pk", None)


def feed_user(token: str) -> User | None:
    """The person whose private calendar feed this token opens, or None (unknown, switched
    off or reset, or the person no longer active). The feed needs no login: the token is the
    key, so only its hash is stored and looked up."""
    if not token or len(token) > 128:
        return None
    found = (
        CalendarSettings.objects.select_related("user")
        .filter(feed_token_hash=hash_feed_token(token), user__is_active=True)
        .first()
    )
    return found.user if found is not None else None


# --- Forming learning groups from a pool ---------------------------------------------------------
# A pool's staff are the people who form the programme's groups (``forms_groups``) and platform
# admins: they see every entry, including whom someone would rather not meet in a group. A
# person in the pool sees their own entry only. Facilitators of one group, teachers, client
# contacts and everyone else see no entries.


def _facilitates_whole_programme(user: Person, programme: Programme) -> bool:
    return Role.FACILITATOR in roles_of(user).programme_level(programme.pk)


def forms_groups(user: Person, programme: Programme) -> bool:
    """Who forms a programme's learning groups from its pool: its managers, the facilitators
    named for the whole programme, and platform admins.

    Decision (issue 10): forming groups needs a programme-level role. The facilitator of one
    group does not see the pool, because a facilitator may make any colleague co-facilitator
    of their group (see ``_grantable_to``), and facilitating one group is no reason to read
    everyone's sign-up, least of all whom each person would rather not meet (confidential to
    that person and the people who form the groups). A facilitator for the whole programme is
    named by its programme manager, the only one who grants programme-level roles, so the
    circle that reads the rather-not names is the programme manager's choice.
    """
    return _manages_programme(user, programme) or _facilitates_whole_programme(user, programme)


def pool_staff(user: Person, pool: Pool) -> bool:
    return forms_groups(user, pool.programme)


def may_join_pool(user: Person, programme: Programme) -> bool:
    """Who may sign up for a programme's learning-group pool. In an in-company trajectory the
    learning groups are for the colleagues of the client organisation, so every active person
    of that organisation may sign up (a team leader or manager too: the position is recorded,
    and the grouping keeps managers apart from their own staff). In an open programme, its
    participants may. Provider staff and teachers do not sign up; a facilitator can add
    anyone eligible, who then still confirms."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if programme.client_id is not None:
        return getattr(user, "organisation_id", None) == programme.client_id
    return Role.PARTICIPANT in roles_of(user).in_programme(programme.pk)


def _pool_rule(user: Person, action: Action, pool: Pool) -> bool:
    staff = pool_staff(user, pool)
    if action == Action.VIEW:
        return (
            staff
            or (pool.status == Pool.Status.OPEN and may_join_pool(user, pool.programme))
            or pool.entries.filter(person_id=getattr(user, "pk", None)).exists()
        )
    if action == Action.SIGN_UP:
        return pool.status == Pool.Status.OPEN and may_join_pool(user, pool.programme)
    if action in {Action.MANAGE, Action.VIEW_ENTRIES}:
        return staff
    if action == Action.VIEW_PROFILES:
        # Learning profiles are personal: the people who compose the groups see them; a
        # platform administrator does not, merely by being one.
        programme = pool.programme
        return _programme_manager(user, programme) or _facilitates_whole_programme(user, programme)
    return False


def _pool_entry_rule(user: Person, action: Action, entry: PoolEntry) -> bool:
    own = entry.person_id == getattr(user, "pk", None)
    staff = pool_staff(user, entry.pool)
    formed = entry.pool.status == Pool.Status.FORMED
    if action == Action.VIEW:
        return own or staff
    if action == Action.CHANGE:
        return (own and not formed and entry.status != PoolEntry.Status.WITHDRAWN) or staff
    if action == Action.WITHDRAW:
        return own and not formed and entry.status != PoolEntry.Status.WITHDRAWN
    if action == Action.REMOVE:
        return staff
    return False


def _pool_staff_rule(user: Person, action: Action, item: FormationRun | PairRule) -> bool:
    return action in {Action.VIEW, Action.CHANGE, Action.REMOVE, Action.ACCEPT} and pool_staff(
        user, item.pool
    )


def formation_programme_rule(user: Person, action: FormationAction, programme: Programme) -> bool:
    """Asked as ``can(user, FormationAction.<ACTION>, programme)``: who starts a pool."""
    return action == FormationAction.ADD_POOL and forms_groups(user, programme)


# --- Rooms -------------------------------------------------------------------------------------
# An organisation's rooms are kept by the people who organise its work: its own programme
# managers and support staff (organisation-wide roles), and platform admins. Nobody keeps the
# rooms of another organisation: a provider's programme manager does not edit a client's
# building. Planning books the rooms of a programme's provider and client by itself; choosing
# a room for a meeting is part of changing that meeting.


def manages_rooms(user: Person, organisation: Organisation) -> bool:
    if is_admin(user):
        return True
    held = roles_of(user).organisation_wide
    return bool({Role.PROGRAMME_MANAGER, Role.SUPPORT_STAFF} & held) and (
        organisation.pk == getattr(user, "organisation_id", None)
    )


def rooms_organisation_rule(user: Person, action: RoomAction, organisation: Organisation) -> bool:
    """Asked as ``can(user, RoomAction.MANAGE, organisation)``."""
    return action == RoomAction.MANAGE and manages_rooms(user, organisation)


def _room_rule(user: Person, action: Action, room: Room) -> bool:
    return action in {Action.VIEW, Action.CHANGE, Action.REMOVE} and manages_rooms(
        user, room.organisation
    )


# --- Learning profiles -----------------------------------------------------------------------
# A learning profile is its owner's alone: nobody else opens its pages, not a facilitator, not
# a platform admin. Others see a summary only inside a formation pool the owner joined, and
# that is decided by the pool's rules (the pool page reads kring.profiles.selectors).


def _learning_profile_rule(user: Person, action: Action, profile: LearningProfile) -> bool:
    return action == Action.VIEW and profile.person_id == getattr(user, "pk", None)


def _notification_rule(user: Person, action: Action, notification: Notification) -> bool:
    """A notification is its recipient's alone: nobody else sees that it exists, admins
    included."""
    return action in {Action.VIEW, Action.CHANGE} and notification.recipient_id == getattr(
        user, "pk", None
    )


# --- Programme designs, sessions, teachers ----------------------------------------------------
# The programme manager owns the design; the programme's staff read it and record what they
# observe. A session is seen by its cohort and its staff; its briefing by those who teach or
# facilitate it, never by participants. A teacher who flies in holds no programme role: being
# on a session's staff is what lets them in.

TEACHING_ROLES: frozenset[str] = frozenset({Role.FACILITATOR, Role.TEACHER, Role.GUEST_TEACHER})


def _teaches_in(user: Person, programme: Programme) -> bool:
    return bool(TEACHING_ROLES & roles_of(user).in_programme(programme.pk)) or (
        SessionStaff.objects.filter(
            person_id=getattr(user, "pk", None), session__cohort__edition__programme=programme
        ).exists()
    )


def design_rule(user: Person, action: DesignAction, target: Programme | Edition) -> bool:
    programme = target if isinstance(target, Programme) else target.programme
    if action == DesignAction.VIEW:
        return _programme_staff(user, programme) or _teaches_in(user, programme)
    if action == DesignAction.CHANGE:
        return _manages_programme(user, programme)
    if action == DesignAction.OBSERVE:
        return _manages_programme(user, programme) or _teaches_in(user, programme)
    if action == DesignAction.PLAN_SESSIONS:
        roles = roles_of(user)
        return (
            _manages_programme(user, programme)
            or Role.SUPPORT_STAFF in roles.programme_level(programme.pk)
            or _provider_wide(user, roles, Role.SUPPORT_STAFF, programme)
        )
    return False


def _edition_part_rule(user: Person, action: Action, part: Any) -> bool:
    """Editions and what belongs to their design: lines, components, staffing, runbooks,
    versions."""
    edition = part if isinstance(part, Edition) else part.edition_of_design
    if action == Action.VIEW:
        return design_rule(user, DesignAction.VIEW, edition)
    if action in {Action.CHANGE, Action.DELETE, Action.CREATE}:
        return design_rule(user, DesignAction.CHANGE, edition)
    return False


def _observation_rule(user: Person, action: Action, observation: Observation) -> bool:
    own = observation.author_id == getattr(user, "pk", None)
    if action == Action.VIEW:
        return own or design_rule(user, DesignAction.VIEW, observation.edition)
    if action in {Action.CHANGE, Action.DELETE}:
        return own
    return False


def _proposal_rule(user: Person, action: Action, proposal: ChangeProposal) -> bool:
    if action == Action.VIEW:
        return design_rule(user, DesignAction.VIEW, proposal.edition)
    if action in {Action.CHANGE, Action.DECIDE}:
        return design_rule(user, DesignAction.CHANGE, proposal.edition)
    return False


def on_session_staff(user: Person, session: Session, *, teaching: bool = False) -> bool:
    staff = session.staff.filter(person_id=getattr(user, "pk", None)).exclude(
        status=SessionStaff.Status.DECLINED
    )
    if teaching:
        staff = staff.filter(role__in=[SessionStaff.Role.TEACHER, SessionStaff.Role.GUEST_TEACHER])
    return staff.exists()


def _session_rule(user: Person, action: Action, session: Session) -> bool:
    group = session.cohort.group
    programme = group.programme
    if action == Action.VIEW:
        return _group_rule(user, Action.VIEW, group) or on_session_staff(user, session)
    if action == Action.CHANGE:
        return design_rule(user, DesignAction.PLAN_SESSIONS, programme)
    if action == Action.RUN:
        return (
            facilitates(user, group)
            or on_session_staff(user, session)
            or _manages_programme(user, programme)
        )
    if action == Action.VIEW_BRIEFING:
        return (
            on_session_staff(user, session)
            or facilitates(user, group)
            or _manages_programme(user, programme)
        )
    if action == Action.WRITE_BRIEFING:
        # The facilitator briefs the teachers who fly in: the group's facilitator, or one
        # named on the session's staff.
        return (
            facilitates(user, group)
            or session.staff.filter(
                person_id=getattr(user, "pk", None), role=SessionStaff.Role.FACILITATOR
            )
            .exclude(status=SessionStaff.Status.DECLINED)
            .exists()
        )
    if action == Action.WRITE_NOTE_BACK:
        return on_session_staff(user, session, teaching=True)
    return False


def _session_part_rule(user: Person, action: Action, part: Any) -> bool:
    """What is recorded in a session: its staff, learning points and briefing note."""
    session = part.session
    if action == Action.VIEW:
        if isinstance(part, BriefingNote):
            return _session_rule(user, Action.VIEW_BRIEFING, session)
        return _session_rule(user, Action.VIEW, session)
    if action in {Action.CHANGE, Action.DELETE}:
        if isinstance(part, SessionStaff):
            return _session_rule(user, Action.CHANGE, session)
        if isinstance(part, BriefingNote):
            return _session_rule(user, Action.WRITE_BRIEFING, session)
        return _session_rule(user, Action.RUN, session)
    return False


def _deviation_rule(user: Person, action: Action, deviation: Deviation) -> bool:
    group = deviation.session.cohort.group
    own = deviation.recorded_by_id == getattr(user, "pk", None)
    if action == Action.VIEW:
        return (
            own
            or _manages_programme(user, group.programme)
            or Role.FACILITATOR in roles_of(user).in_programme(group.programme_id)
        )
    if action in {Action.CHANGE, Action.DELETE}:
        return own
    return False


def _note_back_rule(user: Person, action: Action, note: NoteBack) -> bool:
    own = note.teacher_id == getattr(user, "pk", None)
    cohort = note.session.cohort
    if action == Action.VIEW:
        return (
            own
            or facilitates(user, cohort.group)
            or _manages_programme(user, cohort.group.programme)
            # Tips are for the next teacher: whoever teaches this cohort reads them.
            or SessionStaff.objects.filter(
                person_id=getattr(user, "pk", None),
                session__cohort=cohort,
                role__in=[SessionStaff.Role.TEACHER, SessionStaff.Role.GUEST_TEACHER],
            ).exists()
        )
    if action == Action.CHANGE:
        return own
    return False


def _group_staff(user: Person, group: Group) -> bool:
    return bool(TEACHING_ROLES & roles_of(user).in_group(group.pk))


def staff_group_rule(user: Person, action: StaffAction, group: Group) -> bool:
    if action == StaffAction.VIEW_DUO:
        return _group_staff(user, group) or _manages_programme(user, group.programme)
    if action == StaffAction.KEEP_DUO:
        return _group_staff(user, group)
    if action == StaffAction.SET_CONSTELLATION:
        return _manages_programme(user, group.programme) or facilitates(user, group)
    return False


def _constellation_rule(user: Person, action: Action, constellation: Constellation) -> bool:
    if action == Action.VIEW:
        return _group_rule(user, Action.VIEW_PEOPLE, constellation.group)
    if action == Action.CHANGE:
        return staff_group_rule(user, StaffAction.SET_CONSTELLATION, constellation.group)
    return False


def _duo_agreement_rule(user: Person, action: Action, agreement: DuoAgreement) -> bool:
    if action == Action.VIEW:
        return staff_group_rule(user, StaffAction.VIEW_DUO, agreement.group)
    return False


def _cohort_rule(user: Person, action: Action, cohort: Cohort) -> bool:
    if action == Action.VIEW:
        return _group_rule(user, Action.VIEW, cohort.group)
    if action == Action.CHANGE:
        return design_rule(user, DesignAction.PLAN_SESSIONS, cohort.group.programme)
    return False


OBJECT_RULES: dict[type[Model], Callable[[Person, Action, Any], bool]] = {
    Programme: _programme_rule,
    Group: _group_rule,
    Organisation: _organisation_rule,
    User: _person_rule,
    Invitation: _invitation_rule,
    AuditEntry: _audit_rule,
    RoleAssignment: _role_assignment_rule,
    Meeting: _meeting_rule,
    Membership: _membership_rule,
    LearningPoint: _learning_point_rule,
    Intention: _intention_rule,
    FacilitatorNote: _facilitator_note_rule,
    Intervention: _intervention_rule,
    AgreementVersion: _agreement_version_rule,
    AbsenceNotice: _absence_notice_rule,
    SeriesTemplate: _series_template_rule,
    Assignment: _assignment_rule,
    Submission: _submission_rule,
    JournalEntry: _journal_entry_rule,
    JournalExcerpt: _journal_excerpt_rule,
    LibraryItem: _library_item_rule,
    MeetingResource: _meeting_resource_rule,
    Plan: _plan_rule,
    ReplanSuggestion: _replan_suggestion_rule,
    Pool: _pool_rule,
    PoolEntry: _pool_entry_rule,
    FormationRun: _pool_staff_rule,
    PairRule: _pool_staff_rule,
    AwayPeriod: _own_availability_rule,
    CalendarImport: _own_availability_rule,
    LearningProfile: _learning_profile_rule,
    Notification: _notification_rule,
    Room: _room_rule,
    Edition: _edition_part_rule,
    LearningLine: _edition_part_rule,
    Component: _edition_part_rule,
    ComponentStaff: _edition_part_rule,
    RunbookActivity: _edition_part_rule,
    DesignVersion: _edition_part_rule,
    Observation: _observation_rule,
    ChangeProposal: _proposal_rule,
    Cohort: _cohort_rule,
    Session: _session_rule,
    SessionStaff: _session_part_rule,
    SessionPoint: _session_part_rule,
    BriefingNote: _session_part_rule,
    Deviation: _deviation_rule,
    NoteBack: _note_back_rule,
    Constellation: _constellation_rule,
    DuoAgreement: _duo_agreement_rule,
}


# --- Actions that are not about one existing object ------------------------------------------


def _may_create_programme(user: Person) -> bool:
    return is_admin(user) or Role.PROGRAMME_MANAGER in roles_of(user).organisation_wide


def _may_invite_anywhere(user: Person) -> bool:
    """Invitations without a programme: admins and provider-wide programme managers."""
    return _may_create_programme(user)


def _may_send_invitations(user: Person) -> bool:
    roles = roles_of(user)
    held = set(roles.organisation_wide)
    for programme_roles in (*roles.by_programme.values(), *roles.group_roles_by_programme.values()):
        held |= programme_roles
    return is_admin(user) or bool({Role.PROGRAMME_MANAGER, Role.FACILITATOR} & held)


CLASS_RULES: dict[tuple[type[Model], Action], Callable[[Person], bool]] = {
    (Programme, Action.CREATE): _may_create_programme,
    (Programme, Action.LIST): lambda user: getattr(user, "is_authenticated", False),
    (Organisation, Action.LIST): is_admin,
    (Organisation, Action.CREATE): is_admin,
    (AuditEntry, Action.LIST): is_admin,
    (Invitation, Action.CREATE): _may_send_invitations,
    (Invitation, Action.CREATE_WITHOUT_PROGRAMME): _may_invite_anywhere,
    (Invitation, Action.LIST): _may_send_invitations,
    (SeriesTemplate, Action.LIST): lambda user: designs_cycles(
        user, getattr(user, "organisation_id", None)
    ),
    (LibraryItem, Action.LIST): lambda user: getattr(user, "is_authenticated", False),
    (LibraryItem, Action.CREATE): _curates_library,
    # Everyone has an overview of their own reflection; it lists only their groups.
    (Assignment, Action.LIST): lambda user: getattr(user, "is_authenticated", False),
    # Everyone keeps their own availability and calendar settings.
    (WeeklyAvailability, Action.KEEP): lambda user: getattr(user, "is_authenticated", False),
    (CalendarSettings, Action.KEEP): lambda user: getattr(user, "is_authenticated", False),
    # Everyone may fill in their own learning profile.
    (LearningProfile, Action.FILL_IN): lambda user: getattr(user, "is_authenticated", False),
    # Everyone has their own notifications; the list shows only theirs.
    (Notification, Action.LIST): lambda user: getattr(user, "is_authenticated", False),
}


# Actions asked of a group or programme as a whole, by area: the enum says which rule decides.
AREA_RULES: dict[
    type[StrEnum], tuple[type[Model] | tuple[type[Model], ...], Callable[..., bool]]
] = {
    CycleAction: (Group, learning_group_rule),
    AvailabilityAction: (
        Group,
        availability_group_rule,
    ),
    PlanningAction: ((Programme, Group), planning_rule),
    ReflectionAction: (
        Group,
        reflection_group_rule,
    ),
    FormationAction: (
        Programme,
        formation_programme_rule,
    ),
    RoomAction: (Organisation, rooms_organisation_rule),
    DesignAction: ((Programme, Edition), design_rule),
    StaffAction: (Group, staff_group_rule),
}


def can(user: Person, action: AnyAction, target: Model | type[Model]) -> bool:
    """May ``user`` do ``action`` on ``target`` (an object, or a model class for actions such
    as ``Action.CREATE`` and ``Action.LIST``)? Deny by default; an action the policy does not
    know raises ``UnknownAction``."""
    action = as_action(action)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not isinstance(action, Action):
        target_types, area_rule = AREA_RULES[type(action)]
        return isinstance(target, target_types) and area_rule(user, action, target)
    if isinstance(target, type):
        class_rule = CLASS_RULES.get((target, action))
        return bool(class_rule and class_rule(user))
    # __class__ rather than type(): request.user is a lazy proxy around the real User.
    object_rule = OBJECT_RULES.get(target.__class__)
    return bool(object_rule and object_rule(user, action, target))


def require(user: Person, action: AnyAction, target: Model | type[Model]) -> None:
    if not can(user, action, target):
        raise refusal(user, action, target)


def get_object(user: Person, action: AnyAction, queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch one object for ``action``. Someone who may not even see it gets a 404, so that
    confidential objects do not betray their existence; someone who may see it but not do
    ``action`` gets a 403."""
    action = as_action(action)
    try:
        obj = queryset.get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
    if not can(user, Action.VIEW, obj):
        if isinstance(obj, Group) and can(user, Action.VIEW, obj.programme):
            # The programme's page lists its groups, so the group is no secret here: say why
            # it stays closed rather than pretend it does not exist.
            raise refusal(user, action, obj)
        raise Http404
    if action != Action.VIEW and not can(user, action, obj):
        raise refusal(user, action, obj)
    return obj


# --- Why not: the words of a refusal ------------------------------------------------------------
# A 403 says why, in terms of the person's own place: a member of another group hears that a
# group's work stays in the group, a programme manager facing confidential work hears what they
# may see instead (and gets a link to it), a client contact hears that they follow the programme
# as a whole. Nobody is told to ask the programme manager when they are the programme manager.

# Objects whose content is confidential to a group's insiders (or, for a journal, its writer).
CONFIDENTIAL_TYPES: tuple[type[Model], ...] = (
    Submission,
    JournalEntry,
    JournalExcerpt,
    FacilitatorNote,
    Intervention,
    Intention,
    AgreementVersion,
    Assignment,
    LearningPoint,
)
CONFIDENTIAL_ACTIONS: frozenset[StrEnum] = frozenset(
    {
        Action.VIEW_CONTENT,
        Action.RECORD_POINTS,
        Action.COMMIT,
        CycleAction.VIEW_CONTENT,
        CycleAction.CHANGE_CONTRACT,
        CycleAction.CHANGE_ISSUE,
        CycleAction.ACKNOWLEDGE,
        CycleAction.FACILITATE,
        CycleAction.VIEW_FOLLOW_THROUGH,
        ReflectionAction.VIEW,
        ReflectionAction.KEEP_JOURNAL,
        ReflectionAction.GIVE_ASSIGNMENT,
    }
)
# What only a group's own members do: nobody, not even the facilitator, does it for them.
MEMBERS_OWN_ACTIONS: frozenset[StrEnum] = frozenset(
    {
        ReflectionAction.KEEP_JOURNAL,
        CycleAction.EVALUATE,
        CycleAction.ACKNOWLEDGE,
        Action.SUBMIT,
        Action.REPORT,
        Action.WISH_INTENSITY,
        Action.SHARE,
        Action.WITHDRAW,
    }
)


def _place_of(target: Model | type[Model]) -> tuple[Group | None, Programme | None]:
    """The group and programme an object belongs to, following its links upwards."""
    obj: Any = target
    for _step in range(5):
        if isinstance(obj, Group):
            return obj, obj.programme
        if isinstance(obj, Programme):
            return None, obj
        if isinstance(obj, type):
            return None, None
        upward = None
        for link in (
            "group",
            "meeting",
            "assignment",
            "membership",
            "entry",
            "pool",
            "session",
            "cohort",
            "component",
            "line",
            "edition",
            "programme",
        ):
            value = getattr(obj, link, None)
            if isinstance(value, Model):
                upward = value
                break
        if upward is None:
            return None, None
        obj = upward
    return None, None


def _names(people: QuerySet[RoleAssignment]) -> str:
    return ", ".join(
        sorted({name for name in people.values_list("person__full_name", flat=True) if name})
    )


def _programme_managers(programme: Programme) -> str:
    return _names(
        RoleAssignment.objects.filter(
            programme=programme, group__isnull=True, role=Role.PROGRAMME_MANAGER
        )
    )


def _facilitators(group: Group) -> str:
    return _names(
        RoleAssignment.objects.filter(
            Q(group=group) | Q(programme=group.programme, group__isnull=True),
            role=Role.FACILITATOR,
        )
    )


def _asking(reason: str, names: str, **refused: str) -> Refused:
    """A refusal that names whom to ask, when there is someone to name."""
    if names:
        reason = " ".join(
            (reason, _("If you think you should be able to, ask %(names)s.") % {"names": names})
        )
    return Refused(reason, **refused)


def _own_group(user: Person, programme: Programme) -> Group | None:
    """The group of ``programme`` that ``user`` takes part in or facilitates, if any."""
    mine = [
        group_id
        for group_id, held in roles_of(user).by_group.items()
        if {Role.PARTICIPANT, Role.FACILITATOR} & held
    ]
    return Group.objects.filter(programme=programme, pk__in=mine).first()


def _group_refusal(
    user: Person, action: AnyAction, target: Model | type[Model], group: Group
) -> Refused:
    programme = group.programme
    roles = roles_of(user)
    confidential = action in CONFIDENTIAL_ACTIONS or isinstance(target, CONFIDENTIAL_TYPES)
    names = {"group": group.name, "programme": programme.name}
    journal = isinstance(target, JournalEntry) or action == ReflectionAction.KEEP_JOURNAL
    if journal and facilitates(user, group):
        return Refused(
            _(
                "A journal belongs to the member who writes it: only they read it. What "
                "members choose to share from their journal is on the group's Reflection "
                "page."
            )
        )
    if action in MEMBERS_OWN_ACTIONS and group_insider(user, group):
        return Refused(
            _(
                "This is for the members of %(group)s themselves: each hands in their own work, "
                "keeps their own journal, tells about their own intentions and gives their own "
                "evaluation. Nobody does this for them."
            )
            % names
        )
    if is_active_member(user, group):
        return _asking(
            _("In %(group)s this is up to the group's facilitator.") % names, _facilitators(group)
        )
    if facilitates(user, group):
        return _asking(
            _("Only the programme manager of %(programme)s does this.") % names,
            _programme_managers(programme),
        )
    if _programme_manager(user, programme):
        if confidential:
            return Refused(
                _(
                    "What %(group)s writes and discusses stays within the group: its members and "
                    "facilitators. As programme manager you read the group's harvest: its "
                    "learning question, the learning points it chose to share, attendance "
                    "figures and the evaluation summary."
                )
                % names,
                next_url=reverse("learning:harvest", args=[group.pk]),
                next_label=_("Open the harvest of %(group)s") % names,
            )
        return Refused(
            _(
                "This is for the members and facilitators of %(group)s; as programme manager "
                "you plan, staff and follow the group, you do not take part in it."
            )
            % names
        )
    if is_admin(user):
        return Refused(
            _(
                "As platform administrator you keep Kring's structure in order. What %(group)s "
                "writes and discusses stays with its members and facilitators: that role does "
                "not open it."
            )
            % names
        )
    if Role.CLIENT_CONTACT in roles.in_programme(programme.pk):
        return _asking(
            _(
                "As client contact you follow %(programme)s as a whole. What a learning group "
                "writes and discusses stays within the group; the programme manager can tell you "
                "how the groups are doing."
            )
            % names,
            _programme_managers(programme),
        )
    if {Role.TEACHER, Role.GUEST_TEACHER} & (
        roles.in_group(group.pk) | roles.in_programme(programme.pk)
    ):
        return Refused(
            _(
                "As a teacher you see the meetings of %(group)s, so that you can prepare. What "
                "the group writes and discusses stays with its members and facilitators."
            )
            % names
        )
    own = _own_group(user, programme)
    if own is not None:
        return Refused(
            _(
                "Your place is in %(own)s, not in %(group)s. What a group writes and discusses "
                "stays within that group."
            )
            % {**names, "own": own.name},
            next_url=reverse("learning:cycle", args=[own.pk]),
            next_label=_("Go to %(own)s") % {"own": own.name},
        )
    return _asking(
        _("You have no role in %(group)s that allows this.") % names,
        _facilitators(group) or _programme_managers(programme),
    )


def refusal(user: Person, action: AnyAction, target: Model | type[Model]) -> Refused:
    """The 403 for ``user`` who may not do ``action`` on ``target``: why, in words that fit
    their place, and where they can go instead. Rendered by the error page."""
    action = as_action(action)
    group, programme = _place_of(target)
    if group is not None:
        return _group_refusal(user, action, target, group)
    if programme is not None:
        roles = roles_of(user)
        if _programme_manager(user, programme):
            return Refused(_("This is for platform administrators."))
        if Role.CLIENT_CONTACT in roles.in_programme(programme.pk):
            lead = _(
                "As client contact you follow %(programme)s; its design, people and groups "
                "are kept by its programme manager."
            )
        else:
            lead = _("In %(programme)s this is up to its programme manager.")
        return _asking(lead % {"programme": programme.name}, _programme_managers(programme))
    if isinstance(target, type) and target in {Organisation, AuditEntry}:
        return Refused(_("This is for platform administrators."))
    return Refused(
        _(
            "Your roles in Kring do not allow this. If you think they should, ask the person "
            "who gave you your role."
        )
    )


# --- Selectors for lists -----------------------------------------------------------------------


def visible_programmes(user: Person) -> QuerySet[Programme]:
    """The programmes ``user`` may open, with the same outcome as ``can(user, Action.VIEW, p)``."""
    programmes = Programme.objects.select_related("client", "provider")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return programmes.none()
    if is_admin(user):
        return programmes.all()
    roles = roles_of(user)
    condition = Q(pk__in=set(roles.by_programme) | set(roles.group_roles_by_programme))
    if {Role.PROGRAMME_MANAGER, Role.SUPPORT_STAFF} & roles.organisation_wide:
        condition |= Q(provider_id=user.organisation_id)
    return programmes.filter(condition)


def visible_invitations(user: Person) -> QuerySet[Invitation]:
    """The invitations ``user`` may open, with the same outcome as ``can(user, Action.VIEW, i)``:
    their own, or all of them for a platform admin."""
    invitations = Invitation.objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return invitations.none()
    return invitations if is_admin(user) else invitations.filter(invited_by=user)


def visible_groups(user: Person, programme: Programme | None = None) -> QuerySet[Group]:
    """The groups ``user`` may open, with the same outcome as ``can(user, Action.VIEW, g)``."""
    groups = Group.objects.select_related("programme")
    if programme is not None:
        groups = groups.filter(programme=programme)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return groups.none()
    if is_admin(user):
        return groups
    roles = roles_of(user)
    condition = Q(pk__in=set(roles.by_group))
    staff_programmes = {pid for pid, held in roles.by_programme.items() if STAFF_ROLES & held}
    condition |= Q(programme_id__in=staff_programmes)
    if {Role.PROGRAMME_MANAGER, Role.SUPPORT_STAFF} & roles.organisation_wide:
        condition |= Q(programme__provider_id=user.organisation_id)
    return groups.filter(condition)
