"""Programme designs as data (Kring features D1, D3): comparing two versions of a design, in
words, and the rules of thumb that warn about a design.

Pure Python; no Django. A design is the JSON snapshot a design version keeps::

    {"spacing_days": 14 | None,
     "lines": [{"key", "title", "description", "components": [
         {"key", "title", "work_form", "custom_work_form", "length", "hours", "week",
          "week_until", "description", "staff": [{"kind", "person", "name", "note"}],
          "materials": [{"id", "title"}], "activities": [{...}]}]}]}

Components and lines are matched by ``key``, which stays the same when a new edition copies a
design, so versions of different editions compare as well as versions of one edition.
"""

from __future__ import annotations

from .diff import PHRASES, Change, diff_designs, in_words
from .rules import Warning, design_warnings

__all__ = ["PHRASES", "Change", "Warning", "design_warnings", "diff_designs", "in_words"]
