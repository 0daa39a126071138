"""Priority goals (with each framework's wording), the programme's areas, and frameworks."""

from django.db.models import F, Prefetch
from ninja import Query, Router

from silkroutes.actors.models import Organisation
from silkroutes.core.queries import with_provenance
from silkroutes.strategy.models import ActionItem, Area, Framework, GoalLabel
from silkroutes.strategy.queries import areas_in_order, goals_in_founding_order

from ..filters import ActionItemQuery, AreaQuery, DetailQuery, FrameworkQuery, GoalQuery
from ..openapi import responses
from ..params import Slug
from ..representation import Context
from ..schemas.common import page_of
from ..schemas.output import ActionItemOut, AreaOut, FrameworkOut, GoalOut
from .common import one, page

router = Router(tags=["strategy"])


def goals_for_api():
    """Goals in the founding declaration's order, with every framework's label and sources."""
    labels = with_provenance(GoalLabel.objects.select_related("framework")).order_by(
        F("framework__adopted").asc(nulls_last=True), "framework__slug"
    )
    return with_provenance(goals_in_founding_order()).prefetch_related(
        Prefetch("labels", queryset=labels, to_attr="all_labels")
    )


def areas_for_api():
    return with_provenance(areas_in_order().select_related("framework"))


def frameworks_for_api():
    return with_provenance(
        Framework.objects.select_related("adopted_at").order_by(
            F("adopted").asc(nulls_last=True), "slug"
        )
    )


def action_items_for_api():
    return with_provenance(
        ActionItem.objects.select_related("framework").order_by(
            F("framework__adopted").asc(nulls_last=True), "framework__slug", "order"
        )
    ).prefetch_related(
        Prefetch("goals", queryset=goals_in_founding_order()),
        Prefetch("responsible", queryset=Organisation.objects.order_by("slug")),
    )


def action_item_out(ctx: Context, item: ActionItem) -> dict:
    return {
        "key": item.key,
        "framework": ctx.framework_ref(item.framework),
        "code": item.code,
        "order": item.order,
        "title": ctx.text(item, "title"),
        "description": ctx.text(item, "description") if item.description else None,
        "goals": [ctx.goal_ref(goal) for goal in item.goals.all()],
        "responsible": [ctx.organisation_ref(o) for o in item.responsible.all()],
        "status": item.status,
        "href": ctx.link("action_items", item.key),
        **ctx.provenance(item),
    }


def goal_out(ctx: Context, goal) -> dict:
    return {
        "code": goal.code,
        "name": ctx.text(goal, "name"),
        "labels": [
            {
                "framework": ctx.framework_ref(label.framework),
                "order": label.order,
                "label": ctx.text(label, "label"),
                **ctx.provenance(label),
            }
            for label in goal.all_labels
        ],
        "href": ctx.link("goals", goal.code),
        "web_url": ctx.web(goal),
        **ctx.provenance(goal),
    }


def area_out(ctx: Context, area: Area) -> dict:
    return {
        "code": area.code,
        "framework": ctx.framework_ref(area.framework),
        "order": area.order,
        "title": ctx.text(area, "title"),
        "href": ctx.link("areas", area.code),
        **ctx.provenance(area),
    }


def framework_out(ctx: Context, framework: Framework) -> dict:
    return {
        "slug": framework.slug,
        "title": ctx.text(framework, "title"),
        "kind": framework.kind,
        "adopted": ctx.date(framework, "adopted"),
        "adopted_at": ctx.meeting_ref(framework.adopted_at),
        "period_start": ctx.date(framework, "period_start"),
        "period_end": ctx.date(framework, "period_end"),
        "href": ctx.link("frameworks", framework.slug),
        **ctx.provenance(framework),
    }


@router.get("/goals", response=responses(page_of(GoalOut)), url_name="goals")
def goal_list(request, query: Query[GoalQuery]):
    """The six priority goals, in the order of the Istanbul Ministerial Declaration."""
    query.check()
    goals = goals_for_api()
    if query.framework:
        goals = goals.filter(labels__framework__slug=query.framework)
    return page(request, query, goals, goal_out)


@router.get("/goals/{code}", response=responses(GoalOut), url_name="goal")
def goal_detail(request, code: Slug, query: Query[DetailQuery]):
    return one(request, query, goals_for_api(), goal_out, code=code)


@router.get("/areas", response=responses(page_of(AreaOut)), url_name="areas")
def area_list(request, query: Query[AreaQuery]):
    """The programme's main areas, in each framework's order."""
    query.check()
    areas = areas_for_api()
    if query.framework:
        areas = areas.filter(framework__slug=query.framework)
    return page(request, query, areas, area_out)


@router.get("/areas/{code}", response=responses(AreaOut), url_name="area")
def area_detail(request, code: Slug, query: Query[DetailQuery]):
    return one(request, query, areas_for_api(), area_out, code=code)


@router.get("/frameworks", response=responses(page_of(FrameworkOut)), url_name="frameworks")
def framework_list(request, query: Query[FrameworkQuery]):
    """Declarations, strategies and action plans, earliest adopted first."""
    frameworks = frameworks_for_api()
    if query.kind:
        frameworks = frameworks.filter(kind=query.kind)
    return page(request, query, frameworks, framework_out)


@router.get("/frameworks/{slug}", response=responses(FrameworkOut), url_name="framework")
def framework_detail(request, slug: Slug, query: Query[DetailQuery]):
    return one(request, query, frameworks_for_api(), framework_out, slug=slug)


@router.get("/action_items", response=responses(page_of(ActionItemOut)), url_name="action_items")
def action_item_list(request, query: Query[ActionItemQuery]):
    """What the frameworks commit the partnership to do: the strategy's initiatives and the
    numbered actions of action plans."""
    query.check()
    items = action_items_for_api()
    for name, lookup in (
        ("framework", "framework__slug"),
        ("goal", "goals__code"),
        ("responsible", "responsible__slug"),
        ("status", "status"),
    ):
        value = getattr(query, name)
        if value:
            items = items.filter(**{lookup: value})
    return page(request, query, items, action_item_out)


@router.get("/action_items/{key}", response=responses(ActionItemOut), url_name="action_item")
def action_item_detail(request, key: Slug, query: Query[DetailQuery]):
    return one(request, query, action_items_for_api(), action_item_out, key=key)
