"""The public pages of the programme's money and results: funding per donor and goal, the gaps,
the time-line picture with its table, and the results."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from silkroutes.actors.models import Organisation
from silkroutes.programme.models import Project
from silkroutes.strategy.models import PriorityGoal
from tests.factories import (
    BudgetFactory,
    FundingRecordFactory,
    IndicatorFactory,
    ProjectFactory,
    ResultFactory,
)

pytestmark = pytest.mark.django_db


def squeezed(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def row(page: str, element_id: str) -> str:
    """The text of one table row, tags removed."""
    start = page.index(">", page.index(f'id="{element_id}"')) + 1
    return squeezed(page[start : page.index("</tr>", start)])


def visible(response) -> str:
    return squeezed(response.content.decode())


# -- funding overview ----------------------------------------------------------------------------


def test_the_overview_shows_totals_per_currency_donor_and_goal(client: Client):
    FundingRecordFactory(
        project=Project.objects.get(slug="desir"),
        donor=Organisation.objects.get(slug="sweden"),
        kind="pledge",
        amount=Decimal("2000000"),
        currency="SEK",
    )

    text = visible(client.get(reverse("portal:funding")))

    assert "EUR 3,200.00 (1 record)" in text
    assert "SEK 2,000,000.00 (1 record)" in text
    assert "Bulgaria 1 EUR" in text
    assert "Sweden 1 SEK" in text
    assert "Projects tagged with no goal SEK" in text
    assert "nothing is converted with an assumed exchange rate" in text


def test_the_overview_flags_disbursements_beyond_commitments(client: Client):
    project = Project.objects.get(slug="silk-routes-partnership")
    bulgaria = Organisation.objects.get(slug="bulgaria")
    FundingRecordFactory(project=project, donor=bulgaria, kind="disbursement", amount=4000)

    text = visible(client.get(reverse("portal:funding")))

    assert (
        "Flag: Bulgaria disbursed EUR 4,000.00 to “Support to the Silk Routes Partnership for "
        "Migration under the Budapest Process” but committed EUR 3,200.00." in text
    )


# -- gaps ----------------------------------------------------------------------------------------


def test_a_project_without_budget_shows_its_funding_and_no_gap(client: Client):
    page = client.get(reverse("portal:funding_gaps")).content.decode()

    assert row(page, "gap-silk-routes-partnership").endswith(
        "launched no budget known EUR 3,200.00 cannot be computed"
    )
    assert "no budget known nothing pledged or committed cannot be computed" in row(
        page, "gap-desir"
    )


def test_the_gap_of_a_budgeted_project_and_of_its_goal(client: Client):
    desir = Project.objects.get(slug="desir")
    goal = PriorityGoal.objects.get(code="migration-development")
    desir.goals.add(goal)
    BudgetFactory(project=desir, amount=Decimal("500000"))
    FundingRecordFactory(project=desir, kind="pledge", amount=Decimal("200000"))

    page = client.get(reverse("portal:funding_gaps")).content.decode()

    assert "EUR 500,000.00 EUR 200,000.00 EUR 300,000.00 40 % covered" in row(page, "gap-desir")
    goal_row = row(page, "goal-migration-development")
    assert goal_row.startswith("Strengthen the positive impact of migration on development 2 2")
    assert "EUR 500,000.00 EUR 200,000.00 EUR 300,000.00 40 % covered" in goal_row
    assert "EUR 3,200.00 covered in projects without a known budget." in goal_row


def test_amounts_without_a_rate_are_listed_apart(client: Client):
    desir = Project.objects.get(slug="desir")
    BudgetFactory(project=desir, amount=Decimal("1000"))
    FundingRecordFactory(project=desir, kind="pledge", amount=Decimal("500"), currency="SEK")

    page = client.get(reverse("portal:funding_gaps")).content.decode()

    assert "SEK 500.00 not included: no exchange rate loaded." in row(page, "gap-desir")


# -- time-line -----------------------------------------------------------------------------------


def test_the_time_line_draws_dated_projects_and_lists_every_project(client: Client):
    response = client.get(reverse("portal:programme_timeline"))
    page = response.content.decode()

    svg = page[page.index('<svg class="pt-svg"') : page.index("</svg>")]
    assert svg.count('class="pt-bar ') == 3  # the projects with a known start
    assert "Support to the Silk Routes Partnership fo…" in svg
    assert 'class="pt-segment pt-fuzzy"' in svg
    assert 'class="pt-segment pt-open"' in svg
    assert "style=" not in page
    table = visible(response)
    bridging = "Bridging Measures for Migration Management in the Silk Routes Region"
    assert f"{bridging} completed May 2013 2014" in table
    desir = "Diaspora Engagement in the Silk Routes Countries (DESIR)"
    assert f"{desir} under consideration not stated not stated" in table
    assert "4 projects are not drawn because no source gives their start." in table
    assert "Completed: diagonal lines" in table


def test_the_time_line_scales_to_the_years_of_the_projects_and_one_more_for_open_ends(
    client: Client,
):
    ProjectFactory(
        actual_start=dt.date(2010, 1, 1),
        actual_start_precision="day",
        actual_end=dt.date(2020, 6, 30),
        actual_end_precision="day",
    )

    page = client.get(reverse("portal:programme_timeline")).content.decode()

    years = re.findall(r'class="pt-year">(\d{4})</text>', page)
    assert years == [str(y) for y in range(2010, 2022)]  # a launched project has no known end


# -- results -------------------------------------------------------------------------------------


def test_the_results_of_the_starter_dataset_with_counts_and_sources(client: Client):
    text = visible(client.get(reverse("portal:results")))

    assert "8 results" in text
    assert "Training of Trainers for Afghan officials, Istanbul" in text
    assert "People 15 (of them 3 women)" in text
    assert "Institutions 7" in text
    assert "Migrant Resource Centre, Lahore" in text
    assert "date not stated" in text
    assert "October 2015 – July 2017" in text
    assert "Budapest Process news: Migration Resource Centres open in Pakistan" in text


def test_results_can_be_filtered_by_kind_and_project(client: Client):
    text = visible(client.get(reverse("portal:results"), {"category": "resource-centre"}))

    assert "2 results" in text
    assert "Migrant Resource Centre, Islamabad" in text
    assert "Training of Trainers" not in text
    filtered = visible(
        client.get(
            reverse("portal:results"), {"project": "silk-routes-partnership", "category": "network"}
        )
    )
    assert "1 result " in filtered


def test_an_invalid_results_filter_answers_400_and_says_which(client: Client):
    response = client.get(reverse("portal:results"), {"category": "party"})

    assert response.status_code == 400
    assert "Invalid filter “Kind of result”: the value “party” is not valid." in visible(response)


# -- the cost of each page -----------------------------------------------------------------------


def more_funded_projects(extra: int) -> None:
    goal = PriorityGoal.objects.get(code="trafficking")
    for _ in range(extra):
        project = ProjectFactory(actual_start=dt.date(2015, 1, 1), actual_start_precision="year")
        project.goals.add(goal)
        BudgetFactory(project=project)
        FundingRecordFactory(project=project)
        FundingRecordFactory(project=project, kind="disbursement", amount=5000)


@pytest.mark.parametrize("extra", [1, 3])
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # totals, per donor (2 + donors), per goal (2), disbursements beyond commitments
        ("portal:funding", 7),
        # projects, their goals, kept summaries, records named (interests, flags); goals
        ("portal:funding_gaps", 5),
        ("portal:programme_timeline", 1),
    ],
)
def test_each_money_page_costs_the_same_for_one_and_three_more_projects(
    client: Client, django_assert_num_queries, extra, name, queries
):
    more_funded_projects(extra)

    with django_assert_num_queries(queries + 2):  # +2: the data version, the footer's data date
        response = client.get(reverse(name))

    assert response.status_code == 200


@pytest.mark.parametrize("extra", [1, 3])
def test_the_results_cost_the_same_for_one_and_three_more_results(
    client: Client, django_assert_num_queries, extra
):
    for _ in range(extra):
        result = ResultFactory(date=dt.date(2016, 1, 1), date_precision="year")
        IndicatorFactory(result=result)
        result.goals.add(PriorityGoal.objects.get(code="trafficking"))

    # filter choices; results; goals; indicators; alternatives; citations with their sources
    with django_assert_num_queries(8):  # +2: the data version, the footer's data date
        response = client.get(reverse("portal:results"))

    assert f"{8 + extra} results" in visible(response)
