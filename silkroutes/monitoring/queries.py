"""Reads of implementation reporting. The coverage computations are in ``coverage.py``."""

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet

from silkroutes.strategy.models import ActionItem
from silkroutes.strategy.queries import goals_in_founding_order

from .models import Initiative, InitiativeStatus, InitiativeStatusChange, ReportingCycle
from .permissions import visible_initiatives_q


def _loaded(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    return initiatives.select_related("state", "state__country", "cycle").prefetch_related(
        Prefetch("goals", queryset=goals_in_founding_order()),
        Prefetch("action_items", queryset=ActionItem.objects.order_by("framework", "order")),
    )


def verified_initiatives() -> QuerySet[Initiative]:
    """The published entries: verified by the Secretariat; state, goals and action items
    loaded; by state, then start."""
    return _loaded(Initiative.objects.filter(status=InitiativeStatus.VERIFIED)).order_by(
        "state__name", "start", "pk"
    )


def active_in(year: int, prefix: str = "") -> Q:
    """Started in or before the year and not ended before it (an entry with no end goes on)."""
    return Q(**{f"{prefix}start__lte": dt.date(year, 12, 31)}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": dt.date(year, 1, 1)})
    )


def verified_initiatives_in(year: int) -> QuerySet[Initiative]:
    """Verified entries running in the year."""
    return verified_initiatives().filter(active_in(year))


def initiatives_visible_to(user, cycle: ReportingCycle) -> QuerySet[Initiative]:
    """A cycle's entries the user may read (the Secretariat: all; a focal point: its states'
    entries and the verified ones of others), loaded for a list."""
    return (
        _loaded(cycle.initiatives.filter(visible_initiatives_q(user)))
        .select_related("reported_by")
        .order_by("state__name", "status", "start", "pk")
    )


def cycles_with_counts() -> QuerySet[ReportingCycle]:
    """Every cycle, the newest first, with the number of its entries in each status annotated
    (``draft_count``, ``submitted_count``…) and the framework loaded."""
    counts = {
        f"{status}_count": Count("initiatives", filter=Q(initiatives__status=status))
        for status in InitiativeStatus.values
    }
    return ReportingCycle.objects.select_related("framework").annotate(**counts)


def open_cycles(today: dt.date) -> QuerySet[ReportingCycle]:
    """Cycles open for reporting today, the nearest deadline first."""
    return (
        ReportingCycle.objects.filter(status=ReportingCycle.Status.OPEN, opens__lte=today)
        .select_related("framework")
        .order_by("deadline", "pk")
    )


def open_entries_by_state(cycle: ReportingCycle) -> dict[int, int]:
    """{state id: number of its entries in the cycle still to submit (drafts and questions)}."""
    rows = (
        cycle.initiatives.filter(status__in=[InitiativeStatus.DRAFT, InitiativeStatus.QUERY])
        .order_by()
        .values("state_id")
        .annotate(n=Count("pk"))
    )
    return {row["state_id"]: row["n"] for row in rows}


def history_of(initiative: Initiative) -> QuerySet[InitiativeStatusChange]:
    return initiative.history.select_related("by").order_by("at", "pk")


def action_items_of(framework_id: int) -> QuerySet[ActionItem]:
    """A framework's action items in order, with goals and responsible organisations."""
    return (
        ActionItem.objects.filter(framework_id=framework_id)
        .order_by("order")
        .prefetch_related(
            Prefetch("goals", queryset=goals_in_founding_order()),
            "responsible",
        )
    )
