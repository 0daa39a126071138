"""Deadline reminders: 14, 7 and 1 day(s) before the deadline, to every focal point, once."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from silkroutes.actors.models import Organisation
from silkroutes.monitoring.models import ReportingCycle
from silkroutes.monitoring.services import send_deadline_reminders

from .conftest import report

pytestmark = pytest.mark.django_db


def _deadline_in(cycle, days: int) -> dt.date:
    today = cycle.deadline - dt.timedelta(days=days)
    ReportingCycle.objects.filter(pk=cycle.pk).update(opens=today - dt.timedelta(days=30))
    return today


def test_focal_points_are_reminded_a_week_before_with_their_open_entries(
    cycle, turkey_focal_point, pakistan_focal_point, django_capture_on_commit_callbacks
):
    report(cycle, turkey_focal_point, Organisation.objects.get(slug="turkey"))
    mail.outbox.clear()
    today = _deadline_in(cycle, 7)

    with django_capture_on_commit_callbacks(execute=True):
        sent = send_deadline_reminders(today=today)

    assert sent == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "in 7 days" in by_person["ayse@example.org"].body
    assert "Turkey has 1 entry not yet submitted" in by_person["ayse@example.org"].body
    assert "Pakistan has no entry waiting" in by_person["imran@example.org"].body


def test_a_reminder_is_sent_once_and_a_missed_step_is_caught_up(
    cycle, turkey_focal_point, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders(today=_deadline_in(cycle, 20)) == 0  # not yet
        assert send_deadline_reminders(today=_deadline_in(cycle, 10)) == 1  # the 14-day step
        assert send_deadline_reminders(today=_deadline_in(cycle, 9)) == 0  # already sent
        assert send_deadline_reminders(today=_deadline_in(cycle, 1)) == 1  # the 1-day step

    assert len(mail.outbox) == 2


def test_the_command_reports_what_it_sent(cycle, turkey_focal_point):
    out = io.StringIO()
    today = _deadline_in(cycle, 1)

    call_command("remind_reporting_deadlines", f"--today={today.isoformat()}", stdout=out)

    assert out.getvalue().strip() == "Deadline reminders sent: 1."


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--today=2015-13-01"], "--today must be a date"),
        (["--days=7,x"], "--days must be whole numbers"),
        (["--days=-1"], "none negative"),
    ],
)
def test_the_command_refuses_bad_arguments(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("remind_reporting_deadlines", *arguments, stdout=io.StringIO())
