"""Pair similarity, score and validity, exactly as FORMAT.md defines them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .model import Problem


def _weights(p: Problem) -> tuple[float, float, float, float] | None:
    w = p.instance.weights
    total = sum(w.values())
    if not total:
        return None
    return (
        w["task"] / total,
        w["context"] / total,
        w["position"] / total,
        w["availability"] / total,
    )


def pair_similarity(p: Problem, i: int, j: int) -> float:
    """sim(i, j) in [0, 1]; a plain-Python mirror of the benchmark's definition."""
    w = _weights(p)
    if w is None:
        return 0.0
    wt, wc, wp, wa = w
    total = wt if p.task[i] == p.task[j] else 0.0
    ci, cj = p.context[i], p.context[j]
    longest = max(len(ci), len(cj))
    if longest:
        shared = 0
        for a, b in zip(ci, cj, strict=False):
            if a != b:
                break
            shared += 1
        total += wc * shared / longest
    span = p.instance.positions - 1
    total += wp * (1.0 - abs(p.position[i] - p.position[j]) / span) if span > 0 else wp
    ai, aj = p.avail[i], p.avail[j]
    union = (ai | aj).bit_count()
    if union:
        total += wa * (ai & aj).bit_count() / union
    return total


def availability_matrix(p: Problem) -> np.ndarray:
    """n x slots matrix of 0/1 (float32, so that matrix products count shared slots)."""
    slots = p.instance.slots
    a = np.zeros((p.n, max(slots, 1)), dtype=np.float32)
    for k, mask in enumerate(p.avail):
        s = 0
        while mask:
            if mask & 1:
                a[k, s] = 1.0
            mask >>= 1
            s += 1
    return a


def similarity_matrix(p: Problem, dtype: type = np.float64, block: int = 256) -> np.ndarray:
    """Dense n x n similarity matrix with a zero diagonal, built in row blocks so that the
    temporaries stay small (float32 at 5,000 people is 100 MB). The context and position
    terms take few distinct values, so they come from small lookup tables."""
    n = p.n
    out: np.ndarray = np.zeros((n, n), dtype=dtype)
    w = _weights(p)
    if w is None or n == 0:
        return out
    wt, wc, wp, wa = w
    task = np.asarray(p.task, dtype=np.int64)
    lens = np.asarray([len(c) for c in p.context], dtype=np.int64)
    depth = int(lens.max())
    # prefix ids per depth; a unique negative id where the path is shorter, so it never matches
    prefix = np.empty((max(depth, 1), n), dtype=np.int64)
    interned: dict[tuple[str, ...], int] = {}
    for k, ctx in enumerate(p.context):
        for d in range(depth):
            prefix[d, k] = (
                interned.setdefault(ctx[: d + 1], len(interned)) if d < len(ctx) else -(k + 1)
            )
    # context term by (shared units, longest path)
    ctx_table = np.zeros((depth + 1) * (depth + 1), dtype=np.float64)
    for units in range(depth + 1):
        for length in range(1, depth + 1):
            ctx_table[units * (depth + 1) + length] = wc * units / length
    positions = p.instance.positions
    span = positions - 1
    diffs = np.arange(-span, span + 1)
    pos_table = wp * (1.0 - np.abs(diffs) / span) if span > 0 else np.full(1, wp)
    pos = np.asarray(p.position, dtype=np.int64) - 1
    avail = availability_matrix(p)
    count = avail.sum(axis=1).astype(dtype)
    for r0 in range(0, n, block):
        r1 = min(n, r0 + block)
        blk = np.where(task[r0:r1, None] == task[None, :], wt, 0.0)
        if depth:
            shared = np.zeros((r1 - r0, n), dtype=np.int64)
            for d in range(depth):
                shared += prefix[d, r0:r1, None] == prefix[d, None, :]
            longest = np.maximum(lens[r0:r1, None], lens[None, :])
            blk += ctx_table[shared * (depth + 1) + longest]
        blk += pos_table[pos[r0:r1, None] - pos[None, :] + span]
        # slot counts are small integers, exact in float32; the ratio is taken in dtype
        inter = (avail[r0:r1] @ avail.T).astype(dtype)
        union = count[r0:r1, None] + count[None, :] - inter
        blk += wa * np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        out[r0:r1] = blk
    np.fill_diagonal(out, 0.0)
    return out


def group_sum(p: Problem, members: list[int]) -> float:
    total = 0.0
    for x in range(len(members)):
        for y in range(x + 1, len(members)):
            total += pair_similarity(p, members[x], members[y])
    return total


def score(p: Problem, groups: list[list[int]]) -> float:
    """Mean pair similarity over all pairs sharing a group (validity is not checked)."""
    total = 0.0
    pairs = 0
    for g in groups:
        total += group_sum(p, g)
        pairs += len(g) * (len(g) - 1) // 2
    return total / pairs if pairs else 0.0


def common_slots(p: Problem, members: list[int]) -> int:
    mask = (1 << p.instance.slots) - 1
    for k in members:
        mask &= p.avail[k]
    return mask.bit_count()


@dataclass(frozen=True)
class Violation:
    """One broken rule of FORMAT.md's 'Valid' section, in a form a caller can put into its own
    words (Kring's pages explain in the user's language). ``rule`` is one of "unknown" (an id
    that is not in the pool), "placement" (someone missing or placed more than once),
    "sizes", "apart", "together", "manager" and "common_slots"; ``people`` are instance ids
    (for "manager": the report, then the manager); ``group`` is the group's position in the
    grouping; ``numbers`` the figures the message quotes; ``message`` the same in English."""

    rule: str
    message: str
    people: tuple[str, ...] = ()
    group: int | None = None
    numbers: dict[str, int] = field(default_factory=dict, hash=False, compare=False)

    def __str__(self) -> str:
        return self.message


def find_violations(p: Problem, groups: Sequence[Sequence[int]]) -> list[Violation]:
    """Every broken rule of FORMAT.md's 'Valid' section; [] means the grouping is valid.

    This is the engine's one validity check: the search certifies its result with it before
    handing it out, and Kring guards a formation run's proposal with it (``check_grouping``).
    """
    ids = p.ids
    out: list[Violation] = []
    group_of = [-1] * p.n
    times = [0] * p.n
    for g, members in enumerate(groups):
        for k in members:
            times[k] += 1
            group_of[k] = g
    for k, t in enumerate(times):
        if t != 1:
            out.append(
                Violation(
                    "placement",
                    f"{ids[k]} placed {t} times",
                    people=(ids[k],),
                    numbers={"times": t},
                )
            )
    got = Counter(len(g) for g in groups)
    want = Counter(p.sizes)
    for size in sorted(set(got) | set(want)):
        if got[size] != want[size]:
            out.append(
                Violation(
                    "sizes",
                    f"{got[size]} group(s) of {size} people, but {want[size]} asked for",
                    numbers={"size": size, "groups": got[size], "asked": want[size]},
                )
            )
    # pairs that must not share a group: (rule, person, other, words)
    apart = [(a, b, "apart", "{a} and {b} must be apart but share group {g}") for a, b in p.apart]
    if p.instance.separate_manager_and_report:
        apart += [
            (k, m, "manager", "{a} shares group {g} with their manager {b}")
            for k, m in enumerate(p.manager)
            if m is not None
        ]
    for a, b, rule, words in apart:
        g = group_of[a]
        if g >= 0 and g == group_of[b]:
            text = words.format(a=ids[a], b=ids[b], g=g)
            out.append(Violation(rule, text, people=(ids[a], ids[b]), group=g))
    for a, b in p.together:
        if group_of[a] != group_of[b] or group_of[a] < 0:
            text = f"{ids[a]} and {ids[b]} must be together but are not"
            out.append(Violation("together", text, people=(ids[a], ids[b])))
    need = p.min_common
    if need:
        for g, members in enumerate(groups):
            c = common_slots(p, list(members))
            if c < need:
                out.append(
                    Violation(
                        "common_slots",
                        f"group {g} has {c} common slots, needs {need}",
                        group=g,
                        numbers={"common": c, "need": need},
                    )
                )
    return out


def violations(p: Problem, groups: Sequence[Sequence[int]]) -> list[str]:
    """Every broken rule of FORMAT.md's 'Valid' section, as readable messages."""
    return [v.message for v in find_violations(p, groups)]


def is_valid(p: Problem, groups: Sequence[Sequence[int]]) -> bool:
    return not find_violations(p, groups)
