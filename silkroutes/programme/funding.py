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

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum

from silkroutes.actors.models import Organisation
from silkroutes.strategy.models import PriorityGoal
from silkroutes.strategy.queries import goals_in_founding_order

from .currency import Conversion, Rates
from .models import (
    FundingRecord,
    FundingSummary,
    Participation,
    Project,
    ProjectStatus,
    RecipientCountry,
)
from .queries import in_start_order
from .search import public_projects

Kind = FundingRecord.Kind
KINDS = list(Kind)
PIPELINE = (ProjectStatus.IDENTIFIED, ProjectStatus.UNDER_CONSIDERATION)
ZERO = Decimal("0.00")


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
    has_money: bool  # a pledge, commitment or disbursement, with or without its amount
    interests: list[FundingRecord]
    goals: list[PriorityGoal]


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
    return dict(sorted(covered.items()))


def _budgets(project: Project) -> dict[str, Decimal]:
    budgets = list(project.budgets.all())
    revised = [b for b in budgets if b.kind == b.Kind.REVISED]
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


def _overdisbursed(project: Project, records: list[FundingRecord]) -> list[Overdisbursement]:
    by_donor = _sum_by(records, lambda r: (r.donor_id, r.currency, r.kind))
    donors = {r.donor_id: r.donor for r in records}
    return [
        Overdisbursement(project, donors[donor], currency, committed, disbursed)
        for (donor, currency, kind), disbursed in sorted(by_donor.items())
        if kind == Kind.DISBURSEMENT
        and disbursed > (committed := by_donor.get((donor, currency, Kind.COMMITMENT), ZERO))
    ]


def summarise(project: Project, rates: Rates) -> ProjectFunding:
    """The funding of one project whose ``funding``, ``budgets`` and ``goals`` are prefetched,
    computed from its records: the definition that the kept summary (``summaries.py``) follows."""
    records = list(project.funding.all())
    totals: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for (currency, kind), total in _sum_by(records, lambda r: (r.currency, r.kind)).items():
        totals[currency][kind] = total
    budgets = _budgets(project)
    convert = rates if len(budgets) == 1 else None
    return ProjectFunding(
        project=project,
        totals=dict(totals),
        covered=_covered(_sum_by(records, lambda r: (r.donor_id, r.currency, r.kind))),
        budgets=budgets,
        gaps=[_gap_in(c, amount, records, convert) for c, amount in sorted(budgets.items())],
        overdisbursed=_overdisbursed(project, records),
        has_money=any(r.kind in FundingRecord.MONEY_KINDS for r in records),
        interests=[r for r in records if r.kind == Kind.INTEREST],
        goals=list(project.goals.all()),
    )


def projects_with_money() -> QuerySet[Project]:
    """Projects in start order with their funding records (donors loaded), budgets and goals:
    for the pages that list the records themselves."""
    return in_start_order(public_projects()).prefetch_related(
        Prefetch(
            "funding",
            queryset=FundingRecord.objects.select_related("donor", "recorded_by").order_by(
                "date", "pk"
            ),
        ),
        "budgets",
        Prefetch("goals", queryset=goals_in_founding_order()),
    )


def project_summaries(projects: QuerySet[Project] | None = None) -> list[ProjectFunding]:
    """The funding summary of every public project, in start order, read from the kept summary
    rows: four queries whatever their number (five when an amount must be converted). Given
    ``projects`` with their records prefetched (``projects_with_money``), it summarises those
    records instead, for the pages that list them anyway."""
    if projects is not None:
        rates = Rates.loaded()
        return [summarise(p, rates) for p in projects]
    projects = in_start_order(public_projects()).prefetch_related(
        Prefetch("goals", queryset=goals_in_founding_order(), to_attr="goal_list")
    )
    kept: dict[int, list[FundingSummary]] = defaultdict(list)
    for row in FundingSummary.objects.filter(project__in=public_projects()):
        kept[row.project_id].append(row)
    converting = {pk for pk, rows in kept.items() if _needs_rates(rows)}
    records = _records_to_show(converting)
    rates = Rates.loaded() if converting else None
    return [
        _from_kept(
            p, kept.get(p.pk, []), records.get(p.pk, []), rates if p.pk in converting else None
        )
        for p in projects
    ]


def _needs_rates(rows: list[FundingSummary]) -> bool:
    """One budget currency and money in another: conversions with loaded rates are tried."""
    budgeted = [r.currency for r in rows if r.budget is not None]
    return len(budgeted) == 1 and any(
        r.covered is not None and r.currency != budgeted[0] for r in rows
    )


def _records_to_show(converting: set[int]) -> dict[int, list[FundingRecord]]:
    """project → the records the summaries name: interests, the commitments and disbursements
    of a currency in which a donor disbursed beyond its commitments, and every record of the
    projects ``converting`` (one query)."""
    flagged = FundingSummary.objects.filter(
        project=OuterRef("project"), currency=OuterRef("currency"), overdisbursed_donors__gt=0
    )
    wanted = (
        Q(kind=Kind.INTEREST)
        | Q(project__in=converting)
        | Q(Exists(flagged), kind__in=[Kind.COMMITMENT, Kind.DISBURSEMENT])
    )
    records: dict[int, list[FundingRecord]] = defaultdict(list)
    for record in (
        FundingRecord.objects.filter(wanted).select_related("donor").order_by("date", "pk")
    ):
        records[record.project_id].append(record)
    return records


def _from_kept(project, rows, records, rates) -> ProjectFunding:
    covered = {r.currency: r.covered for r in rows if r.covered is not None}
    budgets = {r.currency: r.budget for r in rows if r.budget is not None}
    if rates is not None:
        gaps = [_gap_in(c, amount, records, rates) for c, amount in budgets.items()]
    else:
        gaps = [_kept_gap(c, amount, covered) for c, amount in sorted(budgets.items())]
    return ProjectFunding(
        project=project,
        totals=_kept_totals(rows),
        covered=covered,
        budgets=budgets,
        gaps=gaps,
        overdisbursed=_overdisbursed(project, records),
        has_money=any(r.total(k.value)[1] for r in rows for k in FundingRecord.MONEY_KINDS),
        interests=[r for r in records if r.kind == Kind.INTEREST],
        goals=project.goal_list,
    )


def _kept_totals(rows: list[FundingSummary]) -> dict[str, dict[str, Decimal]]:
    totals = {r.currency: {k: r.total(k)[0] for k in Kind.values} for r in rows}
    stated = {c: {k: t for k, t in kinds.items() if t is not None} for c, kinds in totals.items()}
    return {c: kinds for c, kinds in stated.items() if kinds}


def _kept_gap(currency: str, budget: Decimal, covered: dict[str, Decimal]) -> Gap:
    """The gap in ``currency`` with no conversion: money in other currencies is listed apart."""
    return Gap(
        currency=currency,
        budget=budget,
        covered=covered.get(currency, ZERO),
        unconverted={c: amount for c, amount in covered.items() if c != currency},
    )


def overdisbursed(summaries: list[ProjectFunding]) -> list[Overdisbursement]:
    """Donors who disbursed more than they committed to a project (in the same currency)."""
    return [flag for summary in summaries for flag in summary.overdisbursed]


def _start_order(project: Project) -> tuple:
    """``in_start_order`` for projects already loaded."""
    start = project.actual_start or project.planned_start
    return (start is None, start or dt.date.min, project.slug)


def overdisbursements() -> list[Overdisbursement]:
    """The same flags for every public project, projects in start order (one query: the
    commitments and disbursements of the currencies that the kept summary flags)."""
    flagged = FundingSummary.objects.filter(
        project=OuterRef("project"), currency=OuterRef("currency"), overdisbursed_donors__gt=0
    )
    records = (
        FundingRecord.objects.filter(
            Exists(flagged),
            project__in=public_projects(),
            kind__in=[Kind.COMMITMENT, Kind.DISBURSEMENT],
        )
        .select_related("donor", "project")
        .order_by("date", "pk")
    )
    by_project: dict[int, list[FundingRecord]] = defaultdict(list)
    for record in records:
        by_project[record.project_id].append(record)
    projects = sorted((found[0].project for found in by_project.values()), key=_start_order)
    return [flag for p in projects for flag in _overdisbursed(p, by_project[p.pk])]


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
        goals = summary.goals
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


def _kept_sums(*group: str) -> list[dict]:
    """The kept summary grouped by ``group`` and currency: per kind, the sum and the count."""
    sums = {}
    for kind in Kind.values:
        sums[f"{kind}_total"] = Sum(f"{kind}_total")
        sums[f"{kind}_count"] = Sum(f"{kind}_count")
    rows = FundingSummary.objects.order_by().values(*group, "currency").annotate(**sums)
    return [
        {
            **{g: row[g] for g in group},
            "currency": row["currency"],
            "kinds": {
                kind: (row[f"{kind}_total"], row[f"{kind}_count"])
                for kind in Kind.values
                if row[f"{kind}_count"]
            },
        }
        for row in rows
    ]


def totals_per_currency() -> dict[str, dict[str, tuple[Decimal | None, int]]]:
    """currency → kind → (sum, number of records); records without an amount under ""."""
    result = {row["currency"]: row["kinds"] for row in _kept_sums() if row["kinds"]}
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
    nested: dict = {}
    for row in _kept_sums("project__goals"):
        if row["kinds"]:
            nested.setdefault(row["project__goals"], {})[row["currency"]] = row["kinds"]
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
    """Donors interested in other projects that share a goal or a recipient country
    (``interests``: those of projects sharing one, in the order expressed)."""
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


def _by_neighbour(interests, goals_of, countries_of) -> dict[tuple[str, int], list[int]]:
    """("goal", id) or ("country", id) → the positions of the interests in projects with it:
    each pipeline project looks only at the interests it may share something with."""
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    for position, (_donor, other) in enumerate(interests):
        for goal in goals_of[other.pk]:
            index[("goal", goal)].append(position)
        for country in countries_of[other.pk]:
            index[("country", country)].append(position)
    return index


def _sharing(project, interests, index, goals_of, countries_of) -> list:
    keys = [("goal", g) for g in goals_of[project.pk]]
    keys += [("country", c) for c in countries_of[project.pk]]
    positions = sorted({p for key in keys for p in index.get(key, [])})
    return [interests[p] for p in positions]


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
    index = _by_neighbour(interests, goals_of, countries_of)
    interested_in: dict[int, dict[int, Organisation]] = defaultdict(dict)
    for donor, other in interests:
        interested_in[other.pk][donor.pk] = donor
    pipeline = (
        public_projects()
        .filter(status__in=PIPELINE)
        .exclude(funding__kind__in=FundingRecord.MONEY_KINDS)
        .exclude(participations__role=Participation.Role.FUNDING)
        .order_by("slug")
    )
    found = []
    for project in pipeline:
        interested = interested_in[project.pk]
        sharing = _sharing(project, interests, index, goals_of, countries_of)
        candidates = _candidates(project, sharing, goals, goals_of, countries_of)
        found.append(
            LookingForSupport(
                project=project,
                interested=sorted(interested.values(), key=lambda o: o.name),
                candidates=[c for c in candidates if c.donor.pk not in interested],
            )
        )
    return found
