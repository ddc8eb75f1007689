"""Kring's staffing engine (format ``kring-staffing/1``): pure Python, no Django.

Typical in-process use::

    from kring.engines.staffing import parse_instance, solve

    result = solve(parse_instance(data), time_limit=10, seed=0)
    solution_json(instance, result.plan)   # the kring-staffing-solution/1 object
    result.report.parts                    # the cost and its parts
    result.explanations                    # session id -> why it is unplaced or short
"""

from .bound import Bound, lower_bound
from .check import Report, evaluate
from .greedy import construct, greedy
from .model import (
    Cohort,
    Instance,
    MalformedInstance,
    Person,
    Plan,
    Session,
    dumps,
    load_instance,
    parse_instance,
    parse_solution,
    solution_json,
)
from .solver import Result, solve
from .tables import Tables

__all__ = [
    "Bound",
    "Cohort",
    "Instance",
    "MalformedInstance",
    "Person",
    "Plan",
    "Report",
    "Result",
    "Session",
    "Tables",
    "construct",
    "dumps",
    "evaluate",
    "greedy",
    "load_instance",
    "lower_bound",
    "parse_instance",
    "parse_solution",
    "solution_json",
    "solve",
]
