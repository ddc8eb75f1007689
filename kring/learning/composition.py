"""How a learning group is composed, and what deserves a warning. Pure Python, no Django:
the rules of thumb from practice, applied to plain member profiles.

A learning group works best with about five members and seven is already large; members share
task, work context and a comparable position; participation is voluntary; a group spanning
several hierarchical layers needs care, above all when a manager and their own staff share it.
Each rule yields a warning, never a block, except that a group above the maximum needs a
reason from the facilitator.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

IDEAL_SIZE = 5
MAXIMUM_SIZE = 7
HIERARCHY_STEP = 2  # layers this far apart make a group span the hierarchy


@dataclass(frozen=True)
class MemberProfile:
    id: int
    name: str
    task: str
    work_context: str
    layer: int
    manager_id: int | None = None
    confirmed: bool = True


@dataclass(frozen=True)
class CompositionWarning:
    code: str
    people: tuple[str, ...] = ()


@dataclass
class Composition:
    size: int
    task_share: float  # share of member pairs with the same task
    context_share: float  # mean overlap of work-context paths over member pairs
    layer_span: int  # number of distinct layers
    common_task: str | None
    common_context: str
    warnings: list[CompositionWarning] = field(default_factory=list)


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def context_units(context: str) -> list[str]:
    return [_normalise(unit) for unit in context.split("/") if unit.strip()]


def context_overlap(a: str, b: str) -> float:
    """Leading units shared, divided by the longer path: 1.0 for the same team."""
    left, right = context_units(a), context_units(b)
    if not left or not right:
        return 0.0
    shared = 0
    for x, y in zip(left, right, strict=False):
        if x != y:
            break
        shared += 1
    return shared / max(len(left), len(right))


def _common_prefix(contexts: list[str]) -> str:
    paths = [context_units(c) for c in contexts if c.strip()]
    if not paths:
        return ""
    prefix: list[str] = []
    for units in zip(*paths, strict=False):
        if len(set(units)) != 1:
            break
        prefix.append(units[0])
    # Show the original spelling of the first member's path.
    original = [u.strip() for u in contexts[0].split("/") if u.strip()]
    return " / ".join(original[: len(prefix)])


def assess(
    members: list[MemberProfile], *, size_override: bool = False, is_learning_group: bool = True
) -> Composition:
    """Describe how alike the members are and list the warnings that apply."""
    size = len(members)
    pairs = list(combinations(members, 2))
    task_share = (
        sum(_normalise(a.task) == _normalise(b.task) for a, b in pairs) / len(pairs)
        if pairs
        else 1.0
    )
    context_share = (
        sum(context_overlap(a.work_context, b.work_context) for a, b in pairs) / len(pairs)
        if pairs
        else 1.0
    )
    tasks = Counter(_normalise(m.task) for m in members if m.task.strip())
    common_task = None
    if tasks:
        task, count = tasks.most_common(1)[0]
        if count == size:
            common_task = next(m.task for m in members if _normalise(m.task) == task)
    layers = {m.layer for m in members}
    result = Composition(
        size=size,
        task_share=task_share,
        context_share=context_share,
        layer_span=len(layers),
        common_task=common_task,
        common_context=_common_prefix([m.work_context for m in members]),
    )
    if not is_learning_group:
        return result
    warnings = result.warnings
    if size > MAXIMUM_SIZE and not size_override:
        warnings.append(CompositionWarning("too_large"))
    elif size > IDEAL_SIZE:
        warnings.append(CompositionWarning("large"))
    # Staff and senior staff are not a hierarchy: the warning counts from a step of two
    # (staff with their team leader, say).
    if layers and max(layers) - min(layers) >= HIERARCHY_STEP:
        warnings.append(CompositionWarning("mixed_layers"))
    by_id = {m.id: m for m in members}
    for member in members:
        manager = by_id.get(member.manager_id) if member.manager_id else None
        if manager is not None:
            warnings.append(CompositionWarning("manager_with_staff", (manager.name, member.name)))
    unconfirmed = tuple(m.name for m in members if not m.confirmed)
    if unconfirmed:
        warnings.append(CompositionWarning("not_confirmed", unconfirmed))
    if size >= 2 and task_share < 0.5:
        warnings.append(CompositionWarning("different_tasks"))
    if size >= 2 and context_share < 0.34:
        warnings.append(CompositionWarning("different_contexts"))
    return result


def propose_dates(first: int, count: int, *, min_gap: int, max_gap: int) -> list[int]:
    """Week numbers for a series: the first meeting in week ``first``, then gaps in the middle
    of the allowed range (rounded down), so that every gap respects the spacing rules."""
    if count <= 0:
        return []
    if min_gap > max_gap:
        raise ValueError("min_gap must not exceed max_gap")
    gap = (min_gap + max_gap) // 2
    return [first + i * gap for i in range(count)]


def missed_two_of_last_three(attended: list[bool]) -> bool:
    """``attended`` holds, oldest first, whether a member was at each held meeting."""
    last = attended[-3:]
    return len(last) >= 2 and last.count(False) >= 2
