"""``manage.py send_action_point_reminders``: due in seven days, and overdue."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from silkroutes.actors.models import Organisation
from silkroutes.meetings.models import Body, Meeting
from tests.factories import ActionPointFactory, OutcomeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()  # people act for their organisations from today on


@pytest.fixture
def outcome():
    return OutcomeFactory(
        meeting=Meeting.objects.get(slug="wg-silk-routes-2015"),
        title="Conclusions of the 6th meeting",
        published_at=timezone.now(),
    )


def _remind(capture, today=TODAY) -> str:
    out = io.StringIO()
    with capture(execute=True):
        call_command("send_action_point_reminders", today=today.isoformat(), stdout=out)
    return out.getvalue()


def test_owners_are_reminded_seven_days_ahead_and_when_overdue(
    outcome,
    pakistan_focal_point,
    turkey_focal_point,
    sweden_donor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    ActionPointFactory(
        outcome=outcome,
        description="Share return statistics",
        owner_organisation=Organisation.objects.get(slug="pakistan"),
        due_date=TODAY + dt.timedelta(days=7),
    )
    ActionPointFactory(
        outcome=outcome,
        description="Draft the terms of reference",
        owner_organisation=None,
        owner_body=Body.objects.get(slug="wg-silk-routes"),  # its chairs are reminded
        due_date=TODAY - dt.timedelta(days=1),
    )
    ActionPointFactory(outcome=outcome, due_date=TODAY + dt.timedelta(days=8))
    ActionPointFactory(outcome=outcome, due_date=TODAY - dt.timedelta(days=3), status="done")

    output = _remind(django_capture_on_commit_callbacks)

    assert output == "Reminders sent: 1 due in seven days, 1 overdue.\n"
    mails = {mail.to[0]: mail for mail in mailoutbox}
    assert set(mails) == {"imran@example.org", "ayse@example.org"}
    in_a_week, yesterday = TODAY + dt.timedelta(days=7), TODAY - dt.timedelta(days=1)
    assert mails["imran@example.org"].subject == f"Action point due on {in_a_week.isoformat()}"
    assert "Share return statistics" in mails["imran@example.org"].body
    assert "Conclusions of the 6th meeting" in mails["imran@example.org"].body
    assert (
        mails["ayse@example.org"].subject == f"Action point overdue since {yesterday.isoformat()}"
    )
    assert "Draft the terms of reference" in mails["ayse@example.org"].body


def test_a_daily_run_sends_each_reminder_once_and_overdue_ones_weekly(
    outcome, pakistan_focal_point, mailoutbox, django_capture_on_commit_callbacks
):
    ActionPointFactory(
        outcome=outcome,
        owner_organisation=Organisation.objects.get(slug="pakistan"),
        due_date=TODAY - dt.timedelta(days=1),
    )

    _remind(django_capture_on_commit_callbacks)
    _remind(django_capture_on_commit_callbacks)
    _remind(django_capture_on_commit_callbacks, TODAY + dt.timedelta(days=3))
    assert len(mailoutbox) == 1
    _remind(django_capture_on_commit_callbacks, TODAY + dt.timedelta(days=7))
    assert len(mailoutbox) == 2


def test_an_owner_without_people_is_not_counted(
    outcome, mailoutbox, django_capture_on_commit_callbacks
):
    ActionPointFactory(outcome=outcome, due_date=TODAY + dt.timedelta(days=7))

    output = _remind(django_capture_on_commit_callbacks)

    assert output == "Reminders sent: 0 due in seven days, 0 overdue.\n"
    assert mailoutbox == []


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="--today must be a date YYYY-MM-DD, not '1 March'"):
        call_command("send_action_point_reminders", today="1 March")
