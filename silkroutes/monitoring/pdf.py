"""The annual report as a PDF: WeasyPrint prints the report page itself (print media, so the
print rules of the stylesheets apply), reading our static files and nothing else.

Fonts: DejaVu Sans (installed with the system) covers Latin, Cyrillic and Arabic; WeasyPrint
shapes Arabic right-to-left through Pango/HarfBuzz (docs/decisions/0012-coverage-and-report.md)."""

import logging
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage


def _static_file(name: str):
    """The file of a static name as the page links it: in development the apps' own files under
    their plain names; in production the files that the manifest storage collected into
    STATIC_ROOT under hashed names (portal.4f3c….css), which no finder knows."""
    found = finders.find(name)
    if found:
        return found
    if staticfiles_storage.exists(name):  # refuses names that climb out of STATIC_ROOT
        return staticfiles_storage.path(name)
    return None


def _static_fetcher():
    """WeasyPrint may read our static files (the stylesheets) and nothing else: no network."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            prefix = "/" + settings.STATIC_URL.strip("/") + "/"
            found = _static_file(path[len(prefix) :]) if path.startswith(prefix) else None
            if not found:
                raise ValueError(f"not a static file of the platform: {url}")
            with open(found, "rb") as handle:
                body = handle.read()
            content_type = "text/css" if found.endswith(".css") else "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return StaticFilesOnly()


@contextmanager
def _quiet(name: str, level: int):
    """WeasyPrint logs each layout step and every screen-only CSS rule it skips (media queries,
    ``display: contents``…); keep the server log for real problems while it works."""
    logger = logging.getLogger(name)
    previous = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(previous)


def render_pdf(html: str, *, base_url: str) -> bytes:
    """The report page as a PDF (print media: the print rules of the stylesheets apply)."""
    from weasyprint import HTML

    with _quiet("weasyprint", logging.ERROR), _quiet("fontTools", logging.ERROR):
        return HTML(string=html, base_url=base_url, url_fetcher=_static_fetcher()).write_pdf()
