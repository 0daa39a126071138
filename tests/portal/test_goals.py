"""The priority-goal pages."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from silkroutes.strategy.models import PriorityGoal
from tests.factories import MeetingFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def goal_page(client: Client, code: str) -> str:
    response = client.get(reverse("portal:goal", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_goal_page_shows_its_wording_and_place_in_the_declaration(client: Client):
    page = goal_page(client, "irregular-migration")

    assert "<h1>Prevent and counteract irregular migration" in page
    assert '<th scope="row">Istanbul Ministerial Declaration</th>' in page
    assert "goal 4" in page
    assert "IOM: Budapest Process (Regional Consultative Processes on Migration)" in page


def test_the_goal_page_lists_the_projects_that_serve_it_with_their_status(client: Client):
    page = goal_page(client, "irregular-migration")
    projects = page[page.index('id="projects-heading"') : page.index('id="meetings-heading"')]

    assert '<a href="/programme/silk-routes-partnership/">' in projects
    assert '<a href="/programme/complementary-actions-turkey-iom/">' in projects
    assert "(untitled, as the strategy describes it)" in projects
    assert "launched</span>" in projects
    assert "desir" not in projects
    assert '<a href="/programme/?goal=irregular-migration">' in projects


def test_the_goal_page_lists_the_meetings_that_address_it(client: Client):
    page = goal_page(client, "international-protection")
    meetings = page[page.index('id="meetings-heading"') :]

    assert '<a href="/meetings/wg-silk-routes-2016/">8th Meeting of the Working Group' in meetings
    assert "May 18, 2016 – May 19, 2016" in meetings
    assert "Tehran" in meetings
    assert '<span class="status status-held">held</span>' in meetings
    assert "6th Meeting" not in meetings  # addresses irregular migration


def test_a_meeting_known_only_to_the_year_shows_no_invented_day(client: Client):
    meeting = MeetingFactory(title="Expert meeting on protection", date=dt.date(2016, 1, 1))
    meeting.goals.add(PriorityGoal.objects.get(code="international-protection"))

    page = goal_page(client, "international-protection")
    row = page[page.index("Expert meeting on protection") :]

    assert "<td>2016</td>" in row[: row.index("</tr>")]
    assert "foreseen" in row[: row.index("</tr>")]


def test_a_goal_without_projects_or_meetings_says_so_and_nothing_about_outcomes(
    client: Client,
):
    page = goal_page(client, "integration")

    assert "No meeting is tagged with this goal." in page
    assert "outcome" not in page.lower()


def test_an_unknown_goal_is_404(client: Client):
    assert client.get(reverse("portal:goal", args=["world-peace"])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_goal_page_costs_the_same_queries_for_one_or_three_projects_and_meetings(
    client: Client, django_assert_num_queries, count
):
    goal = PriorityGoal.objects.get(code="integration")
    for n in range(count):
        ProjectFactory(title=f"Integration project {n}").goals.add(goal)
        MeetingFactory(title=f"Integration meeting {n}").goals.add(goal)
    url = reverse("portal:goal", args=[goal.code])

    with django_assert_num_queries(10):  # +2: the data version, the footer's data date
        page = client.get(url).content.decode()

    assert page.count("Integration project ") == count
    assert page.count("Integration meeting ") == count


def test_a_goal_with_many_projects_and_meetings_shows_the_first_and_links_to_all(client, settings):
    goal = PriorityGoal.objects.get(code="integration")
    for n in range(27):
        ProjectFactory(title=f"Integration project {n:02d}").goals.add(goal)
        MeetingFactory(title=f"Integration meeting {n:02d}", date=dt.date(2030, 1, 1)).goals.add(
            goal
        )
    projects = goal.projects.count()
    meetings = goal.meetings.count()

    page = goal_page(client, goal.code)

    assert page.count('<th scope="row" class="project-name">') == 25
    assert f"The first 25 of {projects} projects." in page
    assert f"The first 25 of {meetings} meetings." in page
    assert f'href="/programme/?goal={goal.code}"' in page
    assert f'href="/timetable/?goal={goal.code}"' in page


@pytest.mark.parametrize("count", [26, 28])
def test_a_cut_list_costs_the_same_queries_whatever_its_length(
    client: Client, django_assert_num_queries, count
):
    goal = PriorityGoal.objects.get(code="integration")
    for n in range(count):
        ProjectFactory(title=f"Integration project {n}").goals.add(goal)
        MeetingFactory(title=f"Integration meeting {n}").goals.add(goal)

    with django_assert_num_queries(12):  # +2: the data version, the footer's data date
        client.get(reverse("portal:goal", args=[goal.code]))
