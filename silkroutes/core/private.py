"""Signed-in pages are ``Cache-Control: private, no-store``: they may show restricted text, which
no shared cache may keep and no browser may write to disk (a shared computer's back button, its
cache folder). So are the workspace's and the admin's pages for people not signed in yet,
unless the view said otherwise (the file of a public document may be kept for five minutes).

Only a request with a session cookie can be signed in: public pages are not asked for the
session, so they keep their caching (and no ``Vary: Cookie``)."""

from django.conf import settings

from .unavailable import UNAVAILABLE

PRIVATE = "private, no-store"
PRIVATE_NAMESPACES = {"workspace", "admin"}


def _signed_in(request) -> bool:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    try:
        return bool(user and user.is_authenticated)
    except UNAVAILABLE:  # the session is in the database, which is away: the 503 stays a 503
        return True


def _private_area(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and set(match.namespaces) & PRIVATE_NAMESPACES)


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _signed_in(request):
            response["Cache-Control"] = PRIVATE
        elif _private_area(request) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = PRIVATE  # a public document's file says it is public
        return response
