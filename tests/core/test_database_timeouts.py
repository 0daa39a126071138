"""A database that accepts connections and never answers (a hung host, a cut network whose last
hop still acknowledges) is the same outage as a refused one: a 503 with Retry-After, within the
time-outs, not a worker hung until gunicorn kills it. The app's database connection is pointed
at a black hole of the test's own (tests/blackhole.py) in front of PostgreSQL, with short
time-outs built as the settings build them.

Nothing here can hang: the black hole closes every connection after ``GIVE_UP`` seconds, so a
client without a time-out ends with a lost connection, and the log then names that instead of
the time-out."""

import logging

import pytest
from django.db import close_old_connections, connection, connections
from django.db.utils import load_backend

from silkroutes.core.postgresql import timeout_options
from tests.blackhole import BlackHole

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

GIVE_UP = 20
POSTGRESQL = ("127.0.0.1", 5432)


@pytest.fixture
def point_the_app_at(settings, django_db_blocker, caplog):
    """Makes the app's connection go to a port with time-outs of 2 s (psycopg's least), a
    statement limit of 300 ms, and health checks as production has them unless told otherwise."""
    settings.PAGE_CACHE_SECONDS = 0
    caplog.set_level(logging.WARNING)
    real = connections["default"]
    made = []

    def point(port: int, *, health_checks: bool = True):
        params = {
            **real.settings_dict,
            "PORT": port,
            "NAME": "postgres",  # the app never reaches its tables in these tests
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": health_checks,
            "OPTIONS": timeout_options(connect_timeout=2, statement_timeout_ms=300),
        }
        wrapper = load_backend(params["ENGINE"]).DatabaseWrapper(params, "default")
        made.append(wrapper)
        connections["default"] = wrapper
        return wrapper

    with django_db_blocker.unblock():
        try:
            yield point
        finally:
            connections["default"] = real
            for wrapper in made:
                wrapper.close()


def _outage_logged(caplog) -> str:
    """What the 503's warning ("database unavailable at ...: <error>") says of the cause."""
    return " ".join(r.getMessage() for r in caplog.records if "unavailable at" in r.msg)


def _assert_asked_to_try_again(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"


def test_a_database_that_never_answers_a_new_connection_is_a_503(client, point_the_app_at, caplog):
    with BlackHole(upstream=None, give_up=GIVE_UP) as hole:
        point_the_app_at(hole.port)
        response = client.get("/programme/")

    _assert_asked_to_try_again(response)
    assert "<h1>Back in a moment</h1>" in response.content.decode()
    assert "connection timeout expired" in _outage_logged(caplog)


def test_a_kept_connection_that_stops_answering_is_a_503(client, point_the_app_at, caplog):
    with BlackHole(upstream=POSTGRESQL, give_up=GIVE_UP) as hole:
        database = point_the_app_at(hole.port, health_checks=False)
        with database.cursor() as cursor:
            cursor.execute("SELECT 1")  # the connection is made and kept
        hole.stall()
        response = client.get("/api/v1/projects")

    _assert_asked_to_try_again(response)
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 503
    # The statement's 300 ms plus the connect time-out's 2 s.
    assert "the database did not answer within 2.3 s" in _outage_logged(caplog)


def test_the_health_check_of_a_stalled_kept_connection_gives_up_too(
    client, point_the_app_at, caplog
):
    with BlackHole(upstream=POSTGRESQL, give_up=GIVE_UP) as hole:
        database = point_the_app_at(hole.port)
        with database.cursor() as cursor:
            cursor.execute("SELECT 1")
        hole.stall()
        # What every request starts with (Django's test client leaves it out): a kept
        # connection is to be checked with SELECT 1 before its next use.
        close_old_connections()
        response = client.get("/programme/")

    _assert_asked_to_try_again(response)
    # SELECT 1 went unanswered; the new connection that replaced it met the black hole too.
    assert "connection timeout expired" in _outage_logged(caplog)


def test_a_statement_over_the_time_limit_is_a_503(client, point_the_app_at, caplog):
    database = point_the_app_at(POSTGRESQL[1])

    def slow(execute, sql, params, many, context):
        execute("SELECT pg_sleep(2)", None, many, context)
        return execute(sql, params, many, context)

    with database.execute_wrapper(slow):
        response = client.get("/programme/")

    _assert_asked_to_try_again(response)
    assert "canceling statement due to statement timeout" in _outage_logged(caplog)
