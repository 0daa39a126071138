"""The workspace's outcome pages: adopt, revise (with conflicts), action points, lists."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from silkroutes.actors.models import Organisation
from silkroutes.meetings.models import Meeting
from silkroutes.outcomes.models import Outcome
from silkroutes.outcomes.services import revise_outcome
from tests.factories import ActionPointFactory, OutcomeFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLISHED = timezone.now()


def _outcome(meeting="wg-silk-routes-2015", **extra):
    extra.setdefault("published_at", PUBLISHED)
    return OutcomeFactory(meeting=Meeting.objects.get(slug=meeting), **extra)


def test_the_secretariat_adopts_conclusions_at_a_held_meeting(client, secretariat_user):
    client.force_login(secretariat_user)
    meeting = Meeting.objects.get(slug="wg-silk-routes-2016")

    response = client.post(
        reverse("workspace:outcome_adopt", args=[meeting.slug]),
        {
            "kind": "conclusion",
            "title": "Conclusions of the 8th meeting",
            "text": "The participants welcomed the new projects.",
            "access_tier": "public",
            "publish": "on",
        },
        follow=True,
    )
    page = response.content.decode()

    assert "Outcome recorded. Add its action points below." in page
    assert "<h1>Conclusions of the 8th meeting</h1>" in page
    assert "The participants welcomed the new projects." in page
    assert meeting.outcomes.get().is_published


def test_a_meeting_not_yet_held_cannot_have_outcomes(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(
        reverse("workspace:outcome_adopt", args=["som-2015"]),
        {"kind": "decision", "title": "Too early", "text": "…", "access_tier": "public"},
    )

    assert "Outcomes are recorded for a meeting that has been held" in response.content.decode()
    assert not Outcome.objects.filter(title="Too early").exists()


def test_a_stale_save_shows_both_texts_and_keeps_the_editors_text(client, secretariat_user):
    outcome = _outcome(text="Adopted text.")
    outcome.revisions.create(
        number=1, title=outcome.title, text=outcome.text, author=secretariat_user
    )
    client.force_login(secretariat_user)
    url = reverse("workspace:outcome_edit", args=[outcome.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    revise_outcome(
        outcome,
        title=outcome.title,
        text="A colleague's text.",
        expected_version=1,
        by=UserFactory(username="piotr"),
    )

    response = client.post(url, {"title": outcome.title, "text": "My own text.", "version": 1})
    page = response.content.decode()

    assert response.status_code == 409
    assert "Someone else saved this outcome while you were editing" in page
    assert "A colleague&#x27;s text." in page
    assert "My own text.</textarea>" in page  # nothing lost: still in the form
    assert 'name="version" value="2"' in page
    outcome.refresh_from_db()
    assert outcome.text == "A colleague's text."

    merged = client.post(url, {"title": outcome.title, "text": "Merged text.", "version": 2})

    assert merged.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.text, outcome.version) == ("Merged text.", 3)


def test_action_points_are_added_with_one_owner(client, secretariat_user):
    outcome = _outcome()
    client.force_login(secretariat_user)
    url = reverse("workspace:action_point_add", args=[outcome.pk])

    refused = client.post(url, {"description": "Nobody's job"})
    added = client.post(
        url,
        {
            "description": "Share return statistics",
            "owner_organisation": Organisation.objects.get(slug="pakistan").pk,
            "due_date": "2016-04-30",
        },
        follow=True,
    )

    assert refused.status_code == 400
    assert "Choose one owner: a state or organisation, or a body." in refused.content.decode()
    page = added.content.decode()
    assert "Share return statistics" in page
    assert "Pakistan" in page
    assert outcome.action_points.get().due_date == dt.date(2016, 4, 30)


def test_the_owner_marks_an_action_point_done_and_others_may_not(
    client, pakistan_focal_point, sweden_donor
):
    point = ActionPointFactory(
        outcome=_outcome(), owner_organisation=Organisation.objects.get(slug="pakistan")
    )
    url = reverse("workspace:action_point_complete", args=[point.pk])

    client.force_login(sweden_donor)
    assert client.post(url, {"version": 1}).status_code == 403
    client.force_login(pakistan_focal_point)
    response = client.post(url, {"version": 1}, follow=True)

    assert "Marked done." in response.content.decode()
    point.refresh_from_db()
    assert point.status == "done"


def test_a_stale_status_change_is_reported(client, secretariat_user):
    point = ActionPointFactory(outcome=_outcome(), version=2)
    client.force_login(secretariat_user)

    response = client.post(
        reverse("workspace:action_point_drop", args=[point.pk]), {"version": 1}, follow=True
    )

    assert "saved this action point (version 2)" in response.content.decode()
    point.refresh_from_db()
    assert point.status == "open"


def test_an_invalid_filter_is_a_400_page(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("workspace:action_point_list"), {"body": "atlantis"})

    assert response.status_code == 400
    assert "No body “atlantis”." in response.content.decode()


def test_history_is_for_the_secretariat(client, secretariat_user, turkey_focal_point):
    outcome = _outcome()
    outcome.revisions.create(number=1, title=outcome.title, text="First.", author=secretariat_user)
    url = reverse("workspace:outcome_history", args=[outcome.pk])

    client.force_login(turkey_focal_point)
    assert client.get(url).status_code == 403
    client.force_login(secretariat_user)
    page = client.get(url).content.decode()

    assert "Revision 1" in page
    assert "saved by sedef" in page


# -- every list page costs the same for 1 and 3 items ------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_the_meeting_outcomes_page_costs_the_same(
    client, secretariat_user, django_assert_num_queries, count
):
    for _ in range(count):
        ActionPointFactory(outcome=_outcome(title="Listed conclusion"))
    client.force_login(secretariat_user)

    url = reverse("workspace:meeting_outcomes", args=["wg-silk-routes-2015"])
    client.get(url)  # warm the process's caches (country names)

    with django_assert_num_queries(8):
        page = client.get(url).content.decode()

    assert page.count("Listed conclusion</a>") == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_open_and_overdue_list_costs_the_same(
    client, turkey_focal_point, django_assert_num_queries, count
):
    for n in range(count):
        ActionPointFactory(outcome=_outcome(), description=f"Listed action {n}")
    client.force_login(turkey_focal_point)

    url = reverse("workspace:action_point_list")
    client.get(url)  # warm the process's caches (country names)

    with django_assert_num_queries(7):
        page = client.get(url, {"body": "wg-silk-routes"}).content.decode()

    assert page.count("Listed action") == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_follow_up_package_costs_the_same(
    client, turkey_focal_point, django_assert_num_queries, count
):
    for n in range(count):
        ActionPointFactory(
            outcome=_outcome(), description=f"Review item {n}", due_date=dt.date(2016, 1, 1)
        )
    client.force_login(turkey_focal_point)

    url = reverse("workspace:follow_up_package", args=["wg-silk-routes-2016"])
    client.get(url)  # warm the process's caches (country names)

    with django_assert_num_queries(7):
        page = client.get(url).content.decode()

    assert page.count("Review item") == count
    assert page.count("overdue</strong>") == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_outcome_page_costs_the_same(
    client, secretariat_user, django_assert_num_queries, count
):
    outcome = _outcome()
    for n in range(count):
        ActionPointFactory(outcome=outcome, description=f"Outcome action {n}")
    client.force_login(secretariat_user)

    url = reverse("workspace:outcome_detail", args=[outcome.pk])
    client.get(url)  # warm the process's caches (country names)

    with django_assert_num_queries(13):
        page = client.get(url).content.decode()

    assert page.count("<td>Outcome action") == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_history_page_costs_the_same(
    client, secretariat_user, django_assert_num_queries, count
):
    outcome = _outcome()
    for n in range(1, count + 1):
        revise_outcome(
            outcome, title=outcome.title, text=f"Text {n}", expected_version=n, by=secretariat_user
        )
    client.force_login(secretariat_user)

    url = reverse("workspace:outcome_history", args=[outcome.pk])
    client.get(url)  # warm the process's caches (country names)

    with django_assert_num_queries(11):
        page = client.get(url).content.decode()

    assert page.count("<h3>Revision") == count
