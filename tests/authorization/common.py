"""Building blocks for the authorization matrix: an entry per URL pattern says, for every
persona, which outcome they must get."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.conftest import PERSONAS, World

OK, REDIRECT, LOGIN, FORBIDDEN, NOT_FOUND = "ok", "redirect", "login", "403", "404"
ALL_SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


@dataclass
class Entry:
    url: Callable[[World], str]
    expect: dict[str, str]
    method: str = "get"
    data: dict[str, str] | None = None


def outcomes(default: str, anonymous: str = LOGIN, **overrides: str) -> dict[str, str]:
    result = dict.fromkeys(ALL_SIGNED_IN, default)
    result["anonymous"] = anonymous
    result.update(overrides)
    return result


def only(allowed: list[str], denied: str = FORBIDDEN, **overrides: str) -> dict[str, str]:
    result = outcomes(denied)
    for persona in allowed:
        result[persona] = OK
    result.update(overrides)
    return result


TRAJECTORY_VIEWERS = [
    "admin", "programme_manager", "facilitator_a", "facilitator_b", "participant_a",
    "participant_b", "client_contact", "teacher", "team_leader",
]  # fmt: skip
GROUP_A_VIEWERS = ["admin", "programme_manager", "facilitator_a", "participant_a", "teacher"]
GROUP_A_MANAGERS = ["admin", "programme_manager", "facilitator_a"]


def viewers_only(viewers: list[str], managers: list[str], ok: str = OK) -> dict[str, str]:
    """Managers succeed, other viewers are refused (403), the rest do not see it (404)."""
    result = outcomes(NOT_FOUND)
    for persona in viewers:
        result[persona] = FORBIDDEN
    for persona in managers:
        result[persona] = ok
    return result


# The trajectory's other people (facilitator_b, participant_b, the client contact, the team
# leader) see group A's name on the programme page, so a page of group A itself refuses them
# with a reason (403) instead of pretending the group does not exist (404). Objects inside the
# group (a meeting, a submission) stay 404 for them.
IN_PROGRAMME_NOT_IN_GROUP_A = [p for p in TRAJECTORY_VIEWERS if p not in GROUP_A_VIEWERS]


def group_page(expect: dict[str, str]) -> dict[str, str]:
    """``expect`` for a page of group A itself: 403 rather than 404 for the trajectory's
    other people."""
    return {
        **expect,
        **{p: FORBIDDEN for p in IN_PROGRAMME_NOT_IN_GROUP_A if expect[p] == NOT_FOUND},
    }
