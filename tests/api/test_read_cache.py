"""Reads built once: the OpenAPI description once per process, and an anonymous GET's body once per
data version, answered again without a query, with a 304 before anything is built, new after any
change, and never mixed with what a token may see."""

import ninja.main
import pytest
from django.utils import timezone

from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.meetings import services
from silkroutes.meetings.models import Body, Meeting
from tests.factories import DocumentFactory

from .conftest import bearer, token_for

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture(autouse=True)
def _read_cache_on(settings):
    """As in production (the cache is off where DEBUG is on, as the tests run by default)."""
    settings.PAGE_CACHE_SECONDS = 300


def test_the_openapi_description_is_built_once(client, monkeypatch):
    builds = []
    build = ninja.main.get_schema

    def counted(*args, **kwargs):
        builds.append(1)
        return build(*args, **kwargs)

    monkeypatch.setattr(ninja.main, "get_schema", counted)
    first = client.get(f"{API}/openapi.json")
    built_by_first = len(builds)
    second = client.get(f"{API}/openapi.json")
    revalidated = client.get(f"{API}/openapi.json", HTTP_IF_NONE_MATCH=first["ETag"])

    assert built_by_first <= 1  # another test of this process may have built it already
    assert len(builds) == built_by_first
    assert second.json() == first.json()
    assert "/api/v1/meetings" in second.json()["paths"]
    assert second["ETag"] == first["ETag"]
    assert revalidated.status_code == 304


@pytest.mark.parametrize(
    "url", [f"{API}/meetings?page_size=200", f"{API}/projects", f"{API}/meetings?lang=ar"]
)
def test_an_anonymous_read_asked_again_costs_no_query(client, django_assert_num_queries, url):
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Type"] == "application/json; charset=utf-8"


def test_the_order_of_the_parameters_does_not_matter(client, django_assert_num_queries):
    first = client.get(f"{API}/meetings?status=held&page_size=2")

    with django_assert_num_queries(0):
        again = client.get(f"{API}/meetings?page_size=2&status=held")

    assert again.json()["results"] == first.json()["results"]


def test_a_client_with_the_current_version_gets_a_304_without_a_query(
    client, django_assert_num_queries, secretariat_user, django_capture_on_commit_callbacks
):
    url = f"{API}/meetings/som-2015"
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    meeting = Meeting.objects.get(slug="som-2015")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(meeting, reason="No host", by=secretariat_user)
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert changed.status_code == 200
    assert changed.json()["status"] == "cancelled"
    assert changed["ETag"] != first["ETag"]


def test_a_change_is_seen_at_once_in_every_language(
    client, django_assert_num_queries, secretariat_user, django_capture_on_commit_callbacks
):
    body = Body.objects.get(slug="wg-silk-routes")
    urls = [f"{API}/meetings?body=wg-silk-routes&year=2031{lang}" for lang in ("", "&lang=ru")]
    urls.append(f"{API}/meetings?body=wg-silk-routes&year=2031&lang=ar")
    before = [client.get(url).json() for url in urls]
    with django_assert_num_queries(0):
        cached = [client.get(url).json() for url in urls]

    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.foresee_meeting(
            body, date=FuzzyDate.parse("2031"), title="WG meeting 2031", by=secretariat_user
        )
    foreseen = [client.get(url).json() for url in urls]
    with django_capture_on_commit_callbacks(execute=True):
        services.postpone_meeting(meeting, reason="Elections", by=secretariat_user)
    postponed = [client.get(url).json()["results"] for url in urls]

    assert cached == before
    assert [page["count"] for page in before] == [0, 0, 0]
    english, russian, arabic = (page["results"][0]["title"] for page in foreseen)
    assert english == {"en": "WG meeting 2031", "ru": None, "ar": None}
    assert russian == arabic == "WG meeting 2031"  # the English title stands in
    assert [results[0]["status"] for results in postponed] == ["postponed"] * 3


def test_an_invalid_query_is_a_problem_every_time(client):
    first = client.get(f"{API}/meetings?page_size=abc")
    valid = client.get(f"{API}/meetings?page_size=2")
    again = client.get(f"{API}/meetings?page_size=abc")

    assert first.status_code == again.status_code == 400
    assert again["Content-Type"].startswith("application/problem+json")
    assert again.json()["errors"][0]["field"] == "page_size"
    assert valid.status_code == 200


@pytest.fixture
def restricted_document():
    meeting = Meeting.objects.get(slug="som-2016")
    now = timezone.now()
    DocumentFactory(slug="som-2016-agenda", kind="agenda", meeting=meeting, published_at=now)
    DocumentFactory(
        slug="som-2016-report",
        access_tier="participating-states",
        meeting=meeting,
        published_at=now,
    )


def test_what_a_token_sees_never_reaches_anonymous_clients(
    client, restricted_document, secretariat_user, django_assert_num_queries
):
    url = f"{API}/documents?meeting=som-2016"
    secretariat = bearer(token_for(secretariat_user))

    first_anonymous = client.get(url)
    by_token = client.get(url, **secretariat)
    with django_assert_num_queries(0):
        anonymous = client.get(url)
    token_with_anonymous_etag = client.get(
        url, HTTP_IF_NONE_MATCH=first_anonymous["ETag"], **secretariat
    )
    token_first = client.get(f"{API}/documents/som-2016-report", **secretariat)
    anonymous_after = client.get(f"{API}/documents/som-2016-report")

    def slugs(response):
        return {item["slug"] for item in response.json()["results"]}

    assert slugs(by_token) == {"som-2016-agenda", "som-2016-report"}
    assert slugs(anonymous) == slugs(first_anonymous) == {"som-2016-agenda"}
    assert token_with_anonymous_etag.status_code == 200
    assert slugs(token_with_anonymous_etag) == {"som-2016-agenda", "som-2016-report"}
    assert token_first.status_code == 200
    assert anonymous_after.status_code == 404


def test_a_read_from_the_cache_still_counts_against_the_rate_limit(client, settings):
    settings.API_RATE_LIMIT_ANONYMOUS = "2/min"

    answers = [client.get(f"{API}/projects") for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert int(answers[2]["Retry-After"]) >= 1
