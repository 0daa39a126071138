"""Errors as problem details (RFC 9457): ``application/problem+json`` with ``type``, ``title``,
``status``, ``detail`` and ``instance``, and for invalid input ``errors``: one entry per field
with where it was given (query, path, header, body) and what is wrong with it.

Each kind of problem has a stable ``type`` URI under the API (``/api/v1/problems/<kind>``) that
answers with its description."""

import json
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PROBLEM_CONTENT_TYPE = "application/problem+json"


@dataclass(frozen=True)
class ProblemKind:
    status: int
    title: str
    description: str


PROBLEM_KINDS: dict[str, ProblemKind] = {
    "invalid-parameter": ProblemKind(
        400,
        _("Invalid parameter"),
        _(
            "A query parameter is unknown, or its value is not one the endpoint accepts (a filter "
            "naming nothing, an ordering or expansion outside the allowed list, a page size over "
            "the maximum). ``errors`` names each parameter."
        ),
    ),
    "malformed-request": ProblemKind(
        400, _("Malformed request"), _("The request body could not be read as JSON.")
    ),
    "not-authenticated": ProblemKind(
        401,
        _("Not authenticated"),
        _(
            "The request needs an API token (``Authorization: Bearer <token>``), or the token "
            "given is unknown, malformed or revoked."
        ),
    ),
    "forbidden": ProblemKind(
        403,
        _("Forbidden"),
        _("The token's scope or its user's rights do not allow this request."),
    ),
    "not-found": ProblemKind(
        404, _("Not found"), _("There is no such resource, or it is not visible to you.")
    ),
    "method-not-allowed": ProblemKind(
        405,
        _("Method not allowed"),
        _("The resource does not answer to this HTTP method; ``Allow`` lists those it does."),
    ),
    "conflict": ProblemKind(
        409,
        _("Conflict"),
        _(
            "The record was changed by someone else since you read it; read it again and "
            "resend your change."
        ),
    ),
    "payload-too-large": ProblemKind(
        413,
        _("Request body too large"),
        _(
            "The request body is larger than the API accepts; it was refused before it was "
            "read, and nothing was changed."
        ),
    ),
    "validation-failed": ProblemKind(
        422,
        _("Validation failed"),
        _(
            "The request was read, but its content breaks a rule of the data (a missing or "
            "invalid field, a step the lifecycle does not allow). ``errors`` names each field."
        ),
    ),
    "rate-limited": ProblemKind(
        429,
        _("Too many requests"),
        _("The client sent more requests than its rate limit allows; wait ``Retry-After`` s."),
    ),
    "unavailable": ProblemKind(
        503,
        _("Service unavailable"),
        _(
            "The database could not be reached for a moment (a restart, a failover); nothing was "
            "changed. Send the request again after ``Retry-After`` seconds."
        ),
    ),
    "server-error": ProblemKind(
        500, _("Server error"), _("Something went wrong on our side; it has been logged.")
    ),
}
STATUS_KIND = {
    400: "invalid-parameter",
    401: "not-authenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "payload-too-large",
    422: "validation-failed",
    429: "rate-limited",
}


@dataclass(frozen=True)
class FieldError:
    field: str | None
    location: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "in": self.location, "message": self.message}


class Problem(Exception):
    """Raise to answer with a problem detail."""

    def __init__(
        self,
        kind: str,
        detail: str,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = str(detail)
        self.errors = errors
        self.headers = headers or {}


def invalid_parameter(name: str, message: str, *, location: str = "query") -> Problem:
    return Problem(
        "invalid-parameter",
        _("The parameter “%(name)s” is not valid: %(message)s")
        % {"name": name, "message": message},
        errors=[FieldError(name, location, str(message))],
    )


def problem_type_uri(request: HttpRequest, kind: str) -> str:
    return request.build_absolute_uri(reverse("api:problem_type", args=[kind]))


def problem_response(
    request: HttpRequest,
    kind: str,
    detail: str,
    *,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    info = PROBLEM_KINDS[kind]
    body = {
        "type": problem_type_uri(request, kind),
        "title": str(info.title),
        "status": info.status,
        "detail": str(detail),
        "instance": request.get_full_path(),
    }
    if errors:
        body["errors"] = [error.as_dict() for error in errors]
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=info.status,
        content_type=f"{PROBLEM_CONTENT_TYPE}; charset=utf-8",
    )
    for name, value in (headers or {}).items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response
