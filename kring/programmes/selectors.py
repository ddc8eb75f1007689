"""Reads about programmes, groups and roles, shaped for pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from kring import access
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


def my_programmes(person: Any) -> list[ProgrammeCard]:
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


def organisation_roles(person: Any) -> list[str]:
    return [
        str(Role(role).label)
        for role in RoleAssignment.objects.filter(
            person=person, programme__isnull=True
        ).values_list("role", flat=True)
    ]


def programme_list(user: Any) -> QuerySet[Programme]:
    return (
        access.visible_programmes(user)
        .annotate(group_count=Count("groups", distinct=True))
        .order_by("status", "-starts_on", "name")
    )


def programme_groups(user: Any, programme: Programme) -> QuerySet[Group]:
    """Groups shown on a programme page: all of them by name and size for staff; the client
    and participants see only the groups they may open (no names of other members)."""
    groups = Group.objects.filter(programme=programme).annotate(
        participant_count=Count("role_assignments", filter=Q(role_assignments__role="participant"))
    )
    if access.can(user, "view_people", programme):
        return groups
    return groups.filter(pk__in=access.visible_groups(user, programme).values("pk"))


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
