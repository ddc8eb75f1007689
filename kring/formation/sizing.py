"""From a facilitator's group sizes (ideal, smallest, largest) to the exact sizes the grouping
engine needs. Pure Python, no Django.

The engine forms groups of exactly the sizes it is given, so the sizes must add up to the
number of people. Kring chooses the number of groups whose average size lies closest to the
ideal size (on a tie: more, smaller groups, since a learning group works best small), and
then spreads the people as evenly as possible: the sizes differ by at most one. When the
average size lies between the smallest and the largest size, so do both of those sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

SMALLEST_ALLOWED = 2


@dataclass(frozen=True)
class SizePlan:
    people: int
    sizes: tuple[int, ...]  # largest first

    @property
    def groups(self) -> int:
        return len(self.sizes)

    def counts(self) -> list[tuple[int, int]]:
        """(size, number of groups of that size), largest size first."""
        result: list[tuple[int, int]] = []
        for size in self.sizes:
            if result and result[-1][0] == size:
                result[-1] = (size, result[-1][1] + 1)
            else:
                result.append((size, 1))
        return result


class SizeProblem(ValueError):
    """The sizes cannot work. ``code`` says why ("too_small", "too_large", "order", "too_few",
    "gap");
    ``numbers`` carries the figures an explanation needs; ``alternatives`` lists nearby
    (smallest, largest) ranges that would work for the same number of people."""

    def __init__(
        self,
        code: str,
        numbers: dict[str, int],
        alternatives: tuple[tuple[int, int], ...] = (),
    ) -> None:
        super().__init__(code)
        self.code = code
        self.numbers = numbers
        self.alternatives = alternatives


def group_counts(people: int, minimum: int, maximum: int) -> range:
    """The numbers of groups for which ``people`` fit in groups of minimum..maximum."""
    if people <= 0:
        return range(0)
    fewest = -(-people // maximum)  # ceiling division
    most = people // minimum
    return range(fewest, most + 1)


def even_sizes(people: int, groups: int) -> tuple[int, ...]:
    """``people`` spread over ``groups`` groups as evenly as possible, largest first."""
    base, extra = divmod(people, groups)
    return tuple([base + 1] * extra + [base] * (groups - extra))


def _alternatives(
    people: int, minimum: int, maximum: int, ceiling: int
) -> tuple[tuple[int, int], ...]:
    """Ranges one step wider than asked that would work (a smaller smallest size, or a
    larger largest size up to ``ceiling``)."""
    found: list[tuple[int, int]] = []
    for low, high in ((minimum - 1, maximum), (minimum, maximum + 1), (minimum - 1, maximum + 1)):
        if low < SMALLEST_ALLOWED or high > ceiling or (low, high) in found:
            continue
        if len(group_counts(people, low, high)):
            found.append((low, high))
    return tuple(found[:2])


def check_order(*, target: int, minimum: int, maximum: int, ceiling: int = 7) -> None:
    """Sizes that can never work, whatever the number of people: SizeProblem."""
    if minimum < SMALLEST_ALLOWED:
        raise SizeProblem("too_small", {"minimum": minimum, "smallest": SMALLEST_ALLOWED})
    if maximum > ceiling:
        raise SizeProblem("too_large", {"maximum": maximum, "ceiling": ceiling})
    if not minimum <= target <= maximum:
        raise SizeProblem("order", {"target": target, "minimum": minimum, "maximum": maximum})


def plan_sizes(
    people: int, *, target: int, minimum: int, maximum: int, ceiling: int = 7
) -> SizePlan:
    """The exact group sizes for ``people`` people, or SizeProblem saying why there are none.
    ``ceiling`` is the largest size a learning group may have without a recorded reason."""
    check_order(target=target, minimum=minimum, maximum=maximum, ceiling=ceiling)
    if people < minimum:
        raise SizeProblem("too_few", {"people": people, "minimum": minimum})
    counts = group_counts(people, minimum, maximum)
    if not counts:
        fewer = people // minimum  # the most groups the smallest size allows
        more = fewer + 1
        raise SizeProblem(
            "gap",
            {
                "people": people,
                "minimum": minimum,
                "maximum": maximum,
                "fewer": fewer,
                "fewer_places": fewer * maximum,
                "more": more,
                "more_needed": more * minimum,
            },
            _alternatives(people, minimum, maximum, ceiling),
        )
    best = min(counts, key=lambda k: (abs(people / k - target), -k))
    return SizePlan(people=people, sizes=even_sizes(people, best))
