"""Writes about programmes, groups and roles."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import Organisation, User
from kring.audit.services import audit_record
from kring.core import dates
from kring.core.locking import save_versioned
from kring.programmes.models import (
    GROUP_ROLES,
    ORGANISATION_ROLES,
    Group,
    Programme,
    Role,
    RoleAssignment,
)
from kring.programmes.selectors import is_last_facilitator


def programme_create(
    *,
    actor: User,
    name: str,
    kind: str,
    provider: Organisation,
    client: Organisation | None = None,
    status: str = Programme.Status.DRAFT,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    description: str = "",
    tailoring: str = "",
    duration_months: int | None = None,
    participant_count: int | None = None,
    system_impact: str = "",
) -> Programme:
    """Start a programme. Its creator becomes its programme manager, so that the design has an
    owner from the first moment."""
    access.require(actor, access.Action.CREATE, Programme)
    dates.check_dates(dates.PROGRAMME, starts_on=starts_on, ends_on=ends_on)
    with transaction.atomic():
        programme = Programme(
            name=name.strip(),
            kind=kind,
            provider=provider,
            client=client,
            status=status,
            starts_on=starts_on,
            ends_on=ends_on,
            description=description,
            tailoring=tailoring,
            duration_months=duration_months,
            participant_count=participant_count,
            system_impact=system_impact,
            created_by=actor,
        )
        programme_validate(programme)
        programme.save()
        RoleAssignment.objects.create(
            person=actor, role=Role.PROGRAMME_MANAGER, programme=programme, assigned_by=actor
        )
        access.forget_roles(actor)
        audit_record(actor=actor, action="programme.create", obj=programme)
    return programme


def programme_validate(programme: Programme) -> None:
    """The rules a programme keeps, with messages on the field they concern."""
    errors: dict[str, str] = {}
    if programme.kind == Programme.Kind.IN_COMPANY and programme.client is None:
        errors["client"] = _("An in-company trajectory needs a client organisation.")
    if programme.provider.kind != Organisation.Kind.PROVIDER:
        errors["provider"] = _("Choose a training provider.")
    if programme.starts_on and programme.ends_on and programme.ends_on < programme.starts_on:
        errors["ends_on"] = _("The end date lies before the start date.")
    if errors:
        raise ValidationError(errors)
    programme.full_clean()


PROGRAMME_FIELDS = ["name", "kind", "client", "status", "starts_on", "ends_on", "description"]
# The programme's type (D1).
PROGRAMME_FIELDS += ["tailoring", "duration_months", "participant_count", "system_impact"]


def programme_update(
    *, actor: User, programme: Programme, expected_version: int, **changes: Any
) -> Programme:
    access.require(actor, access.Action.CHANGE, programme)
    dates.check_changed_dates(programme, changes, ("starts_on", "ends_on"), dates.PROGRAMME)
    with transaction.atomic():
        for field_name in PROGRAMME_FIELDS:
            if field_name in changes:
                setattr(programme, field_name, changes[field_name])
        programme.name = programme.name.strip()
        programme_validate(programme)
        save_versioned(programme, expected_version=expected_version, fields=PROGRAMME_FIELDS)
        audit_record(actor=actor, action="programme.update", obj=programme)
    return programme


def group_create(
    *, actor: User, programme: Programme, name: str, kind: str, description: str = ""
) -> Group:
    """Add a group to a programme."""
    access.require(actor, access.Action.ADD_GROUP, programme)
    return _group_create(
        actor=actor, programme=programme, name=name, kind=kind, description=description
    )


def _group_create(
    *, actor: User, programme: Programme, name: str, kind: str, description: str = ""
) -> Group:
    """``group_create`` without asking the policy: for a service that asked it about a
    broader act itself (accepting a formation proposal)."""
    with transaction.atomic():
        group = Group(programme=programme, name=name.strip(), kind=kind, description=description)
        group.full_clean()
        group.save()
        audit_record(actor=actor, action="group.create", obj=group)
    return group


GROUP_FIELDS = ["name", "kind", "description"]


def group_update(*, actor: User, group: Group, expected_version: int, **changes: Any) -> Group:
    access.require(actor, access.Action.CHANGE, group)
    with transaction.atomic():
        for field_name in GROUP_FIELDS:
            if field_name in changes:
                setattr(group, field_name, changes[field_name])
        group.name = group.name.strip()
        group.full_clean()
        save_versioned(group, expected_version=expected_version, fields=GROUP_FIELDS)
        audit_record(actor=actor, action="group.update", obj=group)
    return group


def role_scope_check(*, role: str, programme: Programme | None, group: Group | None) -> None:
    """A role must fit where it is held: facilitators, teachers and participants may be tied
    to one group; programme managers, support staff and team leaders may also hold their role
    for the whole organisation; the others belong to a programme."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if group is not None:
        if programme is None or group.programme_id != programme.pk:
            raise ValidationError({"group": _("This group belongs to another programme.")})
        if role not in GROUP_ROLES:
            raise ValidationError(
                {"role": _("This role is held for a whole programme, not for one group.")}
            )
    elif programme is None and role not in ORGANISATION_ROLES:
        raise ValidationError({"role": _("This role needs a programme.")})


def role_grant_check(
    *,
    actor: User,
    role: str,
    programme: Programme | None,
    group: Group | None,
    person: User | None,
) -> None:
    """Nobody grants a role they may not assign directly (the rule is ``access.may_grant``).
    ``person=None`` is a new address invited by e-mail. The error names what to do instead."""
    if access.may_grant(actor, role, programme=programme, group=group, person=person):
        return
    if role in access.grantable_roles(actor, programme=programme, group=group, by_invitation=False):
        if person is None:
            raise ValidationError(
                {
                    "role": _(
                        "A new facilitator is invited by the programme manager. A colleague who "
                        "already has an account becomes co-facilitator on the group's page."
                    )
                }
            )
        raise ValidationError(
            {
                "email": _(
                    "Only a colleague from your own organisation can become co-facilitator. Ask "
                    "the programme manager to add someone from elsewhere."
                )
            }
        )
    if group is None and programme is not None and role in GROUP_ROLES:
        for candidate in programme.groups.all():
            if access.may_grant(actor, role, programme=programme, group=candidate, person=person):
                raise ValidationError(
                    {
                        "group": _(
                            "Choose the group: you can give this role only in a group you "
                            "facilitate."
                        )
                    }
                )
    raise ValidationError(
        {"role": _("You cannot give this role. Choose one of the roles in the list.")}
    )


def role_assign(
    *,
    actor: User,
    person: User,
    role: str,
    programme: Programme | None,
    group: Group | None = None,
) -> RoleAssignment:
    """Give a person a role. One person may hold several roles, but not the same one twice in
    the same place. Only a role the actor may grant (``role_grant_check``)."""
    if group is not None:
        access.require(actor, access.Action.MANAGE_ROLES, group)
    elif programme is not None:
        access.require(actor, access.Action.MANAGE_ROLES, programme)
    elif not access.is_admin(actor):
        raise PermissionDenied
    role_scope_check(role=role, programme=programme, group=group)
    role_grant_check(actor=actor, role=role, programme=programme, group=group, person=person)
    return _role_assign(actor=actor, person=person, role=role, programme=programme, group=group)


def _role_assign(
    *,
    actor: User,
    person: User,
    role: str,
    programme: Programme | None,
    group: Group | None = None,
) -> RoleAssignment:
    """``role_assign`` without asking the policy: for a service that asked it about a broader
    act itself (accepting a formation proposal, or an invitation whose sender may still grant
    the role). The role must still fit the place."""
    role_scope_check(role=role, programme=programme, group=group)
    existing = RoleAssignment.objects.filter(person=person, role=role)
    existing = (
        existing.filter(group=group)
        if group
        else existing.filter(group__isnull=True, programme=programme)
    )
    if existing.exists():
        raise ValidationError(_("%(person)s already has this role here.") % {"person": person})
    with transaction.atomic():
        assignment = RoleAssignment.objects.create(
            person=person, role=role, programme=programme, group=group, assigned_by=actor
        )
        access.forget_roles(person)
        audit_record(
            actor=actor,
            action="role.assign",
            obj=assignment,
            detail={"person": person.pk, "role": role},
        )
    return assignment


def role_remove(
    *,
    actor: User,
    assignment: RoleAssignment,
    leave_without_facilitator: bool = False,
    reason: str = "",
) -> None:
    """Take a role away, for the ``reason`` kept in the audit log. A group keeps a facilitator:
    its last one is removed only by the programme manager
    (``access.may_leave_without_facilitator``), who says so knowingly with
    ``leave_without_facilitator``."""
    access.require(actor, access.Action.REMOVE, assignment)
    with transaction.atomic():
        if assignment.group_id is not None:
            # Two co-facilitators removing each other at once: the second one waits and sees
            # that the first has gone.
            group = Group.objects.select_for_update().get(pk=assignment.group_id)
            if is_last_facilitator(assignment):
                _last_facilitator_check(actor, assignment, group, leave_without_facilitator)
        audit_record(
            actor=actor,
            action="role.remove",
            obj=assignment,
            detail={
                "person": assignment.person_id,
                "role": assignment.role,
                "reason": reason.strip(),
            },
        )
        assignment.delete()
        access.forget_roles(assignment.person)


def _last_facilitator_check(
    actor: User, assignment: RoleAssignment, group: Group, knowingly: bool
) -> None:
    names = {"person": assignment.person, "group": group}
    if not access.may_leave_without_facilitator(actor, group):
        if assignment.person_id == actor.pk:
            raise ValidationError(
                _(
                    "You are the only facilitator of %(group)s. Give someone else the facilitator "
                    "role first, or ask the programme manager."
                )
                % names
            )
        raise ValidationError(
            _(
                "%(person)s is the only facilitator of %(group)s. Give someone else the "
                "facilitator role first; only the programme manager can leave a group without "
                "a facilitator."
            )
            % names
        )
    if not knowingly:
        raise ValidationError(
            {
                "leave_without_facilitator": _(
                    "Tick the box to confirm that %(group)s may be without a facilitator for now."
                )
                % names
            }
        )
