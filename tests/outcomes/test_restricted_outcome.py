"""The owner of an action point that follows from an outcome they may not read (Secretariat
only): they see and update the action point, but the outcome only as "a restricted outcome" —
in the workspace's lists (in each language), the follow-up package and the reminder e-mails —
and are never sent to the outcome's page, which is a 404 to them."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from silkroutes.actors.models import Organisation
from silkroutes.meetings.models import Meeting
from tests.factories import ActionPointFactory, OutcomeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SECRET = "Confidential assessment of border posts"


@pytest.fixture
def secret_point():
    """Pakistan owns an overdue action point of a Secretariat-only outcome of the 2015 meeting
    of the Silk Routes working group."""
    outcome = OutcomeFactory(
        meeting=Meeting.objects.get(slug="wg-silk-routes-2015"),
        title=SECRET,
        access_tier="secretariat",
        published_at=timezone.now(),
    )
    return ActionPointFactory(
        outcome=outcome,
        description="Report on the border posts",
        owner_organisation=Organisation.objects.get(slug="pakistan"),
        due_date=TODAY - dt.timedelta(days=1),
    )


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize(
    ("language", "restricted"),
    [
        ("en", "a restricted outcome"),
        ("ru", "итог ограниченного доступа"),
        ("ar", "نتيجة مقيدة الاطلاع"),
    ],
)
def test_the_owner_sees_a_restricted_outcome_in_the_action_point_list(
    client, pakistan_focal_point, secret_point, language, restricted
):
    client.force_login(pakistan_focal_point)

    page = client.get(_url("workspace:action_point_list", language=language)).content.decode()

    assert "Report on the border posts" in page
    assert SECRET not in page
    assert f"<em>{restricted}</em>" in page
    assert _url("workspace:outcome_detail", secret_point.outcome_id, language=language) not in page


def test_the_secretariat_sees_the_outcome_in_the_action_point_list(
    client, secretariat_user, secret_point
):
    client.force_login(secretariat_user)

    page = client.get(_url("workspace:action_point_list")).content.decode()

    outcome_url = _url("workspace:outcome_detail", secret_point.outcome_id)
    assert f'<a href="{outcome_url}">{SECRET}</a>' in page
    assert "a restricted outcome" not in page


def test_the_follow_up_package_shows_the_owner_a_restricted_outcome(
    client, pakistan_focal_point, secretariat_user, secret_point
):
    url = _url("workspace:follow_up_package", "wg-silk-routes-2016")

    client.force_login(pakistan_focal_point)
    owner_page = client.get(url).content.decode()
    client.force_login(secretariat_user)
    secretariat_page = client.get(url).content.decode()

    assert "Report on the border posts" in owner_page
    assert SECRET not in owner_page
    assert "<em>a restricted outcome</em>" in owner_page
    assert SECRET in secretariat_page


def test_marking_done_brings_the_owner_to_a_page_they_may_open(
    client, pakistan_focal_point, secret_point
):
    client.force_login(pakistan_focal_point)

    response = client.post(
        _url("workspace:action_point_complete", secret_point.pk), {"version": 1}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain == [(_url("workspace:action_point_list"), 302)]
    page = response.content.decode()
    assert "Marked done." in page
    assert SECRET not in page
    secret_point.refresh_from_db()
    assert secret_point.status == "done"


def test_marking_done_brings_the_secretariat_back_to_the_outcome(
    client, secretariat_user, secret_point
):
    client.force_login(secretariat_user)

    response = client.post(
        _url("workspace:action_point_complete", secret_point.pk), {"version": 1}, follow=True
    )

    outcome_url = _url("workspace:outcome_detail", secret_point.outcome_id)
    assert response.redirect_chain == [(outcome_url, 302)]
    assert f"<h1>{SECRET}</h1>" in response.content.decode()


def test_the_reminder_tells_the_owner_of_a_restricted_outcome_only(
    secret_point, pakistan_focal_point, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_action_point_reminders", today=TODAY.isoformat(), stdout=io.StringIO())

    [mail] = mailoutbox
    assert mail.to == ["imran@example.org"]
    assert "Report on the border posts" in mail.body
    assert SECRET not in mail.body
    assert "It follows from a restricted outcome (" in mail.body
    assert f"{_url('workspace:outcome_detail', secret_point.outcome_id)}\n" not in mail.body
    assert f"{settings.SITE_URL}{_url('workspace:action_point_list')}\n" in mail.body
