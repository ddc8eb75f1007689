"""Filters for Kring's logging configuration (see ``LOGGING`` in settings)."""

from __future__ import annotations

import logging


class ForbiddenOnOneLine(logging.Filter):
    """A refused request (403) is an expected event, not a fault in Kring: log it as one warning
    line saying who asked for what, without the traceback Django attaches. Errors (500) keep
    their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403:
            return True
        request = getattr(record, "request", None)
        user = getattr(request, "user", None)
        who = f"user {user.pk}" if user is not None and user.is_authenticated else "anonymous"
        path = getattr(request, "path", "?")
        method = getattr(request, "method", "?")
        record.msg = "Forbidden: %s %s by %s"
        record.args = (method, path.encode("unicode_escape").decode("ascii"), who)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
