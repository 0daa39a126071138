"""Every exception an endpoint can meet becomes a problem detail (``problems.py``); nothing a
client sends can cause a 500."""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import errors as ninja_errors

from silkroutes.core.unavailable import UNAVAILABLE_HEADERS, unavailable_detail
from silkroutes.outcomes.services import ConflictError

from .auth import WWW_AUTHENTICATE
from .problems import STATUS_KIND, FieldError, Problem, problem_response

logger = logging.getLogger(__name__)

PARAMETER_LOCATIONS = {"query", "path", "header", "cookie"}


def _field_name(location: str, loc: tuple) -> str | None:
    """The field a pydantic error is about: its path after the location, without the name of the
    body parameter itself (``("body", "payload", "status")`` → ``status``)."""
    parts = [str(part) for part in loc[1:]]
    if location == "body" and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or None


def on_validation_error(request, exc: ninja_errors.ValidationError):
    errors = []
    for error in exc.errors:
        loc = tuple(error.get("loc") or ("body",))
        location = loc[0] if loc[0] in PARAMETER_LOCATIONS | {"body"} else "body"
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        errors.append(FieldError(_field_name(location, loc), location, message))
    in_body = any(error.location == "body" for error in errors)
    if in_body:
        detail = _("The request body is not valid; see “errors” for each field.")
        return problem_response(request, "validation-failed", detail, errors=errors)
    names = ", ".join(sorted({e.field or "?" for e in errors}))
    detail = _("Invalid parameter: %(names)s; see “errors”.") % {"names": names}
    return problem_response(request, "invalid-parameter", detail, errors=errors)


def on_problem(request, exc: Problem):
    return problem_response(request, exc.kind, exc.detail, errors=exc.errors, headers=exc.headers)


def on_authentication_error(request, exc):
    detail = _("This request needs an API token: send “Authorization: Bearer <token>”.")
    return problem_response(request, "not-authenticated", detail, headers=WWW_AUTHENTICATE)


def on_throttled(request, exc):
    detail = _("Too many requests; wait before sending more (see Retry-After).")
    return problem_response(request, "rate-limited", detail)


def on_http_error(request, exc: ninja_errors.HttpError):
    if exc.status_code == 400:
        detail = _("The request body could not be read as JSON.")
        return problem_response(request, "malformed-request", detail)
    kind = STATUS_KIND.get(exc.status_code, "server-error")
    return problem_response(request, kind, str(exc))


def on_not_found(request, exc):
    detail = _("There is no such resource, or it is not visible to you.")
    return problem_response(request, "not-found", detail)


def on_permission_denied(request, exc):
    detail = str(exc) or _("You may not do this.")
    return problem_response(request, "forbidden", detail)


def service_errors(exc: DjangoValidationError) -> list[FieldError]:
    """The fields and messages of a model's or a service's ValidationError."""
    if hasattr(exc, "error_dict"):
        return [
            FieldError(None if name == "__all__" else name, "body", message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [FieldError(None, "body", message) for message in exc.messages]


def on_django_validation_error(request, exc: DjangoValidationError):
    errors = service_errors(exc)
    detail = " ".join(error.message for error in errors)
    return problem_response(request, "validation-failed", detail, errors=errors)


def on_conflict(request, exc: ConflictError):
    detail = " ".join(exc.messages)
    return problem_response(request, "conflict", detail)


def on_unexpected(request, exc: Exception):
    logger.exception("API error at %s", request.get_full_path(), exc_info=exc)
    return problem_response(request, "server-error", _("Something went wrong on our side."))


def on_database_unavailable(request, exc):
    logger.warning("database unavailable at %s: %s", request.get_full_path(), exc)
    return problem_response(
        request, "unavailable", unavailable_detail(), headers=UNAVAILABLE_HEADERS
    )


def install(api) -> None:
    """Register the handlers on a NinjaAPI (the most specific class wins)."""
    for exc_class, handler in (
        (Exception, on_unexpected),
        (OperationalError, on_database_unavailable),
        (InterfaceError, on_database_unavailable),
        (Problem, on_problem),
        (ninja_errors.ValidationError, on_validation_error),
        (ninja_errors.HttpError, on_http_error),
        (ninja_errors.AuthenticationError, on_authentication_error),
        (ninja_errors.AuthorizationError, on_permission_denied),
        (ninja_errors.Throttled, on_throttled),
        (Http404, on_not_found),
        (PermissionDenied, on_permission_denied),
        (DjangoValidationError, on_django_validation_error),
        (ConflictError, on_conflict),
    ):
        api.add_exception_handler(exc_class, handler)
