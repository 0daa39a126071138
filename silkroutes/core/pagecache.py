"""Whole-page cache for anonymous visitors.

A page is cached per full URL (the language is part of the URL) and per *data version*: a number
in the cache that rises whenever any record of the platform changes, so a cached page never shows
stale data — the next request after a change renders anew. Only anonymous GET/HEAD requests
without a session or messages cookie are served from or stored in the cache, and only responses
that set no cookie and are not marked private: nothing personal is ever cached.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

DATA_VERSION_KEY = "silkroutes:data-version"
EXCLUDED_PREFIXES = ("/workspace/", "/admin/", "/i18n/")


def data_version() -> int:
    version = cache.get(DATA_VERSION_KEY)
    if version is None:
        cache.add(DATA_VERSION_KEY, 1, timeout=None)
        version = cache.get(DATA_VERSION_KEY, 1)
    return version


def bump_data_version(**kwargs) -> None:
    try:
        cache.incr(DATA_VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates the old pages
        cache.set(DATA_VERSION_KEY, 2, timeout=None)


def connect_invalidation(app_labels: set[str]) -> None:
    """Bump the data version on every write to a model of the platform's own apps."""

    def on_change(sender, **kwargs):
        if sender._meta.app_label in app_labels:
            bump_data_version()

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_change, weak=False, dispatch_uid=f"pagecache-{signal!r}")


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _cacheable_response(response) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)

    def __call__(self, request):
        if not self.seconds or not _cacheable_request(request):
            return self.get_response(request)
        # One round trip to the cache: the data version and the page, stored with the version it
        # was rendered at; a page of an older version is rendered anew.
        key = f"silkroutes:page:{request.get_full_path()}"
        found = cache.get_many([DATA_VERSION_KEY, key])
        version = found.get(DATA_VERSION_KEY) or data_version()
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            cached = entry[1]
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, (version, response), self.seconds)
            response["X-Page-Cache"] = "miss"
        return response
