"""Kring's scheduling engine (format ``kring-schedule/1``): pure Python, no Django.

Typical in-process use::

    from kring.engines.scheduling import parse_instance, solve, cannot_attend

    result = solve(parse_instance(data), time_limit=10, seed=0)
    result.solution.as_json()        # the kring-schedule-solution/1 object
    result.explanations              # group id -> why it got fewer meetings
    cannot_attend(instance, "g001", week=3, slot=4)
"""

from .bound import Bound, component_bound, dp_bound
from .cost import (
    CostReport,
    Tables,
    absences_by_meeting,
    absent_members,
    evaluate,
    is_available,
)
from .greedy import greedy
from .model import (
    Group,
    Instance,
    MalformedInstance,
    Meeting,
    Person,
    Series,
    Solution,
    load_instance,
    parse_instance,
    parse_solution,
)
from .solver import Result, cannot_attend, solve

__all__ = [
    "Bound",
    "CostReport",
    "Group",
    "Instance",
    "MalformedInstance",
    "Meeting",
    "Person",
    "Result",
    "Series",
    "Solution",
    "Tables",
    "absences_by_meeting",
    "absent_members",
    "cannot_attend",
    "component_bound",
    "dp_bound",
    "evaluate",
    "greedy",
    "is_available",
    "load_instance",
    "parse_instance",
    "parse_solution",
    "solve",
]
