"""Files built from the data at most once per data version and served from disk: the annual
report's PDFs and the open-data downloads (docs/decisions/0016-stored-files.md).

A file is built by the first request that asks for it under the current data version, while a
lock keeps every other request for the same file waiting (they then read what it wrote), and is
kept under ``STORED_FILES_ROOT/<version>/``, a folder all app servers share. Every answer carries
the version as its ``ETag`` and the time the version moved as its ``Last-Modified``; a client that
already holds this version gets 304 before anything is built or read. Building a file for a new
version removes the folders of older ones.

A file that cannot be written (a full disk) is still served, from memory: the visitor gets it,
the next request tries to store it again."""

import fcntl
import io
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from .pagecache import Version, current_version

logger = logging.getLogger("silkroutes.storedfiles")

LOCKS = ".locks"
VERSION_FOLDER = re.compile(r"\d+-\d{8}T\d{12}")  # Version.tag; nothing else is ever removed
# As long as nginx's micro-cache keeps any page (deploy/nginx.conf.template); then clients and
# nginx ask again with the ETag and get 304 while the version has not moved.
CACHE_CONTROL = "public, max-age=1"


def _root() -> Path:
    return Path(settings.STORED_FILES_ROOT)


def _moved_at(tag: str) -> str:
    return tag.partition("-")[2]  # fixed-width digits: compared as strings, oldest first


@contextmanager
def _locked(name: str) -> Iterator[None]:
    """One builder per file name across the processes and servers that share the folder; the
    lock goes with the process if it dies (a worker killed by its time-out)."""
    locks = _root() / LOCKS
    locks.mkdir(parents=True, exist_ok=True)
    with open(locks / f"{name}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open(path: Path) -> BinaryIO | None:
    try:
        return path.open("rb")
    except OSError:  # not built yet, its folder just removed for a newer one, or unreadable
        return None


def _store(path: Path, content: bytes) -> None:
    """Write under a temporary name and rename: a reader never opens a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as f:
        temporary = Path(f.name)
    try:
        temporary.write_bytes(content)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _remove_older_than(version: Version) -> None:
    for folder in _root().iterdir():
        if not (folder.is_dir() and VERSION_FOLDER.fullmatch(folder.name)):
            continue
        if _moved_at(folder.name) < _moved_at(version.tag):
            shutil.rmtree(folder, ignore_errors=True)


def stored_file(name: str, build: Callable[[], bytes], version: Version) -> BinaryIO:
    """The file ``name`` of this data version, opened: from disk, else built (once, under the
    lock) and stored."""
    path = _root() / version.tag / name
    found = _open(path)
    if found is not None:
        return found
    with _locked(name):
        found = _open(path)  # built by another request while this one waited
        if found is not None:
            return found
        content = build()
        try:
            _store(path, content)
        except OSError as error:
            logger.warning("stored file %s not written, served from memory: %s", path, error)
            return io.BytesIO(content)
    _remove_older_than(version)
    return _open(path) or io.BytesIO(content)


def serve_stored(
    request: HttpRequest,
    name: str,
    build: Callable[[], bytes],
    *,
    content_type: str,
    filename: str,
    attachment: bool = True,
) -> HttpResponse:
    """The stored file as the answer, or 304 when the client holds this version already."""
    version = current_version()
    etag = quote_etag(version.tag)
    last_modified = int(version.moved_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = FileResponse(
            stored_file(name, build, version),
            content_type=content_type,
            as_attachment=attachment,
            filename=filename,
        )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = CACHE_CONTROL
    return response
