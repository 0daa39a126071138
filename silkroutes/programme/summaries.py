"""The kept funding summary: one row per project and currency (``FundingSummary``), so that the
pages of the programme's money read a few hundred small rows instead of every funding record.

The rows are derived data. ``refresh_funding_summaries`` writes them anew for some projects; the
services that record funding and budgets call it in their own transaction, the dataset loader
and the synthetic generator after their bulk writes, the admin after a save or a delete.
``rebuild_funding_summaries`` writes every row anew (``manage.py rebuild_funding_summaries``).
The rules are those of ``funding.py``: what a donor covers is the largest of what it pledged,
committed and disbursed in the currency; the budget is the revised budgets where any, else the
original ones."""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, QuerySet, Sum

from .models import Budget, FundingRecord, FundingSummary, Project

MONEY_KINDS = {kind.value for kind in FundingRecord.MONEY_KINDS}
Key = tuple[int, str]  # (project id, currency)


def _kind_totals(records: QuerySet) -> dict[Key, dict]:
    rows = (
        records.order_by()
        .values("project", "currency", "kind")
        .annotate(total=Sum("amount"), n=Count("pk"))
    )
    fields: dict[Key, dict] = defaultdict(dict)
    for row in rows:
        key = (row["project"], row["currency"])
        fields[key][f"{row['kind']}_total"] = row["total"]
        fields[key][f"{row['kind']}_count"] = row["n"]
    return fields


def _per_donor(records: QuerySet) -> dict[Key, list[dict[str, Decimal]]]:
    """(project, currency) → for each donor, kind → sum of its stated amounts."""
    rows = (
        records.filter(kind__in=MONEY_KINDS, amount__isnull=False)
        .order_by()
        .values("project", "currency", "donor", "kind")
        .annotate(total=Sum("amount"))
    )
    donors: dict[tuple[int, str, int], dict[str, Decimal]] = defaultdict(dict)
    for row in rows:
        donors[(row["project"], row["currency"], row["donor"])][row["kind"]] = row["total"]
    per_key: dict[Key, list[dict[str, Decimal]]] = defaultdict(list)
    for (project, currency, _donor), kinds in donors.items():
        per_key[(project, currency)].append(kinds)
    return per_key


def _budgets(budgets: QuerySet) -> dict[Key, Decimal]:
    rows = budgets.order_by().values("project", "currency", "kind").annotate(total=Sum("amount"))
    revised = {row["project"] for row in rows if row["kind"] == Budget.Kind.REVISED}
    totals: dict[Key, Decimal] = defaultdict(Decimal)
    for row in rows:
        if row["kind"] == Budget.Kind.REVISED or row["project"] not in revised:
            totals[(row["project"], row["currency"])] += row["total"]
    return totals


def summaries_from(records: QuerySet, budgets: QuerySet, model=FundingSummary) -> list:
    """Unsaved summary rows of the records and budgets given (four grouped queries). ``model``
    lets a migration pass its historical model."""
    fields = _kind_totals(records)
    donors = _per_donor(records)
    budget = _budgets(budgets)
    rows = []
    for key in sorted(fields.keys() | budget.keys()):
        kinds = donors.get(key, [])
        over = sum(1 for k in kinds if k.get("disbursement", 0) > k.get("commitment", Decimal(0)))
        rows.append(
            model(
                project_id=key[0],
                currency=key[1],
                covered=sum((max(k.values()) for k in kinds), Decimal(0)) if kinds else None,
                overdisbursed_donors=over,
                budget=budget.get(key),
                **fields.get(key, {}),
            )
        )
    return rows


VALUES = [f"{kind}_{part}" for kind in FundingRecord.Kind.values for part in ("total", "count")]
VALUES += ["covered", "overdisbursed_donors", "budget"]


@transaction.atomic
def refresh_funding_summaries(projects: QuerySet[Project]) -> int:
    """Bring the summary rows of ``projects`` in line with their records; the number of rows
    created, changed or deleted (none when they were right).

    Side effects: locks the projects' rows (so that two writers of one project's funding take
    turns, each reading what the other committed), then creates, updates and deletes summary
    rows."""
    if not list(projects.select_for_update().order_by("pk").values_list("pk", flat=True)):
        return 0
    kept = {
        (r.project_id, r.currency): r for r in FundingSummary.objects.filter(project__in=projects)
    }
    fresh = summaries_from(
        FundingRecord.objects.filter(project__in=projects),
        Budget.objects.filter(project__in=projects),
    )
    new, changed = [], []
    for row in fresh:
        old = kept.pop((row.project_id, row.currency), None)
        if old is None:
            new.append(row)
        elif any(getattr(old, f) != getattr(row, f) for f in VALUES):
            row.pk = old.pk
            changed.append(row)
    FundingSummary.objects.filter(pk__in=[r.pk for r in kept.values()]).delete()
    FundingSummary.objects.bulk_update(changed, VALUES, batch_size=2000)
    FundingSummary.objects.bulk_create(new, batch_size=2000)
    return len(new) + len(changed) + len(kept)


def refresh_funding_summary(project: Project) -> None:
    refresh_funding_summaries(Project.objects.filter(pk=project.pk))


def rebuild_funding_summaries() -> int:
    """Bring every summary row in line with the records; the number of rows corrected."""
    return refresh_funding_summaries(Project.objects.all())
