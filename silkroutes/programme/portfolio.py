"""Reads of the portfolio beyond money: the projects of the time-line and the results."""

from django.db.models import F, Prefetch, QuerySet

from silkroutes.core.queries import with_provenance
from silkroutes.strategy.queries import goals_in_founding_order

from .models import Indicator, Project, Result
from .queries import in_start_order


def projects_for_timeline() -> QuerySet[Project]:
    """Every project in start order (actual, else planned; unknown starts last), by slug."""
    return in_start_order(Project.objects.all())


def results_for_listing(*, category: str = "", project: str = "") -> QuerySet[Result]:
    """Results by date (unknown dates last), with project, country, goals, indicators and
    sources loaded; narrowed to a category and a project slug when given."""
    results = (
        with_provenance(Result.objects.select_related("project", "country"))
        .prefetch_related(
            Prefetch("goals", queryset=goals_in_founding_order()),
            Prefetch("indicators", queryset=Indicator.objects.order_by("pk")),
        )
        .order_by(F("date").asc(nulls_last=True), "project__slug", "pk")
    )
    if category:
        results = results.filter(category=category)
    if project:
        results = results.filter(project__slug=project)
    return results


def projects_with_results() -> QuerySet[Project]:
    """The projects that have at least one result, by title (for the results filter)."""
    return Project.objects.filter(results__isnull=False).distinct().order_by("title", "slug")
