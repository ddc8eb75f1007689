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
        method = getattr(request, "method", "?")
        # Django's own message names the reason (permission, CSRF) and the path.
        message = record.getMessage()
        record.msg = "%s [%s, %s]"
        record.args = (message, method, who)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
