"""Rate limits: so many requests per period for each anonymous client (by address) and for each
token, read from the settings ``API_RATE_LIMIT_ANONYMOUS`` and ``API_RATE_LIMIT_TOKEN`` at every
request (so that a test or an operator can change them without a restart).

Requests are counted in fixed windows in Django's cache with ``add``/``incr``, which are atomic in
Redis, so several app servers share the count. Over the limit the API answers 429 with
``Retry-After``: the seconds until the window ends."""

import math
import re
import threading
import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

from silkroutes.core.client import client_address

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(s|sec|second|m|min|minute|h|hour|d|day)\s*$")
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int] | None:
    """(requests, seconds) of a rate such as ``60/min`` or ``1000/2h``; None for no limit."""
    if not rate or not rate.strip():
        return None
    match = _RATE.match(rate)
    if not match:
        raise ValueError(f"Invalid API rate limit {rate!r}: use the form 60/min or 1000/hour")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _PERIODS[unit[0]]


class ApiRateThrottle(BaseThrottle):
    """One limit for anonymous clients, another for each token (``request.api_token``)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def _limit_for(self, request) -> tuple[str, str]:
        token = getattr(request, "api_token", None)
        if token is not None:
            return f"token:{token.pk}", settings.API_RATE_LIMIT_TOKEN
        return f"address:{self.get_ident(request)}", settings.API_RATE_LIMIT_ANONYMOUS

    def get_ident(self, request) -> str | None:
        # Not ninja's: it believes any X-Forwarded-For, so a client could pick a new address
        # for every request.
        return client_address(request)

    def allow_request(self, request) -> bool:
        self._local.wait = None
        client, rate = self._limit_for(request)
        limit = parse_rate(rate)
        if limit is None:
            return True
        allowed, seconds = limit
        now = time.time()
        window = int(now // seconds)
        key = f"silkroutes:api-rate:{seconds}:{client}:{window}"
        if cache.add(key, 1, timeout=seconds + 1):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr: a new window has begun
                cache.set(key, 1, timeout=seconds + 1)
                count = 1
        if count <= allowed:
            return True
        self._local.wait = max(1, math.ceil((window + 1) * seconds - now))
        return False

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)
