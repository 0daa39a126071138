"""When the database cannot be reached (PostgreSQL restarting, a failover, the network between
the app and the database cut): answer 503 with ``Retry-After`` instead of a 500, so that people
and API clients know to try again and monitoring tells an outage from a bug.

Only the connection errors of Django's database layer count (``OperationalError`` and
``InterfaceError``): a failed query of ours still is a 500 and is logged as one. The page is
rendered from a template that needs neither the database nor the session."""

import json
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("silkroutes.unavailable")

RETRY_AFTER_SECONDS = 5
# The headers of every 503 for an outage: try again soon, and never cache the refusal.
UNAVAILABLE_HEADERS = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


def unavailable_detail() -> str:
    return _("The database cannot be reached for a moment; try again.")


UNAVAILABLE = (OperationalError, InterfaceError)


def unavailable_response(request, exception):
    """503 with Retry-After: a page for people; for an API path a problem detail (RFC 9457). The
    API's own handler (api/errors.py) answers outages met inside its views with its full problem
    type; this one covers those met before (core imports no app of ours)."""
    logger.warning("database unavailable at %s: %s", request.path, exception)
    if request.path.startswith("/api/"):
        problem = {
            "type": "about:blank",
            "title": "Service unavailable",
            "status": 503,
            "detail": unavailable_detail(),
            "instance": request.get_full_path(),
        }
        response = HttpResponse(
            json.dumps(problem, ensure_ascii=False),
            status=503,
            content_type="application/problem+json",
        )
    else:
        response = HttpResponse(render_to_string("core/unavailable.html"), status=503)
    for name, value in UNAVAILABLE_HEADERS.items():
        response[name] = value
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except UNAVAILABLE as exception:  # raised by a middleware (the session, the page cache)
            return unavailable_response(request, exception)

    def process_exception(self, request, exception):
        if isinstance(exception, UNAVAILABLE):
            return unavailable_response(request, exception)
        return None
