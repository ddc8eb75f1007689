"""Writes about pools and forming learning groups. Each function states the rule it keeps in
the words a facilitator would use; views, commands and tests all come through here."""

from __future__ import annotations

import copy
import dataclasses
import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kring import access
from kring.accounts.models import User
from kring.audit.services import audit_record
from kring.availability.selectors import weekly_slots
from kring.availability.services import set_weekly_slots
from kring.core import dates
from kring.core.exceptions import EditConflict
from kring.core.locking import save_versioned
from kring.formation import compose
from kring.formation.explain import size_problem_text
from kring.formation.models import (
    FormationRun,
    FormedGroup,
    PairRule,
    Pool,
    PoolEntry,
    RatherNot,
)
from kring.formation.sizing import SizeProblem, check_order
from kring.formation.tasks import form_groups, send_pool_invitation
from kring.learning import composition
from kring.learning.services import _member_add
from kring.programmes.models import Group, Role
from kring.programmes.services import _group_create, _role_assign

MIN_SEARCH_SECONDS = 2
MAX_SEARCH_SECONDS = 120
MAX_WEIGHT = 5


def tidy_context(context: str) -> str:
    return " / ".join(compose.context_units(context))


# --- Pools -----------------------------------------------------------------------------------


def pool_create(
    *,
    actor: User,
    programme: Any,
    name: str,
    description: str = "",
    closes_on: Any = None,
) -> Pool:
    """Start a pool for a programme. It begins in preparation: nobody can sign up until its
    staff open it."""
    access.require(actor, access.FormationAction.ADD_POOL, programme)
    dates.check_dates(closes_on=closes_on)
    with transaction.atomic():
        pool = Pool(
            programme=programme,
            name=name.strip(),
            description=description.strip(),
            closes_on=closes_on,
            created_by=actor,
        )
        pool.full_clean()
        pool.save()
        audit_record(actor=actor, action="pool.create", obj=pool)
    return pool


POOL_FIELDS = ["name", "description", "status", "closes_on"]


def pool_update(*, actor: User, pool: Pool, expected_version: int, **changes: Any) -> Pool:
    """Change a pool's name, text, sign-up period or status. Only accepting a proposal marks
    a pool as formed, and a formed pool stays formed."""
    access.require(actor, access.Action.MANAGE, pool)
    if pool.status == Pool.Status.FORMED:
        raise ValidationError(
            _("The groups of this pool have been formed; it can no longer change.")
        )
    if changes.get("status") == Pool.Status.FORMED:
        raise ValidationError(
            {"status": _("A pool counts as formed once a proposal has been accepted.")}
        )
    dates.check_changed_dates(pool, changes, ("closes_on",))
    with transaction.atomic():
        for name in POOL_FIELDS:
            if name in changes:
                setattr(pool, name, changes[name])
        pool.name = pool.name.strip()
        pool.full_clean()
        save_versioned(pool, expected_version=expected_version, fields=POOL_FIELDS)
        audit_record(actor=actor, action="pool.update", obj=pool, detail={"status": pool.status})
    return pool


SETTINGS_FIELDS = Pool.SETTINGS_FIELDS


def settings_problems(values: dict[str, Any]) -> dict[str, str]:
    """What is wrong with a set of formation settings, per field, whatever the pool size."""
    errors: dict[str, str] = {}
    try:
        check_order(
            target=values["target_size"],
            minimum=values["min_size"],
            maximum=values["max_size"],
            ceiling=composition.MAXIMUM_SIZE,
        )
    except SizeProblem as problem:
        field = {"too_small": "min_size", "too_large": "max_size"}.get(problem.code, "target_size")
        errors[field] = size_problem_text(problem)
    weights = [values[f"weight_{k}"] for k in ("task", "context", "position", "availability")]
    if not any(weights):
        errors["weight_task"] = _("Give at least one thing weight, or every grouping is as good.")
    if values["min_common_slots"] > 3:
        errors["min_common_slots"] = _("Ask at most three common weekly moments per group.")
    if not MIN_SEARCH_SECONDS <= values["search_seconds"] <= MAX_SEARCH_SECONDS:
        errors["search_seconds"] = _("Choose between %(low)s and %(high)s seconds.") % {
            "low": MIN_SEARCH_SECONDS,
            "high": MAX_SEARCH_SECONDS,
        }
    return errors


def pool_settings_set(*, actor: User, pool: Pool, expected_version: int, **values: Any) -> Pool:
    """Set how the groups are to be formed: sizes, what counts in the match, and the rules."""
    access.require(actor, access.Action.MANAGE, pool)
    if pool.status == Pool.Status.FORMED:
        raise ValidationError(
            _("The groups of this pool have been formed; it can no longer change.")
        )
    merged = {name: values.get(name, getattr(pool, name)) for name in SETTINGS_FIELDS}
    errors = settings_problems(merged)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for name, value in merged.items():
            setattr(pool, name, value)
        save_versioned(pool, expected_version=expected_version, fields=SETTINGS_FIELDS)
        audit_record(actor=actor, action="pool.settings", obj=pool, detail=dict(merged))
    return pool


# --- Entries ---------------------------------------------------------------------------------


def _check_entry(person: User, manager: User | None, rather_not: Sequence[User]) -> None:
    errors: dict[str, str] = {}
    if manager is not None and manager.pk == person.pk:
        errors["manager"] = _("Someone cannot be their own manager.")
    if any(other.pk == person.pk for other in rather_not):
        errors["rather_not"] = _("Leave yourself out of this list.")
    if errors:
        raise ValidationError(errors)


def _set_rather_not(entry: PoolEntry, rather_not: Iterable[User] | None) -> None:
    if rather_not is None:
        return
    wanted = {other.pk for other in rather_not}
    RatherNot.objects.filter(entry=entry).exclude(other_id__in=wanted).delete()
    have = set(RatherNot.objects.filter(entry=entry).values_list("other_id", flat=True))
    RatherNot.objects.bulk_create(
        [RatherNot(entry=entry, other_id=pk) for pk in sorted(wanted - have)]
    )


def _set_slots(person: User, slots: Sequence[int] | None, version: int | None) -> None:
    """Availability is the person's own weekly grid, the same one planning uses. An unchanged
    grid is not written again: every change makes planning look at that person's groups."""
    if slots is None or sorted(set(slots)) == weekly_slots(person):
        return
    try:
        set_weekly_slots(person, slots, expected_version=version or None)
    except ValueError as error:
        raise ValidationError({"slots": _("Choose moments from the weekly grid.")}) from error


ENTRY_FIELDS = ["task", "work_context", "layer", "manager", "status", "signed_up_at"]


def entry_sign_up(
    *,
    person: User,
    pool: Pool,
    task: str,
    work_context: str,
    layer: int,
    manager: User | None = None,
    slots: Sequence[int] | None = None,
    availability_version: int | None = None,
    rather_not: Sequence[User] | None = None,
    expected_version: int | None = None,
) -> PoolEntry:
    """Sign yourself up for the pool, confirm after a facilitator added you, or change what
    you told. Only the person can sign themselves up: taking part is voluntary."""
    entry = PoolEntry.objects.filter(pool=pool, person=person).first()
    if entry is None or entry.status == PoolEntry.Status.WITHDRAWN:
        access.require(person, access.Action.SIGN_UP, pool)
    else:
        access.require(person, access.Action.CHANGE, entry)
    _check_entry(person, manager, rather_not or [])
    with transaction.atomic():
        creating = entry is None
        if entry is None:
            entry = PoolEntry(pool=pool, person=person, added_by=person)
        before = entry.status
        entry.task = task.strip()
        entry.work_context = tidy_context(work_context)
        entry.layer = layer
        entry.manager = manager
        if entry.status != PoolEntry.Status.SIGNED_UP:
            entry.status = PoolEntry.Status.SIGNED_UP
            entry.signed_up_at = timezone.now()
        entry.full_clean(exclude=["pool", "person"])
        if creating:
            entry.save()
        else:
            save_versioned(
                entry,
                expected_version=entry.version if expected_version is None else expected_version,
                fields=ENTRY_FIELDS,
            )
        _set_rather_not(entry, rather_not)
        _set_slots(person, slots, availability_version)
        if creating or before == PoolEntry.Status.WITHDRAWN:
            action = "pool.sign_up"
        elif before == PoolEntry.Status.INVITED:
            action = "pool.confirm"
        else:
            action = "pool.entry_update"
        audit_record(actor=person, action=action, obj=entry)
    return entry


def entry_add(
    *,
    actor: User,
    pool: Pool,
    person: User,
    task: str,
    work_context: str,
    layer: int,
    manager: User | None = None,
    consent_given: bool = False,
    consent_note: str = "",
    slots: Sequence[int] | None = None,
    availability_version: int | None = None,
    rather_not: Sequence[User] | None = None,
) -> PoolEntry:
    """A facilitator adds someone to the pool. Taking part stays voluntary: the person is
    asked to confirm, unless the facilitator records how the person already agreed (by
    e-mail, in a conversation); that record counts as their sign-up. Someone who withdrew
    themselves is only asked again."""
    access.require(actor, access.Action.MANAGE, pool)
    if pool.status == Pool.Status.FORMED:
        raise ValidationError(
            _("The groups of this pool have been formed; it can no longer change.")
        )
    if not access.may_join_pool(person, pool.programme):
        raise ValidationError(
            {
                "person": _("%(person)s is not one of the people these learning groups are for.")
                % {"person": person}
            }
        )
    existing = PoolEntry.objects.filter(pool=pool, person=person).first()
    if existing is not None and existing.status != PoolEntry.Status.WITHDRAWN:
        raise ValidationError(
            {"person": _("%(person)s is already in this pool.") % {"person": person}}
        )
    if consent_given and existing is not None:
        raise ValidationError(
            {
                "consent_given": _(
                    "%(person)s withdrew from this pool themselves, so only they can sign up "
                    "again. Leave this unticked: they will be asked to confirm."
                )
                % {"person": person}
            }
        )
    if consent_given and not consent_note.strip():
        raise ValidationError(
            {"consent_note": _("Say how they agreed, for example: by e-mail on 3 March.")}
        )
    _check_entry(person, manager, rather_not or [])
    with transaction.atomic():
        entry = existing or PoolEntry(pool=pool, person=person)
        entry.task = task.strip()
        entry.work_context = tidy_context(work_context)
        entry.layer = layer
        entry.manager = manager
        entry.added_by = actor
        if consent_given:
            entry.status = PoolEntry.Status.SIGNED_UP
            entry.signed_up_at = timezone.now()
            entry.consent_recorded_by = actor
            entry.consent_note = consent_note.strip()
        else:
            entry.status = PoolEntry.Status.INVITED
            entry.signed_up_at = None
            entry.consent_recorded_by = None
            entry.consent_note = ""
        entry.full_clean(exclude=["pool", "person"])
        if existing is not None:
            entry.version += 1
        entry.save()
        _set_rather_not(entry, rather_not)
        _set_slots(person, slots, availability_version)
        audit_record(
            actor=actor,
            action="pool.add",
            obj=entry,
            detail={"consent_recorded": consent_given},
        )
        if not consent_given:
            entry_id = entry.pk
            transaction.on_commit(lambda: send_pool_invitation.enqueue(entry_id))
    return entry


def entry_update(
    *,
    actor: User,
    entry: PoolEntry,
    expected_version: int,
    task: str,
    work_context: str,
    layer: int,
    manager: User | None = None,
    slots: Sequence[int] | None = None,
    availability_version: int | None = None,
    rather_not: Sequence[User] | None = None,
) -> PoolEntry:
    """Correct what is known about someone in the pool (the person or the pool's staff).
    It never changes whether they take part: only they decide that."""
    access.require(actor, access.Action.CHANGE, entry)
    _check_entry(entry.person, manager, rather_not or [])
    with transaction.atomic():
        entry.task = task.strip()
        entry.work_context = tidy_context(work_context)
        entry.layer = layer
        entry.manager = manager
        entry.full_clean(exclude=["pool", "person"])
        save_versioned(entry, expected_version=expected_version, fields=ENTRY_FIELDS)
        _set_rather_not(entry, rather_not)
        _set_slots(entry.person, slots, availability_version)
        audit_record(actor=actor, action="pool.entry_update", obj=entry)
    return entry


def entry_withdraw(*, person: User, entry: PoolEntry) -> PoolEntry:
    """Leave the pool. Whom you would rather not meet is forgotten with it."""
    access.require(person, access.Action.WITHDRAW, entry)
    with transaction.atomic():
        entry.status = PoolEntry.Status.WITHDRAWN
        entry.version += 1
        entry.save(update_fields=["status", "version"])
        RatherNot.objects.filter(entry=entry).delete()
        audit_record(actor=person, action="pool.withdraw", obj=entry)
    return entry


def entry_remove(*, actor: User, entry: PoolEntry) -> None:
    """Take someone out of the pool altogether (added by mistake), with their pairing rules."""
    access.require(actor, access.Action.REMOVE, entry)
    with transaction.atomic():
        audit_record(
            actor=actor, action="pool.remove", obj=entry, detail={"person": entry.person_id}
        )
        PairRule.objects.filter(pool=entry.pool, first=entry.person).delete()
        PairRule.objects.filter(pool=entry.pool, second=entry.person).delete()
        entry.delete()


# --- Pairing rules -----------------------------------------------------------------------------


def pair_add(
    *, actor: User, pool: Pool, kind: str, first: User, second: User, note: str = ""
) -> PairRule:
    """Two people of the pool must share a group, or must not. A new rule for the same two
    people replaces the old one."""
    access.require(actor, access.Action.MANAGE, pool)
    if kind not in PairRule.Kind.values:
        raise ValidationError({"kind": _("Choose together or apart.")})
    if first.pk == second.pk:
        raise ValidationError({"second": _("Choose two different people.")})
    in_pool = set(
        pool.entries.exclude(status=PoolEntry.Status.WITHDRAWN)
        .filter(person__in=[first, second])
        .values_list("person_id", flat=True)
    )
    missing = [p for p in (first, second) if p.pk not in in_pool]
    if missing:
        raise ValidationError(
            _("%(person)s is not in this pool.") % {"person": missing[0].full_name}
        )
    a, b = sorted([first, second], key=lambda p: p.pk)
    with transaction.atomic():
        rule, _created = PairRule.objects.update_or_create(
            pool=pool,
            first=a,
            second=b,
            defaults={"kind": kind, "note": note.strip(), "created_by": actor},
        )
        audit_record(actor=actor, action="pool.pair", obj=pool, detail={"kind": kind})
    return rule


def pair_remove(*, actor: User, rule: PairRule) -> None:
    access.require(actor, access.Action.REMOVE, rule)
    with transaction.atomic():
        audit_record(actor=actor, action="pool.pair_remove", obj=rule.pool)
        rule.delete()


# --- Runs ------------------------------------------------------------------------------------


def run_start(*, actor: User, pool: Pool) -> FormationRun:
    """Let the grouping engine propose groups for everyone who takes part now, in the
    background. One run at a time per pool; the sizes must fit the number of people."""
    access.require(actor, access.Action.MANAGE, pool)
    if pool.status == Pool.Status.FORMED:
        raise ValidationError(_("The groups of this pool have been formed already."))
    _end_abandoned_runs(pool)
    if pool.runs.filter(
        status__in=[FormationRun.Status.QUEUED, FormationRun.Status.RUNNING]
    ).exists():
        raise ValidationError(
            _("Kring is already forming groups for this pool. Wait until that run is done.")
        )
    try:
        instance, snapshot = compose.instance_build(pool)
    except SizeProblem as problem:
        raise ValidationError(size_problem_text(problem)) from problem
    with transaction.atomic():
        number = (pool.runs.aggregate(top=Max("number"))["top"] or 0) + 1
        run = FormationRun.objects.create(
            pool=pool,
            number=number,
            instance=instance,
            limits=snapshot,
            time_limit=pool.search_seconds,
            seed=number,
            created_by=actor,
        )
        audit_record(
            actor=actor, action="formation.run", obj=run, detail={"people": len(instance["people"])}
        )
        run_id = run.pk
        transaction.on_commit(lambda: form_groups.enqueue(run_id))
    return run


ABANDONED_AFTER = datetime.timedelta(minutes=10)


def _end_abandoned_runs(pool: Pool) -> None:
    """A run the worker never finished (it was stopped mid-run, or never started) must not
    block the pool for ever: after its search time and ten minutes more it counts as failed."""
    now = timezone.now()
    for run in pool.runs.filter(
        status__in=[FormationRun.Status.QUEUED, FormationRun.Status.RUNNING]
    ):
        since = run.started_at or run.created_at
        if now - since > ABANDONED_AFTER + datetime.timedelta(seconds=run.time_limit):
            FormationRun.objects.filter(pk=run.pk, status=run.status).update(
                status=FormationRun.Status.FAILED,
                message="abandoned: no result in time",
                finished_at=now,
            )


# --- Editing the proposal ------------------------------------------------------------------------


def _editable(actor: User, run: FormationRun) -> None:
    access.require(actor, access.Action.CHANGE, run)
    if run.status != FormationRun.Status.PROPOSED:
        raise ValidationError(_("This proposal can no longer be changed."))


def _where(groups: list[list[str]], person_id: str) -> int:
    for number, members in enumerate(groups):
        if person_id in members:
            return number
    raise ValidationError(_("This person is not in the proposal."))


def _save_groups(actor: User, run: FormationRun, groups: list[list[str]], version: int) -> None:
    run.groups = groups
    run.edited_by = actor
    run.edited_at = timezone.now()
    save_versioned(run, expected_version=version, fields=["groups", "edited_by", "edited_at"])


def proposal_move(
    *, actor: User, run: FormationRun, person_id: str, to_group: int, expected_version: int
) -> FormationRun:
    """Move one person into another group (``to_group`` = the number of groups: a new one).
    Sizes may then differ from what was asked; the proposal warns, it does not forbid."""
    _editable(actor, run)
    groups = copy.deepcopy(run.groups)
    source = _where(groups, person_id)
    if not 0 <= to_group <= len(groups):
        raise ValidationError(_("Choose a group from the list."))
    if to_group == source:
        return run
    with transaction.atomic():
        groups[source].remove(person_id)
        if to_group == len(groups):
            groups.append([])
        groups[to_group].append(person_id)
        _save_groups(actor, run, groups, expected_version)
        audit_record(actor=actor, action="formation.move", obj=run)
    return run


def proposal_swap(
    *, actor: User, run: FormationRun, first: str, second: str, expected_version: int
) -> FormationRun:
    """Exchange two people between their groups; sizes stay as they are."""
    _editable(actor, run)
    groups = copy.deepcopy(run.groups)
    a, b = _where(groups, first), _where(groups, second)
    if a == b:
        raise ValidationError(_("These two people are already in the same group."))
    with transaction.atomic():
        groups[a][groups[a].index(first)] = second
        groups[b][groups[b].index(second)] = first
        _save_groups(actor, run, groups, expected_version)
        audit_record(actor=actor, action="formation.swap", obj=run)
    return run


def proposal_reset(*, actor: User, run: FormationRun, expected_version: int) -> FormationRun:
    """Undo every hand edit: back to the engine's proposal."""
    _editable(actor, run)
    with transaction.atomic():
        _save_groups(actor, run, copy.deepcopy(run.engine_groups), expected_version)
        audit_record(actor=actor, action="formation.reset", obj=run)
    return run


# --- Accepting ---------------------------------------------------------------------------------


def default_group_name(number: int, task: str, context: str) -> str:
    """A first name for a new group: its number and what its members share, e.g.
    "Learning group 3 – policy advice" (the facilitator can change it)."""
    topic = task or (context.split("/")[-1].strip() if context else "")
    if not topic:
        return _("Learning group %(number)s") % {"number": number}
    return _("Learning group %(number)s – %(topic)s") % {"number": number, "topic": topic}


@dataclasses.dataclass
class Accepted:
    groups: list[Group]
    already: bool  # accepted before: nothing new was created
    skipped: list[str]  # names of people who withdrew after the run: not invited


def proposal_accept(
    *,
    actor: User,
    run: FormationRun,
    expected_version: int,
    names: Sequence[str],
    facilitators: Sequence[User | None],
) -> Accepted:
    """Create the learning groups of the proposal. Every member is invited into their group
    with what they told in the pool and takes part once they confirm, as in every learning
    group. A facilitator can be given to each group now or later. Accepting a second time
    creates nothing new; people who withdrew after the run are not invited."""
    access.require(actor, access.Action.ACCEPT, run)
    pool = run.pool
    if run.status == FormationRun.Status.ACCEPTED:
        return Accepted(_formed(run), already=True, skipped=[])
    if run.status != FormationRun.Status.PROPOSED:
        raise ValidationError(_("Only a finished proposal can be accepted."))
    numbered = [(n, members) for n, members in enumerate(run.groups) if members]
    errors: dict[str, list[str]] = {}
    for n, members in numbered:
        if len(members) > composition.MAXIMUM_SIZE:
            errors.setdefault(f"name_{n}", []).append(
                _(
                    "This group has %(size)s members; a learning group of more than %(max)s "
                    "needs a recorded reason. Move people out of it first."
                )
                % {"size": len(members), "max": composition.MAXIMUM_SIZE}
            )
    chosen = [names[n].strip() if n < len(names) else "" for n, _m in numbered]
    existing = set(pool.programme.groups.values_list("name", flat=True))
    for (n, _members), name in zip(numbered, chosen, strict=True):
        if not name:
            errors.setdefault(f"name_{n}", []).append(_("Give this group a name."))
        elif name in existing or chosen.count(name) > 1:
            errors.setdefault(f"name_{n}", []).append(
                _("This programme already has a group with this name.")
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Claim the run first: of two people accepting at once, only one gets here.
        claimed = FormationRun.objects.filter(
            pk=run.pk, status=FormationRun.Status.PROPOSED, version=expected_version
        ).update(
            status=FormationRun.Status.ACCEPTED,
            accepted_by=actor,
            accepted_at=timezone.now(),
            version=F("version") + 1,
        )
        if not claimed:
            fresh = FormationRun.objects.get(pk=run.pk)
            if fresh.status == FormationRun.Status.ACCEPTED:
                return Accepted(_formed(fresh), already=True, skipped=[])
            raise EditConflict
        entries = {
            str(e.person_id): e
            for e in pool.entries.select_related("person", "manager").filter(
                status=PoolEntry.Status.SIGNED_UP
            )
        }
        created: list[Group] = []
        skipped: list[str] = []
        for (n, members), name in zip(numbered, chosen, strict=True):
            group = _group_create(
                actor=actor,
                programme=pool.programme,
                name=name,
                kind=Group.Kind.LEARNING_GROUP,
                description=_("Formed from the pool %(pool)s.") % {"pool": pool.name},
            )
            FormedGroup.objects.create(run=run, number=n + 1, group=group)
            facilitator = facilitators[n] if n < len(facilitators) else None
            if facilitator is not None:
                _role_assign(
                    actor=actor,
                    person=facilitator,
                    role=Role.FACILITATOR,
                    programme=pool.programme,
                    group=group,
                )
            for person_id in members:
                entry = entries.get(person_id)
                if entry is None:
                    skipped.append(_person_name(person_id))
                    continue
                _member_add(
                    actor=actor,
                    group=group,
                    person=entry.person,
                    task=entry.task,
                    work_context=entry.work_context,
                    layer=entry.layer,
                    manager=entry.manager,
                )
            created.append(group)
        Pool.objects.filter(pk=pool.pk).update(status=Pool.Status.FORMED, version=F("version") + 1)
        audit_record(
            actor=actor, action="formation.accept", obj=run, detail={"groups": len(created)}
        )
    run.refresh_from_db()
    return Accepted(created, already=False, skipped=skipped)


def _person_name(person_id: str) -> str:
    person = User.objects.filter(pk=int(person_id)).first()
    return person.full_name if person else "?"


def _formed(run: FormationRun) -> list[Group]:
    return [f.group for f in run.formed_groups.select_related("group").order_by("number")]
