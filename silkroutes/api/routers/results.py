"""Results of projects (outputs and outcomes: trainings, resource centres, policies, networks)
with their indicators."""

from django.db.models import F, Prefetch, QuerySet
from ninja import Query, Router

from silkroutes.core.queries import with_provenance
from silkroutes.programme.models import Indicator, Result
from silkroutes.strategy.queries import goals_in_founding_order

from ..filters import DetailQuery, ResultQuery
from ..openapi import responses
from ..params import Slug
from ..representation import Context
from ..schemas.common import page_of
from ..schemas.output import ResultOut
from .common import one, page

router = Router(tags=["programme"])


def decimal(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def results_for_api() -> QuerySet[Result]:
    """Results by project and date, with country, goals, indicators and every source."""
    return with_provenance(
        Result.objects.select_related("project", "country").order_by(
            "project__slug", F("date").asc(nulls_last=True), "key"
        )
    ).prefetch_related(
        Prefetch("goals", queryset=goals_in_founding_order()),
        Prefetch("indicators", queryset=with_provenance(Indicator.objects.order_by("pk"))),
    )


def indicator_out(ctx: Context, indicator: Indicator) -> dict:
    return {
        "title": ctx.text(indicator, "title"),
        "unit": indicator.unit or None,
        "baseline": decimal(indicator.baseline),
        "baseline_year": indicator.baseline_year,
        "target": decimal(indicator.target),
        "actual": decimal(indicator.actual),
        **ctx.provenance(indicator),
    }


def result_out(ctx: Context, result: Result) -> dict:
    return {
        "key": result.key,
        "project": ctx.project_ref(result.project),
        "kind": result.kind,
        "category": result.category,
        "title": ctx.text(result, "title"),
        "date": ctx.date(result, "date"),
        "end_date": ctx.date(result, "end_date"),
        "place": result.place or None,
        "country": ctx.country_ref(result.country),
        "people_count": result.people_count,
        "women_count": result.women_count,
        "institutions_count": result.institutions_count,
        "description": ctx.text(result, "description") if result.description else None,
        "goals": [ctx.goal_ref(goal) for goal in result.goals.all()],
        "indicators": [indicator_out(ctx, i) for i in result.indicators.all()],
        "href": ctx.link("results", result.key),
        **ctx.provenance(result),
    }


@router.get("/results", response=responses(page_of(ResultOut)), url_name="results")
def result_list(request, query: Query[ResultQuery]):
    """What the projects produced, with the indicators that measure it."""
    query.check()
    results = results_for_api()
    for name, lookup in (
        ("project", "project__slug"),
        ("kind", "kind"),
        ("category", "category"),
        ("goal", "goals__code"),
    ):
        value = getattr(query, name)
        if value:
            results = results.filter(**{lookup: value})
    if query.country:
        results = results.filter(country__code=query.country_code())
    return page(request, query, results, result_out)


@router.get("/results/{key}", response=responses(ResultOut), url_name="result")
def result_detail(request, key: Slug, query: Query[DetailQuery]):
    return one(request, query, results_for_api(), result_out, key=key)
