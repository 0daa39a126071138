"""Outcomes of meetings and their action points: only those the acting user may read
(``outcomes.queries.outcomes_visible_to`` and ``action_points_visible_to``)."""

from django.db.models import Prefetch
from django.utils import timezone
from ninja import Query, Router

from silkroutes.outcomes.models import ActionPoint, Outcome
from silkroutes.outcomes.permissions import OutcomeSeen, outcome_seen_by, readable_outcome
from silkroutes.outcomes.queries import action_points_visible_to, outcomes_visible_to
from silkroutes.strategy.queries import goals_in_founding_order

from ..auth import acting_user
from ..filters import ActionPointQuery, DetailQuery, OutcomeQuery
from ..openapi import responses
from ..representation import Context
from ..schemas.common import page_of
from ..schemas.restricted import ActionPointOut, OutcomeOut
from .common import one, page

router = Router(tags=["outcomes"])


def outcomes_for(user):
    action_points = ActionPoint.objects.select_related(
        "outcome", "owner_organisation", "owner_body"
    ).order_by("pk")
    return (
        outcomes_visible_to(user)
        .order_by("meeting__date", "meeting__slug", "kind", "pk")
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("goals", queryset=goals_in_founding_order()),
            "projects",
            "bodies",
            Prefetch("action_points", queryset=action_points),
        )
    )


def action_points_for(user):
    return action_points_visible_to(user).order_by("due_date", "pk")


def action_point_out(ctx: Context, point: ActionPoint) -> dict:
    """An action point as its reader may see it: its owner may not read its outcome."""
    return _action_point_fields(ctx, point, outcome_seen_by(acting_user(ctx.request), point))


def _action_point_fields(ctx: Context, point: ActionPoint, seen: OutcomeSeen) -> dict:
    outcome = None
    if not seen.restricted:
        outcome = {"id": seen.pk, "title": seen.title, "href": ctx.link("outcomes", seen.pk)}
    return {
        "id": point.pk,
        "outcome": outcome,
        "outcome_restricted": seen.restricted,
        "description": point.description,
        "owner_organisation": ctx.organisation_ref(point.owner_organisation),
        "owner_body": ctx.body_ref(point.owner_body),
        "due_date": point.due_date,
        "status": point.status,
        "overdue": point.is_overdue(ctx.today),
        "done_at": point.done_at,
        "version": point.version,
        "href": ctx.link("action_points", point.pk),
    }


def outcome_out(ctx: Context, outcome: Outcome) -> dict:
    return {
        "id": outcome.pk,
        "meeting": ctx.meeting_ref(outcome.meeting),
        "kind": outcome.kind,
        "title": outcome.title,
        "text": outcome.text,
        "goals": [ctx.goal_ref(goal) for goal in outcome.goals.all()],
        "projects": [ctx.project_ref(project) for project in outcome.projects.all()],
        "bodies": [ctx.body_ref(body) for body in outcome.bodies.all()],
        "access_tier": outcome.access_tier,
        "published_at": outcome.published_at,
        "version": outcome.version,
        "action_points": [
            _action_point_fields(ctx, point, readable_outcome(outcome))
            for point in outcome.action_points.all()
        ],
        "href": ctx.link("outcomes", outcome.pk),
    }


@router.get("/outcomes", response=responses(page_of(OutcomeOut)), url_name="outcomes")
def outcome_list(request, query: Query[OutcomeQuery]):
    """Conclusions, recommendations and decisions you may read, with their action points."""
    outcomes = outcomes_for(acting_user(request))
    for name, lookup in (("meeting", "meeting__slug"), ("kind", "kind"), ("goal", "goals__code")):
        value = getattr(query, name)
        if value:
            outcomes = outcomes.filter(**{lookup: value})
    return page(request, query, outcomes, outcome_out)


@router.get("/outcomes/{outcome_id}", response=responses(OutcomeOut), url_name="outcome")
def outcome_detail(request, outcome_id: int, query: Query[DetailQuery]):
    return one(request, query, outcomes_for(acting_user(request)), outcome_out, pk=outcome_id)


@router.get("/action_points", response=responses(page_of(ActionPointOut)), url_name="action_points")
def action_point_list(request, query: Query[ActionPointQuery]):
    """Action points you may read: of outcomes you may read, and those your state,
    organisation or body owns."""
    points = action_points_for(acting_user(request))
    if query.status:
        points = points.filter(status=query.status)
    if query.owner:
        points = points.filter(owner_organisation__slug=query.owner)
    if query.body:
        points = points.filter(owner_body__slug=query.body)
    if query.overdue is not None:
        overdue = {"status": ActionPoint.Status.OPEN, "due_date__lt": timezone.localdate()}
        points = points.filter(**overdue) if query.overdue else points.exclude(**overdue)
    return page(request, query, points, action_point_out)


@router.get(
    "/action_points/{point_id}", response=responses(ActionPointOut), url_name="action_point"
)
def action_point_detail(request, point_id: int, query: Query[DetailQuery]):
    items = action_points_for(acting_user(request))
    return one(request, query, items, action_point_out, pk=point_id)
