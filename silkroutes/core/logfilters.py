"""Logging filters (settings.LOGGING).

A refusal the application expects is one line: a 403 (``PermissionDenied``), a CSRF failure, a
body too large. Django logs the first with the traceback of the exception that refused the
request, and a body too large as an error with its traceback, so that a probe of the workspace
filled the log with tracebacks that hid the real errors; the path and the reason say it all."""

import logging


class ExpectedRefusalFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in (403, 413):
            record.exc_info = None
            record.exc_text = None
            if record.levelno > logging.WARNING:
                record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
