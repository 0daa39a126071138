"""The open-and-overdue lists and the follow-up package of a body's next meeting."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from silkroutes.actors.models import Organisation
from silkroutes.meetings.models import Body, Meeting
from silkroutes.outcomes.queries import (
    follow_up_package,
    open_and_overdue_action_points,
    public_outcomes_of,
)
from tests.factories import ActionPointFactory, OutcomeFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2016, 3, 1)
PUBLISHED = timezone.now()


def _point(meeting="wg-silk-routes-2015", due=None, status="open", tier="public", **extra):
    outcome = OutcomeFactory(
        meeting=Meeting.objects.get(slug=meeting), access_tier=tier, published_at=PUBLISHED
    )
    return ActionPointFactory(outcome=outcome, due_date=due, status=status, **extra)


def test_open_action_points_of_a_body_overdue_first():
    later = _point(due=dt.date(2016, 6, 1), description="Later")
    undated = _point(description="Undated")
    overdue = _point(due=dt.date(2016, 1, 15), description="Overdue")
    _point(due=dt.date(2016, 1, 1), status="done", description="Done")
    _point(meeting="wg-black-sea-2015", description="Other body")

    points = list(
        open_and_overdue_action_points(body=Body.objects.get(slug="wg-silk-routes"), today=TODAY)
    )

    assert points == [overdue, later, undated]
    assert [p.overdue for p in points] == [True, False, False]


def test_action_points_owned_by_a_body_are_on_its_list():
    body = Body.objects.get(slug="wg-silk-routes")
    owned = _point(meeting="som-2016", owner_organisation=None, owner_body=body)

    assert list(open_and_overdue_action_points(body=body, today=TODAY)) == [owned]


def test_open_action_points_of_an_owner():
    pakistan = Organisation.objects.get(slug="pakistan")
    mine = _point(owner_organisation=pakistan)
    _point()

    assert list(open_and_overdue_action_points(owner=pakistan, today=TODAY)) == [mine]


def test_lists_show_only_what_the_reader_may_read(pakistan_focal_point, secretariat_user):
    body = Body.objects.get(slug="wg-silk-routes")
    public = _point(description="Public")
    restricted = _point(tier="secretariat", description="Secretariat only")
    owned = _point(tier="secretariat", owner_organisation=Organisation.objects.get(slug="pakistan"))

    def listed(user):
        return set(open_and_overdue_action_points(body=body, today=TODAY, visible_to=user))

    assert listed(AnonymousUser()) == {public}
    assert listed(pakistan_focal_point) == {public, owned}  # the owner sees its own
    assert listed(secretariat_user) == {public, restricted, owned}


def test_the_next_meeting_reviews_open_action_points_of_earlier_meetings():
    from_2015 = _point(meeting="wg-silk-routes-2015", due=dt.date(2016, 1, 1))
    _point(meeting="wg-silk-routes-2015", status="done")
    _point(meeting="wg-silk-routes-2016")  # adopted at the meeting itself
    _point(meeting="som-2013")  # another body

    package = follow_up_package(
        Meeting.objects.get(slug="wg-silk-routes-2016"), today=dt.date(2016, 5, 18)
    )

    assert list(package) == [from_2015]
    assert package[0].overdue


def test_the_follow_up_package_of_a_meeting_is_limited_to_its_reader(pakistan_focal_point):
    _point(meeting="wg-silk-routes-2015", tier="body-members")
    meeting = Meeting.objects.get(slug="wg-silk-routes-2016")

    assert list(follow_up_package(meeting)) == []  # the public's by default
    assert list(follow_up_package(meeting, visible_to=pakistan_focal_point)) == []


def test_the_meeting_page_gets_published_public_outcomes_only():
    meeting = Meeting.objects.get(slug="som-2016")
    public = OutcomeFactory(meeting=meeting, published_at=PUBLISHED)
    OutcomeFactory(meeting=meeting)  # draft
    OutcomeFactory(meeting=meeting, published_at=PUBLISHED, access_tier="participating-states")

    assert list(public_outcomes_of(meeting)) == [public]


@pytest.mark.parametrize("count", [1, 3])
def test_public_outcomes_of_a_meeting_cost_three_queries(django_assert_num_queries, count):
    meeting = Meeting.objects.get(slug="som-2016")
    for _ in range(count):
        ActionPointFactory(outcome=OutcomeFactory(meeting=meeting, published_at=PUBLISHED))

    with django_assert_num_queries(3):
        outcomes = list(public_outcomes_of(meeting))
        owners = [str(p.owner) for o in outcomes for p in o.action_points.all()]
        goals = [g for o in outcomes for g in o.goals.all()]

    assert len(owners) == count
    assert goals == []
