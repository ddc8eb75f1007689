"""Pair similarity, score and validity, exactly as FORMAT.md defines them."""

from __future__ import annotations

import numpy as np

from .check import broken_rules
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


def violations(p: Problem, groups: list[list[int]]) -> list[str]:
    """Every broken rule of FORMAT.md's 'Valid' section, as readable messages."""
    return [rule.message() for rule in broken_rules(p, groups)]


def is_valid(p: Problem, groups: list[list[int]]) -> bool:
    return not violations(p, groups)
