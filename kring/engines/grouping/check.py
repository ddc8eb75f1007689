"""The rules every grouping must keep (FORMAT.md, "Valid"), checked on a finished grouping.

One structured list of broken rules serves three readers: the engine itself (it never prints
a grouping that breaks a rule), the evaluator-style messages in English, and Kring's formation
pages, which put the same rules into words for a facilitator.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .model import Problem


@dataclass(frozen=True)
class BrokenRule:
    """One rule a grouping breaks. ``people`` are engine ids; ``group`` is the index of the
    group concerned, where there is one."""

    kind: str  # unknown | placement | sizes | apart | together | manager | common_slots
    people: tuple[str, ...] = ()
    group: int | None = None
    numbers: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "people": list(self.people),
            "group": self.group,
            "numbers": dict(self.numbers),
        }

    def message(self) -> str:
        """The rule in plain English with ids, for logs and the command line."""
        p, n = self.people, self.numbers
        if self.kind == "unknown":
            return f"{p[0]} is not in the pool"
        if self.kind == "placement":
            return f"{p[0]} placed {n['times']} times"
        if self.kind == "sizes":
            return f"group sizes differ: extra {n['extra']}, missing {n['missing']}"
        if self.kind == "apart":
            return f"{p[0]} and {p[1]} must be apart but share group {self.group}"
        if self.kind == "together":
            return f"{p[0]} and {p[1]} must be together but are not"
        if self.kind == "manager":
            return f"{p[0]} shares group {self.group} with their manager {p[1]}"
        return f"group {self.group} has {n['common']} common slots, needs {n['needed']}"


def broken_rules(p: Problem, groups: list[list[int]]) -> list[BrokenRule]:
    """Every rule of FORMAT.md's "Valid" section that ``groups`` (people by index) breaks."""
    ids = p.ids
    out: list[BrokenRule] = []
    group_of = [-1] * p.n
    times = [0] * p.n
    for g, members in enumerate(groups):
        for k in members:
            times[k] += 1
            group_of[k] = g
    for k, t in enumerate(times):
        if t != 1:
            out.append(BrokenRule("placement", (ids[k],), numbers={"times": t}))
    got = Counter(len(g) for g in groups)
    want = Counter(p.sizes)
    if got != want:
        out.append(
            BrokenRule(
                "sizes",
                numbers={
                    "extra": sorted((got - want).elements()),
                    "missing": sorted((want - got).elements()),
                },
            )
        )
    for a, b in p.apart:
        if group_of[a] == group_of[b] and group_of[a] >= 0:
            out.append(BrokenRule("apart", (ids[a], ids[b]), group=group_of[a]))
    for a, b in p.together:
        if group_of[a] != group_of[b] or group_of[a] < 0:
            out.append(BrokenRule("together", (ids[a], ids[b])))
    if p.instance.separate_manager_and_report:
        for k, m in enumerate(p.manager):
            if m is not None and group_of[k] == group_of[m] and group_of[k] >= 0:
                out.append(BrokenRule("manager", (ids[k], ids[m]), group=group_of[k]))
    need = p.min_common
    if need:
        full = (1 << p.instance.slots) - 1
        for g, members in enumerate(groups):
            mask = full
            for k in members:
                mask &= p.avail[k]
            common = mask.bit_count()
            if common < need:
                out.append(
                    BrokenRule(
                        "common_slots",
                        tuple(ids[k] for k in members),
                        group=g,
                        numbers={"common": common, "needed": need},
                    )
                )
    return out


def check_grouping(p: Problem, groups: list[list[str]]) -> list[BrokenRule]:
    """The rules a grouping given by person ids breaks; an unknown id counts as misplaced."""
    indexed: list[list[int]] = []
    unknown: list[BrokenRule] = []
    for members in groups:
        row = []
        for person in members:
            if person in p.index:
                row.append(p.index[person])
            else:
                unknown.append(BrokenRule("unknown", (person,)))
        indexed.append(row)
    return unknown + broken_rules(p, indexed)
