"""Two designs compared: what changed, as a list of changes and as sentences.

``diff_designs(old, new)`` matches learning lines and components by their lasting ``key`` and
lists every difference a programme manager would name: a line added, removed or renamed; a
component added, removed, renamed, moved in time or to another line, given another work form,
length, staffing, materials or runbook. ``in_words`` says each change in one sentence, with
phrases and labels handed in (so the caller chooses the language; English by default).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Design = Mapping[str, Any]

# Every sentence ``in_words`` can say, by change code, in English. Callers pass their own
# (translated) mapping with the same keys and the same %(name)s placeholders.
PHRASES: dict[str, str] = {
    "spacing_changed": "Days between sessions at least: %(new)s instead of %(old)s",
    "lines_reordered": "The learning lines are in another order",
    "line_added": "Learning line “%(line)s” added",
    "line_removed": "Learning line “%(line)s” removed",
    "line_renamed": "Learning line “%(old)s” renamed to “%(new)s”",
    "line_described": "Description of learning line “%(line)s” changed",
    "components_reordered": "Components of learning line “%(line)s” are in another order",
    "component_added": "%(form)s “%(title)s” added to “%(line)s”, %(when)s",
    "component_removed": "%(form)s “%(title)s” removed from “%(line)s”",
    "component_renamed": "%(form)s “%(old)s” renamed to “%(new)s”",
    "component_moved": "%(form)s “%(title)s” moved from %(old)s to %(new)s",
    "component_line": "%(form)s “%(title)s” moved from learning line “%(old)s” to “%(new)s”",
    "component_work_form": "“%(title)s”: work form %(new)s instead of %(old)s",
    "component_length": "%(form)s “%(title)s” now takes %(new)s instead of %(old)s",
    "component_described": "Description of %(form)s “%(title)s” changed",
    "component_staff_added": "%(who)s added to the staff of “%(title)s”",
    "component_staff_removed": "%(who)s no longer on the staff of “%(title)s”",
    "component_material_added": "Material “%(material)s” added to “%(title)s”",
    "component_material_removed": "Material “%(material)s” removed from “%(title)s”",
    "component_runbook": "Runbook of %(form)s “%(title)s” changed",
    # Pieces of sentences
    "when_week": "week %(week)s",
    "when_window": "weeks %(week)s–%(until)s",
    "length_hours": "%(hours)s hours",
    "staff_person": "%(name)s (%(kind)s)",
    "staff_open": "%(kind)s still to be found (%(note)s)",
    "staff_open_plain": "%(kind)s still to be found",
    "none": "none",
}


@dataclass(frozen=True)
class Change:
    """One difference between two designs. ``params`` holds the raw values (codes, weeks,
    titles); ``in_words`` turns them into a sentence."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    line_key: str | None = None
    component_key: str | None = None


def _lines(design: Design) -> list[Mapping[str, Any]]:
    return list(design.get("lines") or [])


def _components(design: Design) -> dict[str, tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """Each component by key, with its line."""
    found: dict[str, tuple[Mapping[str, Any], Mapping[str, Any]]] = {}
    for line in _lines(design):
        for component in line.get("components") or []:
            found[str(component["key"])] = (component, line)
    return found


def _subject(component: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "title": component.get("title", ""),
        "work_form": component.get("work_form", ""),
        "custom_work_form": component.get("custom_work_form", ""),
    }


def _when(component: Mapping[str, Any]) -> tuple[int | None, int | None]:
    until = component.get("week_until")
    week = component.get("week")
    return week, (until if until not in (None, week) else None)


def _length(component: Mapping[str, Any]) -> tuple[str, Any]:
    length = component.get("length", "")
    return length, (component.get("hours") if length == "hours" else None)


def _staff_key(person: Mapping[str, Any]) -> tuple[str, Any, str, str]:
    return (
        str(person.get("kind", "")),
        person.get("person"),
        str(person.get("name", "")) if person.get("person") else "",
        "" if person.get("person") else str(person.get("note", "")),
    )


def _order_changed(old: Sequence[str], new: Sequence[str]) -> bool:
    common = set(old) & set(new)
    return [k for k in old if k in common] != [k for k in new if k in common]


def diff_designs(old: Design, new: Design) -> list[Change]:
    """Every difference from ``old`` to ``new``, lines first, then components in the order of
    the new design, removed components last."""
    changes: list[Change] = []
    if (old.get("spacing_days") or None) != (new.get("spacing_days") or None):
        changes.append(
            Change(
                "spacing_changed",
                {"old": old.get("spacing_days"), "new": new.get("spacing_days")},
            )
        )
    old_lines = {str(line["key"]): line for line in _lines(old)}
    new_lines = {str(line["key"]): line for line in _lines(new)}
    if _order_changed(list(old_lines), list(new_lines)):
        changes.append(Change("lines_reordered"))
    for key, line in new_lines.items():
        before = old_lines.get(key)
        if before is None:
            changes.append(Change("line_added", {"line": line.get("title", "")}, line_key=key))
            continue
        if before.get("title") != line.get("title"):
            changes.append(
                Change(
                    "line_renamed",
                    {"old": before.get("title", ""), "new": line.get("title", "")},
                    line_key=key,
                )
            )
        if (before.get("description") or "") != (line.get("description") or ""):
            changes.append(Change("line_described", {"line": line.get("title", "")}, line_key=key))
        old_order = [str(c["key"]) for c in before.get("components") or []]
        new_order = [str(c["key"]) for c in line.get("components") or []]
        if _order_changed(old_order, new_order):
            changes.append(
                Change("components_reordered", {"line": line.get("title", "")}, line_key=key)
            )
    old_components = _components(old)
    new_components = _components(new)
    for key, (component, line) in new_components.items():
        line_key = str(line["key"])
        if key not in old_components:
            changes.append(
                Change(
                    "component_added",
                    {
                        **_subject(component),
                        "line": line.get("title", ""),
                        "when": _when(component),
                    },
                    line_key=line_key,
                    component_key=key,
                )
            )
            continue
        changes.extend(_component_changes(key, old_components[key], (component, line)))
    for key, (component, line) in old_components.items():
        if key not in new_components:
            changes.append(
                Change(
                    "component_removed",
                    {**_subject(component), "line": line.get("title", "")},
                    line_key=str(line["key"]),
                    component_key=key,
                )
            )
    for key, line in old_lines.items():
        if key not in new_lines:
            changes.append(Change("line_removed", {"line": line.get("title", "")}, line_key=key))
    return changes


def _component_changes(
    key: str,
    old: tuple[Mapping[str, Any], Mapping[str, Any]],
    new: tuple[Mapping[str, Any], Mapping[str, Any]],
) -> list[Change]:
    (before, old_line), (after, new_line) = old, new
    subject = _subject(after)
    line_key = str(new_line["key"])
    changes: list[Change] = []

    def add(code: str, **params: Any) -> None:
        changes.append(Change(code, {**subject, **params}, line_key=line_key, component_key=key))

    if before.get("title") != after.get("title"):
        add("component_renamed", old=before.get("title", ""), new=after.get("title", ""))
    if str(old_line["key"]) != line_key:
        add("component_line", old=old_line.get("title", ""), new=new_line.get("title", ""))
    if _when(before) != _when(after):
        add("component_moved", old=_when(before), new=_when(after))
    if (before.get("work_form"), before.get("custom_work_form") or "") != (
        after.get("work_form"),
        after.get("custom_work_form") or "",
    ):
        add("component_work_form", old=_subject(before), new=subject)
    if _length(before) != _length(after):
        add("component_length", old=_length(before), new=_length(after))
    if (before.get("description") or "") != (after.get("description") or ""):
        add("component_described")
    old_staff = Counter(_staff_key(s) for s in before.get("staff") or [])
    new_staff = Counter(_staff_key(s) for s in after.get("staff") or [])
    for staff in sorted((new_staff - old_staff).elements(), key=repr):
        add("component_staff_added", staff=staff)
    for staff in sorted((old_staff - new_staff).elements(), key=repr):
        add("component_staff_removed", staff=staff)
    old_materials = {m.get("id"): m.get("title", "") for m in before.get("materials") or []}
    new_materials = {m.get("id"): m.get("title", "") for m in after.get("materials") or []}
    for material_id, title in new_materials.items():
        if material_id not in old_materials:
            add("component_material_added", material=title)
    for material_id, title in old_materials.items():
        if material_id not in new_materials:
            add("component_material_removed", material=title)
    if list(before.get("activities") or []) != list(after.get("activities") or []):
        add("component_runbook")
    return changes


def _format_hours(hours: Any) -> str:
    text = str(hours)
    return text[:-2] if text.endswith(".0") else text


def in_words(
    changes: Sequence[Change],
    *,
    phrases: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """One sentence per change. ``phrases`` has the keys of ``PHRASES``; ``labels`` names
    work forms, lengths and staff kinds by their codes (a code without a label is shown as
    itself)."""
    say = {**PHRASES, **(phrases or {})}
    names = dict(labels or {})

    def label(code: Any) -> str:
        return names.get(str(code), str(code))

    def form(subject: Mapping[str, Any]) -> str:
        if subject.get("work_form") == "custom" and subject.get("custom_work_form"):
            return str(subject["custom_work_form"])
        return label(subject.get("work_form", ""))

    def when(value: Sequence[Any]) -> str:
        week, until = value
        if until:
            return say["when_window"] % {"week": week, "until": until}
        return say["when_week"] % {"week": week}

    def length(value: Sequence[Any]) -> str:
        code, hours = value
        if code == "hours" and hours is not None:
            return say["length_hours"] % {"hours": _format_hours(hours)}
        return label(code).lower() if code in names else str(code)

    def who(staff: Sequence[Any]) -> str:
        kind, person, name, note = staff
        if person:
            return say["staff_person"] % {"name": name, "kind": label(kind).lower()}
        if note:
            return say["staff_open"] % {"kind": label(kind), "note": note}
        return say["staff_open_plain"] % {"kind": label(kind)}

    sentences: list[str] = []
    for change in changes:
        p = dict(change.params)
        values: dict[str, Any] = dict(p)
        if "work_form" in p:
            values["form"] = form(p)
        if change.code == "spacing_changed":
            values["old"] = say["none"] if p.get("old") in (None, 0) else p["old"]
            values["new"] = say["none"] if p.get("new") in (None, 0) else p["new"]
        elif change.code == "component_added":
            values["when"] = when(p["when"])
        elif change.code == "component_moved":
            values["old"], values["new"] = when(p["old"]), when(p["new"])
        elif change.code == "component_work_form":
            values["old"], values["new"] = form(p["old"]), form(p["new"])
        elif change.code == "component_length":
            values["old"], values["new"] = length(p["old"]), length(p["new"])
        elif change.code in {"component_staff_added", "component_staff_removed"}:
            values["who"] = who(p["staff"])
        sentence = say[change.code] % values
        sentences.append(sentence[:1].upper() + sentence[1:])
    return sentences
