"""Fill the catalogues: Dutch from the tables in ``kring/locale/texts/`` (one module per area,
each with ``NL`` and ``NL_PLURAL``, keyed by the English source text); English is the source
text itself. Translations are thus reviewed as code.

Run by ``make messages`` after ``makemessages``. Prints the source texts that still lack a
Dutch translation, and exits 1 when there are any.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import polib

from kring.locale import texts

LOCALE = Path(__file__).resolve().parent


def load_tables() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    singular: dict[str, str] = {}
    plural: dict[str, tuple[str, str]] = {}
    for module_info in pkgutil.iter_modules(texts.__path__):
        module = importlib.import_module(f"{texts.__name__}.{module_info.name}")
        singular.update(getattr(module, "NL", {}))
        plural.update(getattr(module, "NL_PLURAL", {}))
    return singular, plural


def main() -> int:
    NL, NL_PLURAL = load_tables()  # noqa: N806
    missing: list[str] = []
    nl = polib.pofile(str(LOCALE / "nl/LC_MESSAGES/django.po"))
    nl.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    for entry in nl:
        # Our tables are the only source: msgmerge's fuzzy guesses are dropped, not kept.
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        if entry.msgid_plural:
            forms = NL_PLURAL.get(entry.msgid)
            if forms is None:
                missing.append(entry.msgid)
                entry.msgstr_plural = {0: "", 1: ""}
                continue
            entry.msgstr_plural = {0: forms[0], 1: forms[1]}
        elif entry.msgid in NL:
            entry.msgstr = NL[entry.msgid]
        else:
            missing.append(entry.msgid)
            entry.msgstr = ""
    nl.save()
    en = polib.pofile(str(LOCALE / "en/LC_MESSAGES/django.po"))
    en.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    for entry in en:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
    en.save()
    if missing:
        print("No Dutch translation yet for:\n  " + "\n  ".join(missing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
