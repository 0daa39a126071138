"""The annual report's PDFs are printed once per data version and language and served as stored
files; reports exist only for the years the data covers; nothing the page does not read is
accepted in the address. (An attacker's loop of ``/reports/2100.pdf?r=$RANDOM`` used to print a
new PDF on every request.)"""

import datetime as dt
import io
import re

import pytest
import weasyprint
from django.urls import reverse
from pypdf import PdfReader

from silkroutes.meetings.models import Meeting
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PDF_2015 = "/reports/2015.pdf"


@pytest.fixture
def prints(monkeypatch) -> list[str]:
    """Every PDF WeasyPrint writes, counted (WeasyPrint is a library: it prints as before)."""
    printed = []
    write_pdf = weasyprint.HTML.write_pdf

    def counted(self, *args, **kwargs):
        printed.append("pdf")
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", counted)
    return printed


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_same_pdf_asked_again_is_served_without_printing_it_again(client, prints):
    first = client.get(PDF_2015).getvalue()
    second = client.get(PDF_2015)
    content = second.getvalue()

    assert prints == ["pdf"]
    assert content == first
    assert "Annual report 2015 to the Senior Officials'" in _pdf_text(content)
    assert second["Content-Disposition"] == 'attachment; filename="silk-routes-report-2015-en.pdf"'


def test_each_language_is_printed_once(client, prints):
    for _ in range(2):
        for prefix in ("", "/ru", "/ar"):
            client.get(f"{prefix}{PDF_2015}").getvalue()

    assert prints == ["pdf", "pdf", "pdf"]


@pytest.mark.parametrize(
    "url",
    [f"{PDF_2015}?r=12345", f"/ar{PDF_2015}?r=1", "/reports/2015/?r=12345"],
)
def test_a_parameter_the_report_does_not_read_is_a_400_before_any_printing(client, prints, url):
    client.get(PDF_2015).getvalue()

    response = client.get(url)

    assert response.status_code == 400
    assert re.search("“(r|year)”", response.content.decode())  # the page names it
    assert prints == ["pdf"]


def test_a_campaign_tag_on_a_shared_link_still_gets_the_stored_pdf(client, prints):
    client.get(PDF_2015).getvalue()

    response = client.get(f"{PDF_2015}?utm_source=newsletter")

    assert response["Content-Type"] == "application/pdf"
    assert response.getvalue().startswith(b"%PDF")
    assert prints == ["pdf"]


def test_after_an_edit_is_committed_the_pdf_is_printed_anew(
    client, prints, django_capture_on_commit_callbacks
):
    before = client.get(PDF_2015)
    meeting = Meeting.objects.get(
        title="6th Meeting of the Working Group on the Silk Routes Region"
    )
    meeting.title = "Sixth Silk Routes working group meeting, renamed"
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save()

    after = client.get(PDF_2015)

    assert prints == ["pdf", "pdf"]
    assert "Sixth Silk Routes working group meeting, renamed" in _pdf_text(after.getvalue())
    assert "Sixth Silk Routes" not in _pdf_text(before.getvalue())
    assert after["ETag"] != before["ETag"]


def test_a_client_holding_this_version_gets_304_before_anything_is_printed(client, prints):
    first = client.get(PDF_2015)
    first.getvalue()
    etag, last_modified = first["ETag"], first["Last-Modified"]

    by_tag = client.get(PDF_2015, HTTP_IF_NONE_MATCH=etag)
    by_date = client.get(PDF_2015, HTTP_IF_MODIFIED_SINCE=last_modified)
    russian_not_printed_yet = client.get(f"/ru{PDF_2015}", HTTP_IF_NONE_MATCH=etag)

    for response in (by_tag, by_date, russian_not_printed_yet):
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
    assert prints == ["pdf"]


def test_after_an_edit_the_old_etag_gets_the_new_pdf(
    client, prints, django_capture_on_commit_callbacks
):
    first = client.get(PDF_2015)
    first.getvalue()
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(
            date=dt.date(2015, 11, 3),
            date_precision="day",
            title="A meeting added in November 2015",
        )

    response = client.get(PDF_2015, HTTP_IF_NONE_MATCH=first["ETag"])

    assert response.status_code == 200
    assert "A meeting added in November 2015" in _pdf_text(response.getvalue())


@pytest.mark.parametrize("year", [1990, 2012, 2018, 2100])
def test_a_report_outside_the_years_of_the_data_is_a_clear_404(client, prints, year):
    page = client.get(f"/reports/{year}/")
    pdf = client.get(f"/ar/reports/{year}.pdf")

    for response in (page, pdf):
        assert response.status_code == 404
    assert f"There is no report for {year}: choose a year from 2013 to 2017." in _text(page)
    assert 'href="/reports/2013/">Report 2013</a>' in page.content.decode()
    assert prints == []


def test_the_years_follow_the_data(client):
    MeetingFactory(date=dt.date(2019, 6, 1), date_precision="month")

    page = client.get(reverse("portal:reports")).content.decode()
    report = client.get("/reports/2019/")

    assert 'href="/reports/2019/">Report 2019</a>' in page
    assert 'href="/reports/2020/"' not in page
    assert report.status_code == 200
    assert "Annual report 2019 to the Senior Officials' Meeting" in _text(report)


def test_the_first_and_last_report_link_no_year_without_a_report(client):
    first = client.get("/reports/2013/").content.decode()
    last = client.get("/reports/2017/").content.decode()

    assert 'href="/reports/2012/"' not in first
    assert 'href="/reports/2014/" rel="next"' in first
    assert 'href="/reports/2018/"' not in last
    assert 'href="/reports/2016/" rel="prev"' in last


def test_the_coverage_years_form_offers_the_years_of_the_data(client):
    page = client.get(reverse("portal:coverage")).content.decode()

    assert 'min="2013" max="2017"' in page
