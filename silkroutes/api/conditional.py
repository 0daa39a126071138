"""Conditional requests: every successful GET carries an ``ETag`` (a hash of its body) and an
``If-None-Match`` that names it is answered with 304 and no body.

Responses vary by token (restricted data) and are marked ``private, no-cache``: clients and shared
caches must revalidate, and the site's anonymous page cache (silkroutes.core.pagecache) does not
keep them, so a rate limit or a token's rights are never bypassed by a cached copy."""

import functools
import hashlib

from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, quote_etag

CACHE_CONTROL = "private, no-cache"


def etag_of(content: bytes) -> str:
    return quote_etag(hashlib.sha256(content).hexdigest()[:40])


def finish(request, response):
    """Add the ETag, Cache-Control and Vary headers to a GET's response; 304 when the client
    already has this version."""
    patch_vary_headers(response, ("Authorization",))
    if request.method != "GET" or response.status_code != 200:
        return response
    if getattr(response, "streaming", False):
        return response
    etag = etag_of(response.content)
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    # Weak comparison (RFC 9110 §13.1.2): W/"x" and "x" name the same version.
    wanted = {
        tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))
    }
    if "*" in wanted or etag in wanted:
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Vary"):
            not_modified[header] = response[header]
        return not_modified
    return response


def conditional_get(view):
    """``finish`` every response of a plain Django view (the OpenAPI description, the docs)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return finish(request, view(request, *args, **kwargs))

    return wrapper
