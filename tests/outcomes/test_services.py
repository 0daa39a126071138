"""Outcomes as revisioned texts, and their action points."""

import pytest
from django.core.exceptions import ValidationError

from silkroutes.meetings.models import Meeting
from silkroutes.outcomes.models import ActionPoint
from silkroutes.outcomes.services import (
    ConflictError,
    add_action_point,
    adopt_outcome,
    complete_action_point,
    drop_action_point,
    reopen_action_point,
    revise_outcome,
)
from silkroutes.strategy.models import PriorityGoal
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _adopt(by, meeting="wg-silk-routes-2015", **extra):
    return adopt_outcome(
        Meeting.objects.get(slug=meeting),
        kind="conclusion",
        title="Conclusions on return",
        text="The participants agreed to share data.",
        goals=PriorityGoal.objects.order_by("pk")[:2],
        by=by,
        **extra,
    )


def test_an_outcome_is_adopted_with_its_first_revision_and_goals(secretariat_user):
    outcome = _adopt(secretariat_user)

    assert outcome.version == 1
    assert outcome.goals.count() == 2
    revision = outcome.revisions.get()
    assert (revision.number, revision.text, revision.author) == (
        1,
        "The participants agreed to share data.",
        secretariat_user,
    )
    assert outcome.history.get().history_user == secretariat_user


def test_outcomes_are_adopted_only_at_held_meetings(secretariat_user):
    with pytest.raises(ValidationError, match="this one is foreseen"):
        _adopt(secretariat_user, meeting="som-2015")


def test_every_revision_is_kept(secretariat_user):
    outcome = _adopt(secretariat_user)

    revise_outcome(
        outcome,
        title="Conclusions on return",
        text="Second text.",
        expected_version=1,
        by=secretariat_user,
    )
    revise_outcome(
        outcome,
        title="Conclusions on return and readmission",
        text="Third text.",
        expected_version=2,
        by=secretariat_user,
    )

    outcome.refresh_from_db()
    assert (outcome.version, outcome.text) == (3, "Third text.")
    assert [(r.number, r.text) for r in outcome.revisions.order_by("number")] == [
        (1, "The participants agreed to share data."),
        (2, "Second text."),
        (3, "Third text."),
    ]
    latest = outcome.history.order_by("-history_date", "-pk").first()
    assert latest.history_change_reason == "revised"
    assert latest.text == "Third text."


def test_a_revision_from_a_stale_version_is_a_conflict_that_loses_nothing(
    secretariat_user, django_user_model
):
    colleague = django_user_model.objects.create_user("piotr", "piotr@example.org")
    outcome = _adopt(secretariat_user)
    revise_outcome(
        outcome, title=outcome.title, text="Piotr's text.", expected_version=1, by=colleague
    )

    with pytest.raises(ConflictError) as conflict:
        revise_outcome(
            outcome,
            title=outcome.title,
            text="Sedef's text.",
            expected_version=1,
            by=secretariat_user,
        )

    error = conflict.value
    assert isinstance(error, ValidationError)
    assert "piotr saved this outcome (version 2)" in error.messages[0]
    assert "Their text now reads: “Piotr's text.”" in error.messages[0]
    assert (error.current_text, error.current_version) == ("Piotr's text.", 2)
    assert error.your_text == "Sedef's text."
    outcome.refresh_from_db()
    assert outcome.text == "Piotr's text."
    assert outcome.revisions.count() == 2


def test_an_action_point_has_exactly_one_owner(secretariat_user):
    outcome = _adopt(secretariat_user)

    with pytest.raises(ValidationError, match="one owner"):
        add_action_point(outcome, description="Nobody's job", by=secretariat_user)
    with pytest.raises(ValidationError, match="one owner"):
        add_action_point(
            outcome,
            description="Everybody's job",
            owner_organisation=OrganisationFactory(),
            owner_body=outcome.meeting.body,
            by=secretariat_user,
        )


def test_an_action_point_is_done_reopened_and_dropped(secretariat_user):
    outcome = _adopt(secretariat_user)
    point = add_action_point(
        outcome, description="Map the routes", owner_body=outcome.meeting.body, by=secretariat_user
    )

    complete_action_point(point, by=secretariat_user)
    assert (point.status, point.done_at is not None, point.version) == ("done", True, 2)
    with pytest.raises(ValidationError, match="is done already"):
        complete_action_point(point, by=secretariat_user)
    reopen_action_point(point, by=secretariat_user)
    assert (point.status, point.done_at) == ("open", None)
    drop_action_point(point, by=secretariat_user)

    assert point.status == ActionPoint.Status.DROPPED
    assert [h.history_change_reason for h in point.history.order_by("history_date", "pk")] == [
        "added",
        "done",
        "open",
        "dropped",
    ]


def test_a_status_change_from_a_stale_version_is_a_conflict(secretariat_user):
    outcome = _adopt(secretariat_user)
    point = add_action_point(
        outcome, description="Map the routes", owner_body=outcome.meeting.body, by=secretariat_user
    )
    complete_action_point(point, by=secretariat_user, expected_version=1)

    with pytest.raises(ConflictError, match="saved this action point"):
        drop_action_point(point, by=secretariat_user, expected_version=1)
