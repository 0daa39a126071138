"""Reads of the programme."""

import datetime as dt

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce

from silkroutes.actors.models import Organisation
from silkroutes.core.queries import with_provenance
from silkroutes.strategy.models import PriorityGoal
from silkroutes.strategy.queries import areas_in_order, goals_in_founding_order

from .models import (
    FundingRecord,
    Participation,
    Project,
    ProjectLink,
    ProjectStatus,
    ProjectStatusChange,
    RecipientCountry,
)

# A project's start as the portal reads it: the actual date where known, else the planned one
# (the same rule as Project.start, in SQL).
START = Coalesce("actual_start", "planned_start")


def project_counts_by_status() -> list[tuple[str, str, int]]:
    """(status, label, number of projects) for every status, in lifecycle order, zeros included."""
    counts = dict(
        Project.objects.order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(status.value, status.label, counts.get(status.value, 0)) for status in ProjectStatus]


def in_start_order(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """The portal's order of projects: earliest start first (actual, else planned); projects
    with no known start last; then by slug, so that every database gives the same order."""
    return queryset.annotate(start_day=START).order_by(F("start_day").asc(nulls_last=True), "slug")


def running_in(year: int, prefix: str = "") -> Q:
    """The programme's one rule for a project "running in" a year: started in or before it
    (actual start, else planned) and not ended before it (actual end, else planned). A project
    with no known start runs in no year; one with a start and no known end runs from its start
    on. Written without annotations, so that it can filter a count; ``prefix`` reaches the
    project through a relation (``"project__"``)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    p = prefix
    started = Q(**{f"{p}actual_start__lte": last}) | Q(
        **{f"{p}actual_start__isnull": True, f"{p}planned_start__lte": last}
    )
    not_ended = (
        Q(**{f"{p}actual_end__gte": first})
        | Q(**{f"{p}actual_end__isnull": True, f"{p}planned_end__gte": first})
        | Q(**{f"{p}actual_end__isnull": True, f"{p}planned_end__isnull": True})
    )
    return started & not_ended


def status_on(day: dt.date):
    """The project's status on ``day`` from its status history, as an SQL expression: the
    status of the last step (in the order recorded) before the first step dated after ``day``
    (a step with an unknown date counts as known by then); NULL when the first step is dated
    after ``day`` (the project was not on record yet). A project without history is taken at
    its current status."""
    steps = ProjectStatusChange.objects.filter(project=OuterRef("pk"))
    later = ProjectStatusChange.objects.filter(
        project=OuterRef("project"), pk__lte=OuterRef("pk"), date__gt=day
    )
    known = steps.filter(~Exists(later)).order_by("-pk").values("status")[:1]
    return Case(When(Exists(steps), then=Subquery(known)), default=F("status"))


def changed_to_in(status: str, year: int) -> Exists:
    """Whether the project's history has a step to ``status`` dated in ``year``."""
    return Exists(
        ProjectStatusChange.objects.filter(project=OuterRef("pk"), status=status, date__year=year)
    )


def _participants(role: str, to_attr: str) -> Prefetch:
    return Prefetch(
        "participations",
        queryset=Participation.objects.filter(role=role)
        .select_related("organisation")
        .order_by("organisation__name"),
        to_attr=to_attr,
    )


def projects_for_listing() -> QuerySet[Project]:
    """Projects in start order with ``goal_list`` (founding order), ``funders`` and
    ``implementers`` (participations, organisations loaded) prefetched: a fixed number of
    queries for any page."""
    return in_start_order(Project.objects.all()).prefetch_related(
        Prefetch("goals", queryset=goals_in_founding_order(), to_attr="goal_list"),
        _participants(Participation.Role.FUNDING, "funders"),
        _participants(Participation.Role.IMPLEMENTING, "implementers"),
    )


def projects_matching(
    *,
    status: str = "",
    goal: str = "",
    area: str = "",
    funder: str = "",
    implementer: str = "",
    country: str = "",
    year: int | None = None,
) -> QuerySet[Project]:
    """The projects for listing that meet every filter given (empty filters are ignored).

    ``funder`` and ``implementer`` are organisation slugs in the role funding or implementing;
    ``country`` is a recipient's ISO code in either case; ``year`` keeps the projects
    ``running_in`` that year. Each related filter matches at most one row per project (the pairs
    are unique), so no project is listed twice."""
    projects = projects_for_listing()
    if status:
        projects = projects.filter(status=status)
    if goal:
        projects = projects.filter(goals__code=goal)
    if area:
        projects = projects.filter(areas__code=area)
    if funder:
        projects = projects.filter(
            participations__role=Participation.Role.FUNDING,
            participations__organisation__slug=funder,
        )
    if implementer:
        projects = projects.filter(
            participations__role=Participation.Role.IMPLEMENTING,
            participations__organisation__slug=implementer,
        )
    if country:
        projects = projects.filter(recipients__country__code=country.upper())
    if year is not None:
        projects = projects.filter(running_in(year))
    return projects


def organisations_in_role(role: str) -> QuerySet[Organisation]:
    """The organisations that take part in at least one project in the role, by name."""
    return Organisation.objects.filter(participations__role=role).distinct().order_by("name")


def recipient_country_codes() -> list[str]:
    """The ISO codes of the countries that benefit from at least one project."""
    return list(
        RecipientCountry.objects.order_by("country__code")
        .values_list("country__code", flat=True)
        .distinct()
    )


def programme_years() -> list[int]:
    """Every year from the earliest project start to the latest known start or end."""
    bounds = Project.objects.aggregate(
        first=Min(START),
        last=Max(Coalesce("actual_end", "planned_end", "actual_start", "planned_start")),
    )
    if bounds["first"] is None:
        return []
    return list(range(bounds["first"].year, bounds["last"].year + 1))


def _sourced(lookup: str, queryset: QuerySet) -> Prefetch:
    return Prefetch(lookup, queryset=with_provenance(queryset))


def project_for_page() -> QuerySet[Project]:
    """Projects with everything their page shows prefetched, each fact with its sources: status
    history, participants, recipient countries, funding records, goals, areas, predecessors,
    successors and absorbed projects. The cost is fixed, however many of each there are."""
    return with_provenance(Project.objects.select_related("absorbed_into")).prefetch_related(
        _sourced("status_changes", ProjectStatusChange.objects.order_by("pk")),
        _sourced(
            "participations",
            Participation.objects.select_related("organisation").order_by(
                "organisation__name", "pk"
            ),
        ),
        _sourced(
            "recipients",
            RecipientCountry.objects.select_related("country").order_by("level", "country"),
        ),
        _sourced(
            "funding",
            FundingRecord.objects.select_related("donor").order_by(
                F("date").asc(nulls_last=True), "pk"
            ),
        ),
        Prefetch("goals", queryset=goals_in_founding_order()),
        Prefetch("areas", queryset=areas_in_order()),
        _sourced("predecessor_links", ProjectLink.objects.select_related("builds_on")),
        _sourced("successor_links", ProjectLink.objects.select_related("project")),
        Prefetch("absorbed", queryset=Project.objects.order_by("slug")),
    )


def projects_serving(goal: PriorityGoal) -> QuerySet[Project]:
    """The projects tagged with the goal, in start order."""
    return in_start_order(Project.objects.filter(goals=goal))
