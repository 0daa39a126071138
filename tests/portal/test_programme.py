"""The programme list (filters, pagination) and the project page."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from silkroutes.programme.models import Participation, Project, ProjectStatusChange
from silkroutes.strategy.models import PriorityGoal
from tests.factories import FundingRecordFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

PROGRAMME = "/programme/"
STRATEGY_SUPPORTERS = (
    "european-commission",
    "bulgaria",
    "hungary",
    "netherlands",
    "sweden",
    "switzerland",
    "turkey",
    "icmpd",
)


def listed(response) -> set[str]:
    """The slugs of the projects in the list's table."""
    page = response.content.decode()
    table = page[page.index('id="results-heading"') :]
    return set(re.findall(r'href="/programme/([\w-]+)/"', table))


def squeezed(html: str) -> str:
    """The HTML with each run of white space made one space."""
    return re.sub(r"\s+", " ", html)


def without_marks(html: str) -> str:
    """The HTML without the source marks beside values (tests/portal/test_source_marks.py)."""
    return re.sub(r'<sup class="source-marks">.*?</sup>', "", html)


def date_row(page: str, label: str) -> str:
    start = page.index(f"{label}</th>")
    return squeezed(page[start : page.index("</tr>", start)])


def participant(page: str, slug: str, role: str) -> str:
    """The part of a project page that shows one participation and its sources."""
    start = page.index(f'id="participant-{slug}-{role}"')
    return page[start : page.index("</li>\n", page.index("</details>", start))]


# --- the list and its filters ------------------------------------------------------------------


def test_programme_lists_every_project_with_status_dates_funders_and_implementers(
    client: Client,
):
    response = client.get(PROGRAMME)
    page = response.content.decode()

    assert response.status_code == 200
    assert listed(response) == set(Project.objects.values_list("slug", flat=True))
    assert "7 projects" in page
    assert "No filter: every project is listed." in page
    assert "May 2013 – 2014" in page  # bridging measures, month and year precision
    assert "February 2014 – July 2017" in page  # actual dates preferred over planned
    assert '<a href="/organisations/united-kingdom/">United Kingdom</a>' in page
    assert '<a href="/goals/international-protection/">Promote international protection</a>' in page


def test_an_untitled_project_is_listed_by_the_strategys_words(client: Client):
    page = client.get(PROGRAMME, {"funder": "iom"}).content.decode()

    assert (
        "<q>The project aiming at the development of complementary actions to implement the "
        "Silk Routes Partnership for Migration" in page
    )
    assert "(untitled, as the strategy describes it)" in page
    assert '2014 <span class="planned">(planned)</span> – end not stated' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "launched"}, {"silk-routes-partnership", "complementary-actions-turkey-iom"}),
        (
            {"status": "under-consideration"},
            {"desir", "legal-migration-mobility", "return-reintegration"},
        ),
        (
            {"goal": "irregular-migration"},
            {"silk-routes-partnership", "complementary-actions-turkey-iom"},
        ),
        ({"goal": "trafficking"}, {"silk-routes-partnership"}),
        ({"area": "diaspora-engagement"}, {"desir"}),
        ({"funder": "norway"}, {"silk-routes-partnership", "fostering-cooperation"}),
        ({"funder": "united-kingdom"}, {"silk-routes-partnership", "bridging-measures"}),
        (
            {"implementer": "icmpd"},
            {"silk-routes-partnership", "fostering-cooperation", "bridging-measures"},
        ),
        ({"country": "af"}, {"silk-routes-partnership", "bridging-measures"}),
        ({"country": "IR"}, {"silk-routes-partnership"}),
        ({"year": "2013"}, {"bridging-measures"}),
        (
            {"year": "2014"},
            {
                "bridging-measures",
                "silk-routes-partnership",
                "complementary-actions-turkey-iom",
            },
        ),
        ({"year": "2016"}, {"silk-routes-partnership", "complementary-actions-turkey-iom"}),
        # a start and no known end: running from its start on
        ({"year": "2018"}, {"complementary-actions-turkey-iom"}),
        ({"year": "2012"}, set()),
    ],
)
def test_each_filter_alone(client: Client, query, expected):
    response = client.get(PROGRAMME, query)

    assert response.status_code == 200
    assert listed(response) == expected


def test_a_project_without_dates_runs_in_no_year(client: Client):
    undated = ProjectFactory(slug="undated", status="launched")

    for year in range(2010, 2020):
        assert undated.slug not in listed(client.get(PROGRAMME, {"year": year}))


def test_two_filters_combine(client: Client):
    assert listed(client.get(PROGRAMME, {"funder": "norway", "year": "2015"})) == {
        "silk-routes-partnership"
    }
    assert listed(client.get(PROGRAMME, {"funder": "norway", "status": "completed"})) == {
        "fostering-cooperation"
    }
    assert listed(client.get(PROGRAMME, {"implementer": "icmpd", "country": "iq"})) == {
        "silk-routes-partnership",
        "bridging-measures",
    }


def test_the_filters_stay_in_the_form_and_are_shown_with_the_count(client: Client):
    page = client.get(PROGRAMME, {"funder": "norway", "year": "2015"}).content.decode()

    assert '<option value="norway" selected>Norway</option>' in page
    assert '<option value="2015" selected>2015</option>' in page
    assert "1 project</h2>" in page
    assert "Funder: <strong>Norway</strong>" in page
    assert "Running in: <strong>2015</strong>" in page
    assert '<a href="/programme/?year=2015">remove' in page  # drops only the funder
    assert '<a href="/programme/">Clear filters</a>' in page


def test_no_match_says_so(client: Client):
    page = client.get(PROGRAMME, {"area": "diaspora-engagement", "status": "launched"})

    assert "No project matches these filters." in page.content.decode()
    assert listed(page) == set()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"status": "finished"}, "Invalid filter “Status”: the value “finished” is not valid."),
        ({"goal": "world-peace"}, "Invalid filter “Priority goal”: the value “world-peace”"),
        ({"year": "twenty"}, "Invalid filter “Running in”: the value “twenty” is not valid."),
        ({"funder": "atlantis"}, "Invalid filter “Funder”: the value “atlantis”"),
        ({"country": "zz"}, "Invalid filter “Recipient country”: the value “zz”"),
    ],
)
def test_an_invalid_filter_is_a_400_page_that_names_it(client: Client, query, message):
    response = client.get(PROGRAMME, {"status": "launched", **query})
    page = response.content.decode()

    assert response.status_code == 400
    assert message in page
    assert "Invalid filter “Area”" not in page
    assert '<a href="/programme/">clear filters and see every project</a>' in page


def test_the_list_is_paginated_by_fifty_and_pages_keep_the_filters(client: Client):
    ProjectFactory.create_batch(53, status="identified")

    first = client.get(PROGRAMME, {"status": "identified"})
    second = client.get(PROGRAMME, {"status": "identified", "page": "2"})

    assert "53 projects" in first.content.decode()
    assert len(listed(first)) == 50
    assert len(listed(second)) == 3
    assert 'href="?status=identified&amp;page=2" rel="next"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()
    assert client.get(PROGRAMME, {"page": "many"}).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_costs_the_same_queries_for_one_or_three_projects(
    client: Client, django_assert_num_queries, count
):
    donor = OrganisationFactory(slug="new-donor")
    goal = PriorityGoal.objects.get(code="trafficking")
    for _ in range(count):
        project = ProjectFactory(status="launched")
        project.goals.add(goal)
        Participation.objects.create(project=project, organisation=donor, role="funding")
        Participation.objects.create(
            project=project, organisation=OrganisationFactory(), role="implementing"
        )

    with django_assert_num_queries(13):  # +2: the data version, the footer's data date
        response = client.get(PROGRAMME, {"funder": "new-donor", "goal": "trafficking"})

    assert len(listed(response)) == count


# --- the project page --------------------------------------------------------------------------


def test_the_project_page_shows_the_strategys_eight_supporters_with_their_source(
    client: Client,
):
    page = client.get(reverse("portal:project", args=["silk-routes-partnership"])).content.decode()

    for slug in STRATEGY_SUPPORTERS:
        shown = participant(page, slug, "funding")
        assert f'href="/organisations/{slug}/"' in shown
        assert "Multi-Annual Strategy 2014-2016" in shown
        assert "§1.launched.a" in shown


def test_norway_and_the_uk_cite_only_icmpds_page(client: Client):
    page = client.get(reverse("portal:project", args=["silk-routes-partnership"])).content.decode()

    for slug in ("norway", "united-kingdom"):
        shown = participant(page, slug, "funding")
        assert "ICMPD: Silk Routes Partnership Project" in shown
        assert "Multi-Annual Strategy" not in shown


def test_hungary_is_lead_partner_and_icmpds_support_is_disputed(client: Client):
    page = client.get(reverse("portal:project", args=["silk-routes-partnership"])).content.decode()

    assert "<h3>Lead partner</h3>" in page
    assert "Hungary (Lead Partner)" in participant(page, "hungary", "lead-partner")
    icmpd = participant(page, "icmpd", "funding")
    assert "Sources disagree:" in icmpd
    assert "another source gives the role as “implementing”" in icmpd
    assert "lists ICMPD only as implementer" in icmpd
    assert "Sources disagree" not in participant(page, "icmpd", "implementing")


def test_the_project_page_shows_the_conflicting_end_date(client: Client):
    page = client.get(reverse("portal:project", args=["silk-routes-partnership"])).content.decode()
    actual_end = date_row(page, "Actual end")

    assert "July 2017" in actual_end
    assert "Sources disagree:" in actual_end
    assert "another source gives January 2017" in actual_end
    assert "ICMPD: Silk Routes, completed projects" in actual_end


def test_the_project_page_shows_dates_history_countries_links_and_funding(client: Client):
    url = reverse("portal:project", args=["silk-routes-partnership"])
    page = without_marks(client.get(url).content.decode())

    assert "<td> 2014 </td>" in date_row(page, "Planned start")
    assert "not stated" in date_row(page, "Planned end")
    assert "February 2014</span>: launched" in squeezed(page)  # status history, to the month
    assert '<a href="/countries/bd/">Bangladesh</a> (regional level)' in page
    assert '<a href="/countries/af/">Afghanistan</a> (national level)' in page
    assert '<a href="/programme/fostering-cooperation/">' in page  # builds on
    assert '<a href="/programme/bridging-measures/">' in page
    assert '<a href="/goals/trafficking/">Prevent and combat human trafficking</a>' in page
    assert "3,200.00 EUR" in page  # as given, never converted
    assert "The Sofia Globe" in page
    assert "Silk Routes Partnership Project (&quot;Silk Routes II&quot;)" in page


def test_a_predecessor_links_to_its_successor(client: Client):
    page = client.get(reverse("portal:project", args=["bridging-measures"])).content.decode()

    assert "<h3>Built upon by</h3>" in page
    assert '<a href="/programme/silk-routes-partnership/">' in page


def test_an_untitled_project_page_is_headed_by_the_strategys_words(client: Client):
    url = reverse("portal:project", args=["complementary-actions-turkey-iom"])
    page = client.get(url).content.decode()

    assert "<h1><q>The project aiming at the development of complementary actions" in page
    assert "untitled, as the strategy describes it" in page
    assert "§1.launched.b" in page


def test_conflicting_titles_are_shown(client: Client):
    page = client.get(reverse("portal:project", args=["fostering-cooperation"])).content.decode()

    assert "Sources disagree on the title." in page
    assert "<q>Fostering Migration Cooperation with and in the Silk Routes Region</q>" in page


def test_an_unknown_project_is_404(client: Client):
    assert client.get(reverse("portal:project", args=["no-such-project"])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_project_page_costs_the_same_queries_for_one_or_three_of_each(
    client: Client, django_assert_num_queries, count
):
    project = Project.objects.get(slug="silk-routes-partnership")
    for n in range(count):
        Participation.objects.create(
            project=project, organisation=OrganisationFactory(), role="extending"
        )
        ProjectStatusChange.objects.create(
            project=project,
            previous_status="launched",
            status="launched",
            date=dt.date(2015 + n, 1, 1),
            date_precision="year",
            note=f"Reviewed {n}",
        )
        FundingRecordFactory(project=project, amount=100 + n, currency="USD")
    url = reverse("portal:project", args=[project.slug])
    client.get(url)  # warm the content-type cache

    with django_assert_num_queries(22):
        page = client.get(url).content.decode()

    assert page.count("<h3>Extending</h3>") == 1
    assert page.count(" USD</td>") == count
    assert page.count("Reviewed ") == count
