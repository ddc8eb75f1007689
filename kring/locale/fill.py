"""Fill the catalogues: Dutch from ``nl_translations``; English is the source text itself.

Run by ``make messages`` after ``makemessages``. Prints the source texts that still lack a
Dutch translation, and exits 1 when there are any.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

from kring.locale.nl_translations import NL, NL_PLURAL

LOCALE = Path(__file__).resolve().parent


def main() -> int:
    missing: list[str] = []
    nl = polib.pofile(str(LOCALE / "nl/LC_MESSAGES/django.po"))
    nl.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    for entry in nl:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = None
        if entry.msgid_plural:
            forms = NL_PLURAL.get(entry.msgid)
            if forms is None:
                missing.append(entry.msgid)
                continue
            entry.msgstr_plural = {0: forms[0], 1: forms[1]}
        elif entry.msgid in NL:
            entry.msgstr = NL[entry.msgid]
        else:
            missing.append(entry.msgid)
    nl.save()
    en = polib.pofile(str(LOCALE / "en/LC_MESSAGES/django.po"))
    en.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    for entry in en:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
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
