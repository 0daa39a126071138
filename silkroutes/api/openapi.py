"""What each operation declares it can answer, and the touches the OpenAPI description needs
beyond what django-ninja writes: problem details as ``application/problem+json``, the headers of
conditional requests and rate limits, and optional authentication on public reads."""

from .problems import PROBLEM_CONTENT_TYPE
from .schemas.common import ProblemDetail

READ_ERRORS = (400, 401, 404, 429)
WRITE_ERRORS = (400, 401, 403, 404, 409, 422, 429)


def responses(ok, *, status: int = 200, errors=READ_ERRORS, conditional: bool | None = None):
    """The ``response=`` of an operation: its success schema, 304 for a conditional GET, and
    the problem detail for each error status it can return."""
    declared = {status: ok}
    if conditional if conditional is not None else status == 200:
        declared[304] = None
    for code in errors:
        declared[code] = ProblemDetail
    return declared


def write_responses(ok, *, status: int = 200, errors=WRITE_ERRORS):
    """The ``response=`` of a write: no 304."""
    return responses(ok, status=status, errors=errors, conditional=False)


_STRING = {"schema": {"type": "string"}}
ETAG_HEADER = {"ETag": {"description": "The version of the response body", **_STRING}}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before the next request",
        "schema": {"type": "integer", "minimum": 1},
    }
}
WWW_AUTHENTICATE = {"WWW-Authenticate": {"description": "Bearer", **_STRING}}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "ETag of a version you have: answered with 304 when it is still current",
    **_STRING,
}


OPTIONAL = "OptionalTokenAuth"
REQUIRED = "TokenAuth"


def _touch_operation(method: str, operation: dict) -> None:
    responses = operation.get("responses", {})
    for code, response in responses.items():
        status = int(code)
        content = response.get("content")
        if status >= 400 and content and "application/json" in content:
            content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        if status == 429:
            response.setdefault("headers", {}).update(RETRY_AFTER)
        if status == 401:
            response.setdefault("headers", {}).update(WWW_AUTHENTICATE)
        if method == "get" and status in (200, 304):
            response.setdefault("headers", {}).update(ETAG_HEADER)
    if method == "get" and "304" in {str(code) for code in responses}:
        operation.setdefault("parameters", []).append(dict(IF_NONE_MATCH))
    if any(OPTIONAL in requirement for requirement in operation.get("security", [])):
        # A token is optional: the operation also answers without one.
        operation["security"] = [{REQUIRED: []}, {}]


def complete(schema: dict) -> dict:
    """Apply the touches above to every operation of an OpenAPI description (in place)."""
    for path in schema.get("paths", {}).values():
        for method, operation in path.items():
            if isinstance(operation, dict) and "responses" in operation:
                _touch_operation(method, operation)
    schemes = schema.get("components", {}).get("securitySchemes", {})
    if OPTIONAL in schemes:
        schemes.setdefault(REQUIRED, schemes[OPTIONAL])
        del schemes[OPTIONAL]
    return schema
