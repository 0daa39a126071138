"""Conditional requests: every successful GET carries an ``ETag`` and an ``If-None-Match`` that
names it is answered with 304 and no body. The ETag is a hash of the body, or, for a body kept in
the read cache (silkroutes.api.readcache), derived from the data version it was built at.

Responses vary by token (restricted data) and are marked ``private, no-cache``: clients and shared
caches must revalidate, and the site's anonymous page cache (silkroutes.core.pagecache) does not
keep them, so a rate limit or a token's rights are never bypassed by a cached copy."""

import hashlib

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, quote_etag

CACHE_CONTROL = "private, no-cache"
JSON = "application/json; charset=utf-8"
# Set on a request by the read cache when it will keep the body ``finish`` gives the ETag to.
BODY_ENTRY = "api_body_entry"


def etag_of(content: bytes) -> str:
    return quote_etag(hashlib.sha256(content).hexdigest()[:40])


def _tags(request) -> set[str]:
    # Weak comparison (RFC 9110 §13.1.2): W/"x" and "x" name the same version.
    return {tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))}


def wanted(request, etag: str) -> bool:
    """Whether the client already has ``etag`` (``*`` is not counted: that needs the body)."""
    return etag in _tags(request)


def not_modified(etag: str) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ("Authorization",))
    return response


def send(request, body: bytes, etag: str, content_type: str = JSON) -> HttpResponse:
    """A body already built, with its ETag; 304 when the client has it."""
    if wanted(request, etag):
        return not_modified(etag)
    response = HttpResponse(body, content_type=content_type)
    patch_vary_headers(response, ("Authorization",))
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response


def finish(request, response):
    """Add the ETag, Cache-Control and Vary headers to a GET's response; 304 when the client
    already has this version."""
    patch_vary_headers(response, ("Authorization",))
    if request.method != "GET" or response.status_code != 200:
        return response
    if getattr(response, "streaming", False):
        return response
    entry = getattr(request, BODY_ENTRY, None)
    if entry is not None:
        entry.keep(response)
        etag = entry.etag
    else:
        etag = etag_of(response.content)
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    tags = _tags(request)
    if "*" in tags or etag in tags:
        return not_modified(etag)
    return response
