"""``/api/``: version 1 of the JSON API. Every answer under it is JSON: a path that names
nothing is a 404 problem detail, a method a resource does not answer to a 405 one."""

import functools

from django.http import HttpResponseNotAllowed
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from silkroutes.core.limits import body_limit, body_too_large

from .api import api
from .problems import problem_response


def _problem_for_not_allowed(view):
    """Turn django-ninja's plain-text 405 into a problem detail, keeping ``Allow``."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            detail = _("%(method)s is not allowed here; allowed: %(allowed)s.") % {
                "method": request.method,
                "allowed": allowed,
            }
            return problem_response(
                request, "method-not-allowed", detail, headers={"Allow": allowed}
            )
        return response

    return wrapper


def _refuse_large_bodies(view):
    """413 for a body over the limit, before django-ninja reads it: reading it first raised
    RequestDataTooBig, a 500, even for a token that may not write at all."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if body_too_large(request, uploads=False):
            detail = _("The request body is larger than the %(limit)s bytes the API accepts.") % {
                "limit": body_limit(request, uploads=False)
            }
            return problem_response(request, "payload-too-large", detail)
        return view(request, *args, **kwargs)

    return wrapper


@csrf_exempt  # it answers 404 to everything; the CSRF check would read the body first
@_refuse_large_bodies
def not_found(request, rest=""):
    detail = _("There is no such resource, or it is not visible to you.")
    return problem_response(request, "not-found", detail)


def _v1_patterns():
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _refuse_large_bodies(_problem_for_not_allowed(pattern.callback))
    return patterns, app_name, namespace


urlpatterns = [
    path("v1/", _v1_patterns()),
    re_path(r"^(?P<rest>.*)$", not_found),
]
