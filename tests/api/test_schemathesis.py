"""Property-based tests of the API against its own OpenAPI description (schemathesis).

For every operation, schemathesis generates valid and invalid requests from the description and
sends them in-process (WSGI) to the application, anonymously and with a write token of each role
of the cast; every answer must be no server error, a status the operation declares, of the
declared content type, with the declared headers, matching the declared schema — and invalid
input must be refused (negative data rejection). Writes run inside the test's transaction.

Not checked: ``positive_data_acceptance``. A filter or reference that matches the schema's
pattern but names nothing (``?goal=xyz``) is refused with 400, as the portal's filters refuse it;
the description says so in words, which a generator cannot read.

Skipped with a message when schemathesis is not installed (it belongs in the dev dependencies).
Examples per operation: ``SCHEMATHESIS_EXAMPLES`` anonymously (default 3) and
``SCHEMATHESIS_TOKEN_EXAMPLES`` for each role (default 1; schemathesis adds its own boundary and
negative cases to each), which keeps the run to minutes on CI's two cores; raise them for a
deeper search."""

import os

import pytest

schemathesis = pytest.importorskip(
    "schemathesis",
    reason=(
        "schemathesis is not installed: add it to the dev dependencies (pyproject.toml, "
        "requirements.lock) to run the API's property-based tests"
    ),
)
from hypothesis import HealthCheck, settings  # noqa: E402  (installed with schemathesis)
from schemathesis import checks as st_checks  # noqa: E402

from silkroutes.accounts.models import ApiToken  # noqa: E402

from .conftest import token_for  # noqa: E402

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "3"))
TOKEN_EXAMPLES = int(os.environ.get("SCHEMATHESIS_TOKEN_EXAMPLES", "1"))


from config.wsgi import application  # noqa: E402  (Django is set up by pytest-django)

# Loaded when the module is collected (the description needs no database). Not through
# ``schemathesis.pytest.from_fixture``: its lazy loading fails with pytest 9 (``_nodeid``).
# The coverage phase (every boundary of every parameter) is switched on only with
# SCHEMATHESIS_COVERAGE=1: it multiplies the run time on CI's two cores.
CONFIG = schemathesis.Config.from_dict(
    {"phases": {"coverage": {"enabled": os.environ.get("SCHEMATHESIS_COVERAGE") == "1"}}}
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes the database connection after each request; on PostgreSQL that
    would end the test's transaction. Django's test client stops it the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def headers_of(request, role: str | None, cache: dict) -> dict:
    """A write token of the role's person (made once per test), as a header."""
    if role is None:
        return {}
    if role not in cache:
        user = request.getfixturevalue(role)
        cache[role] = {"Authorization": f"Bearer {token_for(user, ApiToken.Scope.WRITE)}"}
    return cache[role]


# What depends on who asks: every write, and the reads of restricted data. With a token, only
# these are generated (the public reads answer every token alike and are tested anonymously).
USER_DEPENDENT = schema.exclude(
    method="GET", path_regex=r"^/api/v1/(?!documents|outcomes|action_points|meetings/\{slug\}/d)"
)


def conformance_test(role: str | None):
    """A test that runs the generated cases of the operations with the role's token."""
    operations = schema if role is None else USER_DEPENDENT
    examples = EXAMPLES if role is None else TOKEN_EXAMPLES

    @operations.parametrize()
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    def test(case, request):
        tokens = request.node.__dict__.setdefault("_api_tokens", {})
        case.call_and_validate(
            headers=headers_of(request, role, tokens),
            excluded_checks=[st_checks.positive_data_acceptance],
        )

    return test


test_as_anonymous = conformance_test(None)
test_as_the_secretariat = conformance_test("secretariat_user")
test_as_a_chairing_states_focal_point = conformance_test("turkey_focal_point")
test_as_a_focal_point = conformance_test("pakistan_focal_point")
test_as_a_donor = conformance_test("sweden_donor")
test_as_an_implementer = conformance_test("iom_implementer")
