"""Request bodies over the upload limit are refused with 413 before anything reads them.

Django notices an over-large body only when something reads it (a form, the CSRF check, the API's
parser): it raises ``RequestDataTooBig``, which ends as a 400 or a 500 logged as an error, after
the work of reading. Checked on ``Content-Length`` first, the limit answers before any parsing,
whoever sends the request. The API answers its own 413 as a problem detail (api/urls.py); core
imports no app of ours, so this middleware leaves ``/api/`` to it."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.views import defaults

API_PREFIX = "/api/"


def body_limit(request, *, uploads: bool = True) -> int | None:
    """The largest body accepted (None: no limit): the form fields Django reads into memory and,
    for a multipart upload where uploads are accepted, one document."""
    fields = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if fields is None:
        return None
    if uploads and request.content_type == "multipart/form-data":
        return fields + settings.DOCUMENT_MAX_UPLOAD_BYTES
    return fields


def body_too_large(request, *, uploads: bool = True) -> bool:
    limit = body_limit(request, uploads=uploads)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:  # Django reads an unreadable length as an empty body
        return False
    return limit is not None and length > limit


def too_large_page(request):
    return render(request, "core/too_large.html", status=413)


def bad_request(request, exception):
    """``handler400``: the 413 page when Django found the body too large while reading it (a
    multipart post whose fields alone pass the form limit); Django's own 400 otherwise."""
    if isinstance(exception, RequestDataTooBig):
        return too_large_page(request)
    return defaults.bad_request(request, exception)


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX) and body_too_large(request):
            return too_large_page(request)
        return self.get_response(request)
