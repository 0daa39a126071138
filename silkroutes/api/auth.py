"""Who is asking: an API token (``Authorization: Bearer srp_…``) or nobody.

The API never reads the session cookie: the acting user is the token's user or an anonymous
user, so a browser signed in to the workspace gets from the API only what the public gets.
A token that is unknown, malformed or revoked is refused with 401 even where anonymous reading
is allowed, so that a client never silently reads less than it expects."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from silkroutes.accounts.models import ApiToken
from silkroutes.accounts.services import use_token

from .problems import Problem

WWW_AUTHENTICATE = {"WWW-Authenticate": 'Bearer realm="api"'}


@dataclass(frozen=True)
class Anonymous:
    """The marker ninja keeps as ``request.auth`` for a request without a token."""

    def __bool__(self) -> bool:
        return True


def _not_authenticated(detail: str) -> Problem:
    return Problem("not-authenticated", detail, headers=WWW_AUTHENTICATE)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>``; sets ``request.api_token`` and ``request.api_user``."""

    def __call__(self, request):
        value = request.headers.get("Authorization")
        if not value:
            return None
        scheme, _space, key = value.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise _not_authenticated(_("Send the token as “Authorization: Bearer <token>”."))
        return self.authenticate(request, key.strip())

    def authenticate(self, request, token: str) -> ApiToken:
        api_token = use_token(token)
        if api_token is None:
            raise _not_authenticated(_("The token is unknown or has been revoked."))
        request.api_token = api_token
        request.api_user = api_token.user
        return api_token


def anonymous(request) -> Anonymous | None:
    """Lets a request without a token through as anonymous (after TokenAuth found none)."""
    if request.headers.get("Authorization"):
        return None
    request.api_token = None
    request.api_user = AnonymousUser()
    return Anonymous()


class OptionalTokenAuth(TokenAuth):
    """The same scheme where a token is optional (the OpenAPI description says so)."""


# Public reads: a token is optional. Writes: a token is required (see ``require_write``).
OPTIONAL_TOKEN = [OptionalTokenAuth(), anonymous]
REQUIRED_TOKEN = [TokenAuth()]


def acting_user(request):
    """The user a request acts as: the token's user, or an anonymous user."""
    return getattr(request, "api_user", None) or AnonymousUser()


def require_write(request) -> ApiToken:
    """The request's token, which must have the write scope; else 403."""
    token = getattr(request, "api_token", None)
    if token is None:
        raise _not_authenticated(_("Writing needs a token with the write scope."))
    if not token.can_write:
        raise Problem("forbidden", _("This token may only read; writing needs the write scope."))
    return token
