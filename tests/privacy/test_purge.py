"""`manage.py purge_personal_data`: each kind of personal data goes when its retention period is
over, not a day before."""

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from silkroutes.accounts.models import Anonymisation, Membership
from silkroutes.accounts.retention import purge_personal_data
from silkroutes.meetings.models import DelegationMember, Meeting

from .conftest import EMAIL, PHONE, USERNAME

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DAY = dt.timedelta(days=1)


def counts(**changes) -> dict[str, int]:
    return {line.kind: line.count for line in purge_personal_data(**changes)}


def test_sign_in_records_go_after_90_days(zeynep):
    AccessLog.objects.update(attempt_time=NOW - 90 * DAY + dt.timedelta(minutes=1))
    AccessFailureLog.objects.update(attempt_time=NOW - 90 * DAY - dt.timedelta(minutes=1))
    AccessAttempt.objects.update(attempt_time=NOW - 200 * DAY)

    assert counts(now=NOW)["sign_in_records"] == 2

    assert AccessLog.objects.filter(username=USERNAME).count() == 1  # 89 days and 23 hours old
    assert not AccessFailureLog.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_delegation_contacts_are_blanked_two_years_after_the_meeting(zeynep):
    som_2015 = zeynep.meetings[1]
    last_day_2015 = som_2015.end_date or som_2015.when.last_day
    day_after_period = last_day_2015 + dt.timedelta(days=730 + 1)
    at = dt.datetime.combine(day_after_period, dt.time(12), tzinfo=dt.UTC)

    assert counts(now=at - DAY, dry_run=True)["delegation_contacts"] == 1  # 2014 only
    assert counts(now=at)["delegation_contacts"] == 2

    members = DelegationMember.objects.filter(pk__in=[m.pk for m in zeynep.members])
    assert {(m.email, m.phone) for m in members} == {("", "")}
    assert {m.name for m in members} == {"Zeynep Kayalioglu"}  # the record of who was there


def test_contacts_of_a_meeting_that_ended_729_days_ago_stay(zeynep):
    Meeting.objects.filter(pk=zeynep.meetings[1].pk).update(
        date=NOW.date() - 729 * DAY, date_precision="day", end_date=None
    )
    assert counts(now=NOW)["delegation_contacts"] == 1  # the other one, in 2014

    zeynep.members[1].refresh_from_db()
    assert (zeynep.members[1].email, zeynep.members[1].phone) == (EMAIL.lower(), PHONE)


def test_a_deactivated_account_is_anonymised_a_year_after_its_last_activity(zeynep):
    user = zeynep.user
    user.is_active = False
    user.last_login = NOW - 366 * DAY
    user.date_joined = NOW - 1000 * DAY
    user.save()
    Membership.objects.filter(user=user).update(end=(NOW - 364 * DAY).date())

    assert counts(now=NOW)["inactive_accounts"] == 0  # the membership ended 364 days ago

    Membership.objects.filter(user=user).update(end=(NOW - 366 * DAY).date())
    assert counts(now=NOW)["inactive_accounts"] == 1

    user.refresh_from_db()
    entry = Anonymisation.objects.get()
    assert (entry.reason, entry.by) == ("retention", None)
    assert (user.username, user.email) == (entry.pseudonym_username, "")
    # The account only: the delegation memberships have their own period.
    zeynep.members[0].refresh_from_db()
    assert zeynep.members[0].name == "Zeynep Kayalioglu"
    assert counts(now=NOW)["inactive_accounts"] == 0  # not twice


def test_an_active_account_is_never_anonymised(zeynep):
    get_user_model().objects.filter(pk=zeynep.user.pk).update(
        last_login=NOW - 3000 * DAY, date_joined=NOW - 3000 * DAY
    )

    assert counts(now=NOW)["inactive_accounts"] == 0


def test_finished_task_results_go_after_30_days(zeynep):
    (queued,) = DBTaskResult.objects.all()
    assert counts(now=NOW)["task_results"] == 0  # not run yet: kept

    DBTaskResult.objects.update(status="SUCCESSFUL", finished_at=NOW - 30 * DAY + DAY)
    assert counts(now=NOW)["task_results"] == 0
    DBTaskResult.objects.update(finished_at=NOW - 30 * DAY - DAY)
    assert counts(now=NOW)["task_results"] == 1
    assert not DBTaskResult.objects.filter(pk=queued.pk).exists()


def test_expired_sessions_go(zeynep):
    Session.objects.update(expire_date=NOW - DAY)

    assert counts(now=NOW)["expired_sessions"] == 1
    assert not Session.objects.exists()


def test_the_command_prints_counts_per_kind_and_a_dry_run_changes_nothing(zeynep, capsys):
    AccessLog.objects.update(attempt_time=NOW - 100 * DAY)

    call_command("purge_personal_data", "--dry-run")
    dry = capsys.readouterr().out
    call_command("purge_personal_data")
    done = capsys.readouterr().out

    assert "sign-in records, 90 days after the attempt: 1 would be deleted" in dry
    assert (
        "delegates' e-mail and telephone, 730 days after the meeting: 2 would be blanked"
    ) in dry
    assert AccessLog.objects.count() == 0
    assert "sign-in records, 90 days after the attempt: 1 deleted" in done
    assert ("delegates' e-mail and telephone, 730 days after the meeting: 2 blanked") in done
    assert "finished background tasks, 30 days after they finished: 0 deleted" in done


def test_a_period_below_one_day_is_refused(zeynep, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = {
        **settings.PERSONAL_DATA_RETENTION_DAYS,
        "sign_in_records": 0,
    }

    with pytest.raises(CommandError, match=r"\['sign_in_records'\] must be a number of days"):
        call_command("purge_personal_data")

    assert AccessLog.objects.filter(username=USERNAME).exists()
