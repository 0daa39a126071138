"""A database outage (PostgreSQL restarting, a failover) is a 503 with Retry-After, for people and
for API clients, not a 500. The outage is made with Django's own query hook
(``connection.execute_wrapper``): every query fails as a lost connection does."""

import pytest
from django.db import OperationalError, connection


def _lost_connection(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def outage(db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with connection.execute_wrapper(_lost_connection):
        yield


def test_a_page_asks_people_to_try_again_in_a_moment(client, outage):
    response = client.get("/programme/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "<h1>Back in a moment</h1>" in page
    assert "try again in a few seconds" in page


def test_the_api_answers_a_problem_with_retry_after(client, outage):
    response = client.get("/api/v1/projects")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["Retry-After"] == "5"
    problem = response.json()
    assert problem["title"] == "Service unavailable"
    assert problem["type"].endswith("/api/v1/problems/unavailable")


def test_the_workspace_meets_the_outage_the_same_way(client, secretariat_user):
    client.force_login(secretariat_user)
    with connection.execute_wrapper(_lost_connection):
        response = client.get("/workspace/meetings/")

    assert response.status_code == 503


def test_an_error_of_our_own_is_still_a_server_error(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0

    def broken(execute, sql, params, many, context):
        raise ZeroDivisionError

    client.raise_request_exception = False
    with connection.execute_wrapper(broken):
        response = client.get("/programme/")

    assert response.status_code == 500
