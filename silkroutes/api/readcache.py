"""Reads built once and sent many times.

- The OpenAPI description and the docs page depend on the code, not the data: each is built on
  its first request in a process (per path and language) and then sent as the same bytes.
- The body of an anonymous GET is kept in Django's cache per data version, language, address and
  query string (its parameters in a fixed order). It is looked up inside the operation, after the
  rate limit and the validation of the parameters, so that a refused or invalid request is never
  answered from the cache nor stored in it. Its ETag is derived from the same key, so that a
  client that has the current version gets its 304 before anything is loaded or rendered.

A request with a token never reads or fills the body cache: a token may see restricted records.
Bodies are kept for ``PAGE_CACHE_SECONDS`` (0 turns the cache off) and the key changes with each
such period too, so that what moves with the clock alone (an embargo that ends, an action point
that falls overdue) is at most that late, as on the cached portal pages."""

import functools
import hashlib
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from silkroutes.core.pagecache import data_version

from .conditional import BODY_ENTRY, etag_of, finish, not_modified, send, wanted

KEY_PREFIX = "silkroutes:api-body"


@dataclass(frozen=True)
class Built:
    content_type: str
    body: bytes
    etag: str


def built_once(view):
    """(For ``docs_decorator``) A view whose answer depends only on the code, sent from the
    bytes of its first answer per path and language."""
    built: dict[tuple[str, str], Built] = {}
    lock = threading.Lock()

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = (request.path, translation.get_language())
        found = built.get(key)
        if found is None:
            with lock:  # one build per process, however many requests wait for it
                found = built.get(key)
                if found is None:
                    response = view(request, *args, **kwargs)
                    if response.status_code != 200:
                        return finish(request, response)
                    content = response.content
                    found = Built(response["Content-Type"], content, etag_of(content))
                    built[key] = found
        return send(request, found.body, found.etag, found.content_type)

    return wrapper


@dataclass(frozen=True)
class BodyEntry:
    """Where the body of one anonymous read is kept, and the ETag it is sent with."""

    key: str
    etag: str
    seconds: int

    @classmethod
    def of(cls, request, seconds: int) -> "BodyEntry":
        version = data_version()
        query = urlencode(sorted(request.GET.lists()), doseq=True)
        address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        period = int(time.time() // seconds)
        named = f"{period} {translation.get_language()} {address}"
        digest = hashlib.sha256(named.encode()).hexdigest()
        return cls(f"{KEY_PREFIX}:{version}:{digest}", f'"v{version}-{digest[:24]}"', seconds)

    def keep(self, response) -> None:
        cache.set(self.key, (response["Content-Type"], response.content), self.seconds)


def _anonymous_read(request) -> bool:
    # Both tests: no operation that a token's holder reaches may read or fill the cache, even
    # one that would not look at the token.
    return (
        request.method == "GET"
        and getattr(request, "api_token", None) is None
        and "Authorization" not in request.headers
    )


def anonymous_reads_cached(operation):
    """(For ``api.add_decorator``, around each operation's function) An anonymous GET answered
    with 304 or from the body cache; otherwise built, and kept by ``conditional.finish``."""

    @functools.wraps(operation)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _anonymous_read(request):
            return operation(request, *args, **kwargs)
        entry = BodyEntry.of(request, seconds)
        if wanted(request, entry.etag):
            return not_modified(entry.etag)
        found = cache.get(entry.key)
        if found is not None:
            content_type, body = found
            return send(request, body, entry.etag, content_type)
        setattr(request, BODY_ENTRY, entry)
        return operation(request, *args, **kwargs)

    return wrapper
