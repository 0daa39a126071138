"""Search across projects, meetings, bodies, organisations, countries, goals, areas, results,
sources and documents, on PostgreSQL with its full-text search and elsewhere with the portable
equivalent: whatever the case and accents, and a country with the records tied to it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from silkroutes.core.search import RESULTS_PER_KIND
from tests.factories import (
    BodyFactory,
    CountryFactory,
    DocumentFactory,
    MeetingFactory,
    OrganisationFactory,
    ProjectFactory,
    RoleFactory,
    SourceFactory,
    StateFactory,
)

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


@pytest.mark.parametrize("query", ["\u0301", "\u0301\u0308 \u064e", "*\u0301:"])
def test_a_search_of_accents_alone_is_refused_with_a_message(client: Client, query: str):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 400
    assert "Type at least one word or number to search for." in response.content.decode()


def test_a_word_with_a_combining_accent_finds_the_composed_one(client: Client):
    """ "u" and a combining diaeresis (as some keyboards send it) are the letter "ü"."""
    page = search(client, "Tu\u0308rkiye")

    assert '<a href="/countries/tr/">Türkiye</a>' in results(page, "countries")


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

    with django_assert_num_queries(11):
        page = search(client, "zanzibar")

    assert results(page, "projects").count('<a href="/programme/') == extra


def test_search_costs_the_same_for_one_or_three_records_tied_to_a_country(
    client: Client, django_assert_num_queries, extra
):
    iceland = CountryFactory(code="IS")
    government = StateFactory(name="Iceland", country=iceland)
    for n in range(extra):
        RoleFactory(holder=government, body=BodyFactory(slug=f"wg-north-{n}"))
        MeetingFactory(slug=f"reykjavik-{n}", country=iceland)
    search(client, "Iceland")

    with django_assert_num_queries(11):
        page = search(client, "Iceland")

    assert results(page, "bodies").count('<a href="/bodies/wg-north-') == extra
    assert results(page, "meetings").count('<a href="/meetings/reykjavik-') == extra


@pytest.fixture(params=[1, 3])
def extra(request) -> int:
    """How many matching projects the test adds (the search must cost the same)."""
    return request.param


def test_words_between_angle_brackets_are_found(client: Client):
    """PostgreSQL's parser would read "<draft>" as a markup tag and drop the word with it."""
    ProjectFactory(slug="draft-project", title="Labour migration <draft> plan")

    page = search(client, "draft")

    assert "/programme/draft-project/" in results(page, "projects")


@pytest.mark.parametrize("query", ["Türkiye", "Turkiye", "turkiye", "TÜRKIYE"])
def test_a_country_is_found_with_or_without_accents_in_any_case(client: Client, query: str):
    page = search(client, query)

    assert '<a href="/countries/tr/">Türkiye</a>' in results(page, "countries")


def test_the_stored_index_ignores_accents_and_case_on_both_engines(client: Client):
    ProjectFactory(slug="mobilite", title="Mobilité et intégration des travailleurs")
    OrganisationFactory(slug="goc-idaresi", name="Göç İdaresi Genel Müdürlüğü")

    for query in ["mobilite integration", "MOBILITÉ", "Intégration"]:
        assert "/programme/mobilite/" in results(search(client, query), "projects"), query
    for query in ["goc idaresi", "GÖÇ", "İdaresi mudurlugu"]:
        assert "/organisations/goc-idaresi/" in results(search(client, query), "organisations")


def test_a_country_finds_the_working_group_it_chairs(client: Client):
    page = search(client, "Croatia")

    assert (
        '<a href="/bodies/wg-south-east-europe/">Working Group on the South East European Region'
        '</a> <span class="muted">(regional working group, chaired by Croatia)</span>'
    ) in results(page, "bodies")


def test_a_country_finds_the_meetings_held_in_it(client: Client):
    page = search(client, "Turkiye")

    meetings = results(page, "meetings")
    assert '<a href="/meetings/preparatory-meeting-1-2012/">First Preparatory Meeting' in meetings
    assert '<a href="/meetings/preparatory-meeting-2-2012/">Second Preparatory Meeting' in meetings


def test_a_priority_goal_is_found_by_a_word_of_its_name(client: Client):
    page = search(client, "xenophobia")

    assert '<a href="/goals/integration/">Support the integration of migrants' in (
        results(page, "goals")
    )


def test_a_programme_area_is_found_by_a_word_of_its_title(client: Client):
    page = search(client, "regional response")

    assert (
        '<a href="/areas/regional-response/">Development of a regional migration '
        "management response in the Silk Routes Region</a>"
    ) in results(page, "areas")


def test_a_project_result_is_found_by_a_word_of_its_description(client: Client):
    page = search(client, "permanent working groups")

    assert (
        '<a href="/results/#result-srp-kabul-policy-data-workshop-2014">Workshop on national '
        "migration policy development"
    ) in results(page, "results")


def test_a_source_is_found_by_a_word_of_its_title(client: Client):
    SourceFactory(key="kestrel-report", title="Kestrel report on labour mobility")

    page = search(client, "kestrel")

    assert '<a href="/sources/kestrel-report/">Kestrel report on labour mobility</a>' in (
        results(page, "sources")
    )


def test_a_restricted_document_is_not_found_beside_a_public_one(client: Client):
    meeting = MeetingFactory(slug="zephyr-meeting", title="Zephyr meeting")
    DocumentFactory(title="Zephyrine agenda", meeting=meeting, published_at=timezone.now())
    DocumentFactory(
        title="Zephyrine readmission note",
        access_tier="secretariat",
        meeting=meeting,
        published_at=timezone.now(),
    )

    documents = results(search(client, "zephyrine"), "documents")

    assert '<a href="/meetings/zephyr-meeting/">Zephyrine agenda</a>' in documents
    assert "readmission" not in documents
    assert "(1 found)" in documents
