"""The IATI Activity XML 2.03 export: valid against the official schema, with our records
mapped as docs/decisions/0007-iati-export.md says."""

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from django.urls import reverse
from lxml import etree

from silkroutes.actors.models import Organisation
from silkroutes.exports.iati import SCHEMA, render_activities, schema_errors
from silkroutes.programme.models import Participation, Project
from tests.factories import (
    BudgetFactory,
    FundingRecordFactory,
    IndicatorFactory,
    ProjectFactory,
    ResultFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.exports.urls")]

VENDORED = {
    "iati-activities-schema.xsd": (
        "0bf6d822f71fb44e607a7ad0b9894d283a01f761657e6c0b4d0269ac77bff724"
    ),
    "iati-common.xsd": "150426c82d52eec4458a48b0a7e824f067fd5a45ae8ecf228286d7daea48b767",
    "xml.xsd": "61960fb3131e38022caad5360e2f33a3382578ab3c80cd58bd74320ede61b20c",
}


def export() -> etree._Element:
    document = render_activities()
    assert schema_errors(document) == []
    return etree.fromstring(document)


def activity(root, slug: str):
    (found,) = [
        a for a in root.iter("iati-activity") if a.findtext("iati-identifier").endswith(f"-{slug}")
    ]
    return found


def comments(root) -> list[str]:
    return [c.text.strip() for c in root.iter(etree.Comment)]


def launched_project(**fields) -> Project:
    fields = {"status": "launched", **fields}
    project = ProjectFactory(
        actual_start=dt.date(2016, 4, 1), actual_start_precision="quarter", **fields
    )
    Participation.objects.create(
        project=project, organisation=Organisation.objects.get(slug="iom"), role="implementing"
    )
    return project


def test_the_vendored_schemas_are_the_official_files_unchanged():
    for name, digest in VENDORED.items():
        assert hashlib.sha256((SCHEMA.parent / name).read_bytes()).hexdigest() == digest


def test_the_starter_dataset_export_is_valid_iati_2_03():
    document = render_activities()

    assert schema_errors(document) == []
    root = etree.fromstring(document)
    assert root.get("version") == "2.03"
    assert len(root.findall("iati-activity")) == 3


def test_projects_iati_cannot_represent_are_named_with_the_reason():
    root = export()

    assert (
        "Not exported: “Diaspora Engagement in the Silk Routes Countries (DESIR)” (desir): "
        "no date is known; no organisation takes part in an IATI role." in comments(root)
    )
    assert any("(fostering-cooperation): no date is known." in c for c in comments(root))


def test_the_reporting_organisation_is_the_secretariat_with_a_marked_placeholder():
    root = export()
    srp = activity(root, "silk-routes-partnership")

    reporting = srp.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type")) == ("XX-UNREGISTERED-icmpd", "40")
    assert (
        reporting.findtext("narrative") == "International Centre for Migration Policy Development"
    )
    assert srp.findtext("iati-identifier") == "XX-UNREGISTERED-icmpd-silk-routes-partnership"
    assert any(
        "is a placeholder, not an official IATI organisation identifier" in c
        for c in comments(root)
    )
    iom_project = activity(root, "complementary-actions-turkey-iom")
    assert iom_project.find("reporting-org").get("secondary-reporter") == "1"


def test_the_reporting_identifier_comes_from_the_setting(settings):
    settings.IATI_REPORTING_ORG_REF = "ZZ-TEST-REPORTER"

    root = export()

    identifier = activity(root, "bridging-measures").findtext("iati-identifier")
    assert identifier == "ZZ-TEST-REPORTER-bridging-measures"
    assert not any("placeholder" in c for c in comments(root))


def test_statuses_roles_dates_countries_and_sector_of_the_silk_routes_partnership_project():
    srp = activity(export(), "silk-routes-partnership")

    assert srp.find("activity-status").get("code") == "2"
    roles = {(p.findtext("narrative"), p.get("role")) for p in srp.findall("participating-org")}
    assert ("Hungary", "1") in roles
    assert ("International Centre for Migration Policy Development", "4") in roles
    assert {r for _, r in roles} == {"1", "4"}  # lead partner is no IATI role
    assert "Lead partner: Hungary." in srp.find("description[@type='4']").findtext("narrative")
    dates = {d.get("type"): d.get("iso-date") for d in srp.findall("activity-date")}
    assert dates == {"1": "2014-01-01", "2": "2014-02-01", "4": "2017-07-31"}
    assert [c.get("code") for c in srp.findall("recipient-country")] == [
        "AF",
        "BD",
        "IQ",
        "IR",
        "PK",
    ]
    assert srp.find("recipient-country").get("percentage") is None
    sector = srp.find("sector")
    assert (sector.get("vocabulary"), sector.get("code")) == ("1", "15190")


def test_a_fuzzy_date_is_written_as_its_first_or_last_day_with_a_note():
    bridging = activity(export(), "bridging-measures")

    end = bridging.find("activity-date[@type='4']")
    assert end.get("iso-date") == "2014-12-31"
    assert end.findtext("narrative") == "Known only to the year (2014); the last day is given."
    assert bridging.find("activity-status").get("code") == "3"


def test_a_commitment_to_the_reporting_organisations_project_is_incoming():
    srp = activity(export(), "silk-routes-partnership")

    (transaction,) = srp.findall("transaction")
    assert transaction.find("transaction-type").get("code") == "11"
    assert transaction.find("transaction-date").get("iso-date") == "2015-04-01"
    value = transaction.find("value")
    assert (value.text, value.get("currency")) == ("3200.00", "EUR")
    assert transaction.find("provider-org").findtext("narrative") == "Bulgaria"


@pytest.mark.parametrize(
    ("kind", "donor", "code"),
    [
        ("pledge", "sweden", "13"),
        ("pledge", "icmpd", "12"),
        ("commitment", "icmpd", "2"),
        ("disbursement", "icmpd", "3"),
        ("disbursement", "sweden", "1"),
    ],
)
def test_transaction_types_follow_the_reporting_organisations_side(kind, donor, code):
    project = launched_project()
    FundingRecordFactory(
        project=project,
        donor=Organisation.objects.get(slug=donor),
        kind=kind,
        date=dt.date(2016, 5, 2),
        date_precision="day",
    )

    found = activity(export(), project.slug).find("transaction/transaction-type")

    assert found.get("code") == code


def test_interests_and_undated_money_are_not_transactions():
    project = launched_project()
    FundingRecordFactory(project=project, kind="interest", amount=None, currency="")
    FundingRecordFactory(project=project, kind="pledge")  # no date

    found = activity(export(), project.slug)

    assert found.findall("transaction") == []
    assert any("left out: no amount or no date" in c for c in comments(found))


def test_budgets_with_a_period_are_exported():
    project = launched_project()
    BudgetFactory(
        project=project,
        amount=Decimal("500000"),
        period_start=dt.date(2016, 1, 1),
        period_start_precision="year",
        period_end=dt.date(2017, 1, 1),
        period_end_precision="year",
        kind="revised",
        status="committed",
    )
    BudgetFactory(project=project)  # no period

    (budget,) = activity(export(), project.slug).findall("budget")

    assert (budget.get("type"), budget.get("status")) == ("2", "2")
    assert budget.find("period-start").get("iso-date") == "2016-01-01"
    assert budget.find("period-end").get("iso-date") == "2017-12-31"
    assert budget.find("value").text == "500000.00"


def test_an_absorbed_project_has_its_absorber_as_parent():
    absorber = launched_project()
    absorbed = launched_project(status="absorbed", absorbed_into=absorber)

    root = export()

    parent = activity(root, absorbed.slug).find("related-activity")
    child = activity(root, absorber.slug).find("related-activity")
    assert (parent.get("type"), parent.get("ref")) == (
        "1",
        f"XX-UNREGISTERED-icmpd-{absorber.slug}",
    )
    assert (child.get("type"), child.get("ref")) == ("2", f"XX-UNREGISTERED-icmpd-{absorbed.slug}")
    assert activity(root, absorbed.slug).find("activity-status").get("code") == "5"


def test_results_carry_their_indicators_with_baseline_target_and_actual():
    project = launched_project()
    result = ResultFactory(
        project=project, kind="outcome", date=dt.date(2016, 5, 1), date_precision="month"
    )
    IndicatorFactory(
        result=result,
        baseline=Decimal(2),
        baseline_year=2015,
        target=Decimal(20),
        actual=Decimal("17.50"),
    )
    ResultFactory(project=project, title="Network set up")  # no indicator

    results = activity(export(), project.slug).findall("result")

    assert [r.get("type") for r in results] == ["2", "1"]
    indicator = results[0].find("indicator")
    assert indicator.get("measure") == "1"
    assert indicator.find("baseline").attrib == {"year": "2015", "value": "2"}
    period = indicator.find("period")
    assert period.find("period-end").get("iso-date") == "2016-05-31"
    assert (period.find("target").get("value"), period.find("actual").get("value")) == (
        "20",
        "17.5",
    )
    qualitative = results[1].find("indicator")
    assert (qualitative.get("measure"), qualitative.findtext("title/narrative")) == (
        "5",
        "Network set up",
    )


def test_the_starter_results_are_in_the_export():
    srp = activity(export(), "silk-routes-partnership")

    titles = [r.findtext("title/narrative") for r in srp.findall("result")]
    assert "Migrant Resource Centre, Islamabad" in titles
    tot = next(
        r
        for r in srp.findall("result")
        if r.findtext("title/narrative").startswith("Training of Trainers for Afghan")
    )
    assert [i.find("period/actual").get("value") for i in tot.findall("indicator")] == ["15", "3"]


def test_the_download_is_xml_anyone_may_read(client):
    response = client.get(reverse("data:iati"))
    content = response.getvalue()

    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert schema_errors(content) == []
    assert (
        b"<iati-identifier>XX-UNREGISTERED-icmpd-silk-routes-partnership</iati-identifier>"
        in content
    )


@pytest.mark.parametrize("extra", [1, 3])
def test_the_export_costs_the_same_for_one_and_three_more_projects(
    client, django_assert_num_queries, extra
):
    for _ in range(extra):
        project = launched_project()
        FundingRecordFactory(project=project, date=dt.date(2016, 1, 1), date_precision="day")
        BudgetFactory(project=project)
        IndicatorFactory(result=ResultFactory(project=project))

    # the data version (once per version); reporter; projects; participations, recipients,
    # funding, budgets, results, indicators, predecessor links, absorbed projects
    with django_assert_num_queries(11):
        response = client.get(reverse("data:iati"))

    assert response.getvalue().count(b"<iati-activity ") == 3 + extra
