"""Filters and orderings outside an allow-list are refused (issue 8, item 2), on every list page
of the portal and every list of the API: an unknown parameter (``ordering`` included: no list
can be sorted by its reader) and a filter value that names nothing answer 400 and say which
parameter, never a 500 and never a list that silently ignores what was asked."""

import html
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

API = "/api/v1"

# Every list page of the portal, with the parameters it reads.
PORTAL_LISTS = [
    (
        "portal:projects",
        ["area", "country", "funder", "goal", "implementer", "page", "status", "year"],
    ),
    (
        "portal:timetable",
        ["body", "country", "goal", "page", "page_size", "status", "type", "year"],
    ),
    ("portal:results", ["category", "project"]),
    ("portal:coverage", ["from", "to"]),
    ("portal:search", ["q"]),
    ("portal:bodies", []),
    ("portal:organisations", []),
    ("portal:countries", []),
    ("portal:partnerships", []),
    ("portal:sources", []),
    ("portal:funding", []),
    ("portal:funding_gaps", []),
    ("portal:programme_timeline", []),
    ("portal:reports", []),
]
PORTAL_IDS = [name for name, _allowed in PORTAL_LISTS]
# The pages with filters: a value that names nothing, and what the reader is told.
PORTAL_BAD_VALUES = [
    (
        "portal:projects",
        {"status": "dreaming"},
        "Invalid filter “Status”: the value “dreaming” is not valid.",
    ),
    (
        "portal:timetable",
        {"body": "nope"},
        "“nope”: Select a valid choice. nope is not one of the available choices.",
    ),
    (
        "portal:results",
        {"category": "miracle"},
        "Invalid filter “Kind of result”: the value “miracle” is not valid.",
    ),
    ("portal:coverage", {"from": "1066"}, "From: Ensure this value is greater than or equal to"),
]


def _visible(response) -> str:
    """The page's text without markup, its white space collapsed."""
    main = re.search(r"(?s)<main\b.*</main>", response.content.decode()).group(0)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", main)).split())


@pytest.mark.parametrize(("name", "allowed"), PORTAL_LISTS, ids=PORTAL_IDS)
def test_a_portal_list_refuses_an_ordering_naming_the_parameters_it_reads(client, name, allowed):
    response = client.get(reverse(name) + "?ordering=-date")

    assert response.status_code == 400
    page = _visible(response)
    assert "Unknown parameter This page cannot be shown as asked" in page
    assert "it has no parameter named “ordering”." in page
    if allowed:
        assert f"It can be filtered or paged with: {', '.join(allowed)}." in page
    else:
        assert "It takes no parameters: it cannot be sorted or filtered." in page
    assert f'<a href="{reverse(name)}">Show the page without them</a>' in response.content.decode()


@pytest.mark.parametrize(("name", "allowed"), PORTAL_LISTS, ids=PORTAL_IDS)
def test_a_portal_list_refuses_a_filter_it_does_not_have(client, name, allowed):
    response = client.get(reverse(name), {"kind": "anything"})

    assert response.status_code == 400
    assert "it has no parameter named “kind”." in _visible(response)


@pytest.mark.parametrize(
    ("name", "query", "message"), PORTAL_BAD_VALUES, ids=[n for n, *_ in PORTAL_BAD_VALUES]
)
def test_a_portal_list_refuses_an_unknown_filter_value(client, name, query, message):
    response = client.get(reverse(name), query)

    assert response.status_code == 400
    assert message in _visible(response)


def test_several_unknown_parameters_are_all_named(client):
    response = client.get(reverse("portal:projects") + "?sort=title&order=desc&status=")

    assert response.status_code == 400
    assert "it has no parameters named “order”, “sort”." in _visible(response)


@pytest.mark.parametrize("name", PORTAL_IDS)
def test_campaign_tags_on_shared_links_are_let_through(client, name):
    """Newsletters and social sites add tags to links; they change nothing on the page."""
    response = client.get(reverse(name), {"utm_source": "newsletter", "fbclid": "abc123"})

    assert response.status_code == 200
    assert "Unknown parameter" not in _visible(response)


def test_the_filters_a_page_reads_still_work(client):
    response = client.get(reverse("portal:timetable"), {"type": "senior-officials", "year": 2015})

    assert response.status_code == 200
    assert "Senior Officials" in _visible(response)


# -- the API: every list, with an ordering outside its allow-list and a filter naming nothing ---

API_LISTS = [
    ("goals", "framework", "no-such-framework"),
    ("areas", "framework", "no-such-framework"),
    ("frameworks", "kind", "manifesto"),
    ("action_items", "status", "dreaming"),
    ("projects", "status", "dreaming"),
    ("funding", "kind", "gift"),
    ("results", "category", "miracle"),
    ("bodies", "kind", "club"),
    ("meetings", "body", "no-such-body"),
    ("organisations", "kind", "club"),
    ("roles", "holder", "nobody"),
    ("countries", "region", "atlantis"),
    ("regions", "country", "ZZ"),
    ("partnerships", "partner", "nobody"),
    ("sources", "kind", "rumour"),
    ("documents", "kind", "graffiti"),
    ("outcomes", "kind", "wish"),
    ("action_points", "status", "forgotten"),
]
API_NESTED_LISTS = [
    ("project_participants", {"slug": "fostering-cooperation"}),
    ("project_funding", {"slug": "fostering-cooperation"}),
    ("project_status_history", {"slug": "fostering-cooperation"}),
    ("project_results", {"slug": "fostering-cooperation"}),
    ("meeting_delegations", {"slug": "som-2014"}),
]


def _assert_problem_naming(response, parameter: str) -> None:
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["title"] == "Invalid parameter"
    assert parameter in problem["detail"]
    assert [error["field"] for error in problem["errors"]] == [parameter]


@pytest.mark.parametrize(("name", "parameter", "value"), API_LISTS, ids=[n for n, *_ in API_LISTS])
def test_an_api_list_refuses_an_ordering_outside_its_allow_list(client, name, parameter, value):
    response = client.get(reverse(f"api:{name}"), {"ordering": "-password"})

    _assert_problem_naming(response, "ordering")


@pytest.mark.parametrize(("name", "parameter", "value"), API_LISTS, ids=[n for n, *_ in API_LISTS])
def test_an_api_list_refuses_a_filter_value_naming_nothing(client, name, parameter, value):
    response = client.get(reverse(f"api:{name}"), {parameter: value})

    _assert_problem_naming(response, parameter)


@pytest.mark.parametrize(("name", "kwargs"), API_NESTED_LISTS, ids=[n for n, _ in API_NESTED_LISTS])
def test_a_nested_api_list_refuses_ordering_and_filters(client, name, kwargs):
    path = reverse(f"api:{name}", kwargs=kwargs)

    _assert_problem_naming(client.get(path, {"ordering": "name"}), "ordering")
    _assert_problem_naming(client.get(path, {"state": "pakistan"}), "state")


def test_an_api_ordering_from_the_allow_list_is_obeyed(client):
    slugs = [m["slug"] for m in client.get(f"{API}/meetings?ordering=-slug").json()["results"]]

    assert slugs == sorted(slugs, reverse=True)
