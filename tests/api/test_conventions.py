"""The conventions every endpoint shares: pages and their links, filters with the portal's
meaning and their refusals, expansions, languages, conditional requests, problem details and
rate limits."""

import pytest

from silkroutes.programme.queries import projects_matching

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_pages_link_to_each_other_with_every_other_parameter_kept(client):
    first = client.get(f"{API}/meetings?status=held&page_size=2").json()
    second = client.get(first["next"]).json()

    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/meetings?status=held&page_size=2&page=2"
    assert second["previous"] == "http://testserver/api/v1/meetings?status=held&page_size=2&page=1"
    assert first["count"] == second["count"] > 4
    assert {m["slug"] for m in first["results"]}.isdisjoint(m["slug"] for m in second["results"])
    assert all(m["status"] == "held" for m in first["results"] + second["results"])


def test_the_last_page_has_no_next_and_a_page_past_it_is_a_404_problem(client):
    count = client.get(f"{API}/goals?page_size=4").json()["count"]
    last = client.get(f"{API}/goals?page_size=4&page=2").json()
    past = client.get(f"{API}/goals?page_size=4&page=3")

    assert count == 6
    assert last["next"] is None
    assert len(last["results"]) == 2
    assert past.status_code == 404
    assert past.json()["detail"] == "There is no page 3; the last page is 2."
    assert past.json()["errors"] == [
        {"field": "page", "in": "query", "message": "Past the last page."}
    ]


def test_page_size_has_a_maximum(client):
    response = client.get(f"{API}/projects?page_size=201")

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "page_size"
    assert "200" in error["message"]


def test_project_filters_mean_what_they_mean_on_the_portal(client):
    combinations = [
        {"status": "launched"},
        {"goal": "trafficking"},
        {"funder": "united-kingdom"},
        {"implementer": "icmpd"},
        {"country": "af"},
        {"year": 2015},
        {"status": "launched", "funder": "european-commission", "year": 2014},
    ]
    for filters in combinations:
        query = "&".join(f"{name}={value}" for name, value in filters.items())
        listed = client.get(f"{API}/projects?{query}").json()
        expected = {p.slug for p in projects_matching(**filters)}

        assert {p["slug"] for p in listed["results"]} == expected, filters
        assert listed["count"] == len(expected)


def test_meeting_filters_mean_what_they_mean_on_the_timetable(client):
    listed = client.get(f"{API}/meetings?type=senior-officials&year=2015").json()

    assert [m["slug"] for m in listed["results"]] == ["som-2015"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("projects?colour=red", "colour"),
        ("projects?status=dreaming", "status"),
        ("projects?goal=world-peace", "goal"),
        ("projects?funder=nobody", "funder"),
        ("projects?country=XX", "country"),
        ("projects?country=afg", "country"),
        ("projects?year=twenty", "year"),
        ("projects?ordering=title", "ordering"),
        ("projects?expand=donors", "expand"),
        ("projects?lang=de", "lang"),
        ("meetings?body=no-such-body", "body"),
        ("meetings?type=picnic", "type"),
        ("meetings?ordering=-title", "ordering"),
        ("goals/legal-migration?page=2", "page"),
        ("bodies?expand=roles", "expand"),
    ],
)
def test_a_bad_parameter_is_a_400_problem_naming_it(client, query, parameter):
    response = client.get(f"{API}/{query}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 400
    assert problem["title"] == "Invalid parameter"
    assert problem["type"] == "http://testserver/api/v1/problems/invalid-parameter"
    assert parameter in problem["detail"]
    assert [e["field"] for e in problem["errors"]] == [parameter]
    assert problem["errors"][0]["in"] == "query"


def test_orderings_from_the_allow_list(client):
    ascending = client.get(f"{API}/projects?ordering=slug").json()["results"]
    descending = client.get(f"{API}/projects?ordering=-slug").json()["results"]

    slugs = [p["slug"] for p in ascending]
    assert slugs == sorted(slugs)
    assert [p["slug"] for p in descending] == list(reversed(slugs))


def test_expansions_embed_nested_objects(client):
    plain = client.get(f"{API}/projects?expand=funding&page_size=200").json()["results"]

    by_slug = {p["slug"]: p for p in plain}
    assert by_slug["silk-routes-partnership"]["funding"][0]["key"] == "srp-bulgaria-commitment"
    assert by_slug["silk-routes-partnership"]["participants"].endswith("/participants")


def test_lang_flattens_multilingual_fields_with_english_fallback(client):
    multilingual = client.get(f"{API}/bodies/wg-silk-routes").json()
    russian = client.get(f"{API}/bodies/wg-silk-routes?lang=ru").json()
    country = client.get(f"{API}/countries/TR?lang=ru").json()

    assert multilingual["name"] == {
        "en": "Working Group on the Silk Routes Region",
        "ru": None,
        "ar": None,
    }
    assert russian["name"] == "Working Group on the Silk Routes Region"
    assert russian["region"]["name"] == "Silk Routes region"
    assert country["name"] == "Турция"


def test_a_translation_is_given_where_it_exists(client):
    from silkroutes.meetings.models import Body

    body = Body.objects.get(slug="wg-silk-routes")
    body.name_ru = "Рабочая группа по региону Шёлкового пути"
    body.save()

    russian = client.get(f"{API}/bodies/wg-silk-routes?lang=ru").json()
    arabic = client.get(f"{API}/bodies/wg-silk-routes?lang=ar").json()
    both = client.get(f"{API}/bodies/wg-silk-routes").json()

    assert russian["name"] == "Рабочая группа по региону Шёлкового пути"
    assert arabic["name"] == "Working Group on the Silk Routes Region"
    assert both["name"]["ru"] == "Рабочая группа по региону Шёлкового пути"
    assert russian["web_url"] == "http://testserver/ru/bodies/wg-silk-routes/"


def test_every_get_has_an_etag_and_a_matching_if_none_match_is_a_304(client):
    first = client.get(f"{API}/projects/silk-routes-partnership")
    again = client.get(f"{API}/projects/silk-routes-partnership", HTTP_IF_NONE_MATCH=first["ETag"])
    weak = client.get(
        f"{API}/projects/silk-routes-partnership", HTTP_IF_NONE_MATCH=f"W/{first['ETag']}"
    )
    other = client.get(f"{API}/projects/silk-routes-partnership", HTTP_IF_NONE_MATCH='"old"')

    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert weak.status_code == 304
    assert other.status_code == 200
    assert "Authorization" in first["Vary"]
    assert first["Cache-Control"] == "private, no-cache"


def test_the_etag_changes_with_the_data(client):
    from silkroutes.meetings.models import Meeting

    before = client.get(f"{API}/meetings/som-2015")["ETag"]
    Meeting.objects.filter(slug="som-2015").update(city="Istanbul")
    after = client.get(f"{API}/meetings/som-2015", HTTP_IF_NONE_MATCH=before)

    assert after.status_code == 200
    assert after.json()["city"] == "Istanbul"
    assert after["ETag"] != before


def test_the_openapi_description_has_an_etag_too(client):
    first = client.get(f"{API}/openapi.json")
    again = client.get(f"{API}/openapi.json", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def test_an_unknown_path_under_the_api_is_a_404_problem(client):
    response = client.get("/api/v1/no-such-things")
    other_version = client.get("/api/v2/projects")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["instance"] == "/api/v1/no-such-things"
    assert other_version.status_code == 404


def test_a_method_that_a_resource_does_not_answer_is_a_405_problem(client):
    response = client.delete(f"{API}/projects/silk-routes-partnership")

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    problem = response.json()
    assert problem["title"] == "Method not allowed"
    assert problem["detail"] == "DELETE is not allowed here; allowed: GET."


def test_problem_types_are_described_at_their_uri(client):
    problem = client.get(f"{API}/projects?page_size=0").json()
    described = client.get(problem["type"]).json()

    assert described["status"] == 400
    assert described["title"] == "Invalid parameter"
    assert "query parameter" in described["description"]


def test_anonymous_clients_are_rate_limited_with_retry_after(client, settings):
    settings.API_RATE_LIMIT_ANONYMOUS = "3/min"

    statuses = [client.get(f"{API}/goals").status_code for _ in range(4)]
    limited = client.get(f"{API}/goals")

    assert statuses == [200, 200, 200, 429]
    assert limited["Content-Type"].startswith("application/problem+json")
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited.json()["title"] == "Too many requests"


def test_each_client_address_has_its_own_count(client, settings):
    settings.API_RATE_LIMIT_ANONYMOUS = "1/min"

    first = client.get(f"{API}/goals", REMOTE_ADDR="192.0.2.1")
    second = client.get(f"{API}/goals", REMOTE_ADDR="192.0.2.1")
    elsewhere = client.get(f"{API}/goals", REMOTE_ADDR="192.0.2.2")

    assert (first.status_code, second.status_code, elsewhere.status_code) == (200, 429, 200)


def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, settings):
    settings.API_RATE_LIMIT_ANONYMOUS = "1/min"
    settings.TRUSTED_PROXY_COUNT = 0

    first = client.get(f"{API}/goals", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = client.get(f"{API}/goals", HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert (first.status_code, second.status_code) == (200, 429)


def test_behind_our_proxy_the_address_it_appended_is_the_client(client, settings):
    settings.API_RATE_LIMIT_ANONYMOUS = "1/min"
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote the first entry itself; nginx appended the second, the real one.
    forged = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9, 192.0.2.7"}
    forged_again = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.10, 192.0.2.7"}
    other = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.8"}

    statuses = [client.get(f"{API}/goals", **h).status_code for h in (forged, forged_again, other)]

    assert statuses == [200, 429, 200]
