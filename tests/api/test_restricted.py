"""Restricted data (documents' metadata, outcomes and action points, delegations) reaches a
client only through the predicates the portal and the workspace use: a token sees what its user
may see, and nothing restricted leaks to anonymous clients — not even its existence."""

import pytest
from django.utils import timezone

from silkroutes.accounts.models import ApiToken
from silkroutes.meetings.models import Meeting
from tests.factories import ActionPointFactory, DocumentFactory, DocumentFileFactory, OutcomeFactory

from .conftest import bearer, token_for

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def documents():
    meeting = Meeting.objects.get(slug="som-2016")
    now = timezone.now()
    public = DocumentFactory(
        slug="som-2016-agenda", kind="agenda", meeting=meeting, published_at=now
    )
    DocumentFileFactory(document=public, language="en", original_name="agenda.pdf")
    DocumentFactory(
        slug="som-2016-report",
        access_tier="participating-states",
        meeting=meeting,
        published_at=now,
    )
    DocumentFactory(slug="som-2016-draft", meeting=meeting)
    return meeting


def slugs(client, path, key=None) -> set[str]:
    headers = bearer(key) if key else {}
    response = client.get(f"{API}{path}", **headers)
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["results"]}


def test_documents_are_listed_as_their_tier_allows(
    client, documents, pakistan_focal_point, secretariat_user, sweden_donor
):
    focal_point = token_for(pakistan_focal_point)
    secretariat = token_for(secretariat_user)
    donor = token_for(sweden_donor)

    assert slugs(client, "/documents?meeting=som-2016") == {"som-2016-agenda"}
    assert slugs(client, "/documents?meeting=som-2016", donor) == {"som-2016-agenda"}
    assert slugs(client, "/documents?meeting=som-2016", focal_point) == {
        "som-2016-agenda",
        "som-2016-report",
    }
    assert slugs(client, "/documents?meeting=som-2016", secretariat) == {
        "som-2016-agenda",
        "som-2016-report",
        "som-2016-draft",
    }


def test_a_restricted_document_is_a_404_for_those_who_may_not_read_it(
    client, documents, pakistan_focal_point
):
    anonymous = client.get(f"{API}/documents/som-2016-report")
    focal_point = client.get(
        f"{API}/documents/som-2016-report", **bearer(token_for(pakistan_focal_point))
    )

    assert anonymous.status_code == 404
    assert anonymous.json()["detail"] == "There is no such resource, or it is not visible to you."
    assert focal_point.status_code == 200
    assert focal_point.json()["access_tier"] == "participating-states"


def test_a_documents_metadata_links_each_language_version(client, documents):
    document = client.get(f"{API}/documents/som-2016-agenda").json()

    assert document["meeting"]["slug"] == "som-2016"
    assert document["kind"] == "agenda"
    [english] = document["files"]
    assert english["language"] == "en"
    assert english["name"] == "agenda.pdf"
    assert english["download_url"] == "http://testserver/workspace/documents/som-2016-agenda/en/"


def test_outcomes_and_action_points_follow_their_tier_and_owner(
    client, pakistan_focal_point, turkey_focal_point
):
    now = timezone.now()
    public = OutcomeFactory(title="Public conclusion", published_at=now)
    restricted = OutcomeFactory(title="For the states", access_tier="secretariat", published_at=now)
    ActionPointFactory(outcome=public, description="Everyone may read this")
    owned = ActionPointFactory(
        outcome=restricted,
        description="Pakistan reports",
        owner_organisation=pakistan_focal_point.memberships.get().organisation,
    )
    pakistan = token_for(pakistan_focal_point)
    turkey = token_for(turkey_focal_point)

    anonymous_outcomes = client.get(f"{API}/outcomes").json()["results"]
    pakistan_points = client.get(f"{API}/action_points", **bearer(pakistan)).json()["results"]
    turkey_points = client.get(f"{API}/action_points", **bearer(turkey)).json()["results"]

    assert [o["title"] for o in anonymous_outcomes] == ["Public conclusion"]
    assert anonymous_outcomes[0]["action_points"][0]["description"] == "Everyone may read this"
    assert {p["description"] for p in pakistan_points} == {
        "Everyone may read this",
        "Pakistan reports",
    }
    assert {p["description"] for p in turkey_points} == {"Everyone may read this"}
    assert client.get(f"{API}/action_points/{owned.pk}").status_code == 404
    assert client.get(f"{API}/action_points/{owned.pk}", **bearer(pakistan)).status_code == 200


def test_a_read_token_reads_restricted_data_but_writes_nothing(
    client, documents, pakistan_focal_point
):
    key = token_for(pakistan_focal_point, ApiToken.Scope.READ)

    read = client.get(f"{API}/documents/som-2016-report", **bearer(key))
    write = client.post(
        f"{API}/meetings/som-2016/outcomes",
        {"kind": "conclusion", "title": "T", "text": "X"},
        content_type="application/json",
        **bearer(key),
    )

    assert read.status_code == 200
    assert write.status_code == 403


@pytest.fixture
def secret_point(pakistan_focal_point):
    """Pakistan owns an action point of an outcome only the Secretariat may read."""
    outcome = OutcomeFactory(
        title="Confidential assessment", access_tier="secretariat", published_at=timezone.now()
    )
    return ActionPointFactory(
        outcome=outcome,
        description="Pakistan reports",
        owner_organisation=pakistan_focal_point.memberships.get().organisation,
    )


def test_the_owner_reads_an_action_point_without_its_restricted_outcome(
    client, secret_point, pakistan_focal_point
):
    pakistan = bearer(token_for(pakistan_focal_point))

    listed = client.get(f"{API}/action_points", **pakistan)
    detail = client.get(f"{API}/action_points/{secret_point.pk}", **pakistan)

    [point] = [p for p in listed.json()["results"] if p["id"] == secret_point.pk]
    assert (point["outcome"], point["outcome_restricted"]) == (None, True)
    assert point["description"] == "Pakistan reports"
    assert detail.json() == point
    for response in (listed, detail):
        assert "Confidential assessment" not in response.content.decode()
        assert f"/outcomes/{secret_point.outcome_id}" not in response.content.decode()


def test_the_owner_marking_it_done_through_the_api_gets_no_outcome_title(
    client, secret_point, pakistan_focal_point
):
    response = client.post(
        f"{API}/action_points/{secret_point.pk}/status",
        {"status": "done", "expected_version": 1},
        content_type="application/json",
        **bearer(token_for(pakistan_focal_point, ApiToken.Scope.WRITE)),
    )

    assert response.json()["status"] == "done"
    assert (response.json()["outcome"], response.json()["outcome_restricted"]) == (None, True)
    assert "Confidential assessment" not in response.content.decode()


def test_the_secretariat_reads_the_action_point_with_its_outcome(
    client, secret_point, secretariat_user
):
    response = client.get(
        f"{API}/action_points/{secret_point.pk}", **bearer(token_for(secretariat_user))
    )

    assert response.json()["outcome_restricted"] is False
    assert response.json()["outcome"] == {
        "id": secret_point.outcome_id,
        "title": "Confidential assessment",
        "href": f"http://testserver{API}/outcomes/{secret_point.outcome_id}",
    }
