"""E-mail notifications through the task interface: rendered as plain text, sent once the
change that caused them is committed, to active users with an address."""

import pytest

from silkroutes.actors.models import Organisation
from silkroutes.meetings import services
from silkroutes.meetings.models import Meeting
from silkroutes.notifications.services import notify

pytestmark = pytest.mark.django_db

TEMPLATE = "notifications/invitation.txt"
CONTEXT = {
    "state": "Turkey",
    "meeting_title": "Senior Officials' Meeting 2015",
    "meeting_when": "2015",
    "meeting_place": "",
    "delegation_url": "http://127.0.0.1:8000/workspace/meetings/som-2015/delegations/turkey/",
}


def test_notify_sends_a_plain_text_mail_after_commit(
    turkey_focal_point, mailoutbox, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        count = notify(
            [turkey_focal_point], subject="Invitation", template=TEMPLATE, context=CONTEXT
        )
        assert mailoutbox == []  # nothing leaves before the commit

    assert (count, len(callbacks)) == (1, 1)
    (mail,) = mailoutbox
    assert mail.to == ["ayse@example.org"]
    assert mail.from_email == settings.DEFAULT_FROM_EMAIL
    assert mail.subject == "Invitation"
    assert "Dear ayse," in mail.body
    assert (
        "Turkey is invited to the Senior Officials' Meeting 2015 (2015)." in mail.body
    )  # no &#x27;
    assert CONTEXT["delegation_url"] in mail.body


def test_notify_skips_inactive_users_and_users_without_address(
    turkey_focal_point,
    pakistan_focal_point,
    sweden_donor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    pakistan_focal_point.is_active = False
    pakistan_focal_point.save()
    sweden_donor.email = ""
    sweden_donor.save()

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [turkey_focal_point, pakistan_focal_point, sweden_donor],
            subject="Invitation",
            template=TEMPLATE,
            context=CONTEXT,
        )

    assert [mail.to for mail in mailoutbox] == [["ayse@example.org"]]


def test_nothing_is_sent_for_a_change_that_is_rolled_back(
    turkey_focal_point, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        notify([turkey_focal_point], subject="Invitation", template=TEMPLATE, context=CONTEXT)

    assert mailoutbox == []


def test_the_context_must_be_json(turkey_focal_point):
    with pytest.raises(TypeError, match="JSON values only"):
        notify(
            [turkey_focal_point],
            subject="x",
            template=TEMPLATE,
            context={"meeting": Meeting.objects.first()},
        )


def test_an_invitation_tells_the_focal_points_of_the_invited_states(
    secretariat_user,
    turkey_focal_point,
    pakistan_focal_point,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    meeting = Meeting.objects.get(slug="som-2015")
    invited = Organisation.objects.filter(slug__in=["turkey", "iom"])

    with django_capture_on_commit_callbacks(execute=True):
        services.invite(meeting, organisations=invited, by=secretariat_user)

    (mail,) = mailoutbox  # Pakistan is not invited; IOM is not a state
    assert mail.to == ["ayse@example.org"]
    assert mail.subject == "Invitation: Senior Officials' Meeting 2015"
    assert "Turkey is invited to the Senior Officials' Meeting 2015 (2015)." in mail.body
    assert "/workspace/meetings/som-2015/delegations/turkey/" in mail.body


def test_with_the_database_backend_a_worker_sends_the_stored_task(
    turkey_focal_point, mailoutbox, django_capture_on_commit_callbacks, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        notify([turkey_focal_point], subject="Invitation", template=TEMPLATE, context=CONTEXT)
    assert mailoutbox == []  # queued, not sent

    # What `manage.py db_worker` does with the row, without its connection handling (which
    # closes the test's transaction on PostgreSQL): the arguments come back from JSON.
    (queued,) = DBTaskResult.objects.all()
    stored = queued.task_result
    queued.task.call(*stored.args, **stored.kwargs)

    (mail,) = mailoutbox
    assert mail.to == ["ayse@example.org"]
    assert "Turkey is invited" in mail.body
