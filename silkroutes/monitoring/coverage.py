"""Coverage of the priority goals, computed from the records: which goal has projects, meetings,
outcomes and states' initiatives in which year and country, and where the gaps are.

Each measure is one SQL query grouped by goal and year (or country) — never one query per cell —
so the cost of a matrix does not grow with the number of records. What is counted:

- launched projects: status launched or completed; in a year when running in it (the
  programme's ``running_in``); in a country when it is a recipient;
- held meetings that address the goal, in the year and the country where they took place;
- published public outcomes (when the outcomes app is installed) of meetings of that year and
  country;
- verified initiatives of states, running in the year, in the reporting state's country.

Only what everyone may read is counted: the dashboard and the report are public."""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django_countries import countries

from silkroutes.actors.models import Country
from silkroutes.meetings.models import Body, Meeting, MeetingStatus
from silkroutes.programme.models import Project, ProjectStatus
from silkroutes.programme.queries import running_in
from silkroutes.strategy.models import PriorityGoal
from silkroutes.strategy.queries import goals_in_founding_order

from .models import Initiative, InitiativeStatus
from .queries import active_in

LAUNCHED = (ProjectStatus.LAUNCHED, ProjectStatus.COMPLETED)
DEFAULT_YEARS = (2013, 2017)
MEASURES = ("projects", "meetings", "outcomes", "initiatives")


def outcomes_installed() -> bool:
    return apps.is_installed("silkroutes.outcomes")


# -- the shape of a matrix ---------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: object  # a year (int) or a country's ISO code
    label: str


@dataclass
class Cell:
    column: Column
    projects: int = 0
    meetings: int = 0
    outcomes: int = 0
    initiatives: int = 0

    @property
    def total(self) -> int:
        return self.projects + self.meetings + self.outcomes + self.initiatives

    @property
    def is_gap(self) -> bool:
        return self.total == 0


@dataclass
class Row:
    goal: PriorityGoal
    cells: list[Cell]

    @property
    def number(self) -> int | None:
        return getattr(self.goal, "founding_order", None)

    @property
    def gap_count(self) -> int:
        return sum(cell.is_gap for cell in self.cells)


@dataclass
class Matrix:
    """Goals (rows) against years or countries (columns)."""

    dimension: str  # "year" or "country"
    columns: list[Column]
    rows: list[Row]
    outcomes_counted: bool = field(default_factory=outcomes_installed)

    @property
    def gap_count(self) -> int:
        return sum(row.gap_count for row in self.rows)

    @property
    def cell_count(self) -> int:
        return len(self.rows) * len(self.columns)

    def cell(self, goal_code: str, key) -> Cell:
        row = next(r for r in self.rows if r.goal.code == goal_code)
        return next(c for c in row.cells if c.column.key == key)

    def totals(self) -> dict[str, int]:
        """Each measure summed over the cells (a record in two cells counts twice)."""
        return {m: sum(getattr(c, m) for r in self.rows for c in r.cells) for m in MEASURES}


Counts = dict[tuple[int, object], int]  # (goal id, year or country code) → number


def _fill(dimension: str, columns: list[Column], measures: dict[str, Counts], goals) -> Matrix:
    rows = []
    for goal in goals if goals is not None else goals_in_founding_order():
        cells = []
        for column in columns:
            cell = Cell(column)
            for name, counts in measures.items():
                setattr(cell, name, counts.get((goal.pk, column.key), 0))
            cells.append(cell)
        rows.append(Row(goal, cells))
    return Matrix(dimension, columns, rows)


def _grouped(rows, key: str) -> Counts:
    return {(row["goals"], row[key]): row["n"] for row in rows if row["goals"] is not None}


# -- goal × year -------------------------------------------------------------------------------


def _per_year(queryset: QuerySet, condition, years: list[int]) -> Counts:
    """One query: the queryset grouped by goal, with a conditional count per year."""
    counts = {f"y{y}": Count("pk", filter=condition(y), distinct=True) for y in years}
    # Field names only in values(): modeltranslation's values() would otherwise select (and
    # group by) every column.
    rows = queryset.order_by().values("goals").annotate(**counts)
    return {
        (row["goals"], year): row[f"y{year}"]
        for row in rows
        if row["goals"] is not None
        for year in years
    }


def _meetings_by_goal_and_year(years: list[int]) -> Counts:
    rows = (
        Meeting.objects.filter(status=MeetingStatus.HELD, date__year__in=years)
        .annotate(year=ExtractYear("date"))
        .order_by()
        .values("goals", "year")
        .annotate(n=Count("pk", distinct=True))
    )
    return _grouped(rows, "year")


def public_outcomes() -> QuerySet:
    """Published outcomes everyone may read (empty when the outcomes app is not installed)."""
    from silkroutes.outcomes.models import Outcome
    from silkroutes.outcomes.permissions import visible_outcomes_q

    return Outcome.objects.filter(visible_outcomes_q(AnonymousUser()))


def _outcomes_by_goal_and_year(years: list[int]) -> Counts:
    if not outcomes_installed():
        return {}
    rows = (
        public_outcomes()
        .filter(meeting__date__year__in=years)
        .annotate(year=ExtractYear("meeting__date"))
        .order_by()
        .values("goals", "year")
        .annotate(n=Count("pk", distinct=True))
    )
    return _grouped(rows, "year")


def goal_year_matrix(first: int, last: int, goals=None) -> Matrix:
    """Goals against the years ``first`` to ``last``: five queries whatever the data (four when
    the goals, from ``goals_in_founding_order``, are given)."""
    years = list(range(first, last + 1))
    launched = Project.objects.filter(status__in=LAUNCHED)
    verified = Initiative.objects.filter(status=InitiativeStatus.VERIFIED)
    measures = {
        "projects": _per_year(launched, running_in, years),
        "meetings": _meetings_by_goal_and_year(years),
        "outcomes": _outcomes_by_goal_and_year(years),
        "initiatives": _per_year(verified, active_in, years),
    }
    return _fill("year", [Column(y, str(y)) for y in years], measures, goals)


# -- goal × country ----------------------------------------------------------------------------


def _by_country(queryset: QuerySet, country_field: str) -> Counts:
    rows = (
        queryset.exclude(**{f"{country_field}__isnull": True})
        .order_by()
        .values("goals", country_field)
        .annotate(n=Count("pk", distinct=True))
    )
    return _grouped(rows, country_field)


def working_group_countries() -> set[str]:
    """The countries of the regions that have a working group: a gap there is worth seeing."""
    return set(
        Country.objects.filter(regions__bodies__kind=Body.Kind.WORKING_GROUP).values_list(
            "code", flat=True
        )
    )


def goal_country_matrix(year: int | None = None, goals=None) -> Matrix:
    """Goals against countries: the countries of the working groups' regions and every country
    with something counted (by name in the reader's language); only ``year`` when given."""
    projects = Project.objects.filter(status__in=LAUNCHED)
    meetings = Meeting.objects.filter(status=MeetingStatus.HELD)
    verified = Initiative.objects.filter(status=InitiativeStatus.VERIFIED)
    outcomes = public_outcomes() if outcomes_installed() else None
    if year is not None:
        projects = projects.filter(running_in(year))
        meetings = meetings.filter(date__year=year)
        verified = verified.filter(active_in(year))
        outcomes = outcomes.filter(meeting__date__year=year) if outcomes is not None else None
    measures = {
        "projects": _by_country(projects, "recipients__country__code"),
        "meetings": _by_country(meetings, "country__code"),
        "outcomes": _by_country(outcomes, "meeting__country__code") if outcomes is not None else {},
        "initiatives": _by_country(verified, "state__country__code"),
    }
    codes = working_group_countries()
    for counts in measures.values():
        codes.update(code for (_goal, code), n in counts.items() if n)
    columns = sorted(
        (Column(code, str(countries.name(code)) or code) for code in codes),
        key=lambda column: column.label,
    )
    return _fill("country", columns, measures, goals)
