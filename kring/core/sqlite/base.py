"""Django's SQLite backend, with a database file only Kring's own user can read.

SQLite creates a missing database file with the process's umask, which is usually 0644: every
account on the machine could then read the journals and cases in it. The file is created here
first, with mode 0600, in a directory of mode 0700; SQLite gives its -wal and -shm files the
mode of the database file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        create_private(str(conn_params["database"]))
        return super().get_new_connection(conn_params)


def create_private(name: str) -> None:
    """Create the database file ``name`` (mode 0600) and its directory (0700) if they are
    missing. In-memory databases and URIs are left to SQLite."""
    if name == ":memory:" or name.startswith("file:") or not name:
        return
    path = Path(name)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(descriptor)
