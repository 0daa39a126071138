"""The coverage dashboard and the annual report: what a reader sees, in every language, and what
they cost in queries."""

import datetime as dt
import html
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from silkroutes.actors.models import Country
from silkroutes.meetings.models import Meeting
from silkroutes.programme.models import Project, RecipientCountry
from silkroutes.strategy.models import PriorityGoal
from tests.factories import MeetingFactory, ProjectFactory

pytestmark = pytest.mark.django_db

HEADINGS = (
    "1. Operational activities – the BP Silk Routes Programme",
    "2. Geographic working group structure and thematic expert meetings",
    "3. Regional results for wider use: partnerships",
    "4. Implementation by priority goal",
)


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _running(year: int) -> int:
    """Projects launched or completed and running in the year, counted one by one."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return sum(
        1
        for p in Project.objects.all()
        if p.status in ("launched", "completed")
        and p.start is not None
        and p.start.first_day <= last
        and (p.end is None or p.end.first_day >= first)
    )


def _meetings(year: int) -> tuple[int, int]:
    meetings = list(Meeting.objects.filter(date__year=year))
    return sum(m.status == "held" for m in meetings), len(meetings)


def _add(n: int) -> None:
    """``n`` launched projects and ``n`` held meetings in 2015, tagged with a goal and a
    country, so that every part of the pages has more to show."""
    goal = PriorityGoal.objects.get(code="trafficking")
    country = Country.objects.get(code="AF")
    for _ in range(n):
        project = ProjectFactory(
            status="launched", actual_start=dt.date(2015, 1, 1), actual_start_precision="year"
        )
        project.goals.add(goal)
        RecipientCountry.objects.create(project=project, country=country)
        meeting = MeetingFactory(
            status="held", date=dt.date(2015, 5, 1), date_precision="month", country=country
        )
        meeting.goals.add(goal)


# -- the dashboard -----------------------------------------------------------------------------


def test_the_dashboard_shows_each_picture_with_its_table(client):
    response = client.get(reverse("portal:coverage"))
    page = response.content.decode()

    assert response.status_code == 200
    for title in (
        "Goals by year",
        "Goals by country",
        "Funding by donor and goal",
        "Meetings foreseen and held",
    ):
        assert f">{title}</title>" in page
    assert page.count("<svg") == 4
    assert page.count("<desc") == 4
    assert "6 of 30 cells" in _text(response)  # 2013 is a gap for every goal
    assert 'class="gap"' in page
    assert "⊘" not in page  # the sign is drawn by the stylesheet; the page says "gap"
    assert ">gap</span>" in page
    assert "EUR 3,200" in page
    assert " style=" not in page
    assert "<script" not in page


def test_the_dashboard_years_can_be_chosen(client):
    response = client.get(reverse("portal:coverage"), {"from": "2015", "to": "2016"})

    assert response.status_code == 200
    assert "Goals by year, 2015–2016" in _text(response)
    assert "0 of 12 cells" in _text(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2017", "to": "2014"}, "The last year cannot be before the first."),
        ({"from": "abc"}, "Enter a whole number."),
        ({"from": "1990", "to": "2015"}, "greater than or equal to 2013"),  # the declaration
        ({"to": "3000"}, "less than or equal to 2017"),  # the last meeting on record
    ],
)
def test_bad_years_give_a_clear_400(client, query, message):
    response = client.get(reverse("portal:coverage"), query)

    assert response.status_code == 400
    assert "Invalid filter" in _text(response)
    assert message in _text(response)


def test_more_than_15_years_give_a_clear_400(client):
    MeetingFactory(date=dt.date(2040, 3, 1), date_precision="month")  # the data reaches 2040

    response = client.get(reverse("portal:coverage"), {"from": "2013", "to": "2040"})

    assert response.status_code == 400
    assert "Choose at most 15 years." in _text(response)


def test_the_dashboard_in_arabic_is_right_to_left_and_mirrored(client):
    response = client.get("/ar/coverage/")
    page = response.content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    assert 'text-anchor="end" fill="#1b1b1b">1. Better organise' in page  # labels on the right


@pytest.mark.parametrize("extra", [1, 3])
def test_the_dashboard_costs_the_same_whatever_the_data(client, django_assert_num_queries, extra):
    _add(extra)
    # 17, and once per data version: the version and the years on record (4), the footer's
    # data date (1)
    with django_assert_num_queries(23):
        response = client.get(reverse("portal:coverage"))
    assert response.status_code == 200


# -- the report --------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2014, 2015, 2016])
def test_the_report_page_of_each_year(client, year):
    response = client.get(reverse("portal:report", args=[year]))
    text = _text(response)

    assert response.status_code == 200
    assert f"Annual report {year} to the Senior Officials' Meeting" in text
    for heading in (*HEADINGS, f"5. Tentative timetable for {year + 1}"):
        assert heading in text
    held, total = _meetings(year)
    assert f"Meetings held {held} of {total} on the timetable" in text
    assert f"Projects running {_running(year)} " in text
    assert f"{_running(year)} projects running in {year}" in text
    assert "Multi-Annual Strategy 2014-2016" in text


def test_the_report_2015_says_what_happened(client):
    text = _text(client.get(reverse("portal:report", args=[2015])))

    assert "6th Meeting of the Working Group on the Silk Routes Region" in text
    assert "Chairs: Afghanistan (co-chair of a body), Turkey (co-chair of a body)" in text
    assert "No thematic expert meeting is recorded for 2015." in text
    assert "Bulgaria: commitment EUR 3,200.00, April 2015" in text
    assert "Global Forum on Migration and Development" in text
    assert "Annual Senior Officials' Meeting 2016" in text  # the timetable of 2016
    assert '1.1 Launch the project "Support to the Silk Routes Partnership' in text


@pytest.mark.parametrize("year", [0, 1989, 2101, 9999])
def test_a_report_for_an_impossible_year_is_a_404(client, year):
    response = client.get(f"/reports/{year}/")

    assert response.status_code == 404


@pytest.mark.parametrize("extra", [1, 3])
def test_the_report_costs_the_same_whatever_the_data(client, django_assert_num_queries, extra):
    _add(extra)
    # the projects of the year come with their status on 31 December: no history is loaded;
    # 32, and once per data version: the version and the years on record (4), the footer's
    # data date (1)
    with django_assert_num_queries(38):
        response = client.get(reverse("portal:report", args=[2015]))
    assert f"{_running(2015)} projects running in 2015" in _text(response)


# -- the PDF -----------------------------------------------------------------------------------


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.getvalue()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("year", [2014, 2015, 2016])
def test_the_pdf_holds_every_section_and_the_right_figures(client, year):
    response = client.get(reverse("portal:report_pdf", args=[year]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="silk-routes-report-{year}-en.pdf"'
    )
    text = _pdf_text(response)
    assert f"Annual report {year} to the Senior Officials'" in text
    for heading in (*HEADINGS, f"5. Tentative timetable for {year + 1}"):
        assert heading in text
    held, total = _meetings(year)
    assert f"{held} of {total} on the timetable" in text
    assert f"{_running(year)} projects running in {year}" in text
    assert "Goals by year" in text  # the picture's words are in the PDF too


def test_the_arabic_pdf_is_right_to_left_in_arabic(client):
    page = client.get("/ar/reports/2015/").content.decode()
    response = client.get("/ar/reports/2015.pdf")

    assert '<html lang="ar" dir="rtl">' in page
    assert response["Content-Disposition"].endswith('filename="silk-routes-report-2015-ar.pdf"')
    assert "يونيو" in _pdf_text(response)  # June, the month of the 6th working group meeting


def test_the_russian_pdf_is_in_russian(client):
    response = client.get("/ru/reports/2015.pdf")

    assert response["Content-Disposition"].endswith('filename="silk-routes-report-2015-ru.pdf"')
    assert "июня" in _pdf_text(response) or "июнь" in _pdf_text(response).lower()


def test_the_report_index_links_each_year_and_its_pdf(client):
    page = client.get(reverse("portal:reports")).content.decode()

    for year in range(2013, 2018):
        assert f'href="/reports/{year}/">Report {year}</a>' in page
        assert f'href="/reports/{year}.pdf"' in page


@pytest.fixture
def production_static_files(settings, tmp_path):
    """Static files as production serves them: DEBUG off, collected into STATIC_ROOT by the
    manifest storage, so that pages link hashed names (portal.4f3c….css). Django's own manifest
    storage names files as production's whitenoise one (its subclass) does, without compressing
    every file (8 s instead of 2 minutes)."""
    from django.core.management import call_command

    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)


def test_the_pdf_of_production_is_printed_with_the_print_stylesheet(
    client, production_static_files, caplog
):
    page = client.get(reverse("portal:report", args=[2015])).content.decode()
    response = client.get(reverse("portal:report_pdf", args=[2015]))

    assert re.search(r'href="/static/portal/monitoring\.[0-9a-f]{12}\.css"', page)
    text = _pdf_text(response)
    assert "Annual report 2015 to the Senior Officials'" in text
    # The site's header (navigation, search, languages) and footer are hidden in print.
    for screen_only in ("Skip to content", "Working groups", "Русский", "Istanbul Ministerial"):
        assert screen_only not in text
    assert "not a static file" not in caplog.text
