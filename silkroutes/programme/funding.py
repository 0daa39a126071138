"""Reads of the programme's money: totals per currency, funding gaps per project and per goal,
the donor × project matrix, disbursements beyond commitments, and pipeline projects looking for
support.

Rules (docs/decisions/0007-funding-gaps-and-currencies.md):
- Amounts are added up per currency. An amount is converted only with an ExchangeRate loaded
  with its date and source (the latest one on or before the record's date; for a record without
  a date the latest one), never with an assumed rate.
- What a donor covers in a project is the largest of what it pledged, committed and disbursed
  there (a commitment usually confirms a pledge, a disbursement pays a commitment; adding them up
  would count the same money twice). An expressed interest covers nothing.
- The gap is the budget (the revised budgets where any, else the original ones) minus what the
  donors cover. A project without a budget has no gap, only its funding.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce

from silkroutes.actors.models import Organisation
from silkroutes.strategy.models import PriorityGoal
from silkroutes.strategy.queries import goals_in_founding_order

from .currency import Conversion, Rates
from .models import (
    Budget,
    FundingRecord,
    Participation,
    Project,
    ProjectStatus,
    RecipientCountry,
)
from .search import public_projects

Kind = FundingRecord.Kind
KINDS = list(Kind)
PIPELINE = (ProjectStatus.IDENTIFIED, ProjectStatus.UNDER_CONSIDERATION)
ZERO = Decimal("0.00")
START = Coalesce("actual_start", "planned_start")  # the portal's start: actual, else planned


# -- one project ---------------------------------------------------------------------------------


@dataclass
class Gap:
    """A project's (or goal's) budget in one currency against what donors cover in it."""

    currency: str
    budget: Decimal = ZERO
    covered: Decimal = ZERO
    conversions: list[Conversion] = field(default_factory=list)
    unconverted: dict[str, Decimal] = field(default_factory=dict)

    @property
    def gap(self) -> Decimal:
        return self.budget - self.covered

    @property
    def over_covered(self) -> bool:
        return self.covered > self.budget

    @property
    def surplus(self) -> Decimal:
        """What donors cover beyond the budget (zero when they cover less)."""
        return max(self.covered - self.budget, ZERO)

    @property
    def share(self) -> int | None:
        """Covered share of the budget in whole per cent (None for a zero budget)."""
        if not self.budget:
            return None
        return int((self.covered * 100 / self.budget).to_integral_value())


@dataclass
class Overdisbursement:
    project: Project
    donor: Organisation
    currency: str
    committed: Decimal
    disbursed: Decimal


@dataclass
class ProjectFunding:
    project: Project
    totals: dict[str, dict[str, Decimal]]  # currency → kind → sum
    covered: dict[str, Decimal]  # currency → covered, unconverted
    budgets: dict[str, Decimal]  # currency → budget
    gaps: list[Gap]
    overdisbursed: list[Overdisbursement]

    @property
    def has_money(self) -> bool:
        return any(r.kind in FundingRecord.MONEY_KINDS for r in self.project.funding.all())

    @property
    def interests(self) -> list[FundingRecord]:
        return [r for r in self.project.funding.all() if r.kind == Kind.INTEREST]


def _sum_by(records, key) -> dict:
    sums: dict = defaultdict(lambda: ZERO)
    for record in records:
        if record.amount is not None:
            sums[key(record)] += record.amount
    return sums


def _covered(sums: dict) -> dict:
    """(donor, currency) → kind → sum  ⇒  currency → covered (largest kind per donor)."""
    by_donor: dict = defaultdict(dict)
    for (donor, currency, kind), total in sums.items():
        if kind in FundingRecord.MONEY_KINDS:
            by_donor[(donor, currency)][kind] = total
    covered: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for (_donor, currency), kinds in by_donor.items():
        covered[currency] += max(kinds.values())
    return dict(covered)


def _budgets(project: Project) -> dict[str, Decimal]:
    budgets = list(project.budgets.all())
    revised = [b for b in budgets if b.kind == Budget.Kind.REVISED]
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for budget in revised or budgets:
        totals[budget.currency] += budget.amount
    return dict(totals)


def _gap_in(currency: str, budget: Decimal, records: list, rates: Rates | None) -> Gap:
    """The gap in ``currency``; other currencies converted with loaded rates when ``rates``."""
    gap = Gap(currency=currency, budget=budget)
    converted, unconverted = {}, {}
    for record in records:
        if record.amount is None or record.kind not in FundingRecord.MONEY_KINDS:
            continue
        key = (record.donor_id, record.kind)
        if record.currency == currency:
            converted[key] = converted.get(key, ZERO) + record.amount
            continue
        conversion = rates.convert(record, currency) if rates else None
        if conversion is None:
            ukey = (record.donor_id, record.currency, record.kind)
            unconverted[ukey] = unconverted.get(ukey, ZERO) + record.amount
            continue
        gap.conversions.append(conversion)
        converted[key] = converted.get(key, ZERO) + conversion.amount
    gap.covered = _covered({(d, currency, k): v for (d, k), v in converted.items()}).get(
        currency, ZERO
    )
    gap.unconverted = _covered(unconverted)
    return gap


def summarise(project: Project, rates: Rates) -> ProjectFunding:
    """The funding of one project whose ``funding`` and ``budgets`` are prefetched."""
    records = list(project.funding.all())
    by_donor = _sum_by(records, lambda r: (r.donor_id, r.currency, r.kind))
    totals: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for (currency, kind), total in _sum_by(records, lambda r: (r.currency, r.kind)).items():
        totals[currency][kind] = total
    budgets = _budgets(project)
    convert = rates if len(budgets) == 1 else None
    gaps = [_gap_in(c, amount, records, convert) for c, amount in sorted(budgets.items())]
    donors = {r.donor_id: r.donor for r in records}
    overdisbursed = [
        Overdisbursement(project, donors[donor], currency, committed, disbursed)
        for (donor, currency, kind), disbursed in sorted(by_donor.items())
        if kind == Kind.DISBURSEMENT
        and disbursed > (committed := by_donor.get((donor, currency, Kind.COMMITMENT), ZERO))
    ]
    return ProjectFunding(
        project=project,
        totals=dict(totals),
        covered=_covered(by_donor),
        budgets=budgets,
        gaps=gaps,
        overdisbursed=overdisbursed,
    )


def projects_with_money() -> QuerySet[Project]:
    """Projects by start (unknown starts last) with their funding records (donors loaded),
    budgets and goals."""
    return (
        public_projects()
        .annotate(start_day=START)
        .order_by(F("start_day").asc(nulls_last=True), "slug")
        .prefetch_related(
            Prefetch(
                "funding",
                queryset=FundingRecord.objects.select_related("donor", "recorded_by").order_by(
                    "date", "pk"
                ),
            ),
            "budgets",
            Prefetch("goals", queryset=goals_in_founding_order()),
        )
    )


def project_summaries(projects: QuerySet[Project] | None = None) -> list[ProjectFunding]:
    """The funding summary of every project (five queries whatever their number)."""
    rates = Rates.loaded()
    if projects is None:
        projects = projects_with_money()
    return [summarise(p, rates) for p in projects]


def overdisbursed(summaries: list[ProjectFunding]) -> list[Overdisbursement]:
    """Donors who disbursed more than they committed to a project (in the same currency)."""
    return [flag for summary in summaries for flag in summary.overdisbursed]


# -- goals ---------------------------------------------------------------------------------------


@dataclass
class GoalCoverage:
    goal: PriorityGoal | None  # None: projects tagged with no goal
    projects: list[ProjectFunding] = field(default_factory=list)
    gaps: dict[str, Gap] = field(default_factory=dict)
    unbudgeted: dict[str, Decimal] = field(default_factory=dict)  # covered, projects w/o budget

    @property
    def funded_count(self) -> int:
        return sum(1 for p in self.projects if p.has_money)

    @property
    def without_funding(self) -> list[ProjectFunding]:
        return [p for p in self.projects if not p.has_money]

    def add(self, summary: ProjectFunding) -> None:
        self.projects.append(summary)
        for gap in summary.gaps:
            total = self.gaps.setdefault(gap.currency, Gap(currency=gap.currency))
            total.budget += gap.budget
            total.covered += gap.covered
            for currency, amount in gap.unconverted.items():
                total.unconverted[currency] = total.unconverted.get(currency, ZERO) + amount
        if not summary.budgets:
            for currency, amount in summary.covered.items():
                self.unbudgeted[currency] = self.unbudgeted.get(currency, ZERO) + amount


def gaps_per_goal(summaries: list[ProjectFunding]) -> list[GoalCoverage]:
    """Every goal in founding order, with the projects serving it, their budgets, what donors
    cover and the gap per currency; last, the projects tagged with no goal. A project serving
    several goals counts fully under each of them."""
    coverage = {goal.pk: GoalCoverage(goal) for goal in goals_in_founding_order()}
    untagged = GoalCoverage(None)
    for summary in summaries:
        goals = summary.project.goals.all()
        for goal in goals:
            coverage[goal.pk].add(summary)
        if not goals:
            untagged.add(summary)
    return [*coverage.values(), untagged]


# -- totals, donors, matrix ----------------------------------------------------------------------


def _nested(rows, outer: str) -> dict:
    result: dict = {}
    for row in rows:
        cell = result.setdefault(row[outer], {}).setdefault(row["currency"], {})
        cell[row["kind"]] = (row["total"], row["n"])
    return result


def totals_per_currency() -> dict[str, dict[str, tuple[Decimal | None, int]]]:
    """currency → kind → (sum, number of records); records without an amount under ""."""
    rows = (
        FundingRecord.objects.order_by()
        .values("currency", "kind")
        .annotate(total=Sum("amount"), n=Count("pk"))
    )
    result: dict = {}
    for row in rows:
        result.setdefault(row["currency"], {})[row["kind"]] = (row["total"], row["n"])
    return dict(sorted(result.items()))


@dataclass
class DonorTotals:
    donor: Organisation
    by_currency: dict[str, dict[str, tuple[Decimal | None, int]]]
    projects: int


def totals_per_donor() -> list[DonorTotals]:
    """Every donor with a funding record, by name: per currency and kind, sum and count."""
    rows = (
        FundingRecord.objects.order_by()
        .values("donor", "currency", "kind")
        .annotate(total=Sum("amount"), n=Count("pk"))
    )
    nested = _nested(rows, "donor")
    projects = dict(
        FundingRecord.objects.order_by()
        .values("donor")
        .annotate(n=Count("project", distinct=True))
        .values_list("donor", "n")
    )
    donors = Organisation.objects.filter(pk__in=nested).order_by("name")
    return [DonorTotals(d, nested[d.pk], projects.get(d.pk, 0)) for d in donors]


def totals_per_goal() -> list[tuple[PriorityGoal | None, dict]]:
    """Each goal in founding order (then None: projects with no goal) with currency → kind →
    (sum, count) of the funding of the projects serving it."""
    rows = (
        FundingRecord.objects.order_by()
        .values("project__goals", "currency", "kind")
        .annotate(total=Sum("amount"), n=Count("pk"))
    )
    nested = _nested(rows, "project__goals")
    goals = [(g, nested.get(g.pk, {})) for g in goals_in_founding_order()]
    return [*goals, (None, nested.get(None, {}))]


@dataclass
class MatrixCell:
    records: list[FundingRecord] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    @property
    def firmest(self) -> str:
        """The firmest kind recorded (disbursement > commitment > pledge > interest)."""
        kinds = {r.kind for r in self.records}
        for kind in reversed(KINDS):
            if kind in kinds:
                return kind
        return ""


@dataclass
class Matrix:
    donors: list[Organisation]
    projects: list[Project]
    cells: dict[tuple[int, int], MatrixCell]

    def rows(self) -> list[tuple[Organisation, list[MatrixCell | None]]]:
        return [(d, [self.cells.get((d.pk, p.pk)) for p in self.projects]) for d in self.donors]


def donor_project_matrix() -> Matrix:
    """Donors (rows) against projects (columns): each cell holds the donor's funding records in
    the project and its roles there (funding, expressed interest). Three queries."""
    cells: dict[tuple[int, int], MatrixCell] = {}
    records = FundingRecord.objects.select_related("donor", "project").order_by("date", "pk")
    participations = Participation.objects.filter(
        role__in=[Participation.Role.FUNDING, Participation.Role.INTEREST]
    ).select_related("organisation", "project")
    donors, projects = {}, {}
    for record in records:
        cells.setdefault((record.donor_id, record.project_id), MatrixCell()).records.append(record)
        donors[record.donor_id], projects[record.project_id] = record.donor, record.project
    for participation in participations:
        cell = cells.setdefault(
            (participation.organisation_id, participation.project_id), MatrixCell()
        )
        cell.roles.append(participation.get_role_display())
        donors[participation.organisation_id] = participation.organisation
        projects[participation.project_id] = participation.project
    return Matrix(
        donors=sorted(donors.values(), key=lambda o: o.name),
        projects=sorted(projects.values(), key=lambda p: (p.display_title, p.slug)),
        cells=cells,
    )


# -- looking for support -------------------------------------------------------------------------


@dataclass
class SupportCandidate:
    donor: Organisation
    goals: list[PriorityGoal] = field(default_factory=list)
    countries: list = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)


@dataclass
class LookingForSupport:
    project: Project
    interested: list[Organisation]
    candidates: list[SupportCandidate]


def _interests() -> list[tuple[Organisation, Project]]:
    """(donor, project) for every expressed interest: records and participations."""
    records = FundingRecord.objects.filter(kind=Kind.INTEREST).select_related("donor", "project")
    roles = Participation.objects.filter(role=Participation.Role.INTEREST).select_related(
        "organisation", "project"
    )
    return [(r.donor, r.project) for r in records] + [(p.organisation, p.project) for p in roles]


def _candidates(project, interests, goals, goals_of, countries_of) -> list[SupportCandidate]:
    """Donors interested in other projects that share a goal or a recipient country."""
    candidates: dict[int, SupportCandidate] = {}
    for donor, other in interests:
        if other.pk == project.pk:
            continue
        shared_goals = goals_of[project.pk] & goals_of[other.pk]
        shared_countries = countries_of[project.pk].keys() & countries_of[other.pk].keys()
        if not (shared_goals or shared_countries):
            continue
        candidate = candidates.setdefault(donor.pk, SupportCandidate(donor))
        candidate.projects.append(other)
        candidate.goals += [goals[g] for g in shared_goals if goals[g] not in candidate.goals]
        candidate.countries += [
            countries_of[project.pk][c]
            for c in shared_countries
            if countries_of[project.pk][c] not in candidate.countries
        ]
    return sorted(candidates.values(), key=lambda c: c.donor.name)


def looking_for_support() -> list[LookingForSupport]:
    """Pipeline projects (identified or under consideration) with no funding participant and no
    pledge, commitment or disbursement, each with the donors already interested in it and the
    donors who expressed interest in other projects sharing a goal or a recipient country."""
    goals = {g.pk: g for g in goals_in_founding_order()}
    goals_of: dict[int, set[int]] = defaultdict(set)
    for project_id, goal_id in Project.goals.through.objects.values_list("project", "prioritygoal"):
        goals_of[project_id].add(goal_id)
    countries_of: dict[int, dict] = defaultdict(dict)
    for entry in RecipientCountry.objects.select_related("country"):
        countries_of[entry.project_id][entry.country_id] = entry.country
    interests = _interests()
    pipeline = (
        public_projects()
        .filter(status__in=PIPELINE)
        .exclude(funding__kind__in=FundingRecord.MONEY_KINDS)
        .exclude(participations__role=Participation.Role.FUNDING)
        .order_by("slug")
    )
    found = []
    for project in pipeline:
        interested = {d.pk: d for d, p in interests if p.pk == project.pk}
        candidates = _candidates(project, interests, goals, goals_of, countries_of)
        found.append(
            LookingForSupport(
                project=project,
                interested=sorted(interested.values(), key=lambda o: o.name),
                candidates=[c for c in candidates if c.donor.pk not in interested],
            )
        )
    return found
