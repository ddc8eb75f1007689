"""Every action the code base writes to the audit log has words for people."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import kring
from kring.audit.describe import DESCRIPTIONS

CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")
# ``action=``, or a helper's ``audit_action=``.
NAME = re.compile(r"(^|_)action$")
ROOT = Path(kring.__file__).resolve().parent


def _codes_in(tree: ast.AST) -> set[str]:
    """Codes passed as ``action=...`` (or ``audit_action=...``) to any call (``audit_record``,
    ``record_read``, a helper that records for its caller) or assigned to a variable of that
    name first (``action = "pool.sign_up"``)."""
    found: set[str] = set()
    values: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            values += [k.value for k in node.keywords if k.arg and NAME.search(k.arg)]
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and NAME.search(t.id) for t in node.targets
        ):
            values.append(node.value)
    for value in values:
        for inner in ast.walk(value):
            if (
                isinstance(inner, ast.Constant)
                and isinstance(inner.value, str)
                and CODE.match(inner.value)
            ):
                found.add(inner.value)
    return found


def audit_codes() -> set[str]:
    codes: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts or path.parts[-2:] == ("audit", "describe.py"):
            continue
        codes |= _codes_in(ast.parse(path.read_text(encoding="utf-8")))
    return codes


def test_the_scan_finds_the_codes():
    codes = audit_codes()
    assert {
        "programme.create",
        "submission.list_read",
        "pool.sign_up",
        "membership.confirm",
    } <= codes


def test_every_code_written_has_a_description():
    missing = sorted(audit_codes() - DESCRIPTIONS.keys())
    assert missing == [], f"audit codes without words in kring/audit/describe.py: {missing}"


def test_no_description_for_a_code_nobody_writes():
    stale = sorted(DESCRIPTIONS.keys() - audit_codes())
    assert stale == [], stale
