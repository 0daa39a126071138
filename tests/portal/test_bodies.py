"""The bodies: the list (working groups first) and the page of one body."""

import datetime as dt

import pytest
from django.test import Client

from silkroutes.actors.models import Role
from silkroutes.meetings.models import Body
from tests.factories import BodyFactory, MeetingFactory, RoleFactory
from tests.portal.test_timetable import _cite

pytestmark = pytest.mark.django_db


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_body_list_puts_the_working_groups_first(client: Client):
    page = _page(client, "/bodies/")

    working_groups = page[
        page.index('id="working-groups-heading"') : page.index('id="other-bodies-heading"')
    ]
    others = page[page.index('id="other-bodies-heading"') :]
    assert (
        working_groups.index("South East European Region")
        < working_groups.index("Black Sea Region")
        < working_groups.index("Silk Routes Region")
    )  # in order of establishment
    assert "Senior Officials&#x27; Meeting" in others
    assert "Senior Officials" not in working_groups
    assert 'href="/bodies/wg-silk-routes/"' in working_groups


def test_body_list_shows_kind_region_chairs_and_meetings(client: Client):
    page = _page(client, "/bodies/")

    assert "Regional working group · Silk Routes region · since 2010" in page
    assert "Croatia (chair, since 2007)" in page
    assert "Bulgaria (chair, start not stated)" in page
    assert "Afghanistan (co-chair, start not stated); Turkey (co-chair, start not stated)" in page
    assert "2 meetings held · 1 foreseen" in page  # the Silk Routes working group
    assert "established: not stated" in page  # e.g. the thematic expert meetings


@pytest.mark.parametrize("count", [1, 3])
def test_body_list_costs_the_same_for_1_and_3_bodies(client, django_assert_num_queries, count):
    for n in range(count):
        body = BodyFactory(kind=Body.Kind.THEMATIC_EXPERT, name=f"Expert body {n}")
        RoleFactory(
            body=body,
            kind=Role.Kind.BODY_CO_CHAIR,
            start=dt.date(2014, 1, 1),
            start_precision="year",
        )
        MeetingFactory(body=body, status="held", date=dt.date(2015, 3, 3), date_precision="day")

    with django_assert_num_queries(4):  # +2: the data version, the footer's data date
        response = client.get("/bodies/")

    assert response.content.decode().count("Expert body") == count


def test_body_page_shows_focus_perspective_sources_and_chairs(client: Client):
    page = _page(client, "/bodies/wg-silk-routes/")

    assert "<h1>Working Group on the Silk Routes Region</h1>" in page
    assert "Regional working group" in page
    assert "<dd>2010</dd>" in page
    assert "Its activities will focus on supporting the BP Silk Routes Programme." in page
    assert "§2.perspective.c" in page
    assert 'href="/organisations/afghanistan/">Afghanistan</a>' in page
    assert 'href="/organisations/turkey/">Turkey</a>' in page
    assert page.count("<td>start not stated</td>") == 2
    assert "co-chaired by Afghanistan and Turkey" in page  # the chairs' source
    assert 'href="webcal://testserver/calendar/bodies/wg-silk-routes.ics"' in page
    assert "style=" not in page


def test_body_page_separates_meetings_held_and_foreseen(client: Client):
    page = _page(client, "/bodies/wg-silk-routes/")

    held = page[page.index('id="held-heading"') : page.index('id="foreseen-heading"')]
    foreseen = page[page.index('id="foreseen-heading"') : page.index('id="calendar-heading"')]
    assert "6th Meeting of the Working Group" in held
    assert "8th Meeting of the Working Group" in held
    assert "annual meeting 2014" in foreseen
    assert "annual meeting 2014" not in held
    assert '<span class="tt-when">2014</span>' in foreseen


def test_body_page_dates_chairs_over_time(client: Client):
    page = _page(client, "/bodies/wg-south-east-europe/")

    assert "Croatia</a></th>\n        <td>chair</td>\n        <td>since 2007</td>" in page


def test_body_page_shows_a_finished_chairmanship(client: Client):
    body = BodyFactory()
    RoleFactory(
        body=body,
        start=dt.date(2007, 1, 1),
        start_precision="year",
        end=dt.date(2012, 3, 1),
        end_precision="month",
    )
    RoleFactory(
        body=body, kind=Role.Kind.BODY_CO_CHAIR, end=dt.date(2013, 1, 1), end_precision="year"
    )

    page = _page(client, body.get_absolute_url())

    assert "<td>2007 – March 2012</td>" in page
    assert "<td>start not stated, until 2013</td>" in page
    assert "No meeting held is recorded." in page
    assert "No meeting is foreseen." in page


def test_body_page_of_an_unknown_body_is_404(client: Client):
    assert client.get("/bodies/no-such-body/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_body_page_costs_the_same_for_1_and_3_meetings_and_chairs(
    client, django_assert_num_queries, count
):
    body = BodyFactory()
    _cite(body)
    for n in range(count):
        _cite(RoleFactory(body=body, kind=Role.Kind.BODY_CO_CHAIR))
        MeetingFactory(body=body, status="held", date=dt.date(2014 + n, 3, 3), date_precision="day")
        MeetingFactory(body=body, date=dt.date(2017 + n, 1, 1), date_precision="year")

    client.get(body.get_absolute_url())  # content types are cached after the first use

    with django_assert_num_queries(7):
        response = client.get(body.get_absolute_url())

    page = response.content.decode()
    assert page.count('<th scope="row"><a href="/organisations/') == count
    assert page.count('class="tt-item"') == 2 * count
