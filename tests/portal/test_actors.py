"""Organisation, country and partnership pages: roles over time with their sources, projects by
role, meetings hosted, countries in the reader's language."""

import datetime as dt

import pytest
from django.test import Client

from silkroutes.actors.models import Partnership, Region
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.core.models import Citation, Source
from silkroutes.portal.templatetags.portal import fuzzy
from silkroutes.programme.models import Participation, RecipientCountry
from tests.factories import (
    CountryFactory,
    MeetingFactory,
    OrganisationFactory,
    ProjectFactory,
    RoleFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db


def section(page: str, heading_id: str) -> str:
    """The part of a page from a heading to the end of its section."""
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def row_of(page: str, text: str) -> str:
    """The table row that contains ``text``."""
    at = page.index(text)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]


def day(text: str) -> str:
    """A fuzzy date as the pages show it in the active language."""
    return fuzzy(FuzzyDate.parse(text))


def warm(client: Client, url: str) -> None:
    """One request first, so that per-process caches (content types) do not count."""
    assert client.get(url).status_code == 200


@pytest.fixture(params=[1, 3])
def extra(request) -> int:
    """How many items of the kind a page lists the test adds (its cost must not change)."""
    return request.param


# --- organisations -----------------------------------------------------------------------------


def test_organisations_are_grouped_by_kind(client: Client):
    page = client.get("/organisations/").content.decode()

    states = section(page, "kind-government")
    assert "States" in states
    assert '<a href="/organisations/turkey/">Turkey</a>' in states
    assert "International Centre for Migration Policy Development" not in states
    international = section(page, "kind-international")
    assert '<a href="/organisations/icmpd/">International Centre' in international
    assert "ICMPD" in international
    assert '<a href="/organisations/european-commission/">' in section(page, "kind-eu-institution")
    assert '<a href="/organisations/budapest-process/">' in section(page, "kind-dialogue")
    assert '<a href="/organisations/gfmd/">' in section(page, "kind-forum")


def test_turkeys_organisation_page_shows_its_roles_with_dates_and_sources(client: Client):
    page = client.get("/organisations/turkey/").content.decode()
    roles = section(page, "roles-heading")

    chair = row_of(roles, '<a href="/organisations/budapest-process/">Budapest Process</a>')
    assert "Chair" in chair
    assert f"since {day('2006-01')}" in chair  # "since January 2006"
    assert "took over the Chairmanship of the Budapest Process from Hungary" in chair
    assert "https://budapestprocess.org/budapest-process/governance" in chair

    gfmd = row_of(roles, "Global Forum on Migration and Development</a>")
    assert "Chairmanship of a forum" in gfmd
    assert f"{day('2014-07-01')} – 2015" in gfmd  # the day is known, the end only to the year
    assert "http://bern.emb.mfa.gov.tr/Mission/ShowAnnouncement/213440" in gfmd
    assert "the Turkish Chairmanship mid-2014 - 2015" in gfmd

    group = row_of(roles, '<a href="/bodies/wg-silk-routes/">')
    assert "Co-chair of a body" in group
    assert "dates not stated" in group
    assert "co-chaired by Afghanistan and Turkey" in group


def test_icmpd_page_shows_it_implements_the_partnership_project_and_the_conflict(
    client: Client,
):
    page = client.get("/organisations/icmpd/").content.decode()
    projects = section(page, "projects-heading")

    implementing = projects[projects.index('id="projects-implementing"') :]
    assert '<a href="/programme/silk-routes-partnership/">Support to the Silk Routes' in (
        implementing
    )
    funding = projects[
        projects.index('id="projects-funding"') : projects.index('id="projects-implementing"')
    ]
    assert "Sources (sources disagree)" in funding
    assert "Other sources say otherwise:" in funding
    assert "role: implementing" in funding
    assert "ICMPD&#x27;s project page lists ICMPD only as implementer" in funding
    assert "https://www.icmpd.org/our-work/projects/silk-routes-partnership-project" in funding
    assert "Secretariat" in section(page, "roles-heading")


def test_a_dialogue_page_shows_who_chaired_it_when(client: Client):
    page = client.get("/organisations/budapest-process/").content.decode()
    within = section(page, "within-heading")

    hungary = row_of(within, "Hungary chaired the Budapest Process from 1993 to 2006.")
    assert "1993 – 2006" in hungary
    assert '<a href="/organisations/hungary/">Hungary</a>' in hungary
    turkey = row_of(within, '<a href="/organisations/turkey/">Turkey</a>')
    assert f"since {day('2006-01')}" in turkey
    assert "https://www.budapestprocess.org/" in page  # its website
    assert "Regional migration dialogue" in page


def test_organisation_page_lists_meetings_hosted_and_facts(client: Client):
    page = client.get("/organisations/iran/").content.decode()

    hosted = section(page, "meetings-heading")
    assert '<a href="/meetings/wg-silk-routes-2016/">8th Meeting of the Working Group' in hosted
    assert "Tehran" in hosted
    assert "Government (10)" in page  # IATI organisation type
    assert '<a href="/countries/ir/">Iran</a>' in page
    assert "Website</dt><dd>not stated" in page


def test_organisation_page_shows_partnerships_and_funding_records(client: Client):
    gfmd = client.get("/organisations/gfmd/").content.decode()
    bulgaria = client.get("/organisations/bulgaria/").content.decode()

    assert "Cooperation with the Global Forum for Migration and Development" in section(
        gfmd, "partnerships-heading"
    )
    assert "2014 – 2015" in section(gfmd, "partnerships-heading")
    assert '<a href="/organisations/bangladesh/">Bangladesh</a>' in section(gfmd, "within-heading")
    funding = section(bulgaria, "projects-heading")
    assert "3200.00 EUR" in funding
    assert "sofiaglobe.com" in funding


def test_an_unknown_organisation_is_not_found(client: Client):
    response = client.get("/organisations/atlantis/")

    assert response.status_code == 404


def test_organisation_list_costs_the_same_for_one_or_three_organisations(
    client: Client, django_assert_num_queries, extra
):
    OrganisationFactory.create_batch(extra)
    warm(client, "/organisations/")

    with django_assert_num_queries(1):
        response = client.get("/organisations/")

    assert response.content.decode().count("/organisations/organisation-") >= extra


def test_organisation_page_costs_the_same_for_one_or_three_of_each(
    client: Client, django_assert_num_queries, extra
):
    state = StateFactory(slug="state-under-test", name="State under test")
    for n in range(extra):
        RoleFactory(holder=state)
        project = ProjectFactory()
        Participation.objects.create(project=project, organisation=state, role="funding")
        MeetingFactory(host=state)
        Partnership.objects.create(slug=f"p-{n}", partner=state, purpose=f"Purpose {n}")
    warm(client, "/organisations/state-under-test/")

    with django_assert_num_queries(15):
        page = client.get("/organisations/state-under-test/").content.decode()

    assert page.count("Purpose ") == extra
    assert page.count('href="/meetings/meeting-') == extra


# --- countries ---------------------------------------------------------------------------------


def test_countries_are_grouped_by_region(client: Client):
    page = client.get("/countries/").content.decode()

    silk_routes = section(page, "region-silk-routes")
    assert '<a href="/countries/af/">Afghanistan</a>' in silk_routes
    assert '<a href="/countries/pk/">Pakistan</a>' in silk_routes
    assert "Sources (sources disagree)" in silk_routes  # the 2010 definition includes China
    assert '<a href="/countries/kz/">Kazakhstan</a>' in section(page, "region-central-asia")
    assert '<a href="/countries/hr/">Croatia</a>' in section(page, "region-none")


def test_country_names_follow_the_readers_language(client: Client):
    page = client.get("/ru/countries/").content.decode()

    assert '<a href="/ru/countries/hr/">Хорватия</a>' in page
    assert '<a href="/ru/countries/af/">Афганистан</a>' in page


def test_turkeys_country_page_shows_its_governments_roles_meetings_and_projects(
    client: Client,
):
    page = client.get("/countries/tr/").content.decode()

    roles = section(page, "roles-heading")
    assert f"since {day('2006-01')}" in row_of(roles, ">Budapest Process</a>")
    assert "Co-chair of a body" in row_of(roles, ">Working Group on the Silk Routes Region</a>")
    gfmd = row_of(roles, ">Global Forum on Migration and Development</a>")
    assert f"{day('2014-07-01')} – 2015" in gfmd
    assert "Turkey has assumed the Chair of the Global Forum" in gfmd
    assert '<a href="/organisations/turkey/">Turkey</a>' in page  # the government
    meetings = section(page, "meetings-heading")
    assert '<a href="/meetings/5th-ministerial-conference-2013/">' in meetings
    assert '<a href="/meetings/gfmd-summit-8-2015/">' in meetings
    funded = section(page, "projects-heading")
    assert '<a href="/programme/fostering-cooperation/">' in funded
    assert "No project names this country as a recipient." in page


def test_a_country_page_shows_the_projects_benefiting_it_and_its_regions(client: Client):
    page = client.get("/countries/ir/").content.decode()

    benefiting = section(page, "benefiting-heading")
    assert '<a href="/programme/silk-routes-partnership/">' in benefiting
    assert "regional level" in benefiting
    assert "at regional level also including Bangladesh and Iran" in benefiting
    assert 'href="/countries/#region-silk-routes">Silk Routes region</a>' in page


def test_a_country_code_in_capitals_redirects_and_an_unknown_one_is_not_found(client: Client):
    upper = client.get("/countries/TR/")
    unknown = client.get("/countries/zz/")
    not_a_code = client.get("/countries/turkey/")

    assert upper.status_code == 301
    assert upper["Location"] == "/countries/tr/"
    assert unknown.status_code == 404
    assert not_a_code.status_code == 404


def test_country_list_costs_the_same_for_one_or_three_countries(
    client: Client, django_assert_num_queries, extra
):
    for code in ["FR", "DE", "IT"][:extra]:
        CountryFactory(code=code)
    warm(client, "/countries/")

    with django_assert_num_queries(5):
        page = client.get("/countries/").content.decode()

    assert '<a href="/countries/fr/">France</a>' in page


def test_country_page_costs_the_same_for_one_or_three_of_each(
    client: Client, django_assert_num_queries, extra
):
    france = CountryFactory(code="FR")
    government = StateFactory(slug="france", name="France", country=france)
    Region.objects.create(code="test-region", name="Test region").countries.add(france)
    for _n in range(extra):
        RoleFactory(holder=government)
        MeetingFactory(country=france)
        project = ProjectFactory()
        Participation.objects.create(project=project, organisation=government, role="funding")
        RecipientCountry.objects.create(project=project, country=france)
    warm(client, "/countries/fr/")

    with django_assert_num_queries(17):
        page = client.get("/countries/fr/").content.decode()

    assert page.count('href="/meetings/meeting-') == extra
    assert "Test region" in page


# --- partnerships ------------------------------------------------------------------------------


def test_partnerships_show_partner_purpose_period_and_sources(client: Client):
    page = client.get("/partnerships/").content.decode()

    gfmd = row_of(page, 'id="partnership-gfmd"')
    assert '<a href="/organisations/gfmd/">Global Forum on Migration and Development</a>' in gfmd
    assert "2014 – 2015" in gfmd
    assert "in particular in view of the Turkish Chairmanship mid-2014 - 2015" in gfmd
    ilo = row_of(page, 'id="partnership-ilo-migrant-resource-centres"')
    assert "Migrant Resource Centres in Islamabad and Lahore" in ilo
    assert "dates not stated" in ilo
    assert "https://www.ilo.org/asia/media-centre/news/WCMS_419767/lang--en/index.htm" in ilo


def test_partnership_list_costs_the_same_for_one_or_three_partnerships(
    client: Client, django_assert_num_queries, extra
):
    source = Source.objects.get(key="gfmd-home")
    for n in range(extra):
        partner = OrganisationFactory()
        partnership = Partnership.objects.create(
            slug=f"test-{n}",
            partner=partner,
            purpose=f"Test purpose {n}",
            start=dt.date(2015, 1, 1),
            start_precision="year",
        )
        Citation.objects.create(source=source, record=partnership, quote=f"quote {n}")
    warm(client, "/partnerships/")

    with django_assert_num_queries(3):
        page = client.get("/partnerships/").content.decode()

    assert page.count("Test purpose") == extra
    assert page.count("since 2015") == extra


def test_roles_are_listed_earliest_first_and_undated_ones_last(client: Client):
    page = client.get("/organisations/turkey/").content.decode()
    roles = section(page, "roles-heading")

    chair = roles.index(">Budapest Process</a>")
    gfmd = roles.index(">Global Forum on Migration and Development</a>")
    undated = roles.index(">Working Group on the Silk Routes Region</a>")
    assert chair < gfmd < undated
