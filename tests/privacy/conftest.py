"""A person with personal data in every place the platform keeps it: Zeynep Kaya, who had an
account as Türkiye's focal point and was in Türkiye's delegations to two meetings."""

import datetime as dt
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.db import models

from silkroutes.accounts.models import Membership
from silkroutes.accounts.services import create_token
from silkroutes.actors.models import Organisation
from silkroutes.meetings.models import Attendance, Delegation, DelegationMember, Meeting
from silkroutes.notifications.services import notify

USERNAME = "zeynep.kaya"
EMAIL = "Zeynep.Kaya@example.gov.tr"
FIRST_NAME, LAST_NAME = "Zeynep", "Kayalioglu"
PHONE = "+90 312 555 0199"
ADDRESS = "203.0.113.77"
BROWSER = "Mozilla/5.0 (ZeynepBrowser)"
# What must be nowhere after the anonymisation (compared without case).
TRACES = (USERNAME, EMAIL, LAST_NAME, PHONE, ADDRESS, BROWSER)


@pytest.fixture(autouse=True)
def ledger(settings, tmp_path):
    """Each test has its own anonymisation ledger, as a server has one outside its database."""
    settings.ANONYMISATION_LEDGER = tmp_path / "ledger" / "anonymisations.jsonl"
    return settings.ANONYMISATION_LEDGER


@dataclass
class Zeynep:
    user: object
    members: list
    meetings: list


@pytest.fixture
def zeynep(db, settings, django_capture_on_commit_callbacks):
    """Zeynep's account (with a membership, an API token, a session, sign-in records and a queued
    notification), and her places in Türkiye's delegations to the SOMs of 2014 and 2015, one
    with a colleague; both meetings have their attendance recorded."""
    turkey = Organisation.objects.get(slug="turkey")
    user = get_user_model().objects.create_user(
        username=USERNAME,
        email=EMAIL,
        first_name=FIRST_NAME,
        last_name=LAST_NAME,
        password="zeynep-password-2015",
    )
    Membership.objects.create(
        user=user,
        organisation=turkey,
        kind=Membership.Kind.FOCAL_POINT,
        start=dt.date(2014, 1, 1),
    )
    create_token(user, name="Kayalioglu laptop", scope="read", by=user)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session.create()

    meetings, members = [], []
    for slug in ("som-2014", "som-2015"):
        meeting = Meeting.objects.get(slug=slug)
        delegation = Delegation.objects.create(meeting=meeting, state=turkey, registered_by=user)
        members.append(
            DelegationMember.objects.create(
                delegation=delegation,
                name=f"{FIRST_NAME} {LAST_NAME}",
                function="Head of the Migration Policy Department",
                email=EMAIL.lower(),
                phone=PHONE,
                is_head=True,
                attended=True,
            )
        )
        DelegationMember.objects.create(
            delegation=delegation, name="Mehmet Aydin", function="Expert", attended=True
        )
        Attendance.objects.create(meeting=meeting, organisation=turkey, persons=2)
        meetings.append(meeting)

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        extra = {"get_data": "", "post_data": "", "failures_since_start": 1}
        model.objects.create(
            username=USERNAME,
            ip_address=ADDRESS,
            user_agent=BROWSER,
            http_accept="*/*",
            path_info="/workspace/login/",
            **(extra if model is AccessAttempt else {}),
        )
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[members[0]],
        action_flag=CHANGE,
        change_message="[]",
        single_object=True,
    )
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(user),
        object_id=str(user.pk),
        object_repr=str(user),
        action_flag=CHANGE,
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [user],
            subject="Invitation",
            template="notifications/invitation.txt",
            context={"state": "Turkey", "meeting": "SOM 2015", "when": "2015", "url": "/"},
        )
    return Zeynep(user=user, members=members, meetings=meetings)


def rows_mentioning(text: str) -> list[str]:
    """Every row, in every table of every model (history tables, axes, tasks and sessions
    included), with ``text`` in one of its text, JSON or address columns (any case)."""
    found = []
    text_fields = (models.CharField, models.TextField, models.JSONField)
    for model in apps.get_models():
        for column in model._meta.concrete_fields:
            if isinstance(column, models.GenericIPAddressField):
                lookup = {column.name: text} if _is_address(text) else None
            elif isinstance(column, text_fields):
                lookup = {f"{column.name}__icontains": text}
            else:
                lookup = None
            if lookup is None:
                continue
            for pk in model._default_manager.filter(**lookup).values_list("pk", flat=True):
                found.append(f"{model._meta.db_table}.{column.name} (row {pk})")
    return found


def _is_address(text: str) -> bool:
    from ipaddress import ip_address

    try:
        ip_address(text)
    except ValueError:
        return False
    return True
