"""The annual report to the Senior Officials' Meeting: ``annual_report(year)`` gathers everything
the report says about a year into a plain structure, every figure computed from the records, in
the strategy's order:

1. operational activities — the programme: projects running, launched, completed, in the
   pipeline, their results and funding;
2. the working groups (meetings, chairs, outcomes), the Senior Officials' and thematic meetings;
3. partnerships and regional results;
4. implementation by goal (with the coverage);
5. the tentative timetable of the next year.

The page (``portal/monitoring/report.html``) renders it; ``pdf.render_pdf`` turns the same HTML
into a PDF with WeasyPrint and the print stylesheet. The number of queries does not depend on the
number of projects, meetings or entries."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    Max,
    Min,
    Prefetch,
    Q,
    prefetch_related_objects,
)

from silkroutes.actors.models import Partnership, Role
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.core.pagecache import current_version
from silkroutes.meetings.models import Body, Meeting, MeetingStatus
from silkroutes.meetings.queries import working_groups_with_chairs
from silkroutes.programme.models import (
    FundingRecord,
    Participation,
    Project,
    ProjectStatus,
    Result,
)
from silkroutes.programme.queries import changed_to_in, in_start_order, running_in, status_on
from silkroutes.programme.search import public_projects
from silkroutes.strategy.models import ActionItem, Framework, PriorityGoal
from silkroutes.strategy.queries import goals_in_founding_order

from .coverage import (
    DEFAULT_YEARS,
    Matrix,
    goal_country_matrix,
    goal_year_matrix,
    outcomes_installed,
    public_outcomes,
)
from .models import Initiative
from .queries import verified_initiatives_in
from .tallies import YearMeetings, meetings_per_year

LAUNCHED = (ProjectStatus.LAUNCHED, ProjectStatus.COMPLETED)
PIPELINE = (ProjectStatus.IDENTIFIED, ProjectStatus.UNDER_CONSIDERATION)
GOVERNANCE_ROLES = (Role.Kind.CHAIR, Role.Kind.CO_CHAIR, Role.Kind.SECRETARIAT)
REPORT_YEARS_SECONDS = 24 * 3600  # kept per data version; an older version's entry is not read


def _dates(model, *aggregates) -> list[dt.date]:
    return [d for d in model.objects.aggregate(*aggregates).values() if d]


def _years_on_record() -> tuple[int, int] | None:
    """The first year is the partnership's: that of its first framework (the Istanbul
    Declaration of 2013), adopted or begun; without any framework, that of its first meeting.
    The last is the last year a record of its work is dated in: a meeting, a framework's
    adoption or period, a project's start or end (planned or actual), a funding record."""
    frameworks = Framework.objects.aggregate(
        Min("adopted"), Min("period_start"), Max("adopted"), Max("period_end")
    )
    meetings = Meeting.objects.aggregate(Min("date"), Max("date"), Max("end_date"))
    first = [frameworks[k] for k in ("adopted__min", "period_start__min") if frameworks[k]]
    first = first or [d for d in (meetings["date__min"],) if d]
    last = [
        *(d for d in (frameworks["adopted__max"], frameworks["period_end__max"]) if d),
        *(d for d in (meetings["date__max"], meetings["end_date__max"]) if d),
        *_dates(
            Project,
            Max("planned_start"),
            Max("planned_end"),
            Max("actual_start"),
            Max("actual_end"),
        ),
        *_dates(FundingRecord, Max("date")),
    ]
    if not first or not last:
        return None
    return min(first).year, max(min(first).year, max(last).year)


def report_years() -> range:
    """The years a report exists for: from the partnership's first year to the data's last
    (docs/decisions/0016-stored-files.md). Counted once per data version: every report, its
    PDF and the coverage page ask."""
    key = f"silkroutes:report-years:{current_version().tag}"
    span = cache.get(key)
    if span is None:
        span = _years_on_record() or (0, -1)
        cache.set(key, span, REPORT_YEARS_SECONDS)
    return range(span[0], span[1] + 1)


def in_year(start: FuzzyDate | None, end: FuzzyDate | None, year: int, *, open_start=False):
    """Whether a period may fall in the year: begun by its end (an unknown start counts only
    when ``open_start``) and not ended before its start."""
    if start is None and not open_start:
        return False
    begun = start is None or start.first_day <= dt.date(year, 12, 31)
    not_over = end is None or end.last_day >= dt.date(year, 1, 1)
    return begun and not_over


# -- 1. the programme --------------------------------------------------------------------------


@dataclass
class Programme:
    running: list[Project]
    launched: list[Project]  # launched in the year
    completed: list[Project]  # completed in the year
    pipeline: list[Project]  # identified or under consideration at the end of the year
    results: list[Result]
    funding: list[FundingRecord]


def _projects_in(year: int) -> list[Project]:
    """The projects the report names for ``year`` (running, launched or completed in it, or in
    the pipeline at its end), in start order, with ``status_in_year`` (their status on 31
    December, from their history)."""
    projects = (
        public_projects()
        .annotate(
            status_in_year=status_on(dt.date(year, 12, 31)),
            launched_in_year=changed_to_in(ProjectStatus.LAUNCHED, year),
            completed_in_year=changed_to_in(ProjectStatus.COMPLETED, year),
            running=ExpressionWrapper(running_in(year), output_field=BooleanField()),
        )
        .filter(
            Q(status_in_year__in=LAUNCHED) & running_in(year)
            | Q(launched_in_year=True)
            | Q(completed_in_year=True)
            | Q(status_in_year__in=PIPELINE)
        )
    )
    return list(in_start_order(projects))


def _with_participants(projects: list[Project]) -> list[Project]:
    """Goals, funders and implementers loaded: only the running projects show them."""

    def role(name: str, to_attr: str) -> Prefetch:
        queryset = Participation.objects.filter(role=name).select_related("organisation")
        return Prefetch(
            "participations", queryset=queryset.order_by("organisation__name"), to_attr=to_attr
        )

    prefetch_related_objects(
        projects,
        Prefetch("goals", queryset=goals_in_founding_order()),
        role(Participation.Role.FUNDING, "funders"),
        role(Participation.Role.IMPLEMENTING, "implementers"),
    )
    return projects


def _results_in(year: int) -> list:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return list(
        Result.objects.filter(date__lte=last)
        .filter(Q(end_date__isnull=True, date__gte=first) | Q(end_date__gte=first))
        .select_related("project", "country")
        .order_by("date", "pk")
    )


def programme_in(year: int) -> Programme:
    projects = _projects_in(year)
    for project in projects:
        project.status_in_year_label = (
            ProjectStatus(project.status_in_year).label if project.status_in_year else ""
        )
    return Programme(
        running=_with_participants(
            [p for p in projects if p.status_in_year in LAUNCHED and p.running]
        ),
        launched=[p for p in projects if p.launched_in_year],
        completed=[p for p in projects if p.completed_in_year],
        pipeline=[p for p in projects if p.status_in_year in PIPELINE],
        results=_results_in(year),
        funding=_funding_in(year),
    )


def _funding_in(year: int) -> list[FundingRecord]:
    records = list(
        FundingRecord.objects.filter(date__year=year)
        .select_related("donor", "project")
        .order_by("date", "pk")
    )
    for record in records:
        record.when = record.fuzzy_value("date")
    return records


# -- 2. meetings -------------------------------------------------------------------------------


@dataclass
class WorkingGroup:
    body: Body
    chairs: list[Role]
    meetings: list[Meeting]

    @property
    def held(self) -> list[Meeting]:
        return [m for m in self.meetings if m.status == MeetingStatus.HELD]


@dataclass
class Meetings:
    working_groups: list[WorkingGroup]
    senior_officials: list[Meeting]
    thematic: list[Meeting]
    other: list[Meeting]
    all: list[Meeting]

    @property
    def held(self) -> list[Meeting]:
        return [m for m in self.all if m.status == MeetingStatus.HELD]

    @property
    def outcomes(self) -> list:
        return [o for m in self.all for o in getattr(m, "public_outcomes", [])]


def meetings_dated_in(year: int) -> list[Meeting]:
    """The year's meetings in date order: body, place, host and goals loaded, and the public
    outcomes of each as ``public_outcomes`` (when the outcomes app is installed)."""
    meetings = (
        Meeting.objects.filter(date__year=year)
        .select_related("body", "country", "host")
        .prefetch_related(Prefetch("goals", queryset=goals_in_founding_order()))
        .order_by("date", "end_date", "pk")
    )
    if outcomes_installed():
        outcomes = public_outcomes().prefetch_related("goals").order_by("kind", "pk")
        meetings = meetings.prefetch_related(
            Prefetch("outcomes", queryset=outcomes, to_attr="public_outcomes")
        )
    return list(meetings)


def meetings_in(year: int) -> Meetings:
    meetings = meetings_dated_in(year)
    groups = []
    for body in working_groups_with_chairs():
        chairs = [
            r
            for r in body.chair_roles
            if in_year(r.start_fuzzy, r.end_fuzzy, year, open_start=True)
        ]
        groups.append(WorkingGroup(body, chairs, [m for m in meetings if m.body_id == body.pk]))
    kinds = {m.pk: m.body.kind for m in meetings}
    return Meetings(
        working_groups=groups,
        senior_officials=[m for m in meetings if kinds[m.pk] == Body.Kind.SENIOR_OFFICIALS],
        thematic=[m for m in meetings if kinds[m.pk] == Body.Kind.THEMATIC_EXPERT],
        other=[
            m
            for m in meetings
            if kinds[m.pk]
            not in (Body.Kind.WORKING_GROUP, Body.Kind.SENIOR_OFFICIALS, Body.Kind.THEMATIC_EXPERT)
        ],
        all=meetings,
    )


# -- 3. partnerships ---------------------------------------------------------------------------


@dataclass
class Partnerships:
    partnerships: list[Partnership]
    governance: list[Role]  # the dialogue's Chair, Co-Chair and Secretariat in the year
    forum_chairs: list[Role]  # chairmanships of global forums in the year


def partnerships_in(year: int) -> Partnerships:
    partnerships = Partnership.objects.select_related("partner").order_by("partner__name", "pk")
    roles = (
        Role.objects.filter(kind__in=[*GOVERNANCE_ROLES, Role.Kind.FORUM_CHAIR])
        .select_related("holder", "of_organisation")
        .order_by("kind", "start", "pk")
    )
    held = [r for r in roles if in_year(r.start_fuzzy, r.end_fuzzy, year, open_start=True)]
    return Partnerships(
        partnerships=[
            p
            for p in partnerships
            if in_year(p.fuzzy_value("start"), p.fuzzy_value("end"), year, open_start=True)
        ],
        governance=[r for r in held if r.kind in GOVERNANCE_ROLES],
        forum_chairs=[r for r in held if r.kind == Role.Kind.FORUM_CHAIR],
    )


# -- 4. by goal --------------------------------------------------------------------------------


@dataclass
class GoalImplementation:
    goal: PriorityGoal
    projects: list[Project]
    meetings: list[Meeting]
    outcomes: list
    initiatives: list[Initiative]
    action_items: list[ActionItem]

    @property
    def is_gap(self) -> bool:
        return not (self.projects or self.meetings or self.outcomes or self.initiatives)


def frameworks_in_force(year: int) -> list[Framework]:
    """Strategies and action plans whose period includes the year."""
    frameworks = Framework.objects.filter(
        kind__in=[Framework.Kind.STRATEGY, Framework.Kind.ACTION_PLAN]
    ).order_by("period_start", "title")
    return [
        f
        for f in frameworks
        if f.period_start
        and in_year(f.fuzzy_value("period_start"), f.fuzzy_value("period_end"), year)
    ]


def action_items_in_force(frameworks: list[Framework]) -> list[ActionItem]:
    return list(
        ActionItem.objects.filter(framework__in=frameworks)
        .select_related("framework")
        .prefetch_related(Prefetch("goals", queryset=goals_in_founding_order()), "responsible")
        .order_by("framework__period_start", "framework", "order")
    )


def by_goal(goals, programme: Programme, meetings: Meetings, initiatives, items) -> list:
    def serving(records, goal):
        return [r for r in records if any(g.pk == goal.pk for g in r.goals.all())]

    return [
        GoalImplementation(
            goal=goal,
            projects=serving(programme.running, goal),
            meetings=serving(meetings.held, goal),
            outcomes=serving(meetings.outcomes, goal),
            initiatives=serving(initiatives, goal),
            action_items=serving(items, goal),
        )
        for goal in goals
    ]


# -- the report --------------------------------------------------------------------------------


@dataclass
class AnnualReport:
    year: int
    frameworks: list[Framework]
    programme: Programme
    meetings: Meetings
    partnerships: Partnerships
    goals: list[GoalImplementation]
    action_items: list[ActionItem]
    initiatives: list[Initiative]
    goal_year: Matrix
    goal_country: Matrix
    meetings_per_year: list[YearMeetings]
    next_year: list[Meeting]
    outcomes_counted: bool = field(default_factory=outcomes_installed)

    @property
    def goal_gaps(self) -> list[GoalImplementation]:
        return [g for g in self.goals if g.is_gap]

    @property
    def states_reporting(self) -> int:
        return len({i.state_id for i in self.initiatives})

    @property
    def meetings_this_year(self) -> YearMeetings:
        return next(y for y in self.meetings_per_year if y.year == self.year)


def annual_report(year: int) -> AnnualReport:
    """Everything the report for ``year`` says, computed from the records (public ones only)."""
    first, last = min(DEFAULT_YEARS[0], year - 1), max(DEFAULT_YEARS[1], year + 1)
    programme = programme_in(year)
    meetings = meetings_in(year)
    frameworks = frameworks_in_force(year)
    items = action_items_in_force(frameworks)
    initiatives = list(verified_initiatives_in(year))
    goals = list(goals_in_founding_order())
    return AnnualReport(
        year=year,
        frameworks=frameworks,
        programme=programme,
        meetings=meetings,
        partnerships=partnerships_in(year),
        goals=by_goal(goals, programme, meetings, initiatives, items),
        action_items=items,
        initiatives=initiatives,
        goal_year=goal_year_matrix(first, last, goals),
        goal_country=goal_country_matrix(year, goals),
        meetings_per_year=meetings_per_year(first, last),
        next_year=meetings_dated_in(year + 1),
    )
