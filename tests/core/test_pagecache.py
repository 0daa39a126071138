import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client, override_settings

from silkroutes.meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached_client():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield Client()
    cache.clear()


def test_an_anonymous_page_is_served_from_the_cache_without_queries(
    cached_client, django_assert_num_queries
):
    first = cached_client.get("/")

    with django_assert_num_queries(0):
        second = cached_client.get("/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_a_change_to_the_data_is_shown_on_the_next_request(
    cached_client, django_capture_on_commit_callbacks
):
    cached_client.get("/")
    meeting = Meeting.objects.get(slug="wg-silk-routes-2016")
    meeting.title = "Renamed meeting shown at once"
    with django_capture_on_commit_callbacks(execute=True):  # as when the edit commits
        meeting.save()

    response = cached_client.get("/")

    assert response["X-Page-Cache"] == "miss"
    assert "Renamed meeting shown at once" in response.content.decode()


def test_each_language_is_cached_separately(cached_client):
    english = cached_client.get("/")
    arabic = cached_client.get("/ar/")

    assert arabic["X-Page-Cache"] == "miss"
    assert 'lang="ar"' in arabic.content.decode()
    assert 'lang="en"' in english.content.decode()


def test_signed_in_people_are_never_served_a_cached_page(cached_client, secretariat_user):
    cached_client.get("/")
    cached_client.force_login(secretariat_user)

    response = cached_client.get("/")

    assert "X-Page-Cache" not in response


def _lost_connection(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


def test_during_an_outage_with_an_emptied_cache_a_page_asks_to_try_again(cached_client):
    with connection.execute_wrapper(_lost_connection):
        page = cached_client.get("/programme/")
        health = cached_client.get("/healthz")

    assert page.status_code == 503  # the version cannot be read: no 500
    assert page["Retry-After"] == "5"
    assert health.content == b"ok"  # touches neither the database nor the cache
