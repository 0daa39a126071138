"""Search across projects, meetings, bodies, organisations and countries, on PostgreSQL with its
full-text search and elsewhere with the portable equivalent."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from silkroutes.core.search import RESULTS_PER_KIND
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
)


def results(page: str, kind: str) -> str:
    """The part of the results page that lists one kind of record."""
    start = page.index(f'id="results-{kind}"')
    return page[start : page.index("</section>", start)]


def search(client: Client, query: str, **headers) -> str:
    response = client.get("/search/", {"q": query}, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_a_project_by_its_acronym(client: Client):
    page = search(client, "DESIR")

    assert '<a href="/programme/desir/">Diaspora Engagement in the Silk Routes Countries' in (
        results(page, "projects")
    )
    assert "1 result for “DESIR”." in page


def test_search_finds_a_meeting_by_its_city(client: Client):
    page = search(client, "Tehran")

    assert '<a href="/meetings/wg-silk-routes-2016/">8th Meeting of the Working Group' in (
        results(page, "meetings")
    )


def test_search_finds_a_country_and_its_government(client: Client):
    page = search(client, "Croatia")

    assert '<a href="/countries/hr/">Croatia</a>' in results(page, "countries")
    assert '<a href="/organisations/croatia/">Croatia</a>' in results(page, "organisations")


def test_search_finds_a_working_group_by_two_words(client: Client):
    page = search(client, "Black Sea")

    assert '<a href="/bodies/wg-black-sea/">Working Group on the Black Sea Region</a>' in (
        results(page, "bodies")
    )
    assert "(3 found)" in results(page, "meetings")  # its three foreseen annual meetings


def test_search_needs_every_word_to_match_on_both_engines(client: Client):
    page = search(client, "migration management")

    projects = results(page, "projects")
    assert '<a href="/programme/bridging-measures/">Bridging Measures for Migration Management' in (
        projects
    )
    assert "/programme/desir/" not in projects  # neither word is in its texts
    assert "0 results for “Tehran Croatia”." in search(client, "Tehran Croatia")


def test_search_reads_the_stored_index_on_both_engines(client: Client):
    """Not every row's text parsed again for each search: PostgreSQL matches the stored
    tsvector (GIN-indexed), SQLite its FTS5 table."""
    with CaptureQueriesContext(connection) as queries:
        search(client, "migration management")

    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "LIKE" not in sql
    if connection.vendor == "postgresql":
        assert '"programme_project"."search_document"' in sql
        assert "@@" in sql
        assert "to_tsvector" not in sql
    else:
        assert '"programme_project_search" MATCH' in sql


@on_postgresql
def test_full_text_search_matches_word_prefixes_and_ranks_results(client: Client):
    page = search(client, "bridg manag")

    assert results(page, "projects").count('<a href="/programme/') == 1
    assert "/programme/bridging-measures/" in results(page, "projects")


def test_countries_are_found_by_name_in_the_readers_language_and_by_code(client: Client):
    russian = client.get("/ru/search/", {"q": "Хорватия"}).content.decode()
    by_code = search(client, "hr")

    assert '<a href="/ru/countries/hr/">Хорватия</a>' in results(russian, "countries")
    assert '<a href="/countries/hr/">Croatia</a>' in results(by_code, "countries")


def test_a_country_is_found_by_the_name_of_its_government(client: Client):
    page = search(client, "Turkey")

    assert '<a href="/countries/tr/">Türkiye</a>' in results(page, "countries")


def test_an_empty_search_shows_the_form_only(client: Client):
    page = search(client, "   ")

    assert '<input id="search-q" name="q" type="search" value=""' in page
    assert 'id="results-projects"' not in page


def test_a_very_long_search_is_refused_with_a_message(client: Client):
    response = client.get("/search/", {"q": "migration " * 30})

    assert response.status_code == 400
    assert "The search is too long: use at most 200 characters" in response.content.decode()


def test_a_search_without_words_is_refused_with_a_message(client: Client):
    response = client.get("/search/", {"q": "&|!:*()'\\"})

    assert response.status_code == 400
    assert "Type at least one word or number to search for." in response.content.decode()


def test_search_operators_are_plain_text(client: Client):
    page = search(client, "Silk & !Routes | (DESIR):*")

    assert "/programme/desir/" in results(page, "projects")


def test_search_shows_at_most_twenty_per_kind_and_the_number_found(client: Client):
    ProjectFactory.create_batch(RESULTS_PER_KIND + 5, title="Zanzibar capacity building")

    page = search(client, "zanzibar")

    projects = results(page, "projects")
    assert projects.count('<a href="/programme/') == RESULTS_PER_KIND
    assert "(25 found)" in projects
    assert "Showing the first 20 of 25" in projects


def test_search_costs_the_same_for_one_or_three_matching_projects(
    client: Client, django_assert_num_queries, extra
):
    ProjectFactory.create_batch(extra, title="Zanzibar capacity building")
    search(client, "zanzibar")

    with django_assert_num_queries(6):
        page = search(client, "zanzibar")

    assert results(page, "projects").count('<a href="/programme/') == extra


@pytest.fixture(params=[1, 3])
def extra(request) -> int:
    """How many matching projects the test adds (the search must cost the same)."""
    return request.param


def test_words_between_angle_brackets_are_found(client: Client):
    """PostgreSQL's parser would read "<draft>" as a markup tag and drop the word with it."""
    ProjectFactory(slug="draft-project", title="Labour migration <draft> plan")

    page = search(client, "draft")

    assert "/programme/draft-project/" in results(page, "projects")
