"""The programme's writes: every lifecycle rule and every funding rule, with the acting user."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from silkroutes.actors.models import Organisation
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.programme import funding
from silkroutes.programme.models import (
    Budget,
    FundingRecord,
    Participation,
    Project,
    ProjectStatus,
)
from silkroutes.programme.services import (
    convert_interest_to_pledge,
    launch_problems,
    move_project,
    record_budget,
    record_funding,
    record_interest,
)
from tests.factories import FundingRecordFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

EUR = "EUR"


def org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def desir() -> Project:
    return Project.objects.get(slug="desir")


def ready_to_launch(project: Project) -> Project:
    """Give a project what a launch needs: a funder, an implementer and a planned start."""
    Participation.objects.create(project=project, organisation=org("sweden"), role="funding")
    Participation.objects.create(project=project, organisation=org("iom"), role="implementing")
    project.planned_start, project.planned_start_precision = dt.date(2016, 1, 1), "year"
    project.save()
    return project


# -- the lifecycle -------------------------------------------------------------------------------


def test_the_secretariat_launches_a_ready_project_and_the_move_is_recorded(secretariat_user):
    project = ready_to_launch(desir())

    change = move_project(
        project,
        to="launched",
        by=secretariat_user,
        on=FuzzyDate.parse("2016-04"),
        note="MoU signed",
    )

    project.refresh_from_db()
    assert project.status == ProjectStatus.LAUNCHED
    assert (change.previous_status, change.status) == ("under-consideration", "launched")
    assert (change.date, change.date_precision) == (dt.date(2016, 4, 1), "month")
    assert change.recorded_by == secretariat_user
    assert change.note == "MoU signed"
    assert project.status_changes.order_by("pk").last() == change


def test_only_the_secretariat_moves_projects(sweden_donor):
    project = ready_to_launch(desir())

    with pytest.raises(PermissionDenied):
        move_project(project, to="launched", by=sweden_donor)

    project.refresh_from_db()
    assert project.status == ProjectStatus.UNDER_CONSIDERATION


def test_a_launch_without_funding_implementer_or_start_names_all_three(secretariat_user):
    with pytest.raises(ValidationError) as excinfo:
        move_project(desir(), to="launched", by=secretariat_user)

    assert excinfo.value.messages == [
        "The project cannot be launched yet.",
        "It has no funding: record a funding participant, a pledge or a commitment.",
        "It has no implementing organisation.",
        "It has no start date, actual or planned.",
    ]
    assert desir().status == ProjectStatus.UNDER_CONSIDERATION
    assert desir().status_changes.count() == 1  # the dataset's step only


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("funding", "It has no funding"),
        ("implementing", "It has no implementing organisation."),
        ("start", "It has no start date"),
    ],
)
def test_each_launch_condition_is_required(secretariat_user, missing, message):
    project = ready_to_launch(desir())
    if missing == "start":
        project.planned_start = project.planned_start_precision = None
        project.planned_start_precision = ""
        project.save()
    else:
        project.participations.filter(role=missing).delete()

    with pytest.raises(ValidationError) as excinfo:
        move_project(project, to="launched", by=secretariat_user)

    assert [m for m in excinfo.value.messages if m.startswith(message)]
    assert len(excinfo.value.messages) == 2


def test_a_pledge_counts_as_funding_for_a_launch(secretariat_user):
    project = ready_to_launch(desir())
    project.participations.filter(role="funding").delete()
    assert launch_problems(project) == [
        "It has no funding: record a funding participant, a pledge or a commitment."
    ]
    FundingRecordFactory(project=project, donor=org("sweden"), kind="pledge")

    move_project(project, to="launched", by=secretariat_user)

    assert Project.objects.get(pk=project.pk).status == "launched"


def test_an_expressed_interest_does_not_count_as_funding_for_a_launch():
    project = ready_to_launch(desir())
    project.participations.filter(role="funding").delete()
    FundingRecordFactory(project=project, donor=org("sweden"), kind="interest", amount=None)

    assert "It has no funding" in launch_problems(project)[0]


def test_a_move_against_the_lifecycle_is_refused_with_the_allowed_moves(secretariat_user):
    completed = Project.objects.get(slug="bridging-measures")

    with pytest.raises(ValidationError) as excinfo:
        move_project(completed, to="launched", by=secretariat_user)

    assert excinfo.value.messages == [
        "A project cannot go from “completed” to “launched”; from “completed” it can go to: "
        "nothing (it is final)."
    ]


def test_a_move_to_the_current_status_is_refused(secretariat_user):
    with pytest.raises(ValidationError, match="already “under consideration”"):
        move_project(desir(), to="under-consideration", by=secretariat_user)


def test_an_unknown_status_is_refused(secretariat_user):
    with pytest.raises(ValidationError, match="is not a project status"):
        move_project(desir(), to="funded", by=secretariat_user)


def test_an_absorption_needs_the_absorbing_project(secretariat_user):
    with pytest.raises(ValidationError, match="Say which project absorbs this one."):
        move_project(desir(), to="absorbed", by=secretariat_user)


def test_an_absorbed_project_names_the_project_that_took_it_in(secretariat_user):
    absorber = Project.objects.get(slug="silk-routes-partnership")

    change = move_project(desir(), to="absorbed", by=secretariat_user, absorbed_into=absorber)

    project = desir()
    assert (project.status, project.absorbed_into) == ("absorbed", absorber)
    assert change.status == "absorbed"
    assert list(absorber.absorbed.all()) == [project]


def test_only_an_absorption_names_an_absorbing_project(secretariat_user):
    absorber = Project.objects.get(slug="silk-routes-partnership")

    with pytest.raises(ValidationError, match="Only an absorbed project"):
        move_project(desir(), to="cancelled", by=secretariat_user, absorbed_into=absorber)


def test_a_project_cannot_absorb_itself(secretariat_user):
    with pytest.raises(ValidationError, match="cannot absorb itself"):
        move_project(desir(), to="absorbed", by=secretariat_user, absorbed_into=desir())


def test_a_pipeline_project_can_be_cancelled_and_then_nothing_more(secretariat_user):
    move_project(desir(), to="cancelled", by=secretariat_user, on=dt.date(2017, 3, 2))

    with pytest.raises(ValidationError, match="it is final"):
        move_project(desir(), to="under-consideration", by=secretariat_user)
    assert desir().status_changes.last().date_precision == "day"


def test_a_launched_project_completes(secretariat_user):
    project = ready_to_launch(desir())
    move_project(project, to="launched", by=secretariat_user)

    move_project(project, to="completed", by=secretariat_user, on=FuzzyDate.parse("2018"))

    steps = list(desir().status_changes.values_list("previous_status", "status"))
    assert steps[-2:] == [("under-consideration", "launched"), ("launched", "completed")]


# -- funding -------------------------------------------------------------------------------------


def test_a_donor_records_interest_for_its_own_organisation(sweden_donor):
    record = record_interest(desir(), donor=org("sweden"), by=sweden_donor, note="At the SOM")

    assert (record.kind, record.donor.slug, record.amount) == ("interest", "sweden", None)
    assert record.firmness == FundingRecord.Firmness.INDICATIVE
    assert (record.recorded_by, record.note) == (sweden_donor, "At the SOM")
    assert record.recorded_at is not None


def test_a_donor_cannot_record_for_another_organisation(sweden_donor):
    with pytest.raises(PermissionDenied):
        record_interest(desir(), donor=org("norway"), by=sweden_donor)


def test_people_who_are_not_donors_cannot_record_interest(turkey_focal_point, iom_implementer):
    for person in (turkey_focal_point, iom_implementer):
        with pytest.raises(PermissionDenied):
            record_interest(desir(), donor=org("turkey"), by=person)


def test_the_secretariat_records_interest_for_any_donor(secretariat_user):
    record = record_interest(desir(), donor=org("norway"), by=secretariat_user)

    assert record.donor.slug == "norway"


def test_a_second_open_interest_of_the_same_donor_is_refused(sweden_donor):
    record_interest(desir(), donor=org("sweden"), by=sweden_donor)

    with pytest.raises(ValidationError, match="Sweden has already expressed interest"):
        record_interest(desir(), donor=org("sweden"), by=sweden_donor)


def test_an_interest_cannot_be_firm(secretariat_user):
    with pytest.raises(ValidationError, match="An expressed interest is not firm"):
        record_interest(desir(), donor=org("sweden"), by=secretariat_user, firmness="firm")


def test_the_secretariat_turns_an_interest_into_a_pledge(sweden_donor, secretariat_user):
    interest = record_interest(
        desir(), donor=org("sweden"), by=sweden_donor, source_url="https://example.org/som"
    )

    pledge = convert_interest_to_pledge(
        interest, amount=Decimal("250000"), currency="eur", by=secretariat_user
    )

    assert (pledge.kind, pledge.amount, pledge.currency) == ("pledge", Decimal("250000"), EUR)
    assert (pledge.follows, pledge.donor, pledge.project) == (interest, interest.donor, desir())
    assert pledge.recorded_by == secretariat_user
    assert [c.source.url for c in pledge.citations.all()] == ["https://example.org/som"]
    assert FundingRecord.objects.get(pk=interest.pk).kind == "interest"  # kept as history


def test_an_interest_becomes_a_pledge_only_once(sweden_donor, secretariat_user):
    interest = record_interest(desir(), donor=org("sweden"), by=sweden_donor)
    convert_interest_to_pledge(interest, amount=Decimal(1), currency=EUR, by=secretariat_user)

    with pytest.raises(ValidationError, match="already been turned into a pledge"):
        convert_interest_to_pledge(interest, amount=Decimal(2), currency=EUR, by=secretariat_user)


def test_only_an_interest_can_be_turned_into_a_pledge(secretariat_user):
    commitment = FundingRecord.objects.get(key="srp-bulgaria-commitment")

    with pytest.raises(ValidationError, match="Only an expressed interest"):
        convert_interest_to_pledge(commitment, amount=Decimal(1), currency=EUR, by=secretariat_user)


def test_a_donor_may_pledge_its_own_interest_but_not_another_donors(secretariat_user, sweden_donor):
    own = record_interest(desir(), donor=org("sweden"), by=sweden_donor)
    other = record_interest(desir(), donor=org("norway"), by=secretariat_user)

    convert_interest_to_pledge(own, amount=Decimal(5), currency="SEK", by=sweden_donor)
    with pytest.raises(PermissionDenied):
        convert_interest_to_pledge(other, amount=Decimal(5), currency="NOK", by=sweden_donor)


@pytest.mark.parametrize(
    ("amount", "currency", "field", "message"),
    [
        (Decimal("-1"), EUR, "amount", "An amount cannot be negative."),
        (Decimal("0"), EUR, "amount", "An amount must be more than zero."),
        (None, EUR, "amount", "A pledge needs its amount."),
        (Decimal("10"), "", "currency", "An amount needs its currency."),
        (Decimal("10"), "EU", "currency", "“EU” is not an ISO 4217 code such as EUR."),
    ],
)
def test_a_pledge_needs_a_positive_amount_and_an_iso_currency(
    secretariat_user, amount, currency, field, message
):
    with pytest.raises(ValidationError) as excinfo:
        record_funding(
            desir(),
            donor=org("sweden"),
            kind="pledge",
            by=secretariat_user,
            amount=amount,
            currency=currency,
        )

    assert excinfo.value.message_dict[field] == [message]
    assert not desir().funding.exists()


def test_a_negative_pledge_from_an_interest_is_refused(sweden_donor):
    interest = record_interest(desir(), donor=org("sweden"), by=sweden_donor)

    with pytest.raises(ValidationError, match="An amount cannot be negative."):
        convert_interest_to_pledge(interest, amount=Decimal("-5"), currency=EUR, by=sweden_donor)
    assert not interest.followed_by.exists()


def test_a_donor_may_pledge_but_not_commit_or_disburse(sweden_donor):
    record_funding(
        desir(), donor=org("sweden"), kind="pledge", by=sweden_donor, amount=1, currency=EUR
    )

    for kind in ("commitment", "disbursement"):
        with pytest.raises(PermissionDenied):
            record_funding(
                desir(), donor=org("sweden"), kind=kind, by=sweden_donor, amount=1, currency=EUR
            )


def test_a_disbursement_beyond_the_commitments_is_recorded_and_flagged(secretariat_user):
    project = desir()
    for kind, amount in (("commitment", 100), ("disbursement", 60), ("disbursement", 70)):
        record_funding(
            project,
            donor=org("sweden"),
            kind=kind,
            by=secretariat_user,
            amount=Decimal(amount),
            currency=EUR,
        )

    flags = funding.overdisbursed(funding.project_summaries())

    assert [(f.project, f.donor.slug, f.committed, f.disbursed) for f in flags] == [
        (project, "sweden", Decimal(100), Decimal(130))
    ]
    assert project.funding.filter(kind="disbursement").count() == 2


def test_an_unknown_kind_of_funding_is_refused(secretariat_user):
    with pytest.raises(ValidationError, match="is not a kind of funding"):
        record_funding(
            desir(), donor=org("sweden"), kind="gift", by=secretariat_user, amount=1, currency=EUR
        )


def test_a_funding_record_cites_the_page_given(secretariat_user):
    record = record_funding(
        desir(),
        donor=org("sweden"),
        kind="commitment",
        by=secretariat_user,
        amount=Decimal(9),
        currency=EUR,
        source_url="https://example.org/agreement",
        source_title="Agreement",
    )

    (citation,) = record.citations.all()
    assert (citation.source.title, citation.source.url) == (
        "Agreement",
        "https://example.org/agreement",
    )


def test_only_the_secretariat_records_budgets(secretariat_user, sweden_donor):
    with pytest.raises(PermissionDenied):
        record_budget(desir(), amount=Decimal(10), currency=EUR, by=sweden_donor)

    budget = record_budget(
        desir(),
        amount=Decimal("500000"),
        currency="eur",
        by=secretariat_user,
        period_start=FuzzyDate.parse("2016"),
        period_end=FuzzyDate.parse("2018"),
    )

    assert (budget.currency, budget.kind, budget.status) == (EUR, "original", "indicative")
    assert budget.recorded_by == secretariat_user


def test_a_budget_cannot_be_negative_or_end_before_it_starts(secretariat_user):
    with pytest.raises(ValidationError, match="An amount cannot be negative."):
        record_budget(desir(), amount=Decimal(-1), currency=EUR, by=secretariat_user)
    with pytest.raises(ValidationError, match="The end cannot be before the start."):
        record_budget(
            desir(),
            amount=Decimal(1),
            currency=EUR,
            by=secretariat_user,
            period_start=FuzzyDate.parse("2017"),
            period_end=FuzzyDate.parse("2016"),
        )
    assert not Budget.objects.exists()


def test_a_record_follows_only_an_earlier_record_of_the_same_donor_and_project(secretariat_user):
    other = FundingRecordFactory(donor=OrganisationFactory(), kind="interest", amount=None)

    with pytest.raises(ValidationError, match="same donor and project"):
        record_funding(
            desir(),
            donor=org("sweden"),
            kind="pledge",
            by=secretariat_user,
            amount=1,
            currency=EUR,
            follows=other,
        )
