"""Rules of thumb for a design. None of them blocks: each finding is a warning the programme
manager may weigh and leave."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .diff import Design


@dataclass(frozen=True)
class Warning:
    """One rule of thumb a design does not keep. ``params`` names what it concerns."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    line_key: str | None = None
    component_key: str | None = None


FACILITATOR = "facilitator"
GUEST_LECTURE = "guest_lecture"


def design_warnings(design: Design, *, unbriefed: Mapping[str, int] | None = None) -> list[Warning]:
    """What a design's rules of thumb say about it:

    - a learning line (with components) none of whose components has a facilitator;
    - a staffing place still to be filled (a guest not yet found);
    - two components of the edition closer together than its ``spacing_days`` (components
      placed in a window of weeks are left out: they have no fixed week);
    - a guest lecture with sessions whose teacher has no briefing note yet (``unbriefed``
      counts them by component key, from the planned sessions).
    """
    warnings: list[Warning] = []
    fixed: list[tuple[int, str, str]] = []
    for line in design.get("lines") or []:
        components = list(line.get("components") or [])
        line_key = str(line["key"])
        if components and not any(
            staff.get("kind") == FACILITATOR
            for component in components
            for staff in component.get("staff") or []
        ):
            warnings.append(
                Warning("line_without_facilitator", {"line": line.get("title", "")}, line_key)
            )
        for component in components:
            key = str(component["key"])
            for staff in component.get("staff") or []:
                if not staff.get("person"):
                    warnings.append(
                        Warning(
                            "staff_to_find",
                            {
                                "title": component.get("title", ""),
                                "kind": staff.get("kind", ""),
                                "note": staff.get("note", ""),
                            },
                            line_key,
                            key,
                        )
                    )
            if component.get("week_until") in (None, component.get("week")):
                fixed.append((int(component.get("week") or 1), key, component.get("title", "")))
            if component.get("work_form") == GUEST_LECTURE and (unbriefed or {}).get(key):
                warnings.append(
                    Warning(
                        "guest_lecture_unbriefed",
                        {"title": component.get("title", ""), "sessions": unbriefed[key]},  # type: ignore[index]
                        line_key,
                        key,
                    )
                )
    spacing = design.get("spacing_days") or 0
    if spacing:
        fixed.sort()
        for (week_a, _key_a, title_a), (week_b, key_b, title_b) in zip(
            fixed, fixed[1:], strict=False
        ):
            days = (week_b - week_a) * 7
            if days < spacing:
                warnings.append(
                    Warning(
                        "too_close",
                        {
                            "first": title_a,
                            "second": title_b,
                            "days": days,
                            "spacing": spacing,
                            "week": week_b,
                        },
                        None,
                        key_b,
                    )
                )
    return warnings
