"""Each read endpoint, with what it returns for the starter dataset (anonymous client)."""

import pytest

pytestmark = pytest.mark.django_db

API = "/api/v1"


def read(client, path: str, status: int = 200, **headers):
    response = client.get(f"{API}{path}", **headers)
    assert response.status_code == status, response.content
    return response.json()


def by_key(items: list[dict], key: str) -> dict:
    return {item[key]: item for item in items}


def test_index_lists_every_collection_with_absolute_links(client):
    index = read(client, "/")

    assert index["version"] == "1"
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"
    assert index["resources"]["projects"] == "http://testserver/api/v1/projects"
    assert {"goals", "meetings", "bodies", "sources", "roles"} <= set(index["resources"])


def test_project_shows_the_eight_strategy_supporters_and_the_conflicting_end_date(client):
    project = read(client, "/projects/silk-routes-partnership?expand=participants,funding")

    assert project["title"]["en"] == (
        "Support to the Silk Routes Partnership for Migration under the Budapest Process"
    )
    strategy_funders = {
        p["organisation"]["slug"]
        for p in project["participants"]
        if p["role"] == "funding" and any(c["source"]["key"] == "strategy" for c in p["sources"])
    }
    assert strategy_funders == {
        "european-commission",
        "bulgaria",
        "hungary",
        "netherlands",
        "sweden",
        "switzerland",
        "turkey",
        "icmpd",
    }
    assert project["actual_end"] == {
        "value": "2017-07",
        "precision": "month",
        "first_day": "2017-07-01",
        "last_day": "2017-07-31",
    }
    [end_date] = [a for a in project["alternatives"] if a["field"] == "actual_end"]
    assert end_date["value"] == "2017-01"
    assert end_date["sources"][0]["source"]["key"] == "icmpd-completed-projects"
    [bulgaria] = project["funding"]
    assert (bulgaria["amount"], bulgaria["currency"]) == ("3200.00", "EUR")
    assert bulgaria["date"]["value"] == "2015-04"


def test_project_participation_carries_its_conflicting_role(client):
    project = read(client, "/projects/silk-routes-partnership?expand=participants")

    [icmpd_funding] = [
        p
        for p in project["participants"]
        if p["organisation"]["slug"] == "icmpd" and p["role"] == "funding"
    ]
    assert icmpd_funding["alternatives"][0]["field"] == "role"
    assert icmpd_funding["alternatives"][0]["value"] == "implementing"
    assert icmpd_funding["sources"][0] == {
        "source": {
            "key": "strategy",
            "title": icmpd_funding["sources"][0]["source"]["title"],
            "url": None,
        },
        "section": "1.launched.a",
        "quote": "supported by",
    }


def test_project_without_expand_links_to_its_participants_funding_and_history(client):
    project = read(client, "/projects/silk-routes-partnership")

    base = "http://testserver/api/v1/projects/silk-routes-partnership"
    assert project["participants"] == f"{base}/participants"
    assert project["funding"] == f"{base}/funding"
    assert project["status_history"] == f"{base}/status_history"
    assert project["href"] == base
    assert project["web_url"] == "http://testserver/programme/silk-routes-partnership/"
    assert {p["slug"] for p in project["builds_on"]} == {
        "fostering-cooperation",
        "bridging-measures",
    }
    recipients = {(r["country"]["code"], r["level"]) for r in project["recipient_countries"]}
    assert ("AF", "national") in recipients
    assert ("BD", "regional") in recipients


def test_project_parts_are_pages_of_their_own(client):
    participants = read(client, "/projects/silk-routes-partnership/participants")
    history = read(client, "/projects/silk-routes-partnership/status_history")

    assert participants["count"] == len(participants["results"]) >= 10
    assert history["results"][-1]["status"] == "launched"
    assert history["results"][-1]["date"]["value"] == "2014-02"


def test_untitled_project_has_no_title_but_the_sources_words(client):
    project = read(client, "/projects/complementary-actions-turkey-iom")

    assert project["title"] is None
    assert project["designation"]["en"].startswith("The project aiming at the development")


def test_funding_records_list_and_detail(client):
    records = read(client, "/funding?donor=bulgaria")
    record = read(client, "/funding/srp-bulgaria-commitment")

    assert [r["key"] for r in records["results"]] == ["srp-bulgaria-commitment"]
    assert record["project"]["slug"] == "silk-routes-partnership"
    assert record["kind"] == "commitment"


def test_goals_in_founding_order_with_each_frameworks_label(client):
    goals = read(client, "/goals")

    assert goals["count"] == 6
    assert goals["results"][0]["code"] == "legal-migration"
    label = goals["results"][0]["labels"][0]
    assert label["framework"]["slug"] == "istanbul-declaration-2013"
    assert label["order"] == 1
    assert read(client, "/goals/trafficking")["web_url"] == "http://testserver/goals/trafficking/"


def test_areas_and_frameworks(client):
    areas = read(client, "/areas?framework=multi-annual-strategy-2014-2016")
    framework = read(client, "/frameworks/istanbul-declaration-2013")

    assert areas["count"] == 5
    assert [a["order"] for a in areas["results"]] == [1, 2, 3, 4, 5]
    assert framework["adopted"]["value"] == "2013-04-19"
    assert framework["adopted_at"]["slug"] == "5th-ministerial-conference-2013"
    assert framework["kind"] == "declaration"


def test_body_with_its_chairs(client):
    body = read(client, "/bodies/wg-silk-routes")

    co_chairs = {r["holder"]["slug"] for r in body["roles"] if r["kind"] == "body-co-chair"}
    assert {"afghanistan", "turkey"} <= co_chairs
    assert body["established"]["value"] == "2010"
    assert body["meetings"] == "http://testserver/api/v1/meetings?body=wg-silk-routes"
    assert body["region"]["code"] == "silk-routes"


def test_meeting_known_only_to_the_year(client):
    meeting = read(client, "/meetings/som-2015")

    assert meeting["status"] == "foreseen"
    assert meeting["date"] == {
        "value": "2015",
        "precision": "year",
        "first_day": "2015-01-01",
        "last_day": "2015-12-31",
    }
    assert meeting["end_date"] is None
    assert meeting["sources"][0]["section"] == "2"


def test_held_meeting_with_place_host_and_counts(client):
    meeting = read(client, "/meetings/gfmd-summit-8-2015")

    assert meeting["end_date"] == "2015-10-16"
    assert meeting["country"]["code"] == "TR"
    assert meeting["host"]["slug"] == "turkey"
    assert meeting["participants"] == 600


def test_organisation_with_its_roles_expanded(client):
    icmpd = read(client, "/organisations/icmpd?expand=roles")
    plain = read(client, "/organisations/icmpd")

    assert icmpd["acronym"] == "ICMPD"
    assert icmpd["iati_type"] == 40
    assert [r["key"] for r in icmpd["roles"] if r["kind"] == "secretariat"] == [
        "bp-secretariat-icmpd"
    ]
    assert plain["roles"] == "http://testserver/api/v1/roles?holder=icmpd"


def test_roles_of_the_dialogue_with_unknown_and_fuzzy_dates(client):
    roles = by_key(read(client, "/roles?of=budapest-process")["results"], "key")

    assert roles["bp-chair-hungary"]["start"]["value"] == "1993"
    assert roles["bp-chair-hungary"]["end"]["value"] == "2006"
    assert roles["bp-secretariat-icmpd"]["start"] is None
    assert roles["bp-chair-turkey"]["end"] is None


def test_countries_have_their_names_in_every_language(client):
    country = read(client, "/countries/af")

    assert country["code"] == "AF"
    assert country["name"] == {"en": "Afghanistan", "ru": "Афганистан", "ar": "أفغانستان"}
    assert [r["code"] for r in country["regions"]] == ["silk-routes"]


def test_region_with_its_countries(client):
    region = read(client, "/regions/silk-routes")

    assert {c["code"] for c in region["countries"]} == {"AF", "BD", "IR", "IQ", "PK"}


def test_partnerships_and_sources(client):
    partnerships = read(client, "/partnerships?partner=gfmd")
    strategy = read(client, "/sources/strategy")

    assert partnerships["results"][0]["partner"]["slug"] == "gfmd"
    assert strategy["kind"] == "document"
    assert strategy["url"] is None
    assert strategy["web_url"] == "http://testserver/sources/strategy/"


def test_an_unknown_record_is_a_404_problem(client):
    problem = read(client, "/projects/no-such-project", status=404)

    assert problem["title"] == "Not found"
    assert problem["instance"] == "/api/v1/projects/no-such-project"
