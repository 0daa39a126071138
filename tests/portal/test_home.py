import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from silkroutes.actors.models import Role
from tests.factories import BodyFactory, MeetingFactory, RoleFactory, StateFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_partnership_at_a_glance(client: Client):
    response = client.get(reverse("portal:home"))
    page = response.content.decode()

    assert response.status_code == 200
    assert "A Silk Routes Partnership for Migration" in page
    assert "Promote international protection" in page  # the sixth goal
    assert (
        '<a href="/programme/?status=under-consideration">Under consideration</a></th>'
        "<td>3</td>" in page
    )
    assert '<a href="/programme/?status=launched">Launched</a></th><td>2</td>' in page
    assert '<a href="/organisations/croatia/">Croatia</a> (chair, since 2007)' in page
    assert "Working Group on the Silk Routes Region" in page


def test_home_sends_a_strict_content_security_policy(client: Client):
    response = client.get(reverse("portal:home"))
    policy = response["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


def test_home_links_each_goal_to_its_page_in_the_declarations_order(client: Client):
    page = client.get(reverse("portal:home")).content.decode()

    first = page.index('href="/goals/legal-migration/"')
    last = page.index('href="/goals/international-protection/"')
    assert first < page.index('href="/goals/trafficking/"') < last
    assert ">Prevent and combat human trafficking</a>" in page


def test_home_links_the_working_groups_and_their_chairs(client: Client):
    page = client.get(reverse("portal:home")).content.decode()

    assert '<a href="/bodies/wg-silk-routes/">Working Group on the Silk Routes Region</a>' in page
    assert '<a href="/organisations/afghanistan/">Afghanistan</a> (co-chair)' in page
    assert '<a href="/organisations/bulgaria/">Bulgaria</a> (chair)' in page
    assert "Since 1999" in page


def test_home_lists_the_next_meetings_with_links_and_fuzzy_dates(client: Client):
    next_year = dt.date.today().year + 1
    MeetingFactory(
        slug="som-next",
        title="Senior Officials' Meeting next year",
        date=dt.date(next_year, 1, 1),
        date_precision="year",
    )

    page = client.get(reverse("portal:home")).content.decode()

    assert "Next meetings" in page
    assert (
        f'<a href="/meetings/som-next/">Senior Officials&#x27; Meeting next year</a> — {next_year}'
        in page
    )


def test_home_shows_upcoming_meetings_first_then_the_recent_ones(client: Client):
    soon = dt.date.today() + dt.timedelta(days=30)
    MeetingFactory(
        slug="wg-soon", title="Working group next month", date=soon, date_precision="day"
    )

    page = client.get(reverse("portal:home")).content.decode()

    upcoming = page.index(">Next meetings</h2>")
    recent = page.index(">Recent meetings</h2>")
    assert upcoming < page.index('href="/meetings/wg-soon/"') < recent
    # The recent ones latest first: the Call for Action meeting of November 2017, then September.
    latest = page.index('href="/meetings/preparatory-meeting-call-for-action-1-2017/"')
    assert recent < latest < page.index('href="/meetings/donor-meeting-2017-09/"')


def test_home_without_upcoming_meetings_shows_no_empty_heading(client: Client):
    page = client.get(reverse("portal:home")).content.decode()

    assert "Next meetings" not in page
    assert ">Recent meetings</h2>" in page


def test_home_leaves_out_stages_no_project_is_at(client: Client):
    page = client.get(reverse("portal:home")).content.decode()
    counts = page[page.index('class="status-counts"') : page.index("</table>")]

    assert ">Launched</a></th><td>2</td>" in counts
    assert "Identified" not in counts  # no project of the starter dataset is only identified
    assert "<td>0</td>" not in counts


def test_home_links_to_every_page_type(client: Client):
    page = client.get(reverse("portal:home")).content.decode()
    explore = page[page.index('id="explore-heading"') :]

    for name in (
        "goals",
        "areas",
        "projects",
        "timetable",
        "bodies",
        "organisations",
        "countries",
        "partnerships",
        "sources",
        "search",
    ):
        assert f'href="{reverse("portal:" + name)}"' in explore


def _working_groups_and_meetings(count: int) -> None:
    today = dt.date.today()
    for n in range(count):
        group = BodyFactory(established=dt.date(2020, 1, 1), established_precision="year")
        RoleFactory(
            body=group,
            holder=StateFactory(),
            kind=Role.Kind.BODY_CHAIR,
            start=dt.date(2020, 1, 1),
            start_precision="year",
        )
        MeetingFactory(body=group, date=today + dt.timedelta(days=n + 1), date_precision="day")


@pytest.mark.parametrize("count", [1, 3])
def test_home_costs_the_same_queries_for_one_or_three_groups_and_meetings(
    client: Client, django_assert_num_queries, count
):
    _working_groups_and_meetings(count)
    client.get(reverse("portal:home"))  # warm the content-type cache

    with django_assert_num_queries(7):
        response = client.get(reverse("portal:home"))

    assert response.content.decode().count("(chair, since 2020)") == count
