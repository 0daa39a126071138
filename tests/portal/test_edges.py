"""The finished edges of the portal: error pages, icon, header and footer, the index pages of the
goals and the programme's areas."""

import datetime as dt

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import path, reverse

from config.urls import urlpatterns as project_urlpatterns
from silkroutes.meetings.models import MeetingStatus
from tests.factories import MeetingFactory, ProjectFactory


def _fail(request):
    raise RuntimeError("a fault of ours")


# The project's URLs and one view that fails, for the 500 page.
urlpatterns = [
    *i18n_patterns(path("fail/", _fail), prefix_default_language=False),
    *project_urlpatterns,
]


# -- error pages -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_missing_page_is_the_portals_own_404_with_a_way_home_and_to_search(client, settings):
    settings.DEBUG = False

    response = client.get("/no-such-page/")
    page = response.content.decode()

    assert response.status_code == 404
    assert "<h1>This page is not here</h1>" in page
    assert 'class="site-header"' in page  # the portal's look, its navigation
    assert '<a href="/">Back to the home page</a>' in page
    assert '<form class="error-search" action="/search/"' in page
    assert "URLconf" not in page  # not Django's page, which lists every pattern


@pytest.mark.django_db
def test_the_404_page_speaks_the_language_of_the_address(client, settings):
    settings.DEBUG = False

    response = client.get("/ru/no-such-page/")
    page = response.content.decode()

    assert response.status_code == 404
    assert '<html lang="ru"' in page
    assert "Такой страницы здесь нет" in page
    assert '<a href="/ru/">' in page


@pytest.mark.urls(__name__)
def test_a_fault_is_the_portals_own_500_page_made_without_the_database(client, settings):
    """No ``db`` here: a query while the page is made would fail the test."""
    settings.DEBUG = False
    client.raise_request_exception = False

    response = client.get("/ar/fail/")
    page = response.content.decode()

    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in page
    assert "حدث خطأ ما" in page
    assert '<a href="/ar/">' in page
    assert 'action="/ar/search/"' in page
    assert "portal/portal.css" in page
    assert "Traceback" not in page


# -- icon, header and footer -------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_names_its_icon_and_the_icons_are_served(client: Client):
    page = client.get(reverse("portal:home")).content.decode()

    assert '<link rel="icon" href="/static/portal/favicon.svg" type="image/svg+xml">' in page
    assert '<link rel="icon" href="/static/portal/favicon.png" type="image/png"' in page
    for name in ("favicon.svg", "favicon.png", "favicon.ico"):
        assert finders.find(f"portal/{name}"), name
    answer = client.get("/favicon.ico")
    assert answer.status_code == 302
    assert answer["Location"] == "/static/portal/favicon.ico"


@pytest.mark.django_db
def test_the_header_links_to_sign_in_and_the_new_index_pages(client: Client):
    page = client.get("/ar/timetable/").content.decode()
    header = page[page.index('<header class="site-header">') : page.index("</header>")]

    assert '<a class="sign-in" href="/ar/workspace/sign-in/">تسجيل الدخول</a>' in header
    assert 'href="/ar/goals/"' in header
    assert 'href="/ar/areas/"' in header


@pytest.mark.django_db
def test_the_footer_links_the_api_documentation_downloads_and_sources(client: Client):
    page = client.get(reverse("portal:bodies")).content.decode()
    footer = page[page.index('<footer class="site-footer">') :]

    for href in (
        "/api/v1/docs",
        "/data/opendata.zip",
        "/data/programme.xlsx",
        "/data/iati-activities.xml",
        "/sources/",
    ):
        assert f'href="{href}"' in footer, href


@pytest.mark.django_db
def test_the_footer_says_as_of_when_the_data_is_and_follows_a_new_record(
    client: Client, django_capture_on_commit_callbacks
):
    before = client.get(reverse("portal:countries")).content.decode()
    # The latest held meeting of the starter dataset: the Call for Action meeting of 2017.
    assert "Data as of Nov. 27, 2017 (the latest dated record)." in before

    # The data version moves when the change commits: run what waits for the commit.
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(date=dt.date(2018, 3, 5), date_precision="day", status=MeetingStatus.HELD)
        MeetingFactory(date=dt.date(2019, 1, 1), status=MeetingStatus.FORESEEN)  # not a fact
    after = client.get(reverse("portal:countries")).content.decode()

    assert "Data as of March 5, 2018" in after


@pytest.mark.django_db
def test_the_data_date_costs_no_query_once_counted(client: Client, django_assert_num_queries):
    client.get(reverse("portal:partnerships"))
    with django_assert_num_queries(0):
        client.get(reverse("healthz"))  # a warm cache: nothing else asks
    first = client.get(reverse("portal:goals"))
    assert first.status_code == 200

    with django_assert_num_queries(2):  # the goals with their counts, and their labels
        client.get(reverse("portal:goals"))


# -- goals and areas ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_goals_index_lists_the_six_goals_in_the_declarations_order(client: Client):
    page = client.get(reverse("portal:goals")).content.decode()

    assert "<h1>Priority goals</h1>" in page
    first = page.index('href="/goals/legal-migration/"')
    assert first < page.index('href="/goals/trafficking/"')
    assert page.index('href="/goals/trafficking/"') < page.index(
        'href="/goals/international-protection/"'
    )
    listed = page[page.index('<ol class="index-list">') : page.index("</ol>")]
    assert listed.count('<a href="/goals/') == 6


@pytest.mark.django_db
def test_the_areas_index_lists_the_five_areas_with_their_projects(client: Client):
    page = client.get(reverse("portal:areas")).content.decode()

    assert "<h1>Main areas of the programme</h1>" in page
    listed = page[page.index('<ol class="index-list">') : page.index("</ol>")]
    assert listed.count('<a href="/areas/') == 5
    assert (
        '<a href="/areas/diaspora-engagement/">Diaspora engagement</a>\n'
        '    <span class="muted">1 project · Budapest Process - Silk Routes Partnership '
        "Multi-Annual Strategy 2014-2016" in page
    )


@pytest.mark.django_db
def test_an_area_page_lists_its_projects_and_links_the_filtered_programme(client: Client):
    page = client.get(reverse("portal:area", args=["diaspora-engagement"])).content.decode()

    assert "<h1>Diaspora engagement</h1>" in page
    assert "Area 3 of Budapest Process - Silk Routes Partnership Multi-Annual Strategy" in page
    assert 'href="/programme/?area=diaspora-engagement"' in page
    assert page.count('<th scope="row" class="project-name">') == 1


@pytest.mark.django_db
def test_an_unknown_area_is_a_404(client: Client):
    assert client.get(reverse("portal:area", args=["nowhere"])).status_code == 404


@pytest.mark.django_db
def test_the_areas_page_is_in_russian_and_arabic(client: Client):
    ru = client.get("/ru/areas/").content.decode()
    ar = client.get("/ar/areas/").content.decode()

    assert "<h1>Основные направления программы</h1>" in ru
    assert "<h1>المجالات الرئيسية للبرنامج</h1>" in ar


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_an_area_page_costs_the_same_queries_for_one_or_three_projects(
    client: Client, django_assert_num_queries, count
):
    from silkroutes.strategy.models import Area

    area = Area.objects.get(code="regional-response")  # no project in the starter dataset
    for _ in range(count):
        ProjectFactory().areas.add(area)
    url = reverse("portal:area", args=[area.code])
    client.get(url)  # counts the data's date once

    with django_assert_num_queries(7):
        response = client.get(url)

    assert response.content.decode().count('<th scope="row" class="project-name">') == count
