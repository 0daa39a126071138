"""A body over the upload limit is refused with 413 before anything reads it (hostile-input
review, low item 1): a problem detail from the API whatever the token, a page for people; never a
500 and nothing logged as an error."""

import json
import logging
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from silkroutes.accounts.models import ApiToken
from silkroutes.meetings.models import Meeting
from tests.api.conftest import bearer, token_for
from tests.documents import samples
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

LIMIT = 2000


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT
    settings.API_RATE_LIMIT_ANONYMOUS = settings.API_RATE_LIMIT_TOKEN = "100000/min"


def _meeting_body(size: int) -> str:
    return json.dumps({"body": "senior-officials", "date": "2017", "title": "x" * size})


@pytest.mark.parametrize("scope", [None, ApiToken.Scope.READ, ApiToken.Scope.WRITE])
def test_an_api_body_over_the_limit_is_a_413_problem_whatever_the_token(
    client, secretariat_user, scope, caplog
):
    headers = bearer(token_for(secretariat_user, scope)) if scope else {}
    meetings = Meeting.objects.count()

    with caplog.at_level(logging.WARNING):
        response = client.post(
            "/api/v1/meetings", _meeting_body(LIMIT), content_type="application/json", **headers
        )

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"].endswith("/api/v1/problems/payload-too-large")
    assert problem["title"] == "Request body too large"
    assert f"{LIMIT} bytes" in problem["detail"]
    assert Meeting.objects.count() == meetings
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_an_api_body_within_the_limit_is_still_read(client, secretariat_user):
    key = token_for(secretariat_user, ApiToken.Scope.WRITE)

    response = client.post(
        "/api/v1/meetings", _meeting_body(100), content_type="application/json", **bearer(key)
    )

    assert response.status_code == 201


def test_the_problem_type_of_a_body_too_large_is_described(client):
    response = client.get("/api/v1/problems/payload-too-large")

    assert response.status_code == 200
    assert response.json()["status"] == 413


def _assert_too_large_page(response):
    assert response.status_code == 413
    page = response.content.decode()
    assert "<h1>Too much to send at once</h1>" in page
    assert "nothing of it was read or saved" in page
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_an_over_large_form_post_is_a_413_page(client, caplog):
    body = urlencode({"username": "sedef", "password": "x" * LIMIT})

    with caplog.at_level(logging.WARNING):
        response = client.post(
            "/workspace/sign-in/", body, content_type="application/x-www-form-urlencoded"
        )

    _assert_too_large_page(response)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_over_large_form_fields_in_a_multipart_post_are_a_413_page(client, caplog):
    """Within the size an upload may have, but fields alone over the form limit: Django finds it
    while reading the form."""
    with caplog.at_level(logging.WARNING):
        response = client.post(
            "/workspace/sign-in/", {"username": "sedef", "password": "x" * LIMIT}
        )

    _assert_too_large_page(response)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_a_document_may_exceed_the_form_limit_up_to_the_document_limit(
    client, secretariat_user, settings, tmp_path
):
    settings.DOCUMENTS_ROOT = tmp_path
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 10 * LIMIT
    document = DocumentFactory(created_by=secretariat_user)
    url = reverse("workspace:document_file_add", args=[document.slug])
    client.force_login(secretariat_user)

    beyond = client.post(url, {"language": "en", "upload": _pdf("big.pdf", 12 * LIMIT)})
    within = client.post(url, {"language": "en", "upload": _pdf("agenda.pdf", 5 * LIMIT)})

    _assert_too_large_page(beyond)
    assert within.status_code == 302
    assert [f.original_name for f in document.files.all()] == ["agenda.pdf"]


def _pdf(name: str, size: int):
    return samples.upload(name, samples.PDF + b"0" * (size - len(samples.PDF)))
