"""The reporting cycle: the Secretariat opens it, a focal point reports and submits its state's
initiatives, the Secretariat verifies, asks back or rejects; each step is kept in the history and
the people concerned are told by e-mail."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from silkroutes.actors.models import Organisation
from silkroutes.monitoring import services
from silkroutes.monitoring.models import InitiativeStatus, ReportingCycle
from silkroutes.strategy.models import Framework

from .conftest import STRATEGY, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def turkey():
    return Organisation.objects.get(slug="turkey")


def test_opening_a_cycle_tells_every_focal_point(
    secretariat_user, turkey_focal_point, pakistan_focal_point, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        cycle = services.open_cycle(
            framework=Framework.objects.get(slug=STRATEGY),
            title="Implementation 2015",
            opens=today,
            deadline=today + dt.timedelta(days=20),
            by=secretariat_user,
        )

    assert cycle.status == ReportingCycle.Status.OPEN
    assert sorted(m.to[0] for m in mail.outbox) == ["ayse@example.org", "imran@example.org"]
    assert "Implementation 2015" in mail.outbox[0].subject
    assert f"/workspace/monitoring/cycles/{cycle.pk}/" in mail.outbox[0].body


def test_only_the_secretariat_opens_a_cycle(turkey_focal_point):
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.open_cycle(
            framework=Framework.objects.get(slug=STRATEGY),
            title="Mine",
            opens=today,
            deadline=today,
            by=turkey_focal_point,
        )


def test_a_deadline_before_the_opening_is_refused(secretariat_user):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="deadline cannot be before"):
        services.open_cycle(
            framework=Framework.objects.get(slug=STRATEGY),
            title="Backwards",
            opens=today,
            deadline=today - dt.timedelta(days=1),
            by=secretariat_user,
        )


def test_a_focal_point_reports_a_draft_for_its_own_state(cycle, turkey_focal_point, turkey):
    entry = report(cycle, turkey_focal_point, turkey)

    assert entry.status == InitiativeStatus.DRAFT
    assert entry.state == turkey
    assert list(entry.goals.values_list("code", flat=True)) == ["irregular-migration"]
    assert list(entry.action_items.values_list("code", flat=True)) == ["2.4"]
    assert [(c.previous_status, c.status) for c in entry.history.all()] == [("", "draft")]


def test_a_focal_point_cannot_report_for_another_state(cycle, pakistan_focal_point, turkey):
    with pytest.raises(PermissionDenied, match="Only a focal point of Turkey"):
        report(cycle, pakistan_focal_point, turkey)


def test_the_secretariat_does_not_report_for_a_state(cycle, secretariat_user, turkey):
    with pytest.raises(PermissionDenied):
        report(cycle, secretariat_user, turkey)


def test_an_end_before_the_start_is_refused(cycle, turkey_focal_point, turkey):
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        report(cycle, turkey_focal_point, turkey, start="2015-06", end="2015-Q1")


def test_no_new_entry_after_the_deadline(cycle, turkey_focal_point, turkey):
    ReportingCycle.objects.filter(pk=cycle.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=1),
        opens=timezone.localdate() - dt.timedelta(days=10),
    )
    cycle.refresh_from_db()

    with pytest.raises(ValidationError, match="does not accept new entries"):
        report(cycle, turkey_focal_point, turkey)


def test_submitting_tells_the_secretariat(
    cycle, turkey_focal_point, turkey, secretariat_user, django_capture_on_commit_callbacks
):
    entry = report(cycle, turkey_focal_point, turkey)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.submit(entry, by=turkey_focal_point)

    entry.refresh_from_db()
    assert (entry.status, entry.submitted_by) == (InitiativeStatus.SUBMITTED, turkey_focal_point)
    assert [m.to for m in mail.outbox] == [["sedef@example.org"]]
    assert mail.outbox[0].subject == "Turkey submitted an initiative: Return counselling desks"


def test_verifying_publishes_and_tells_the_state(
    cycle, turkey_focal_point, turkey, secretariat_user, django_capture_on_commit_callbacks
):
    entry = report(cycle, turkey_focal_point, turkey)
    services.submit(entry, by=turkey_focal_point)

    with django_capture_on_commit_callbacks(execute=True):
        services.verify(entry, by=secretariat_user)

    entry.refresh_from_db()
    assert (entry.status, entry.verified_by) == (InitiativeStatus.VERIFIED, secretariat_user)
    assert [m.to for m in mail.outbox][-1] == ["ayse@example.org"]
    assert "verified" in mail.outbox[-1].body
    assert [c.status for c in entry.history.all()] == ["draft", "submitted", "verified"]


def test_asking_back_needs_a_question_and_lets_the_state_answer(
    cycle, turkey_focal_point, turkey, secretariat_user
):
    entry = report(cycle, turkey_focal_point, turkey)
    services.submit(entry, by=turkey_focal_point)
    with pytest.raises(ValidationError, match="Say what the state should clarify"):
        services.ask_back(entry, by=secretariat_user, note="  ")

    services.ask_back(entry, by=secretariat_user, note="Which provinces?")
    entry.refresh_from_db()
    assert (entry.status, entry.secretariat_note) == (InitiativeStatus.QUERY, "Which provinces?")

    services.update_initiative(
        entry,
        by=turkey_focal_point,
        kind="project",
        title="Return counselling desks in Van, Hatay and Izmir",
        description="Three provinces.",
        start=entry.start_fuzzy,
    )
    services.submit(entry, by=turkey_focal_point)
    entry.refresh_from_db()
    assert entry.status == InitiativeStatus.SUBMITTED
    assert entry.title == "Return counselling desks in Van, Hatay and Izmir"
    assert entry.goals.count() == 0  # the answer replaced the goals too


def test_a_rejected_entry_is_final(cycle, turkey_focal_point, turkey, secretariat_user):
    entry = report(cycle, turkey_focal_point, turkey)
    services.submit(entry, by=turkey_focal_point)
    services.reject(entry, by=secretariat_user, note="Not an initiative of the partnership.")

    with pytest.raises(PermissionDenied):
        services.submit(entry, by=turkey_focal_point)
    with pytest.raises(ValidationError, match="cannot go from"):
        services.verify(entry, by=secretariat_user)


def test_a_draft_cannot_be_verified(cycle, turkey_focal_point, turkey, secretariat_user):
    entry = report(cycle, turkey_focal_point, turkey)

    with pytest.raises(ValidationError, match="cannot go from “draft” to “verified”"):
        services.verify(entry, by=secretariat_user)


def test_only_the_secretariat_reviews(cycle, turkey_focal_point, turkey):
    entry = report(cycle, turkey_focal_point, turkey)
    services.submit(entry, by=turkey_focal_point)

    with pytest.raises(PermissionDenied):
        services.verify(entry, by=turkey_focal_point)


def test_action_items_of_another_framework_are_refused(
    cycle, turkey_focal_point, turkey, secretariat_user
):
    other = Framework.objects.create(slug="action-plan-2030", title="Plan", kind="action-plan")
    other.action_items.create(key="plan-a-1", code="A.1", order=1, title="Act")
    entry = report(cycle, turkey_focal_point, turkey, items=())

    with pytest.raises(ValidationError, match="action items of the cycle's framework"):
        services.update_initiative(
            entry,
            by=turkey_focal_point,
            kind="policy",
            title="Plan",
            description="x",
            start=entry.start_fuzzy,
            action_items=other.action_items.all(),
        )


def test_a_closed_cycle_takes_no_change(cycle, turkey_focal_point, turkey, secretariat_user):
    entry = report(cycle, turkey_focal_point, turkey)
    services.close_cycle(cycle, by=secretariat_user)

    with pytest.raises(PermissionDenied):
        services.submit(entry, by=turkey_focal_point)
