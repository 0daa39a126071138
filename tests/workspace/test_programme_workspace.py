"""The programme in the workspace: the pipeline board and its moves, funding records (interest,
pledges, commitments, disbursements, budgets), the matrix, the gaps and the support list."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from silkroutes.actors.models import Organisation
from silkroutes.programme.models import Budget, FundingRecord, Participation, Project
from tests.factories import BudgetFactory, FundingRecordFactory, ProjectFactory

pytestmark = pytest.mark.django_db

BOARD = reverse("workspace:programme_board")
FUNDING = reverse("workspace:programme_funding")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


def org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def desir() -> Project:
    return Project.objects.get(slug="desir")


def interest_of(donor: str) -> FundingRecord:
    return FundingRecordFactory(
        project=desir(), donor=org(donor), kind="interest", amount=None, currency=""
    )


# -- access --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "workspace:programme_board",
        "workspace:programme_funding",
        "workspace:programme_matrix",
        "workspace:programme_gaps",
        "workspace:programme_support",
    ],
)
def test_every_page_asks_to_sign_in(client: Client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workspace:login"))


def test_someone_who_acts_for_no_organisation_is_refused():
    user = get_user_model().objects.create_user("nobody", password="x-long-password-1")

    assert signed_in(user).get(BOARD).status_code == 403


# -- the pipeline board --------------------------------------------------------------------------


def test_the_board_shows_projects_by_stage(sweden_donor):
    page = signed_in(sweden_donor).get(BOARD).content.decode()

    column = page[page.index('id="stage-under-consideration"') : page.index('id="stage-launched"')]
    assert "Diaspora Engagement in the Silk Routes Countries (DESIR)" in column
    assert "Under consideration (3)" in text(signed_in(sweden_donor).get(BOARD))
    assert "Move to" not in page  # a donor does not move projects


def test_the_secretariat_sees_the_moves_and_what_a_launch_still_needs(secretariat_user):
    response = signed_in(secretariat_user).get(BOARD)
    page = response.content.decode()

    card = page[
        page.index('id="card-desir"') : page.index("<details", page.index('id="card-desir"'))
    ]
    assert "Before it can be launched:" in card
    assert "It has no implementing organisation." in card
    assert text(response).count("Move to “launched”") >= 3
    assert f'action="{reverse("workspace:programme_move", args=["desir"])}"' in page


def test_a_launch_the_rules_refuse_is_explained(secretariat_user):
    client = signed_in(secretariat_user)

    response = client.post(
        reverse("workspace:programme_move", args=["desir"]), {"to": "launched"}, follow=True
    )

    assert "was not moved: The project cannot be launched yet. It has no funding" in text(response)
    assert desir().status == "under-consideration"


def test_the_secretariat_moves_a_project_with_date_and_note(secretariat_user):
    response = signed_in(secretariat_user).post(
        reverse("workspace:programme_move", args=["desir"]),
        {"to": "cancelled", "on": "2017-Q3", "note": "No donor found"},
        follow=True,
    )

    assert "is now “cancelled”" in text(response)
    change = desir().status_changes.last()
    assert (change.status, str(change.fuzzy_value("date")), change.note) == (
        "cancelled",
        "2017-Q3",
        "No donor found",
    )
    assert change.recorded_by == secretariat_user


def test_a_bad_date_is_explained_and_nothing_moves(secretariat_user):
    response = signed_in(secretariat_user).post(
        reverse("workspace:programme_move", args=["desir"]),
        {"to": "cancelled", "on": "spring"},
        follow=True,
    )

    assert "“spring” is not a date" in text(response)
    assert desir().status == "under-consideration"


def test_an_absorption_from_the_board(secretariat_user):
    signed_in(secretariat_user).post(
        reverse("workspace:programme_move", args=["desir"]),
        {"to": "absorbed", "absorbed_into": "silk-routes-partnership"},
    )

    assert desir().absorbed_into.slug == "silk-routes-partnership"


def test_a_donor_cannot_move_a_project(sweden_donor):
    response = signed_in(sweden_donor).post(
        reverse("workspace:programme_move", args=["desir"]), {"to": "cancelled"}
    )

    assert response.status_code == 403
    assert desir().status == "under-consideration"


def test_moving_an_unknown_project_is_not_found(secretariat_user):
    response = signed_in(secretariat_user).post(
        reverse("workspace:programme_move", args=["no-such-project"]), {"to": "cancelled"}
    )

    assert response.status_code == 404


# -- funding records -----------------------------------------------------------------------------


def test_a_donor_records_interest_for_its_own_organisation(sweden_donor):
    client = signed_in(sweden_donor)
    form = client.get(FUNDING).content.decode()
    donors = re.findall(
        r'<option value="\d+"[^>]*>([^<]+)</option>', form[form.index("interest-donor") :]
    )
    assert donors[0] == "Sweden"

    response = client.post(
        reverse("workspace:programme_record_interest"),
        {"interest-project": "desir", "interest-donor": org("sweden").pk, "interest-on": "2016-03"},
        follow=True,
    )

    recorded = (
        "The interest of Sweden in “Diaspora Engagement in the Silk Routes Countries (DESIR)”"
    )
    assert f"{recorded} is recorded." in text(response)
    record = desir().funding.get()
    assert (record.kind, record.donor.slug, str(record.date_fuzzy)) == (
        "interest",
        "sweden",
        "2016-03",
    )
    assert "Sweden in “Diaspora Engagement" in text(response)  # waiting to become a pledge


def test_a_donor_cannot_record_for_another_organisation(sweden_donor):
    response = signed_in(sweden_donor).post(
        reverse("workspace:programme_record_interest"),
        {"interest-project": "desir", "interest-donor": org("norway").pk},
    )

    assert response.status_code == 400
    assert "Select a valid choice." in text(response)
    assert not desir().funding.exists()


def test_a_focal_point_cannot_record_interest(turkey_focal_point):
    client = signed_in(turkey_focal_point)

    assert "Express interest in a project" not in text(client.get(FUNDING))
    response = client.post(
        reverse("workspace:programme_record_interest"),
        {"interest-project": "desir", "interest-donor": org("turkey").pk},
    )
    assert response.status_code == 400
    assert not desir().funding.exists()


def test_the_secretariat_turns_an_interest_into_a_pledge(secretariat_user):
    interest = interest_of("sweden")
    url = reverse("workspace:programme_convert_interest", args=[interest.key])
    prefix = f"pledge-{interest.pk}"

    response = signed_in(secretariat_user).post(
        url,
        {f"{prefix}-amount": "200000", f"{prefix}-currency": "eur", f"{prefix}-firmness": "firm"},
        follow=True,
    )

    assert "is now a pledge" in text(response)
    pledge = interest.followed_by.get()
    assert (pledge.kind, pledge.amount, pledge.currency, pledge.firmness) == (
        "pledge",
        Decimal("200000"),
        "EUR",
        "firm",
    )
    assert "Turn into a pledge" not in text(response)


def test_a_negative_pledge_is_refused_with_the_reason_on_the_field(secretariat_user):
    interest = interest_of("sweden")
    prefix = f"pledge-{interest.pk}"

    response = signed_in(secretariat_user).post(
        reverse("workspace:programme_convert_interest", args=[interest.key]),
        {f"{prefix}-amount": "-5", f"{prefix}-currency": "EUR", f"{prefix}-firmness": "firm"},
    )

    assert response.status_code == 400
    assert "An amount cannot be negative." in text(response)
    assert not interest.followed_by.exists()


def test_a_donor_cannot_pledge_another_donors_interest(sweden_donor):
    interest = interest_of("norway")

    response = signed_in(sweden_donor).post(
        reverse("workspace:programme_convert_interest", args=[interest.key]), {}
    )

    assert response.status_code == 403
    assert (
        "Norway in"
        not in text(signed_in(sweden_donor).get(FUNDING)).split("All funding records")[0]
    )


def test_a_disbursement_beyond_commitments_is_recorded_with_a_flag(secretariat_user):
    client = signed_in(secretariat_user)
    for kind, amount in (("commitment", "100"), ("disbursement", "150")):
        response = client.post(
            reverse("workspace:programme_record_money"),
            {
                "funding-project": "desir",
                "funding-donor": org("sweden").pk,
                "funding-kind": kind,
                "funding-amount": amount,
                "funding-currency": "EUR",
                "funding-firmness": "firm",
            },
            follow=True,
        )

    assert "Disbursement of Sweden for “Diaspora Engagement" in text(response)
    assert (
        "Flag: Sweden has now disbursed 150.00 EUR to this project, more than its commitments of "
        "100.00 EUR." in text(response)
    )
    assert desir().funding.filter(kind="disbursement").count() == 1


def test_a_donor_may_record_a_pledge_but_not_a_commitment(sweden_donor):
    client = signed_in(sweden_donor)
    data = {
        "funding-project": "desir",
        "funding-donor": org("sweden").pk,
        "funding-amount": "10",
        "funding-currency": "SEK",
        "funding-firmness": "indicative",
    }

    refused = client.post(
        reverse("workspace:programme_record_money"), {**data, "funding-kind": "commitment"}
    )
    accepted = client.post(
        reverse("workspace:programme_record_money"), {**data, "funding-kind": "pledge"}
    )

    assert refused.status_code == 400
    assert accepted.status_code == 302
    assert list(desir().funding.values_list("kind", flat=True)) == ["pledge"]


def test_the_secretariat_records_a_budget(secretariat_user, sweden_donor):
    data = {
        "budget-project": "desir",
        "budget-amount": "500000",
        "budget-currency": "EUR",
        "budget-period_start": "2016",
        "budget-period_end": "2018",
        "budget-kind": "original",
        "budget-status": "indicative",
    }

    assert (
        signed_in(sweden_donor).post(reverse("workspace:programme_record_budget"), data).status_code
        == 403
    )
    response = signed_in(secretariat_user).post(
        reverse("workspace:programme_record_budget"), data, follow=True
    )

    assert "The budget of “Diaspora Engagement" in text(response)
    assert Budget.objects.get(project=desir()).amount == Decimal("500000")


# -- matrix, gaps, support -----------------------------------------------------------------------


def test_the_matrix_shows_donors_against_projects(sweden_donor):
    interest_of("sweden")

    page = signed_in(sweden_donor).get(reverse("workspace:programme_matrix")).content.decode()

    sweden = page[
        page.index('id="donor-sweden"') : page.index("</tr>", page.index('id="donor-sweden"'))
    ]
    assert "Expressed interest" in sweden
    assert "funding" in sweden  # the strategy's support of earlier projects


def test_the_gaps_page_shows_budget_covered_and_gap(secretariat_user):
    BudgetFactory(project=desir(), amount=Decimal("1000"))
    FundingRecordFactory(project=desir(), amount=Decimal("250"))

    page = text(signed_in(secretariat_user).get(reverse("workspace:programme_gaps")))

    assert "EUR 1,000.00 EUR 250.00 EUR 750.00 25 % covered" in page


def test_the_support_list_names_donors_interested_in_similar_projects(iom_implementer):
    goal = (
        desir()
        .areas.get()
        .projects.model.goals.field.related_model.objects.get(code="migration-development")
    )
    similar = ProjectFactory(status="identified")
    for project in (desir(), similar):
        project.goals.add(goal)
    Participation.objects.create(project=similar, organisation=org("norway"), role="interest")

    page = text(signed_in(iom_implementer).get(reverse("workspace:programme_support")))

    assert "Norway : same goals: Strengthen the positive impact of migration on development" in page


# -- the cost of each page -----------------------------------------------------------------------


def more(extra: int) -> None:
    for _ in range(extra):
        project = ProjectFactory(
            status="under-consideration",
            planned_start=dt.date(2016, 1, 1),
            planned_start_precision="year",
        )
        BudgetFactory(project=project)
        FundingRecordFactory(
            project=project, donor=org("sweden"), kind="interest", amount=None, currency=""
        )
        Participation.objects.create(project=project, organisation=org("iom"), role="implementing")


@pytest.mark.parametrize("extra", [1, 3])
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # session, user, memberships, body roles; projects, funding, budgets, goals,
        # participations
        ("workspace:programme_board", 9),
        # session, user, memberships, body roles; summaries (5); donors
        ("workspace:programme_funding", 10),
        # session, user, memberships, body roles; records, participations
        ("workspace:programme_matrix", 6),
        # session, user, memberships, body roles; summaries (4: projects, their goals, kept
        # summaries, records named), goals
        ("workspace:programme_gaps", 9),
        # session, user, memberships, body roles; goals, goal links, recipients, interests (2),
        # pipeline projects
        ("workspace:programme_support", 10),
    ],
)
def test_each_page_costs_the_same_for_one_and_three_more_projects(
    secretariat_user, django_assert_num_queries, extra, name, queries
):
    client = signed_in(secretariat_user)
    more(extra)

    with django_assert_num_queries(queries + 2):  # +2: the data version, the footer's data date
        response = client.get(reverse(name))

    assert response.status_code == 200
