"""Kring's one permission policy: who may see or do what, for every object type.

Every view (and later every API call) resolves objects through ``get_object`` or the
``visible_*`` selectors and asks ``can`` before it acts; no view decides a permission itself.
Deny by default: an action that has no rule here is refused.

Rules speak in roles (``kring.programmes.models.Role``) held organisation-wide, for a programme,
or for one group. A platform admin may manage everything structural, but confidential learning
content (cases, journals, notes; later issues) is never opened to them by role alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from kring.accounts.models import Organisation, User
from kring.audit.models import AuditEntry
from kring.availability.models import AwayPeriod, CalendarImport, WeeklyAvailability
from kring.calendars.models import CalendarSettings, hash_feed_token
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

M = TypeVar("M", bound=Model)

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


def roles_of(user: Any) -> RoleSet:
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
    user._kring_roles = roles
    return roles


def forget_roles(user: Any) -> None:
    """Call after changing someone's roles within one request."""
    if hasattr(user, "_kring_roles"):
        del user._kring_roles


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_platform_admin)


def _provider_wide(user: Any, roles: RoleSet, role: str, programme: Programme) -> bool:
    return role in roles.organisation_wide and programme.provider_id == user.organisation_id


# --- Programmes ------------------------------------------------------------------------------


def _programme_manager(user: Any, programme: Programme) -> bool:
    """Holds the programme-manager role for this programme (not merely a platform admin)."""
    roles = roles_of(user)
    return Role.PROGRAMME_MANAGER in roles.programme_level(programme.pk) or _provider_wide(
        user, roles, Role.PROGRAMME_MANAGER, programme
    )


def _manages_programme(user: Any, programme: Programme) -> bool:
    return is_admin(user) or _programme_manager(user, programme)


def _programme_staff(user: Any, programme: Programme) -> bool:
    roles = roles_of(user)
    return (
        _manages_programme(user, programme)
        or bool(STAFF_ROLES & roles.in_programme(programme.pk))
        or _provider_wide(user, roles, Role.SUPPORT_STAFF, programme)
    )


def _programme_rule(user: Any, action: str, programme: Programme) -> bool:
    roles = roles_of(user)
    if action == "view":
        return _programme_staff(user, programme) or bool(roles.in_programme(programme.pk))
    if action in {"change", "manage_roles", "add_group"}:
        return _manages_programme(user, programme)
    if action == "view_people":
        return _programme_staff(user, programme)
    if action == "invite":
        return _manages_programme(user, programme) or (
            Role.FACILITATOR in roles.in_programme(programme.pk)
        )
    return False


# --- Groups ----------------------------------------------------------------------------------


def _group_rule(user: Any, action: str, group: Group) -> bool:
    roles = roles_of(user)
    programme = group.programme
    facilitates = Role.FACILITATOR in roles.in_group(group.pk) or (
        Role.FACILITATOR in roles.programme_level(programme.pk)
    )
    if action in {"view", "view_people"}:
        return (
            _manages_programme(user, programme)
            or bool(roles.in_group(group.pk))
            or bool(STAFF_ROLES & roles.programme_level(programme.pk))
            or _provider_wide(user, roles, Role.SUPPORT_STAFF, programme)
        )
    if action in {"change", "manage_roles"}:
        return _manages_programme(user, programme) or facilitates
    if action == "invite":
        return _manages_programme(user, programme) or facilitates
    return False


# --- Organisations, people, invitations, audit -----------------------------------------------


def _organisation_rule(user: Any, action: str, organisation: Organisation) -> bool:
    if action == "view":
        return is_admin(user) or organisation.pk == getattr(user, "organisation_id", None)
    return is_admin(user) and action in {"change", "delete"}


def _person_rule(user: Any, action: str, person: User) -> bool:
    if action in {"view", "change"}:
        return is_admin(user) or person.pk == getattr(user, "pk", None)
    return False


def _invitation_rule(user: Any, action: str, invitation: Invitation) -> bool:
    if action in {"view", "revoke", "resend"}:
        return is_admin(user) or invitation.invited_by_id == getattr(user, "pk", None)
    return False


def _audit_rule(user: Any, action: str, entry: AuditEntry) -> bool:
    return action == "view" and is_admin(user)


# --- Granting roles ----------------------------------------------------------------------------
# Nobody grants a role they may not assign directly. The same rule decides a direct assignment,
# an invitation that offers a role when it is sent, and that invitation again when it is
# accepted, against its sender's roles at that moment.

# Whom a role may be given to: anyone (an existing account, or a new address by invitation), or
# only a colleague who already has an account in the granter's own organisation.
GRANT_TO_ANYONE, GRANT_TO_COLLEAGUES = "anyone", "colleagues"


def _grantable_to(
    user: Any, role: str, programme: Programme | None, group: Group | None
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
    user: Any,
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
    user: Any, *, programme: Programme | None, group: Group | None, by_invitation: bool
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


def may_leave_without_facilitator(user: Any, group: Group) -> bool:
    """Only someone above a group's facilitators (its programme's manager, or a platform admin)
    may remove the group's last facilitator, and then knowingly: a group without a facilitator
    has no one to guard its purpose. A facilitator cannot step down as the last one."""
    return _manages_programme(user, group.programme)


def _role_assignment_rule(user: Any, action: str, assignment: RoleAssignment) -> bool:
    """Who holds a role is visible where the people of that group or programme are visible;
    removing it is part of managing the roles there."""
    if action not in {"view", "remove"}:
        return False
    place_action = "view_people" if action == "view" else "manage_roles"
    if assignment.group is not None:
        return _group_rule(user, place_action, assignment.group)
    if assignment.programme is not None:
        return _programme_rule(user, place_action, assignment.programme)
    return is_admin(user) or (action == "view" and assignment.person_id == user.pk)


# --- Learning groups -----------------------------------------------------------------------------
# Cases, submissions, journals, learning points and agreements are confidential to the group:
# its active members and its facilitators ("insiders"). Programme managers, teachers, the
# client and platform admins see the group's structure and meetings, never this content.


def facilitates(user: Any, group: Group) -> bool:
    roles = roles_of(user)
    return Role.FACILITATOR in roles.in_group(group.pk) or (
        Role.FACILITATOR in roles.programme_level(group.programme_id)
    )


def is_active_member(user: Any, group: Group) -> bool:
    """A member who confirmed taking part (confirming grants the participant role)."""
    return Role.PARTICIPANT in roles_of(user).in_group(group.pk)


def group_insider(user: Any, group: Group) -> bool:
    return is_active_member(user, group) or facilitates(user, group)


def _meeting_rule(user: Any, action: str, meeting: Meeting) -> bool:
    group = meeting.group
    if action == "view":
        return _group_rule(user, "view", group)
    if action in {"view_content", "record_points", "commit"}:
        return group_insider(user, group)
    if action in {"change", "record_attendance"}:
        return facilitates(user, group) or _manages_programme(user, group.programme)
    return False


def _membership_rule(user: Any, action: str, membership: Membership) -> bool:
    group = membership.group
    own = membership.person_id == getattr(user, "pk", None)
    if action == "view":
        return own or _group_rule(user, "view_people", group)
    if action == "respond":
        return own and membership.status == Membership.Status.INVITED
    if action == "wish_intensity":
        return own and membership.is_active
    if action in {"change", "remove"}:
        return _group_rule(user, "manage_roles", group)
    return False


def _learning_point_rule(user: Any, action: str, point: LearningPoint) -> bool:
    if action in {"view", "change", "delete"}:
        return group_insider(user, point.meeting.group)
    return False


def _intention_rule(user: Any, action: str, intention: Intention) -> bool:
    group = intention.meeting.group
    if action == "view":
        return group_insider(user, group)
    if action in {"change", "report"}:
        return intention.person_id == getattr(user, "pk", None) and group_insider(user, group)
    return False


def _facilitator_note_rule(user: Any, action: str, note: FacilitatorNote) -> bool:
    return action in {"view", "change", "delete"} and note.author_id == getattr(user, "pk", None)


def _intervention_rule(user: Any, action: str, intervention: Intervention) -> bool:
    return action in {"view", "change"} and facilitates(user, intervention.group)


def _agreement_version_rule(user: Any, action: str, version: AgreementVersion) -> bool:
    return action == "view" and group_insider(user, version.group)


def _absence_notice_rule(user: Any, action: str, notice: AbsenceNotice) -> bool:
    return action in {"view", "resolve"} and facilitates(user, notice.membership.group)


def designs_cycles(user: Any, organisation_id: int | None) -> bool:
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


def _series_template_rule(user: Any, action: str, template: SeriesTemplate) -> bool:
    return action in {"view", "change"} and designs_cycles(user, template.organisation_id)


def learning_group_rule(user: Any, action: str, group: Group) -> bool:
    """Actions on a learning group's cycle, asked as ``can(user, "cycle:<action>", group)``."""
    if action == "view_content":  # contract, learning question, points, harvest
        return group_insider(user, group)
    if action in {"change_contract", "change_issue", "acknowledge"}:
        return group_insider(user, group)
    if action in {"facilitate", "plan_meetings", "view_follow_through", "view_attendance"}:
        return facilitates(user, group) or (
            action in {"plan_meetings", "view_attendance"}
            and _manages_programme(user, group.programme)
        )
    if action == "evaluate":
        return is_active_member(user, group)
    if action == "view_evaluation":
        return group_insider(user, group) or _manages_programme(user, group.programme)
    return False


# --- Planning meeting series ------------------------------------------------------------------
# The programme manager plans the series of all the programme's groups; a facilitator plans
# their own groups. A proposal shows who cannot attend and why, so it is seen only by those who
# may plan every group in it.


def planning_rule(user: Any, action: str, target: Programme | Group) -> bool:
    """Asked as ``can(user, "planning:view", programme)`` (open its planning page) or
    ``can(user, "planning:plan", group)``."""
    if isinstance(target, Programme):
        return action == "view" and (
            _manages_programme(user, target)
            or Role.FACILITATOR in roles_of(user).in_programme(target.pk)
        )
    if action == "plan":
        return _manages_programme(user, target.programme) or facilitates(user, target)
    return False


def _plan_rule(user: Any, action: str, plan: Plan) -> bool:
    if action not in {"view", "decide"}:
        return False
    if _manages_programme(user, plan.programme):
        return True
    groups = list(plan.groups.all())
    return bool(groups) and all(facilitates(user, group) for group in groups)


def _replan_suggestion_rule(user: Any, action: str, suggestion: ReplanSuggestion) -> bool:
    return action in {"view", "replan", "dismiss"} and planning_rule(user, "plan", suggestion.group)


# --- Reflection --------------------------------------------------------------------------------
# Assignments are for the group's insiders. A submission is read by its author and, as its
# author chose, by the whole group or by the facilitators alone. A journal is its author's
# alone; what they share from it (an excerpt) is for the group's insiders. Nobody else, not
# even a platform admin, reads any of it.


def reflection_group_rule(user: Any, action: str, group: Group) -> bool:
    """Reflection in one group, asked as ``can(user, "reflection:<action>", group)``."""
    if action == "view":  # the group's assignments and shared excerpts
        return group_insider(user, group)
    if action == "give_assignment":
        return facilitates(user, group)
    if action == "keep_journal":
        return is_active_member(user, group)
    return False


def _assignment_rule(user: Any, action: str, assignment: Assignment) -> bool:
    group = assignment.meeting.group
    if action == "view":
        return group_insider(user, group)
    if action in {"change", "view_progress"}:
        return facilitates(user, group)
    if action == "submit":
        return is_active_member(user, group) and assignment.submissions_open
    return False


def _submission_rule(user: Any, action: str, submission: Submission) -> bool:
    group = submission.assignment.meeting.group
    own = submission.author_id == getattr(user, "pk", None)
    if action == "view":
        if own or facilitates(user, group):
            return True
        return submission.visibility == Submission.Visibility.GROUP and is_active_member(
            user, group
        )
    if action == "change":
        return own and is_active_member(user, group) and submission.assignment.submissions_open
    return False


def _journal_entry_rule(user: Any, action: str, entry: JournalEntry) -> bool:
    own = entry.author_id == getattr(user, "pk", None)
    if action in {"view", "change"}:
        return own
    if action == "share":
        return own and is_active_member(user, entry.group)
    return False


def _journal_excerpt_rule(user: Any, action: str, excerpt: JournalExcerpt) -> bool:
    own = excerpt.author_id == getattr(user, "pk", None)
    if action == "view":
        return own or group_insider(user, excerpt.group)
    if action == "withdraw":
        return own
    return False


# --- Library -------------------------------------------------------------------------------------
# The library is shared professional knowledge, not confidential: every signed-in person reads
# it. Those who design or run learning (admins, programme managers, facilitators) keep it.
# What a meeting brings in from it is seen by whoever sees the meeting (teachers who fly in
# included) and changed by whoever may change the meeting.


def _curates_library(user: Any) -> bool:
    roles = roles_of(user)
    held = set(roles.organisation_wide)
    for programme_roles in (*roles.by_programme.values(), *roles.group_roles_by_programme.values()):
        held |= programme_roles
    return is_admin(user) or bool({Role.PROGRAMME_MANAGER, Role.FACILITATOR} & held)


def _library_item_rule(user: Any, action: str, item: LibraryItem) -> bool:
    if action == "view":
        return getattr(user, "is_authenticated", False)
    if action == "change":
        return _curates_library(user)
    return False


def _meeting_resource_rule(user: Any, action: str, resource: MeetingResource) -> bool:
    if action == "view":
        return can(user, "view", resource.meeting)
    if action == "remove":
        return can(user, "change", resource.meeting)
    return False


# --- Availability and personal calendars ------------------------------------------------------
# A person keeps their own availability; nobody else changes it. The facilitators of a group,
# and the programme managers of its programme, see the group's availability: how many can make
# each slot and the dates of periods away, never notes or what an imported appointment was.


def availability_group_rule(user: Any, action: str, group: Group) -> bool:
    """Asked as ``can(user, "availability:view", group)``."""
    if action != "view":
        return False
    roles = roles_of(user)
    programme = group.programme
    manages = Role.PROGRAMME_MANAGER in roles.programme_level(programme.pk) or _provider_wide(
        user, roles, Role.PROGRAMME_MANAGER, programme
    )
    return facilitates(user, group) or manages


def _own_availability_rule(user: Any, action: str, item: AwayPeriod | CalendarImport) -> bool:
    return action in {"view", "remove"} and item.user_id == getattr(user, "pk", None)


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


def _facilitates_whole_programme(user: Any, programme: Programme) -> bool:
    return Role.FACILITATOR in roles_of(user).programme_level(programme.pk)


def forms_groups(user: Any, programme: Programme) -> bool:
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


def pool_staff(user: Any, pool: Pool) -> bool:
    return forms_groups(user, pool.programme)


def may_join_pool(user: Any, programme: Programme) -> bool:
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


def _pool_rule(user: Any, action: str, pool: Pool) -> bool:
    staff = pool_staff(user, pool)
    if action == "view":
        return (
            staff
            or (pool.status == Pool.Status.OPEN and may_join_pool(user, pool.programme))
            or pool.entries.filter(person_id=getattr(user, "pk", None)).exists()
        )
    if action == "sign_up":
        return pool.status == Pool.Status.OPEN and may_join_pool(user, pool.programme)
    if action in {"manage", "view_entries"}:
        return staff
    if action == "view_profiles":
        # Learning profiles are personal: the people who compose the groups see them; a
        # platform administrator does not, merely by being one.
        programme = pool.programme
        return _programme_manager(user, programme) or _facilitates_whole_programme(user, programme)
    return False


def _pool_entry_rule(user: Any, action: str, entry: PoolEntry) -> bool:
    own = entry.person_id == getattr(user, "pk", None)
    staff = pool_staff(user, entry.pool)
    formed = entry.pool.status == Pool.Status.FORMED
    if action == "view":
        return own or staff
    if action == "change":
        return (own and not formed and entry.status != PoolEntry.Status.WITHDRAWN) or staff
    if action == "withdraw":
        return own and not formed and entry.status != PoolEntry.Status.WITHDRAWN
    if action == "remove":
        return staff
    return False


def _pool_staff_rule(user: Any, action: str, item: FormationRun | PairRule) -> bool:
    return action in {"view", "change", "remove", "accept"} and pool_staff(user, item.pool)


def formation_programme_rule(user: Any, action: str, programme: Programme) -> bool:
    """Asked as ``can(user, "formation:<action>", programme)``: who starts a pool."""
    return action == "add_pool" and forms_groups(user, programme)


# --- Learning profiles -----------------------------------------------------------------------
# A learning profile is its owner's alone: nobody else opens its pages, not a facilitator, not
# a platform admin. Others see a summary only inside a formation pool the owner joined, and
# that is decided by the pool's rules (the pool page reads kring.profiles.selectors).


def _learning_profile_rule(user: Any, action: str, profile: LearningProfile) -> bool:
    return action == "view" and profile.person_id == getattr(user, "pk", None)


OBJECT_RULES: dict[type[Model], Callable[[Any, str, Any], bool]] = {
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
}


# --- Actions that are not about one existing object ------------------------------------------


def _may_create_programme(user: Any) -> bool:
    return is_admin(user) or Role.PROGRAMME_MANAGER in roles_of(user).organisation_wide


def _may_invite_anywhere(user: Any) -> bool:
    """Invitations without a programme: admins and provider-wide programme managers."""
    return _may_create_programme(user)


def _may_send_invitations(user: Any) -> bool:
    roles = roles_of(user)
    held = set(roles.organisation_wide)
    for programme_roles in (*roles.by_programme.values(), *roles.group_roles_by_programme.values()):
        held |= programme_roles
    return is_admin(user) or bool({Role.PROGRAMME_MANAGER, Role.FACILITATOR} & held)


CLASS_RULES: dict[tuple[type[Model], str], Callable[[Any], bool]] = {
    (Programme, "create"): _may_create_programme,
    (Programme, "list"): lambda user: getattr(user, "is_authenticated", False),
    (Organisation, "list"): is_admin,
    (Organisation, "create"): is_admin,
    (AuditEntry, "list"): is_admin,
    (Invitation, "create"): _may_send_invitations,
    (Invitation, "create_without_programme"): _may_invite_anywhere,
    (Invitation, "list"): _may_send_invitations,
    (SeriesTemplate, "list"): lambda user: designs_cycles(
        user, getattr(user, "organisation_id", None)
    ),
    (LibraryItem, "list"): lambda user: getattr(user, "is_authenticated", False),
    (LibraryItem, "create"): _curates_library,
    # Everyone has an overview of their own reflection; it lists only their groups.
    (Assignment, "list"): lambda user: getattr(user, "is_authenticated", False),
    # Everyone keeps their own availability and calendar settings.
    (WeeklyAvailability, "keep"): lambda user: getattr(user, "is_authenticated", False),
    (CalendarSettings, "keep"): lambda user: getattr(user, "is_authenticated", False),
    # Everyone may fill in their own learning profile.
    (LearningProfile, "fill_in"): lambda user: getattr(user, "is_authenticated", False),
}


def can(user: Any, action: str, target: Model | type[Model]) -> bool:
    """May ``user`` do ``action`` on ``target`` (an object, or a model class for actions such
    as "create" and "list")? Deny by default."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if isinstance(target, type):
        class_rule = CLASS_RULES.get((target, action))
        return bool(class_rule and class_rule(user))
    # __class__ rather than type(): request.user is a lazy proxy around the real User.
    if action.startswith("cycle:") and isinstance(target, Group):
        return learning_group_rule(user, action.removeprefix("cycle:"), target)
    if action.startswith("availability:") and isinstance(target, Group):
        return availability_group_rule(user, action.removeprefix("availability:"), target)
    if action.startswith("planning:") and isinstance(target, Programme | Group):
        return planning_rule(user, action.removeprefix("planning:"), target)
    if action.startswith("reflection:") and isinstance(target, Group):
        return reflection_group_rule(user, action.removeprefix("reflection:"), target)
    if action.startswith("formation:") and isinstance(target, Programme):
        return formation_programme_rule(user, action.removeprefix("formation:"), target)
    object_rule = OBJECT_RULES.get(target.__class__)
    return bool(object_rule and object_rule(user, action, target))


def require(user: Any, action: str, target: Model | type[Model]) -> None:
    if not can(user, action, target):
        raise PermissionDenied


def get_object(user: Any, action: str, queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch one object for ``action``. Someone who may not even see it gets a 404, so that
    confidential objects do not betray their existence; someone who may see it but not do
    ``action`` gets a 403."""
    try:
        obj = queryset.get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
    if not can(user, "view", obj):
        raise Http404
    if action != "view" and not can(user, action, obj):
        raise PermissionDenied
    return obj


# --- Selectors for lists -----------------------------------------------------------------------


def visible_programmes(user: Any) -> QuerySet[Programme]:
    """The programmes ``user`` may open, with the same outcome as ``can(user, "view", p)``."""
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


def visible_invitations(user: Any) -> QuerySet[Invitation]:
    """The invitations ``user`` may open, with the same outcome as ``can(user, "view", i)``:
    their own, or all of them for a platform admin."""
    invitations = Invitation.objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return invitations.none()
    return invitations if is_admin(user) else invitations.filter(invited_by=user)


def visible_groups(user: Any, programme: Programme | None = None) -> QuerySet[Group]:
    """The groups ``user`` may open, with the same outcome as ``can(user, "view", g)``."""
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
