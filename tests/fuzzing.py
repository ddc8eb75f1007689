"""Finding every form a persona can reach and posting hostile values to it: the pieces of
tests/test_fuzz_forms.py. Pages are read as a browser would (links and forms in the HTML),
so a new form is fuzzed without anyone listing it here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve

HUGE = "9" * 30
# Values no field may answer with a server error; each request puts one of them in every
# field at once (a field that breaks on it breaks whatever the other fields hold).
EVERYWHERE: list[object] = [
    HUGE,
    "-" + HUGE,
    "abc",
    "a\x00b",
    "x" * 5000,
    "1e400",
    [HUGE, "-1", "abc"],  # several values where one is expected
]
# Values that look valid, one field at a time with the rest of the form filled in as a
# person would, so that they get past the form to the service and into the database.
ONE_AT_A_TIME: list[object] = [HUGE, "-1"]
DATES = ["9999-12-31", "0001-01-01"]
DATE_TIMES = ["9999-12-31T23:59", "0001-01-01T00:00"]
NOT_FUZZED = {"csrfmiddlewaretoken"}
# Free text takes any value; the values for every field at once are enough there.
TEXT_KINDS = {"text", "textarea", "email", "url", "search", "password", "tel"}


@dataclass
class Field:
    name: str
    kind: str  # the input type, "select", "select-multiple" or "textarea"
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)


@dataclass
class Form:
    page: str
    action: str
    method: str
    multipart: bool
    fields: list[Field] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def names(self) -> tuple[str, ...]:
        return tuple(sorted({f.name for f in self.fields}))

    def baseline(self) -> dict[str, object]:
        """What a person submitting the form unchanged would send, with plausible values
        in the fields they would fill in."""
        data: dict[str, list[object]] = {}
        soon = datetime.date.today() + datetime.timedelta(days=10)
        for item in self.fields:
            value: object
            if item.kind == "radio":
                if item.name not in data or item.checked:
                    data[item.name] = [item.value or "on"]
                continue
            if item.kind == "checkbox":
                if item.checked:
                    data.setdefault(item.name, []).append(item.value or "on")
                continue
            if item.kind in {"select", "select-multiple"}:
                chosen = item.selected or [o for o in item.options if o][:1]
                data.setdefault(item.name, []).extend(chosen)
                continue
            elif item.kind == "file":
                value = SimpleUploadedFile("kring.txt", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
            elif item.value:
                value = item.value
            elif item.kind == "date":
                value = soon.isoformat()
            elif item.kind == "datetime-local":
                value = f"{soon.isoformat()}T10:00"
            elif item.kind == "time":
                value = "10:00"
            elif item.kind == "email":
                value = "iemand@example.org"
            elif item.kind == "number":
                value = "1"
            elif item.kind == "password":
                value = "Een-lang-wachtwoord-42"
            else:
                value = "Tekst"
            data.setdefault(item.name, []).append(value)
        return {name: values if len(values) > 1 else values[0] for name, values in data.items()}

    def _choices(self, name: str) -> set[str]:
        found: set[str] = set()
        for item in self.fields:
            if item.name == name:
                found.update(item.options or ([item.value] if item.kind == "radio" else []))
        return found

    def hostile(self) -> list[tuple[str, dict[str, object]]]:
        """(what was changed, data) pairs to send instead of the baseline."""
        base = self.baseline()
        kinds: dict[str, str] = {}
        for item in self.fields:
            if item.kind not in {"submit", "button", "file"} and item.name not in NOT_FUZZED:
                kinds.setdefault(item.name, item.kind)
        variants: list[tuple[str, dict[str, object]]] = []
        if not kinds:
            return variants
        for value in EVERYWHERE:
            variants.append(
                (f"every field={str(value)[:40]!r}", {**base, **dict.fromkeys(kinds, value)})
            )
        shapes: set[tuple[str, ...]] = set()
        for name, kind in kinds.items():
            # Twenty questions with the same five answers are one kind of field.
            shape = (kind, *sorted(self._choices(name)))
            if len(shape) > 2 and shape in shapes:
                continue
            shapes.add(shape)
            values = [] if kind in TEXT_KINDS else list(ONE_AT_A_TIME)
            if kind == "date" or (kind == "text" and "date" in name):
                values += DATES
            elif kind == "datetime-local":
                values += DATE_TIMES + DATES
            for value in values:
                variants.append((f"{name}={str(value)[:40]!r}", {**base, name: value}))
        return variants


class _PageParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: str | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.page, a["href"]))
        for attribute in ("hx-get",):
            if a.get(attribute):
                self.links.append(urljoin(self.page, a[attribute]))
        if tag == "form":
            method = "post" if a.get("method", "get").lower() == "post" else "get"
            action = urljoin(self.page, a.get("action") or a.get("hx-post") or self.page)
            multipart = a.get("enctype") == "multipart/form-data"
            self._form = Form(self.page, action, method, multipart)
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in {"submit", "image", "button", "reset"}:
                form.buttons.append((name, a.get("value", "")))
                return
            form.fields.append(Field(name, kind, a.get("value", ""), "checked" in a))
        elif tag == "button" and name:
            form.buttons.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = Field(name, "select-multiple" if "multiple" in a else "select")
            form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = value
            if value is not None:
                self._select.options.append(value)
                if "selected" in a:
                    self._select.selected.append(value)
        elif tag == "textarea" and name:
            self._textarea = Field(name, "textarea")
            form.fields.append(self._textarea)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def read_page(url: str, html: str) -> tuple[list[str], list[Form]]:
    parser = _PageParser(url)
    parser.feed(html)
    return parser.links, parser.forms


def route_of(url: str) -> str | None:
    """The URL pattern name of a local URL, or None for anything not served by Kring."""
    parts = urlsplit(url)
    if parts.netloc not in {"", "testserver"}:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return match.view_name
