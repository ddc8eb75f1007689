"""Reads about pools and proposals, shaped for pages."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from kring import access
from kring.accounts.models import Organisation, User
from kring.availability.models import WeeklyAvailability
from kring.formation import compose
from kring.formation.explain import broken_rule_text, name_list, reason_text, slot_words
from kring.formation.models import FormationRun, PairRule, Pool, PoolEntry, RatherNot
from kring.learning import composition
from kring.learning.models import Membership
from kring.programmes.models import Group, Programme, Role

# --- Pools -------------------------------------------------------------------------------------


def pools_of_programme(user: User | AnonymousUser, programme: Programme) -> list[Pool]:
    """The programme's pools ``user`` may open, each with ``signed_up`` and ``own_entry``."""
    pools = list(
        Pool.objects.filter(programme=programme)
        .annotate(signed_up=Count("entries", filter=Q(entries__status=PoolEntry.Status.SIGNED_UP)))
        .order_by("-created_at")
    )
    own = {
        e.pool_id: e for e in PoolEntry.objects.filter(person_id=user.pk, pool__programme=programme)
    }
    visible: list[Pool] = []
    for pool in pools:
        pool.programme = programme
        pool.own_entry = own.get(pool.pk)  # type: ignore[attr-defined]
        if access.can(user, access.Action.VIEW, pool):
            visible.append(pool)
    return visible


def pools_to_answer(user: User | AnonymousUser) -> list[PoolEntry]:
    """Pools a facilitator added this person to, waiting for their yes or no."""
    return list(
        PoolEntry.objects.filter(person_id=user.pk, status=PoolEntry.Status.INVITED)
        .exclude(pool__status=Pool.Status.FORMED)
        .select_related("pool__programme")
    )


def pools_open_to(user: User) -> list[Pool]:
    """Open pools this person may sign up for and has not answered yet."""
    if not getattr(user, "is_authenticated", False):
        return []
    candidates = Pool.objects.filter(status=Pool.Status.OPEN).select_related("programme")
    if user.organisation_id is not None:
        candidates = candidates.filter(
            Q(programme__client_id=user.organisation_id) | Q(programme__client__isnull=True)
        )
    else:
        candidates = candidates.filter(programme__client__isnull=True)
    answered = set(PoolEntry.objects.filter(person_id=user.pk).values_list("pool_id", flat=True))
    return [
        pool
        for pool in candidates
        if pool.pk not in answered and access.may_join_pool(user, pool.programme)
    ]


@dataclass
class PoolSummary:
    signed_up: int = 0
    invited: int = 0
    withdrawn: int = 0
    without_availability: list[str] = field(default_factory=list)


def entries(pool: Pool) -> list[PoolEntry]:
    """Every entry with what the staff page shows, in name order."""
    return list(
        pool.entries.select_related("person", "manager", "consent_recorded_by")
        .prefetch_related(
            Prefetch("rather_not", queryset=RatherNot.objects.select_related("other"))
        )
        .order_by("person__full_name", "pk")
    )


def summary(pool_entries: list[PoolEntry]) -> PoolSummary:
    result = PoolSummary()
    signed = [e for e in pool_entries if e.status == PoolEntry.Status.SIGNED_UP]
    result.signed_up = len(signed)
    result.invited = sum(e.status == PoolEntry.Status.INVITED for e in pool_entries)
    result.withdrawn = sum(e.status == PoolEntry.Status.WITHDRAWN for e in pool_entries)
    with_slots = set(
        WeeklyAvailability.objects.filter(user_id__in=[e.person_id for e in signed])
        .exclude(slots=[])
        .values_list("user_id", flat=True)
    )
    result.without_availability = [
        e.person.full_name for e in signed if e.person_id not in with_slots
    ]
    return result


# The pool page lists this many entries at a time.
ENTRIES_PER_PAGE = 50
# The values of the page's filters on rules and on availability.
WITH_RULES, WITHOUT_RULES = "with", "without"
FILLED_IN, NOT_FILLED_IN = "filled_in", "missing"


@dataclass
class PoolCounts:
    """The whole pool in figures, whatever the page's filters: for a pool of thousands the
    page names nobody here, it links to the filtered list instead."""

    signed_up: int = 0
    invited: int = 0
    withdrawn: int = 0
    without_availability: int = 0


def _has_week() -> Exists:
    """The entry's person has ticked at least one moment of their usual week."""
    return Exists(
        WeeklyAvailability.objects.filter(user_id=OuterRef("person_id")).exclude(slots=[])
    )


def pool_counts(pool: Pool) -> PoolCounts:
    """In one query: how many signed up, wait for their confirmation or withdrew, and how
    many of those who signed up have not said when they can meet."""
    signed = Q(status=PoolEntry.Status.SIGNED_UP)
    figures = pool.entries.annotate(has_week=_has_week()).aggregate(
        signed_up=Count("pk", filter=signed),
        invited=Count("pk", filter=Q(status=PoolEntry.Status.INVITED)),
        withdrawn=Count("pk", filter=Q(status=PoolEntry.Status.WITHDRAWN)),
        without_availability=Count("pk", filter=signed & Q(has_week=False)),
    )
    return PoolCounts(**figures)


def entry_organisations(pool: Pool) -> list[tuple[int, str]]:
    """The organisations of the people in the pool, for the page's filter."""
    return list(
        Organisation.objects.filter(people__pool_entries__pool=pool)
        .distinct()
        .order_by("name")
        .values_list("pk", "name")
    )


def entry_list(
    pool: Pool,
    *,
    query: str = "",
    status: str = "",
    organisation: int | None = None,
    unit: str = "",
    layer: int | None = None,
    rules: str = "",
    availability: str = "",
) -> QuerySet[PoolEntry]:
    """The pool's entries that match the staff's search (a name or e-mail address) and
    filters, in name order, with what one row of the page shows: a fixed number of queries
    for any page of any pool (the rather-not names are prefetched for the page only).
    ``has_week`` says whether the person has said when they can meet, ``has_rules`` whether
    a rather-not or pair rule concerns them."""
    pair_rule = PairRule.objects.filter(pool=pool).filter(
        Q(first_id=OuterRef("person_id")) | Q(second_id=OuterRef("person_id"))
    )
    rows = pool.entries.annotate(
        has_week=_has_week(),
        has_rules=Exists(RatherNot.objects.filter(entry_id=OuterRef("pk"))) | Exists(pair_rule),
    )
    if query:
        rows = rows.filter(
            Q(person__full_name__icontains=query) | Q(person__email__icontains=query)
        )
    if status:
        rows = rows.filter(status=status)
    if organisation is not None:
        rows = rows.filter(person__organisation_id=organisation)
    if unit:
        rows = rows.filter(work_context__icontains=unit)
    if layer is not None:
        rows = rows.filter(layer=layer)
    if rules:
        rows = rows.filter(has_rules=rules == WITH_RULES)
    if availability:
        rows = rows.filter(has_week=availability == FILLED_IN)
    return (
        rows.select_related("person", "manager", "consent_recorded_by")
        .prefetch_related(
            Prefetch("rather_not", queryset=RatherNot.objects.select_related("other"))
        )
        .order_by("person__full_name", "pk")
    )


def pool_people(pool: Pool) -> list[User]:
    """Everyone in the pool (id and name only), in name order: for the learning-profile
    overview, which spreads the whole pool whatever page is shown."""
    return list(
        User.objects.filter(pool_entries__pool=pool)
        .only("pk", "full_name")
        .order_by("full_name", "pk")
    )


def pair_rules(pool: Pool) -> QuerySet[PairRule]:
    return pool.pair_rules.select_related("first", "second").order_by("kind", "pk")


def runs(pool: Pool) -> QuerySet[FormationRun]:
    return pool.runs.select_related("created_by").order_by("-number")


def people_of(programme: Programme, person: User | None = None) -> QuerySet[User]:
    """The people a pool entry may name as manager or as "rather not": colleagues of the
    client organisation (open programmes: of the person's own organisation)."""
    organisation_id = programme.client_id or (person.organisation_id if person else None)
    if organisation_id is None:
        return User.objects.none()
    return User.objects.filter(is_active=True, organisation_id=organisation_id).order_by(
        "full_name"
    )


def eligible_to_add(pool: Pool) -> list[User]:
    """People a facilitator may add: eligible and not in the pool (or withdrawn)."""
    taken = set(
        pool.entries.exclude(status=PoolEntry.Status.WITHDRAWN).values_list("person_id", flat=True)
    )
    programme = pool.programme
    if programme.client_id is not None:
        candidates = User.objects.filter(is_active=True, organisation_id=programme.client_id)
    else:
        candidates = User.objects.filter(
            is_active=True,
            role_assignments__role=Role.PARTICIPANT,
            role_assignments__programme=programme,
        ).distinct()
    return [p for p in candidates.order_by("full_name") if p.pk not in taken]


def programme_facilitators(pool: Pool) -> QuerySet[User]:
    """The people who facilitate in this programme: the choices for each new group."""
    return (
        User.objects.filter(
            role_assignments__role=Role.FACILITATOR,
            role_assignments__programme=pool.programme,
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


def prefill(person: User) -> dict[str, Any]:
    """What Kring already knows about someone's work: their latest learning-group membership."""
    latest = (
        Membership.objects.filter(person=person)
        .exclude(task="")
        .order_by("-invited_at", "-pk")
        .first()
    )
    if latest is None:
        return {}
    return {
        "task": latest.task,
        "work_context": latest.work_context,
        "layer": latest.layer,
        "manager": latest.manager_id,
    }


# --- Runs and proposals --------------------------------------------------------------------------


@dataclass
class RunProgress:
    status: str
    fraction: float  # 0..1, by the clock: the engine uses its whole search time at most
    seconds_left: int
    phase: str
    best_score: float | None
    waiting_long: bool  # queued for a while: the task worker may not be running


WAITING_LONG = datetime.timedelta(seconds=20)


def run_progress(run: FormationRun) -> RunProgress:
    now = timezone.now()
    fraction = 0.0
    left = run.time_limit
    if run.started_at is not None:
        elapsed = (now - run.started_at).total_seconds()
        fraction = min(0.99, max(0.02, elapsed / max(1, run.time_limit)))
        left = max(0, round(run.time_limit - elapsed))
    return RunProgress(
        status=run.status,
        fraction=fraction if run.is_working else 1.0,
        seconds_left=left,
        phase=run.phase,
        best_score=run.best_score,
        waiting_long=run.status == FormationRun.Status.QUEUED
        and now - run.created_at > WAITING_LONG,
    )


@dataclass
class Member:
    id: str
    name: str
    task: str
    context: str
    layer: int
    layer_label: str
    detail: str = ""  # what sets them apart within their group: task, team


@dataclass
class GroupWarning:
    code: str
    people: tuple[str, ...] = ()
    number: int = 0


@dataclass
class ProposedGroup:
    number: int  # 1-based, as shown
    index: int  # position in the stored proposal
    members: list[Member]
    score: float | None
    shared_task: str
    task_shared_by_all: bool
    shared_context: str
    layers: list[str]
    common_times: list[str]
    warnings: list[GroupWarning]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Proposal:
    groups: list[ProposedGroup]
    score: float
    engine_score: float | None
    warning_count: int
    sizes_asked: dict[str, int]
    edited: bool


def _names_lookup(ids: list[str]) -> dict[str, str]:
    pks = [int(i) for i in ids if i.isdigit()]
    return {
        str(pk): name for pk, name in User.objects.filter(pk__in=pks).values_list("pk", "full_name")
    }


def proposal(run: FormationRun) -> Proposal:
    """The proposal as it stands: per group what its members share, its score (mean pair
    similarity, as the engine counts it) and what deserves the facilitator's attention."""
    from kring.engines.grouping import build_problem, parse_instance
    from kring.engines.grouping.scoring import group_sum, score

    problem = build_problem(parse_instance(run.instance))
    index = problem.index
    snapshot = compose.Snapshot.from_json(run.limits)
    people = {p["id"]: p for p in run.instance["people"]}
    names = _names_lookup(list(people))
    layer_label = dict(Membership.Layer.choices)
    low, high = snapshot.minimum, snapshot.maximum
    group_of = {pid: g for g, members in enumerate(run.groups) for pid in members}
    need = run.instance["rules"]["min_common_slots"]

    def name(pid: str) -> str:
        return names.get(pid, "?")

    def told(pid: str) -> compose.Told:
        """In their own words; the instance's normalised ones for someone not in the snapshot."""
        found = snapshot.people.get(pid)
        return found or compose.Told(people[pid]["task"], people[pid]["context"], None)

    groups: list[ProposedGroup] = []
    warning_count = 0
    for g, ids in enumerate(run.groups):
        members = sorted(
            (
                Member(
                    id=pid,
                    name=name(pid),
                    task=told(pid).task,
                    context=told(pid).context,
                    layer=people[pid]["position"],
                    layer_label=str(layer_label.get(people[pid]["position"], "")),
                )
                for pid in ids
                if pid in people
            ),
            key=lambda m: m.name,
        )
        idx = [index[pid] for pid in ids if pid in index]
        pairs = len(idx) * (len(idx) - 1) // 2
        group_score = group_sum(problem, idx) / pairs if pairs else None
        assessment = composition.assess(
            [
                composition.MemberProfile(
                    id=int(m.id),
                    name=m.name,
                    task=m.task,
                    work_context=m.context,
                    layer=m.layer,
                    manager_id=int(people[m.id]["manager"]) if people[m.id]["manager"] else None,
                )
                for m in members
            ]
        )
        warnings: list[GroupWarning] = []
        common = [
            s
            for s in range(problem.instance.slots)
            if all(s in people[pid]["available"] for pid in ids)
        ]
        if not members:
            warnings.append(GroupWarning("empty"))
        else:
            if len(members) < low:
                warnings.append(GroupWarning("below_min", number=low))
            if len(members) > high:
                warnings.append(GroupWarning("above_max", number=high))
            warnings.extend(
                GroupWarning(w.code, w.people)
                for w in assessment.warnings
                if w.code != "not_confirmed"
            )
            if len(common) < max(1, need):
                warnings.append(
                    GroupWarning(
                        "no_common_time" if not common else "few_common_times", number=need
                    )
                )
            inside = set(ids)
            for a, b in snapshot.rather_not:
                if a in inside and b in inside:
                    warnings.append(GroupWarning("rather_not", (name(a), name(b))))
            for a, b in snapshot.apart:
                if a in inside and b in inside:
                    warnings.append(GroupWarning("kept_apart", (name(a), name(b))))
            for a, b in snapshot.together:
                other = group_of.get(b)
                if a in inside and other is not None and other != g:
                    warnings.append(GroupWarning("together_split", (name(a), name(b)), other + 1))
        warning_count += len(warnings)
        layers_present = sorted({m.layer for m in members})
        shared_task = assessment.common_task or _most_common([m.task for m in members])
        shared_context = assessment.common_context
        for member in members:
            member.detail = _member_detail(member, shared_task, shared_context)
        groups.append(
            ProposedGroup(
                number=g + 1,
                index=g,
                members=members,
                score=group_score,
                shared_task=shared_task,
                task_shared_by_all=bool(assessment.common_task),
                shared_context=shared_context,
                layers=[str(layer_label[v]) for v in layers_present if v in layer_label],
                common_times=slot_words(common) if ids else [],
                warnings=warnings,
            )
        )
    idx_groups = [[index[pid] for pid in ids if pid in index] for ids in run.groups]
    return Proposal(
        groups=groups,
        score=score(problem, idx_groups),
        engine_score=run.engine_score,
        warning_count=warning_count,
        sizes_asked={"target": snapshot.target, "min": low, "max": high},
        edited=run.groups != run.engine_groups,
    )


def _member_detail(member: Member, shared_task: str, shared_context: str) -> str:
    """The task (when the group does not share it) and the units below the group's shared
    work context: what tells this member apart within the group."""
    parts = []
    if " ".join(member.task.lower().split()) != " ".join(shared_task.lower().split()):
        parts.append(member.task)
    shared = len(composition.context_units(shared_context)) if shared_context else 0
    rest = [u.strip() for u in member.context.split("/") if u.strip()][shared:]
    if rest:
        parts.append(" / ".join(rest))
    return " · ".join(parts)


def _most_common(values: list[str]) -> str:
    if not values:
        return ""
    value, count = Counter(v.strip() for v in values).most_common(1)[0]
    return value if count > 1 else ""


def _people_names(run: FormationRun) -> Callable[[Any], str]:
    names = _names_lookup([p["id"] for p in run.instance.get("people", [])])

    def people(ids: Any) -> str:
        return name_list([names.get(str(i), "?") for i in ids])

    return people


def infeasible_text(run: FormationRun) -> str:
    """Why no grouping exists, with people named."""
    return reason_text(run.reason, _people_names(run))


def broken_rule_texts(run: FormationRun) -> list[str]:
    """The rules a failed run's grouping broke, in words; empty when it failed otherwise."""
    if run.reason.get("code") != "invalid_result":
        return []
    people = _people_names(run)
    # The engine reports a size rule per size it missed; the reader needs each sentence once.
    texts = [broken_rule_text(rule, people) for rule in run.reason.get("broken", [])]
    return list(dict.fromkeys(texts))


@dataclass
class MySignUp:
    """A pool someone signed up for, and where it stands for them."""

    entry: PoolEntry
    placed_in: Group | None = None  # the group they were placed in, once groups are formed


def my_sign_ups(person: User) -> list[MySignUp]:
    """The pools ``person`` signed up for, with the group they were placed in once the
    proposal was accepted. Two queries."""
    entries = list(
        PoolEntry.objects.filter(person=person, status=PoolEntry.Status.SIGNED_UP)
        .select_related("pool__programme")
        .order_by("-signed_up_at", "-pk")
    )
    if not entries:
        return []
    placed = {
        membership.group.formed_from.run.pool_id: membership.group
        for membership in Membership.objects.filter(
            person=person, group__formed_from__run__pool__in=[e.pool_id for e in entries]
        ).select_related("group__formed_from__run")
    }
    return [MySignUp(entry=entry, placed_in=placed.get(entry.pool_id)) for entry in entries]


def pools_needing_staff(programme_ids: set[int]) -> list[Pool]:
    """Pools of these programmes whose groups are still to be formed, each with ``signed_up``
    and ``proposals`` (runs with a proposal waiting for review). One query."""
    if not programme_ids:
        return []
    return list(
        Pool.objects.filter(
            programme_id__in=programme_ids, status__in=[Pool.Status.OPEN, Pool.Status.CLOSED]
        )
        .annotate(
            signed_up=Count(
                "entries", filter=Q(entries__status=PoolEntry.Status.SIGNED_UP), distinct=True
            ),
            proposals=Count(
                "runs", filter=Q(runs__status=FormationRun.Status.PROPOSED), distinct=True
            ),
        )
        .select_related("programme")
        .order_by("programme__name", "name")
    )


# --- Pair rules: picking two people of a pool by name -----------------------------------------

# How many names the search under a pair-rule field offers at once: typing more narrows it.
PAIR_SEARCH_LIMIT = 12
_LABELLED = re.compile(r"^(?P<name>.*?)\s*\((?P<email>[^()\s]+@[^()\s]+)\)$")


def pair_candidates(pool: Pool) -> QuerySet[User]:
    """The people a pair rule may name: those signed up for the pool or invited to it."""
    return User.objects.filter(
        pool_entries__pool=pool,
        pool_entries__status__in=[PoolEntry.Status.SIGNED_UP, PoolEntry.Status.INVITED],
    ).order_by("full_name", "pk")


def pair_label(person: User) -> str:
    """How a person is offered and typed in a pair-rule field: the name, and the e-mail
    address that tells two people of the same name apart."""
    return f"{person.full_name} ({person.email})"


def pair_candidates_matching(pool: Pool, query: str) -> list[User]:
    """At most ``PAIR_SEARCH_LIMIT`` people of the pool whose name or e-mail address holds
    ``query`` (a chosen label finds its own person), for the list under the field; one
    query whatever the size of the pool."""
    query = query.strip()
    if len(query) < 2:
        return []
    labelled = _LABELLED.match(query)
    people = pair_candidates(pool)
    if labelled:
        people = people.filter(email__iexact=labelled["email"])
    else:
        people = people.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    return list(people.only("pk", "full_name", "email")[:PAIR_SEARCH_LIMIT])


def pair_candidates_named(people: QuerySet[User], text: str) -> list[User]:
    """Who ``text`` names among ``people``: a label as offered ("name (address)"), an e-mail
    address, or a whole name. Two at most: more than one means the name is not enough."""
    text = " ".join(text.split())
    labelled = _LABELLED.match(text)
    if labelled:
        found = people.filter(email__iexact=labelled["email"])
    elif "@" in text:
        found = people.filter(email__iexact=text)
    else:
        found = people.filter(full_name__iexact=text)
    return list(found[:2])
