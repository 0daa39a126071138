"""Reads of the programme's money: totals per currency, gaps, conversion only with loaded rates,
the donor × project matrix, and pipeline projects looking for support."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from silkroutes.actors.models import Country, Organisation
from silkroutes.programme import funding
from silkroutes.programme.models import ExchangeRate, Participation, Project, RecipientCountry
from silkroutes.strategy.models import PriorityGoal
from tests.factories import (
    BudgetFactory,
    ExchangeRateFactory,
    FundingRecordFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def summary_of(project: Project) -> funding.ProjectFunding:
    return next(s for s in funding.project_summaries() if s.project.pk == project.pk)


def money(project, donor, kind, amount, currency="EUR", date=None):
    return FundingRecordFactory(
        project=project,
        donor=org(donor),
        kind=kind,
        amount=None if amount is None else Decimal(amount),
        currency=currency if amount is not None else "",
        date=date,
        date_precision="day" if date else "",
    )


def test_the_starter_dataset_has_one_commitment_and_no_budget():
    summary = summary_of(Project.objects.get(slug="silk-routes-partnership"))

    assert summary.totals == {"EUR": {"commitment": Decimal("3200.00")}}
    assert summary.covered == {"EUR": Decimal("3200.00")}
    assert (summary.budgets, summary.gaps) == ({}, [])


def test_totals_are_kept_per_currency():
    project = ProjectFactory()
    money(project, "sweden", "pledge", 100, "SEK")
    money(project, "norway", "pledge", 50, "EUR")
    money(project, "norway", "interest", None)

    totals = funding.totals_per_currency()

    assert totals["SEK"] == {"pledge": (Decimal(100), 1)}
    assert totals["EUR"]["pledge"] == (Decimal(50), 1)
    assert totals["EUR"]["commitment"] == (Decimal("3200.00"), 1)
    assert totals[""] == {"interest": (None, 1)}


def test_a_donor_covers_the_largest_of_its_pledges_commitments_and_disbursements():
    project = ProjectFactory()
    BudgetFactory(project=project, amount=1000)
    money(project, "sweden", "pledge", 300)
    money(project, "sweden", "commitment", 250)
    money(project, "sweden", "disbursement", 100)
    money(project, "norway", "pledge", 200)
    money(project, "norway", "interest", 999)

    (gap,) = summary_of(project).gaps

    assert (gap.currency, gap.budget, gap.covered, gap.gap, gap.share) == (
        "EUR",
        Decimal(1000),
        Decimal(500),
        Decimal(500),
        50,
    )


def test_revised_budgets_replace_the_original_ones():
    project = ProjectFactory()
    BudgetFactory(project=project, amount=1000)
    BudgetFactory(project=project, amount=1500, kind="revised")

    assert summary_of(project).budgets == {"EUR": Decimal(1500)}


def test_a_project_covered_beyond_its_budget_has_a_surplus_not_a_negative_gap():
    project = ProjectFactory()
    BudgetFactory(project=project, amount=100)
    money(project, "sweden", "commitment", 150)

    (gap,) = summary_of(project).gaps

    assert (gap.over_covered, gap.surplus, gap.gap) == (True, Decimal(50), Decimal(-50))


def test_another_currency_is_not_converted_without_a_loaded_rate():
    project = ProjectFactory()
    BudgetFactory(project=project, amount=1000)
    money(project, "sweden", "pledge", 2000, "SEK", dt.date(2016, 5, 1))

    (gap,) = summary_of(project).gaps

    assert gap.covered == 0
    assert gap.unconverted == {"SEK": Decimal(2000)}
    assert gap.conversions == []


def test_another_currency_is_converted_with_the_latest_loaded_rate_before_its_date():
    project = ProjectFactory()
    BudgetFactory(project=project, amount=1000)
    ExchangeRateFactory(rate="0.10", date=dt.date(2016, 1, 1))
    used = ExchangeRateFactory(rate="0.11", date=dt.date(2016, 4, 1))
    ExchangeRateFactory(rate="0.50", date=dt.date(2016, 6, 1))  # after the pledge
    money(project, "sweden", "pledge", 2000, "SEK", dt.date(2016, 5, 1))

    (gap,) = summary_of(project).gaps

    assert (gap.covered, gap.unconverted) == (Decimal("220.00"), {})
    (conversion,) = gap.conversions
    assert (conversion.rate, conversion.inverted, conversion.amount) == (
        used,
        False,
        Decimal("220.00"),
    )


def test_a_rate_given_the_other_way_round_is_divided_by():
    project = ProjectFactory()
    BudgetFactory(project=project, amount=1000, currency="SEK")
    ExchangeRateFactory(from_currency="SEK", to_currency="EUR", rate="0.1")
    money(project, "norway", "commitment", 30, "EUR", dt.date(2015, 2, 1))

    (gap,) = summary_of(project).gaps

    assert gap.covered == Decimal("300.00")
    assert gap.conversions[0].inverted is True


def test_a_record_before_every_loaded_rate_is_not_converted():
    project = ProjectFactory()
    BudgetFactory(project=project, amount=1000)
    ExchangeRateFactory(date=dt.date(2016, 1, 1))
    money(project, "sweden", "pledge", 2000, "SEK", dt.date(2015, 5, 1))

    (gap,) = summary_of(project).gaps

    assert gap.unconverted == {"SEK": Decimal(2000)}


def test_an_exchange_rate_needs_two_currencies_a_positive_rate_and_a_source():
    rate = ExchangeRateFactory.build(from_currency="EUR", to_currency="EUR", rate="0")

    with pytest.raises(ValidationError) as excinfo:
        rate.full_clean()

    assert "A rate converts between two currencies." in excinfo.value.messages
    assert "A rate must be more than zero." in excinfo.value.messages
    assert ExchangeRate._meta.get_field("source").null is False


def test_the_goal_coverage_adds_the_projects_serving_it():
    goal = PriorityGoal.objects.get(code="migration-development")
    funded, pipeline = ProjectFactory(), ProjectFactory(status="under-consideration")
    for project, amount in ((funded, 1000), (pipeline, 4000)):
        project.goals.add(goal)
        BudgetFactory(project=project, amount=amount)
    money(funded, "sweden", "commitment", 600)

    coverage = next(c for c in funding.gaps_per_goal(funding.project_summaries()) if c.goal == goal)

    assert coverage.funded_count == 2  # the Silk Routes Partnership project serves every goal
    assert coverage.gaps["EUR"].budget == Decimal(5000)
    assert coverage.gaps["EUR"].covered == Decimal(600)
    assert coverage.unbudgeted == {"EUR": Decimal("3200.00")}
    assert [s.project for s in coverage.without_funding] == [pipeline]


def test_projects_tagged_with_no_goal_come_last():
    coverages = funding.gaps_per_goal(funding.project_summaries())

    assert [c.goal for c in coverages][-1] is None
    assert {s.project.slug for s in coverages[-1].projects} >= {"desir", "bridging-measures"}


def test_totals_per_donor_and_per_goal():
    money(Project.objects.get(slug="desir"), "sweden", "pledge", 10, "SEK")

    donors = {d.donor.slug: d for d in funding.totals_per_donor()}
    goals = dict(funding.totals_per_goal())

    assert donors["sweden"].by_currency == {"SEK": {"pledge": (Decimal(10), 1)}}
    assert donors["bulgaria"].projects == 1
    assert goals[None]["SEK"] == {"pledge": (Decimal(10), 1)}  # DESIR is tagged with no goal
    legal = PriorityGoal.objects.get(code="legal-migration")
    assert goals[legal]["EUR"]["commitment"] == (Decimal("3200.00"), 1)


def test_the_matrix_shows_records_and_roles_of_each_donor_in_each_project():
    desir = Project.objects.get(slug="desir")
    money(desir, "sweden", "interest", None)
    Participation.objects.create(project=desir, organisation=org("norway"), role="interest")

    matrix = funding.donor_project_matrix()

    sweden = matrix.cells[(org("sweden").pk, desir.pk)]
    assert (sweden.firmest, sweden.roles) == ("interest", [])
    assert matrix.cells[(org("norway").pk, desir.pk)].roles == ["expressed interest to support"]
    srp = Project.objects.get(slug="silk-routes-partnership")
    assert matrix.cells[(org("bulgaria").pk, srp.pk)].firmest == "commitment"
    assert matrix.cells[(org("hungary").pk, srp.pk)].roles == ["funding"]
    assert [d.name for d in matrix.donors] == sorted(d.name for d in matrix.donors)


def test_looking_for_support_lists_unfunded_pipeline_projects():
    entries = {e.project.slug: e for e in funding.looking_for_support()}

    assert set(entries) == {"desir", "legal-migration-mobility", "return-reintegration"}
    assert all(e.interested == [] and e.candidates == [] for e in entries.values())


def test_looking_for_support_matches_donors_interested_in_similar_goals_or_countries():
    goal = PriorityGoal.objects.get(code="migration-development")
    desir, other, elsewhere = (
        Project.objects.get(slug="desir"),
        ProjectFactory(status="under-consideration"),
        ProjectFactory(status="under-consideration"),
    )
    desir.goals.add(goal)
    other.goals.add(goal)
    RecipientCountry.objects.create(project=desir, country=Country.objects.get(code="PK"))
    RecipientCountry.objects.create(project=elsewhere, country=Country.objects.get(code="PK"))
    money(other, "sweden", "interest", None)
    Participation.objects.create(project=elsewhere, organisation=org("norway"), role="interest")
    money(desir, "switzerland", "interest", None)

    entry = next(e for e in funding.looking_for_support() if e.project == desir)

    assert [d.slug for d in entry.interested] == ["switzerland"]
    by_donor = {c.donor.slug: c for c in entry.candidates}
    assert list(by_donor) == ["norway", "sweden"]
    assert (by_donor["sweden"].goals, by_donor["sweden"].countries) == ([goal], [])
    assert [c.code for c in by_donor["norway"].countries] == ["PK"]
    assert by_donor["norway"].projects == [elsewhere]


def test_a_pledged_pipeline_project_no_longer_looks_for_support():
    money(Project.objects.get(slug="desir"), "sweden", "pledge", 5)

    assert "desir" not in {e.project.slug for e in funding.looking_for_support()}


def test_the_summaries_cost_the_same_for_one_and_three_projects(django_assert_num_queries):
    for _ in range(3):
        project = ProjectFactory()
        BudgetFactory(project=project)
        money(project, "sweden", "pledge", 5)

    # projects, their goals, the kept summary rows, the records named (interests, flags); no
    # exchange rate is read when nothing needs converting
    with django_assert_num_queries(4):
        funding.project_summaries()
