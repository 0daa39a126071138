"""The other pictures of the coverage dashboard: funding by goal and donor, meetings foreseen
against held per year, action points per body. Each is a fixed number of grouped SQL queries.

Money follows the programme's rule (``programme/funding.py``): amounts are added per currency,
never converted here; what a donor covers in a project is the largest of what it pledged,
committed and disbursed there (a commitment usually confirms a pledge), and a project's money
counts under each goal the project serves."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from silkroutes.actors.models import Organisation
from silkroutes.meetings.models import Body, Meeting, MeetingStatus
from silkroutes.programme.models import FundingRecord, Participation, Project
from silkroutes.strategy.models import PriorityGoal
from silkroutes.strategy.queries import goals_in_founding_order

from .coverage import outcomes_installed

# -- funding by goal and donor -----------------------------------------------------------------


@dataclass
class FundingCell:
    goal: PriorityGoal
    projects: int = 0  # projects serving the goal that the donor funds
    amounts: dict[str, Decimal] = field(default_factory=dict)  # currency → covered

    @property
    def is_empty(self) -> bool:
        return not self.projects and not self.amounts

    def money(self) -> list[tuple[str, Decimal]]:
        return sorted(self.amounts.items())


@dataclass
class DonorRow:
    donor: Organisation
    cells: list[FundingCell]


@dataclass
class GoalFunding:
    goal: PriorityGoal
    donors: int
    amounts: dict[str, Decimal]

    @property
    def is_gap(self) -> bool:
        return self.donors == 0

    def money(self) -> list[tuple[str, Decimal]]:
        return sorted(self.amounts.items())


@dataclass
class FundingByGoal:
    goals: list[PriorityGoal]
    rows: list[DonorRow]
    totals: list[GoalFunding]

    @property
    def currencies(self) -> list[str]:
        return sorted({c for t in self.totals for c in t.amounts})

    @property
    def gap_count(self) -> int:
        return sum(total.is_gap for total in self.totals)


def _covered_per_project() -> dict[tuple[int, int], dict[str, Decimal]]:
    """(donor, project) → currency → covered: the largest of the kinds' sums (one query)."""
    rows = (
        FundingRecord.objects.filter(kind__in=FundingRecord.MONEY_KINDS, amount__isnull=False)
        .order_by()
        .values("donor", "project", "currency", "kind")
        .annotate(total=Sum("amount"))
    )
    covered: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(dict)
    for row in rows:
        cell = covered[(row["donor"], row["project"])]
        cell[row["currency"]] = max(cell.get(row["currency"], Decimal(0)), row["total"])
    return covered


def funding_by_goal_and_donor(goals=None) -> FundingByGoal:
    """Donors (rows, by name) against goals (columns, founding order): the projects serving the
    goal a donor funds (funding participants) and the money it covers in them. Five queries."""
    goals = list(goals if goals is not None else goals_in_founding_order())
    funded = (
        Participation.objects.filter(role=Participation.Role.FUNDING, project__goals__isnull=False)
        .order_by()
        .values("organisation", "project__goals")
        .annotate(n=Count("project", distinct=True))
    )
    projects = {(r["organisation"], r["project__goals"]): r["n"] for r in funded}
    goals_of = defaultdict(set)
    for project_id, goal_id in Project.goals.through.objects.values_list("project", "prioritygoal"):
        goals_of[project_id].add(goal_id)
    money: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(dict)
    for (donor_id, project_id), amounts in _covered_per_project().items():
        for goal_id in goals_of[project_id]:
            cell = money[(donor_id, goal_id)]
            for currency, amount in amounts.items():
                cell[currency] = cell.get(currency, Decimal(0)) + amount
    donor_ids = {d for d, _g in projects} | {d for d, _g in money}
    donors = Organisation.objects.filter(pk__in=donor_ids).order_by("name")
    rows = [
        DonorRow(
            donor,
            [
                FundingCell(g, projects.get((donor.pk, g.pk), 0), money.get((donor.pk, g.pk), {}))
                for g in goals
            ],
        )
        for donor in donors
    ]
    return FundingByGoal(goals, rows, _goal_totals(goals, rows))


def _goal_totals(goals: list[PriorityGoal], rows: list[DonorRow]) -> list[GoalFunding]:
    totals = []
    for index, goal in enumerate(goals):
        cells = [row.cells[index] for row in rows]
        amounts: dict[str, Decimal] = {}
        for cell in cells:
            for currency, amount in cell.amounts.items():
                amounts[currency] = amounts.get(currency, Decimal(0)) + amount
        totals.append(GoalFunding(goal, sum(not c.is_empty for c in cells), amounts))
    return totals


# -- meetings foreseen against held ------------------------------------------------------------


@dataclass
class YearMeetings:
    year: int
    on_timetable: int = 0  # every meeting dated in the year, whatever became of it
    held: int = 0
    pending: int = 0  # foreseen, scheduled or postponed: not held (yet)
    cancelled: int = 0

    @property
    def is_gap(self) -> bool:
        return self.held == 0


def meetings_per_year(first: int, last: int) -> list[YearMeetings]:
    """For each year, the meetings on the timetable and what became of them (one query)."""
    pending = (MeetingStatus.FORESEEN, MeetingStatus.SCHEDULED, MeetingStatus.POSTPONED)
    rows = (
        Meeting.objects.filter(date__year__gte=first, date__year__lte=last)
        .annotate(year=ExtractYear("date"))
        .order_by()
        .values("year")
        .annotate(
            total=Count("pk"),
            held=Count("pk", filter=Q(status=MeetingStatus.HELD)),
            pending=Count("pk", filter=Q(status__in=pending)),
            cancelled=Count("pk", filter=Q(status=MeetingStatus.CANCELLED)),
        )
    )
    by_year = {row["year"]: row for row in rows}
    years = []
    for year in range(first, last + 1):
        row = by_year.get(year, {})
        years.append(
            YearMeetings(
                year,
                row.get("total", 0),
                row.get("held", 0),
                row.get("pending", 0),
                row.get("cancelled", 0),
            )
        )
    return years


# -- action points per body --------------------------------------------------------------------


@dataclass
class BodyActionPoints:
    body: Body
    open: int = 0  # open and not overdue
    overdue: int = 0
    done: int = 0
    dropped: int = 0

    @property
    def total(self) -> int:
        return self.open + self.overdue + self.done + self.dropped


def action_points_per_body(today: dt.date | None = None) -> list[BodyActionPoints] | None:
    """For each body whose meetings adopted public action points: open (not yet due), overdue
    and done ones. None when the outcomes app is not installed. Two queries."""
    if not outcomes_installed():
        return None
    from silkroutes.outcomes.models import ActionPoint
    from silkroutes.outcomes.permissions import visible_action_points_q

    today = today or timezone.localdate()
    status = ActionPoint.Status
    overdue = Q(status=status.OPEN, due_date__lt=today)
    rows = (
        ActionPoint.objects.filter(visible_action_points_q(AnonymousUser()))
        .order_by()
        .values("outcome__meeting__body")
        .annotate(
            open=Count(
                "pk",
                filter=Q(status=status.OPEN) & (Q(due_date__isnull=True) | Q(due_date__gte=today)),
            ),
            overdue=Count("pk", filter=overdue),
            done=Count("pk", filter=Q(status=status.DONE)),
            dropped=Count("pk", filter=Q(status=status.DROPPED)),
        )
    )
    counts = {row.pop("outcome__meeting__body"): row for row in rows}
    bodies = Body.objects.filter(pk__in=counts).order_by("kind", "name")
    return [BodyActionPoints(body, **counts[body.pk]) for body in bodies]
