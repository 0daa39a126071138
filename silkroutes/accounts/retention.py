"""Retention periods for personal data: what is past its period is deleted, blanked or
anonymised by ``manage.py purge_personal_data`` (daily cron). The periods, in days, are the
setting ``PERSONAL_DATA_RETENTION_DAYS`` (environment ``RETENTION_*_DAYS``); the reasons are in
docs/decisions/0014-personal-data.md."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from silkroutes.meetings.models import DelegationMember

from .models import Anonymisation
from .privacy import SIGN_IN_MODELS, Person, anonymise_person

User = get_user_model()
KINDS = ("sign_in_records", "delegation_contacts", "inactive_accounts", "task_results")
# How each kind is named in the command's output, and when its period starts.
DESCRIPTIONS = {
    "sign_in_records": "sign-in records, {days} days after the attempt",
    "delegation_contacts": "delegates' e-mail and telephone, {days} days after the meeting",
    "inactive_accounts": "deactivated accounts, {days} days after their last activity",
    "task_results": "finished background tasks, {days} days after they finished",
    "expired_sessions": "sessions, once expired",
}


@dataclass(frozen=True)
class Purged:
    kind: str
    days: int | None  # None: no period, the data's own expiry (sessions)
    action: str
    count: int

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self.kind].format(days=self.days)


def retention_days() -> dict[str, int]:
    """The periods of the settings, checked: every kind has a whole number of days, at least 1."""
    periods = dict(settings.PERSONAL_DATA_RETENTION_DAYS)
    for kind in KINDS:
        days = periods.get(kind)
        if not isinstance(days, int) or days < 1:
            raise ImproperlyConfigured(
                f"PERSONAL_DATA_RETENTION_DAYS[{kind!r}] must be a number of days, at least 1 "
                f"(not {days!r})"
            )
    return periods


@transaction.atomic
def purge_personal_data(*, now: dt.datetime | None = None, dry_run: bool = False) -> list[Purged]:
    """Delete, blank or anonymise the personal data past its retention period; with ``dry_run``
    only count it. Returns one line per kind.

    Side effects (none with ``dry_run``): sign-in records (django-axes) deleted; e-mail and
    telephone of delegation members blanked once their meeting is over for longer than the
    period; deactivated accounts anonymised (``anonymise_person``, reason "retention");
    finished background tasks deleted; expired sessions deleted."""
    days = retention_days()
    now = now or timezone.now()
    return [
        _sign_in_records(now - dt.timedelta(days=days["sign_in_records"]), days, dry_run),
        _delegation_contacts(
            timezone.localdate(now) - dt.timedelta(days=days["delegation_contacts"]),
            days,
            dry_run,
        ),
        _inactive_accounts(now - dt.timedelta(days=days["inactive_accounts"]), days, dry_run),
        _task_results(now - dt.timedelta(days=days["task_results"]), days, dry_run),
        _expired_sessions(now, dry_run),
    ]


def _sign_in_records(cutoff: dt.datetime, days: dict, dry_run: bool) -> Purged:
    count = 0
    for model in SIGN_IN_MODELS:
        old = model.objects.filter(attempt_time__lt=cutoff)
        count += old.count() if dry_run else old.delete()[1].get(model._meta.label, 0)
    return Purged("sign_in_records", days["sign_in_records"], "deleted", count)


def _delegation_contacts(cutoff: dt.date, days: dict, dry_run: bool) -> Purged:
    """A meeting's last day is its end date, or the last day of the period its date is known to
    (a meeting known only to "2015" ends on 31 December 2015 at the latest)."""
    candidates = (
        DelegationMember.objects.exclude(email="", phone="")
        .filter(delegation__meeting__date__lt=cutoff)
        .select_related("delegation__meeting")
    )
    pks = []
    for member in candidates:
        meeting = member.delegation.meeting
        last_day = meeting.end_date or meeting.when.last_day
        if last_day < cutoff:
            pks.append(member.pk)
    if not dry_run and pks:
        DelegationMember.objects.filter(pk__in=pks).update(email="", phone="")
    return Purged("delegation_contacts", days["delegation_contacts"], "blanked", len(pks))


def _inactive_accounts(cutoff: dt.datetime, days: dict, dry_run: bool) -> Purged:
    """A deactivated account is anonymised once its last sign-in, its creation and the end of its
    last membership all lie before the cut-off."""
    anonymised = Anonymisation.objects.exclude(account_id=None).values_list("account_id")
    cutoff_day = timezone.localdate(cutoff)
    accounts = [
        user
        for user in User.objects.filter(is_active=False, date_joined__lt=cutoff)
        .exclude(pk__in=anonymised)
        .exclude(last_login__gte=cutoff)
        .annotate(
            last_membership_end=Max("memberships__end"),
            open_memberships=Count("memberships", filter=Q(memberships__end=None)),
        )
        .filter(open_memberships=0)
        .order_by("pk")
        if user.last_membership_end is None or user.last_membership_end < cutoff_day
    ]
    if not dry_run:
        for user in accounts:
            # The account only: the person's delegation memberships are a record of the
            # meetings, kept under their own period (their contact details).
            anonymise_person(Person(user=user), by=None, reason=Anonymisation.Reason.RETENTION)
    return Purged("inactive_accounts", days["inactive_accounts"], "anonymised", len(accounts))


def _task_results(cutoff: dt.datetime, days: dict, dry_run: bool) -> Purged:
    old = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED], finished_at__lt=cutoff
    )
    count = old.count() if dry_run else old.delete()[0]
    return Purged("task_results", days["task_results"], "deleted", count)


def _expired_sessions(now: dt.datetime, dry_run: bool) -> Purged:
    expired = Session.objects.filter(expire_date__lt=now)
    count = expired.count() if dry_run else expired.delete()[0]
    return Purged("expired_sessions", None, "deleted", count)
