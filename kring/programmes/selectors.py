"""Reads about programmes, groups and roles, shaped for pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from kring import access
from kring.accounts.models import User
from kring.programmes.models import Group, Programme, Role, RoleAssignment


@dataclass
class GroupCard:
    group: Group
    roles: list[str] = field(default_factory=list)


@dataclass
class ProgrammeCard:
    programme: Programme
    roles: list[str] = field(default_factory=list)
    groups: list[GroupCard] = field(default_factory=list)


def my_programmes(person: User) -> list[ProgrammeCard]:
    """Each programme the person holds a role in, with the roles and the groups they are in.
    Two queries, however many roles."""
    assignments = (
        RoleAssignment.objects.filter(person=person, programme__isnull=False)
        .select_related("programme__client", "group")
        .order_by("programme__starts_on", "programme__name", "group__name")
    )
    cards: dict[int, ProgrammeCard] = {}
    group_cards: dict[int, GroupCard] = {}
    for assignment in assignments:
        programme = assignment.programme
        assert programme is not None
        card = cards.setdefault(programme.pk, ProgrammeCard(programme=programme))
        label = str(Role(assignment.role).label)
        if assignment.group is None:
            card.roles.append(label)
            continue
        group_card = group_cards.get(assignment.group.pk)
        if group_card is None:
            group_card = group_cards[assignment.group.pk] = GroupCard(group=assignment.group)
            card.groups.append(group_card)
        group_card.roles.append(label)
    return list(cards.values())


def is_last_facilitator(assignment: RoleAssignment) -> bool:
    """Whether removing this role would leave its group without an active facilitator (one for
    the group itself, or one for the whole programme)."""
    if assignment.role != Role.FACILITATOR or assignment.group_id is None:
        return False
    others = RoleAssignment.objects.filter(
        Q(group_id=assignment.group_id)
        | Q(programme_id=assignment.programme_id, group__isnull=True),
        role=Role.FACILITATOR,
        person__is_active=True,
    ).exclude(pk=assignment.pk)
    return not others.exists()


def organisation_roles(person: User) -> list[str]:
    return [
        str(Role(role).label)
        for role in RoleAssignment.objects.filter(
            person=person, programme__isnull=True
        ).values_list("role", flat=True)
    ]


def programme_list(user: User | AnonymousUser) -> QuerySet[Programme]:
    return (
        access.visible_programmes(user)
        .annotate(group_count=Count("groups", distinct=True))
        .order_by("status", "-starts_on", "name")
    )


def programme_groups(user: User | AnonymousUser, programme: Programme) -> list[Group]:
    """The groups of a programme with their size, for everyone who may see the programme.
    Names of groups and their sizes are not personal; ``may_open`` says whose members and
    work this person may see (the client, for instance, may not); ``may_see_harvest`` whose
    harvest (the group's outcomes) they may read."""
    groups: list[Group] = list(
        Group.objects.filter(programme=programme)
        .select_related("programme")
        .annotate(
            participant_count=Count(
                "role_assignments", filter=Q(role_assignments__role="participant")
            )
        )
    )
    openable = set(access.visible_groups(user, programme).values_list("pk", flat=True))
    for group in groups:
        group.may_open = group.pk in openable  # type: ignore[attr-defined]
        # The programme manager follows each group's outcomes from here.
        group.may_see_harvest = group.kind != Group.Kind.COHORT and access.can(  # type: ignore[attr-defined]
            user, access.CycleAction.VIEW_OUTCOMES, group
        )
    return groups


def programme_roles(programme: Programme) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(programme=programme, group__isnull=True)
        .select_related("person__organisation")
        .order_by("role", "person__full_name")
    )


def group_roles(group: Group) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(group=group)
        .select_related("person__organisation")
        .order_by("role", "person__full_name")
    )


def managed_programme_ids(user: User) -> set[int]:
    """The running or coming programmes ``user`` manages as programme manager (for the
    programme, or for every programme of their organisation)."""
    roles = access.roles_of(user)
    own = {pid for pid, held in roles.by_programme.items() if Role.PROGRAMME_MANAGER in held}
    condition = Q(pk__in=own)
    organisation_wide = Role.PROGRAMME_MANAGER in roles.organisation_wide
    if organisation_wide and user.organisation_id is not None:
        condition |= Q(provider_id=user.organisation_id)
    elif not own:
        return set()
    return set(
        Programme.objects.filter(condition)
        .filter(status__in=[Programme.Status.DRAFT, Programme.Status.ACTIVE])
        .values_list("pk", flat=True)
    )


def groups_without_facilitator(programme_ids: set[int]) -> list[Group]:
    """Groups of these programmes that nobody facilitates: no facilitator for the group and
    none for its whole programme."""
    if not programme_ids:
        return []
    whole_programme = RoleAssignment.objects.filter(
        role=Role.FACILITATOR, group__isnull=True, programme_id__in=programme_ids
    ).values("programme_id")
    return list(
        Group.objects.filter(programme_id__in=programme_ids)
        .exclude(role_assignments__role=Role.FACILITATOR)
        .exclude(programme_id__in=whole_programme)
        .select_related("programme")
        .order_by("programme__name", "name")
    )
