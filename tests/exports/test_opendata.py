"""Open data: one CSV per public table with a Frictionless descriptor (valid, CC-BY-4.0), and
the XLSX workbook of the programme."""

import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import frictionless
import openpyxl
import pytest
from django.urls import reverse

from silkroutes.exports.opendata import build_zip
from silkroutes.exports.opendata_resources import RESOURCES
from silkroutes.programme.models import Project
from tests.factories import (
    BudgetFactory,
    FundingRecordFactory,
    IndicatorFactory,
    ProjectFactory,
    ResultFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.exports.urls")]

PUBLIC_ENTITIES = {
    "projects",
    "participations",
    "funding_records",
    "results",
    "indicators",
    "meetings",
    "bodies",
    "roles",
    "organisations",
    "countries",
    "regions",
    "goals",
    "areas",
    "frameworks",
    "partnerships",
    "sources",
    "citations",
}


def unpack(content: bytes, into) -> dict:
    zipfile.ZipFile(io.BytesIO(content)).extractall(into)
    return json.loads((into / "datapackage.json").read_text("utf-8"))


def rows(folder, table: str) -> list[dict]:
    with (folder / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_package_of_the_starter_dataset_is_valid(tmp_path):
    descriptor = unpack(build_zip(), tmp_path)

    report = frictionless.validate(tmp_path / "datapackage.json")

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = {r["name"] for r in descriptor["resources"]}
    assert names >= PUBLIC_ENTITIES
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]


def test_every_table_has_a_schema_with_keys(tmp_path):
    descriptor = unpack(build_zip(), tmp_path)
    resources = {r["name"]: r for r in descriptor["resources"]}

    projects = resources["projects"]["schema"]
    assert projects["primaryKey"] == ["slug"]
    assert {"fields": "absorbed_into", "reference": {"resource": "", "fields": "slug"}} in projects[
        "foreignKeys"
    ]
    funding = resources["funding_records"]["schema"]
    assert {
        "fields": "donor",
        "reference": {"resource": "organisations", "fields": "slug"},
    } in funding["foreignKeys"]
    amount = next(f for f in funding["fields"] if f["name"] == "amount")
    assert amount["type"] == "number"


def test_the_tables_hold_the_records_with_fuzzy_dates_as_known(tmp_path):
    unpack(build_zip(), tmp_path)

    project = next(r for r in rows(tmp_path, "projects") if r["slug"] == "silk-routes-partnership")
    assert (project["actual_start"], project["actual_end"], project["planned_start"]) == (
        "2014-02",
        "2017-07",
        "2014",
    )
    (commitment,) = rows(tmp_path, "funding_records")
    assert (commitment["donor"], commitment["amount"], commitment["currency"]) == (
        "bulgaria",
        "3200.00",
        "EUR",
    )
    tot = next(r for r in rows(tmp_path, "results") if r["key"] == "srp-tot-afghanistan-2017")
    assert (tot["people_count"], tot["women_count"], tot["date"]) == ("15", "3", "2017-05-16")


def test_citations_name_their_record_and_source(tmp_path):
    unpack(build_zip(), tmp_path)
    citations = rows(tmp_path, "citations")

    mrc = [
        c
        for c in citations
        if (c["record_table"], c["record_id"]) == ("results", "srp-mrc-islamabad")
    ]
    assert [c["source"] for c in mrc] == ["bp-news-mrc", "islamabadscene-mrc", "ilo-mrc-video"]
    conflicts = [
        a for a in rows(tmp_path, "alternatives") if a["record_id"] == "silk-routes-partnership"
    ]
    assert [a["value"] for a in conflicts] == ["2017-01"]
    assert any(c["record_table"] == "alternatives" for c in citations)


def test_a_new_table_of_a_record_that_is_not_exported_keeps_its_citations_out(tmp_path):
    names = [r.name for r in RESOURCES]
    assert "documents" not in names
    assert "outcomes" not in names
    unpack(build_zip(), tmp_path)

    assert {c["record_table"] for c in rows(tmp_path, "citations")} <= set(names) | {"alternatives"}


def test_the_download_is_a_zip_anyone_may_fetch(client):
    response = client.get(reverse("data:opendata"))

    assert response["Content-Type"] == "application/zip"
    assert 'filename="silk-routes-open-data.zip"' in response["Content-Disposition"]
    assert "datapackage.json" in zipfile.ZipFile(io.BytesIO(response.getvalue())).namelist()


def more_projects(extra: int) -> None:
    for _ in range(extra):
        project = ProjectFactory(actual_start=dt.date(2016, 1, 1), actual_start_precision="year")
        FundingRecordFactory(project=project)
        BudgetFactory(project=project)
        IndicatorFactory(result=ResultFactory(project=project))


@pytest.mark.parametrize("extra", [1, 3])
def test_the_package_costs_the_same_for_one_and_three_more_projects(
    client, django_assert_num_queries, extra
):
    more_projects(extra)

    # the data version (once per version), one query per table (29), content types,
    # alternatives, citations
    with django_assert_num_queries(1 + len(RESOURCES) + 3):
        response = client.get(reverse("data:opendata"))

    assert "datapackage.json" in zipfile.ZipFile(io.BytesIO(response.getvalue())).namelist()


# -- the workbook --------------------------------------------------------------------------------


def workbook(client) -> openpyxl.Workbook:
    response = client.get(reverse("data:xlsx"))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return openpyxl.load_workbook(io.BytesIO(response.getvalue()))


def sheet_rows(book, name: str) -> list[tuple]:
    return list(book[name].iter_rows(values_only=True))


def test_the_workbook_has_projects_participants_funding_and_gaps(client):
    book = workbook(client)

    assert book.sheetnames == ["About", "Projects", "Participants", "Funding", "Gaps"]
    projects = sheet_rows(book, "Projects")
    assert projects[0][:3] == ("slug", "project", "status")
    assert len(projects) == 1 + Project.objects.count()
    funding = sheet_rows(book, "Funding")
    assert funding[1][2:6] == ("Bulgaria", "commitment", 3200, "EUR")
    assert book["Funding"]["E2"].number_format == "#,##0.00"
    participants = sheet_rows(book, "Participants")
    assert (
        "bridging-measures",
        "Bridging Measures for Migration Management in the Silk Routes Region",
        "United Kingdom",
        "funding",
    ) in participants


def test_the_gaps_sheet_says_where_no_budget_is_known(client):
    project = ProjectFactory(title="Budgeted project")
    BudgetFactory(project=project, amount=Decimal(1000))
    FundingRecordFactory(project=project, kind="commitment", amount=Decimal(400))

    gaps = sheet_rows(workbook(client), "Gaps")

    assert ("project", "Budgeted project", "EUR", 1000, 400, 600, 40, None) in gaps
    srp = next(r for r in gaps if r[1].startswith("Support to the Silk Routes"))
    assert srp[2:5] == ("EUR", None, 3200)
    assert srp[7] == "no budget known: no gap can be computed"


@pytest.mark.parametrize("extra", [1, 3])
def test_the_workbook_costs_the_same_for_one_and_three_more_projects(
    client, django_assert_num_queries, extra
):
    more_projects(extra)

    # the data version (once per version); rates; projects with their funding, budgets,
    # goals, recipients, participants; goals
    with django_assert_num_queries(9):
        response = client.get(reverse("data:xlsx"))

    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert len(sheet_rows(book, "Projects")) == 1 + Project.objects.count()
