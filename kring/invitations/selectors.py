"""Reads about invitations and adding a person: finding a colleague by name or e-mail
address, and the invitations someone sent that still wait for an answer."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q

from kring.accounts.models import User, normalise_email
from kring.invitations.models import Invitation
from kring.programmes.models import Group, Programme, RoleAssignment

SEARCH_LIMIT = 8
SHOWN_ON_OVERVIEW = 5
SEARCH_MIN_LENGTH = 2


@dataclass
class Found:
    person: User
    roles_here: list[str]


@dataclass
class Search:
    query: str
    found: list[Found]
    total: int
    # The query is an e-mail address no account has: it can be invited as someone new.
    new_address: str


def people_search(*, actor: User, programme: Programme, group: Group | None, query: str) -> Search:
    """People to add, found by part of their name or e-mail address among the organisations
    of the programme (its provider and client) and the searcher's own; an exact e-mail address
    finds its account wherever it is. At most ``SEARCH_LIMIT`` are listed: a longer query
    narrows the list, so no page ever lists every colleague."""
    query = " ".join(query.split())[:254]
    if len(query) < SEARCH_MIN_LENGTH:
        return Search(query=query, found=[], total=0, new_address="")
    organisations = {programme.provider_id, programme.client_id, actor.organisation_id} - {None}
    matches = Q()
    for word in query.split():
        matches &= Q(full_name__icontains=word) | Q(email__icontains=word)
    email = normalise_email(query) if "@" in query and " " not in query else ""
    people = User.objects.filter(is_active=True).filter(
        (matches & Q(organisation_id__in=organisations)) | (Q(email=email) if email else Q(pk=None))
    )
    total = people.count()
    listed = list(people.select_related("organisation").order_by("full_name", "pk")[:SEARCH_LIMIT])
    held = RoleAssignment.objects.filter(person__in=listed, programme=programme)
    held = held.filter(group=group) if group is not None else held.filter(group__isnull=True)
    roles: dict[int, list[str]] = {}
    for assignment in held:
        roles.setdefault(assignment.person_id, []).append(assignment.get_role_display())
    new_address = ""
    if email and _looks_like_address(email) and not User.objects.filter(email=email).exists():
        new_address = email
    return Search(
        query=query,
        found=[Found(person=p, roles_here=roles.get(p.pk, [])) for p in listed],
        total=total,
        new_address=new_address,
    )


def _looks_like_address(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def open_invitations_sent(person: User) -> tuple[list[Invitation], int]:
    """The invitations ``person`` sent that are still waiting for an answer, the ones that
    expire soonest first (at most ``SHOWN_ON_OVERVIEW``), and how many there are in all."""
    waiting = Invitation.objects.open().filter(invited_by=person)
    shown = list(
        waiting.select_related("programme", "group").order_by("expires_at")[:SHOWN_ON_OVERVIEW]
    )
    total = len(shown) if len(shown) < SHOWN_ON_OVERVIEW else waiting.count()
    return shown, total
