"""Whole-page cache for anonymous visitors, and the data version it rests on.

A page is cached per full URL (the language is part of the URL) and per *data version*: a number
that rises once per committed transaction that changed any record of the platform, so a cached
page never shows stale data — the next request after a change renders anew. Only anonymous
GET/HEAD requests without a session or messages cookie are served from or stored in the cache,
and only responses that set no cookie and are not marked private: nothing personal is ever cached.

The version lives in the database (``core.DataVersion``: files are stored under it, so it must
never go back, whatever happens to the cache) and the cache keeps a copy, so that a request
costs no query for it. It moves after the commit, never inside the transaction: a page rendered
between a write and its commit must not be stored under the new number.
"""

import datetime as dt
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

DATA_VERSION_KEY = "silkroutes:data-version:stored"
# /healthz touches neither the database nor the cache, so that it says whether the app lives.
EXCLUDED_PREFIXES = ("/workspace/", "/admin/", "/i18n/", "/healthz")


class Version(NamedTuple):
    number: int
    moved_at: dt.datetime

    @property
    def tag(self) -> str:
        """The version's name in ETags and file paths. The time is part of it: a database
        restored from a backup goes back to an older number, and the next move must not meet
        the files of the number it had before the restore."""
        return f"{self.number}-{self.moved_at:%Y%m%dT%H%M%S%f}"


def _stored_version() -> Version:
    from .models import DataVersion

    row, _ = DataVersion.objects.get_or_create(pk=1)
    return Version(row.number, row.moved_at)


def current_version() -> Version:
    """The data version, from the cache's copy; read from the database when the cache lost it
    (``add``: a version moved meanwhile is not overwritten by the older one read here)."""
    version = cache.get(DATA_VERSION_KEY)
    if version is None:
        cache.add(DATA_VERSION_KEY, tuple(_stored_version()), timeout=None)
        version = cache.get(DATA_VERSION_KEY) or tuple(_stored_version())
    return Version(*version)


def data_version() -> int:
    return current_version().number


def bump_data_version() -> None:
    """Move the version by one, in the database and in the cache's copy. The copy is written
    while the row is locked by the update, so concurrent moves write it in the order of the
    numbers. Called after a commit (``data_changed``), never inside the changing transaction."""
    from .models import DataVersion

    with transaction.atomic():
        DataVersion.objects.get_or_create(pk=1)
        DataVersion.objects.filter(pk=1).update(number=F("number") + 1, moved_at=timezone.now())
        row = DataVersion.objects.get(pk=1)
        cache.set(DATA_VERSION_KEY, (row.number, row.moved_at), timeout=None)


class _Move:
    """The one move of the version owed by the changes of one transaction: every change registers
    a callback on commit, and the first that runs moves the version for all of them. (A callback
    per change, not one per transaction: a savepoint rolled back takes its own callbacks away,
    and a test that runs only the callbacks of a block still moves the version.)"""

    done = False

    def __call__(self) -> None:
        if not self.done:
            self.done = True
            bump_data_version()


def data_changed() -> None:
    """The data of the platform changed in the current transaction: move the version once when
    it commits, however many rows it wrote (outside a transaction: now)."""
    move = getattr(connection, "_silkroutes_pending_move", None)
    if move is None or move.done:
        move = connection._silkroutes_pending_move = _Move()
    transaction.on_commit(move)


def connect_invalidation(app_labels: set[str]) -> None:
    """Move the data version after every transaction that wrote a model of the platform's own
    apps (the version's own row aside)."""

    def on_change(sender, **kwargs):
        meta = sender._meta
        if meta.app_label in app_labels and meta.model_name != "dataversion":
            data_changed()

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
        stored = found.get(DATA_VERSION_KEY)
        try:
            version = (Version(*stored) if stored else current_version()).tag
        except (OperationalError, InterfaceError):
            # The cache lost its copy while the database is away: render without the cache,
            # and the view's own query meets the outage (a 503 from core.unavailable).
            return self.get_response(request)
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
