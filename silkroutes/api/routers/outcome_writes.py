"""Writes of outcomes and action points, through ``silkroutes.outcomes.services`` with the
token's user as the actor. Who may write is asked of ``outcomes.permissions`` (the services
leave that to their callers, as the workspace views do); a stale ``expected_version`` is the
services' ``ConflictError``, answered with 409."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Status

from silkroutes.actors.models import Organisation
from silkroutes.meetings.models import Body, Meeting
from silkroutes.outcomes import permissions, services
from silkroutes.outcomes.models import ActionPoint
from silkroutes.programme.models import Project
from silkroutes.strategy.models import PriorityGoal

from ..auth import REQUIRED_TOKEN
from ..openapi import WRITE_ERRORS, write_responses
from ..params import Slug
from ..representation import Context
from ..schemas.input import ActionPointIn, ActionPointStatusIn, AdoptIn, ReviseIn
from ..schemas.restricted import ActionPointOut, OutcomeOut
from .outcomes import action_point_out, action_points_for, outcome_out, outcomes_for, router
from .writing import acting, forbid_unless, resolve, resolve_all

CREATE_ERRORS = (400, 401, 403, 404, 422, 429)
SECRETARIAT_ONLY = _("Only the Secretariat records and revises outcomes.")


def _render(request, render, record, status: int = 200):
    ctx = Context.of(request)
    with ctx.rendering():
        return Status(status, render(ctx, record))


def _outcome(by, outcome_id: int):
    """The outcome, if ``by`` may read it (404 otherwise) and manage outcomes (403)."""
    outcome = get_object_or_404(outcomes_for(by), pk=outcome_id)
    forbid_unless(permissions.can_manage_outcomes(by), str(SECRETARIAT_ONLY))
    return outcome


@router.post(
    "/meetings/{slug}/outcomes",
    auth=REQUIRED_TOKEN,
    response=write_responses(OutcomeOut, status=201, errors=CREATE_ERRORS),
    url_name="outcome_adopt",
)
def outcome_adopt(request, slug: Slug, payload: AdoptIn):
    """Record an outcome adopted at a held meeting."""
    by = acting(request)
    meeting = get_object_or_404(Meeting, slug=slug)
    forbid_unless(permissions.can_manage_outcomes(by), str(SECRETARIAT_ONLY))
    outcome = services.adopt_outcome(
        meeting,
        kind=payload.kind,
        title=payload.title,
        text=payload.text,
        goals=resolve_all(PriorityGoal, "goals", payload.goals, "code"),
        projects=resolve_all(Project, "projects", payload.projects, "slug"),
        bodies=resolve_all(Body, "bodies", payload.bodies, "slug"),
        access_tier=payload.access_tier,
        publish=payload.publish,
        by=by,
    )
    return _render(request, outcome_out, outcomes_for(by).get(pk=outcome.pk), 201)


@router.post(
    "/outcomes/{outcome_id}/revisions",
    auth=REQUIRED_TOKEN,
    response=write_responses(OutcomeOut, status=201, errors=WRITE_ERRORS),
    url_name="outcome_revise",
)
def outcome_revise(request, outcome_id: int, payload: ReviseIn):
    """Save a new revision of the title and text; 409 if someone saved one since
    ``expected_version``."""
    by = acting(request)
    outcome = _outcome(by, outcome_id)
    services.revise_outcome(
        outcome,
        title=payload.title,
        text=payload.text,
        expected_version=payload.expected_version,
        by=by,
    )
    return _render(request, outcome_out, outcomes_for(by).get(pk=outcome.pk), 201)


@router.post(
    "/outcomes/{outcome_id}/publish",
    auth=REQUIRED_TOKEN,
    response=write_responses(OutcomeOut, errors=CREATE_ERRORS),
    url_name="outcome_publish",
)
def outcome_publish(request, outcome_id: int):
    """Publish a draft: the people its access tier names may read it."""
    by = acting(request)
    outcome = _outcome(by, outcome_id)
    services.publish_outcome(outcome, by=by)
    return _render(request, outcome_out, outcomes_for(by).get(pk=outcome.pk))


@router.post(
    "/outcomes/{outcome_id}/action_points",
    auth=REQUIRED_TOKEN,
    response=write_responses(ActionPointOut, status=201, errors=CREATE_ERRORS),
    url_name="action_point_add",
)
def action_point_add(request, outcome_id: int, payload: ActionPointIn):
    """Add an action point with one owner: a state or organisation, or a body."""
    by = acting(request)
    outcome = _outcome(by, outcome_id)
    point = services.add_action_point(
        outcome,
        description=payload.description,
        owner_organisation=resolve(
            Organisation,
            "owner_organisation",
            payload.owner_organisation,
            slug=payload.owner_organisation,
        ),
        owner_body=resolve(Body, "owner_body", payload.owner_body, slug=payload.owner_body),
        due_date=payload.due_date,
        by=by,
    )
    return _render(request, action_point_out, action_points_for(by).get(pk=point.pk), 201)


CHANGES = {
    ActionPoint.Status.DONE: services.complete_action_point,
    ActionPoint.Status.DROPPED: services.drop_action_point,
    ActionPoint.Status.OPEN: services.reopen_action_point,
}


@router.post(
    "/action_points/{point_id}/status",
    auth=REQUIRED_TOKEN,
    response=write_responses(ActionPointOut, errors=WRITE_ERRORS),
    url_name="action_point_status",
)
def action_point_status(request, point_id: int, payload: ActionPointStatusIn):
    """Mark an action point done or dropped, or open it again: the Secretariat and its owner."""
    by = acting(request)
    point = get_object_or_404(action_points_for(by), pk=point_id)
    forbid_unless(
        permissions.can_update_action_point(by, point),
        _("Only the Secretariat and the action point's owner change its status."),
    )
    CHANGES[payload.status](point, by=by, expected_version=payload.expected_version)
    return _render(request, action_point_out, action_points_for(by).get(pk=point.pk))
