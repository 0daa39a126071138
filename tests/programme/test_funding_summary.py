"""The kept funding summary (one row per project and currency) always equals a fresh aggregate
of the funding records and budgets, whichever way they were written: each service, the dataset
loader, the synthetic generator; and the rebuild command corrects it after a write that went
around them."""

import copy
from decimal import Decimal

import pytest
import yaml
from django.core.management import call_command
from django.db import connection

from silkroutes.actors.models import Organisation
from silkroutes.dataset.loader import load_dataset
from silkroutes.programme import funding
from silkroutes.programme.models import FundingRecord, FundingSummary, Project
from silkroutes.programme.services import (
    convert_interest_to_pledge,
    record_budget,
    record_funding,
    record_interest,
)
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")

# Written in SQL apart from the code under test: per project and currency, each kind's sum and
# count; what donors cover (each donor's largest kind, added up); the donors who disbursed more
# than they committed; the budget (the revised ones where the project has any).
TOTALS = """SELECT project_id, currency, kind, SUM(amount), COUNT(*)
    FROM programme_fundingrecord GROUP BY project_id, currency, kind"""
COVERED = """SELECT project_id, currency, SUM(best) FROM (
        SELECT project_id, currency, donor_id, MAX(total) AS best FROM (
            SELECT project_id, currency, donor_id, kind, SUM(amount) AS total
            FROM programme_fundingrecord
            WHERE kind IN ('pledge', 'commitment', 'disbursement') AND amount IS NOT NULL
            GROUP BY project_id, currency, donor_id, kind
        ) AS per_kind GROUP BY project_id, currency, donor_id
    ) AS per_donor GROUP BY project_id, currency"""
OVERDISBURSED = """SELECT project_id, currency, COUNT(*) FROM (
        SELECT project_id, currency, donor_id,
            SUM(CASE WHEN kind = 'disbursement' THEN amount ELSE 0 END) AS paid,
            SUM(CASE WHEN kind = 'commitment' THEN amount ELSE 0 END) AS promised
        FROM programme_fundingrecord WHERE amount IS NOT NULL
        GROUP BY project_id, currency, donor_id
    ) AS per_donor WHERE paid > promised GROUP BY project_id, currency"""
BUDGETS = """SELECT project_id, currency, SUM(amount) FROM programme_budget AS b
    WHERE kind = 'revised' OR NOT EXISTS (
        SELECT 1 FROM programme_budget AS r WHERE r.project_id = b.project_id AND r.kind = 'revised'
    ) GROUP BY project_id, currency"""


def money(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(CENT)


def rows(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def fresh_aggregate() -> dict[tuple[int, str], dict]:
    empty = {
        f"{k}_{p}": (0 if p == "count" else None)
        for k in FundingRecord.Kind.values
        for p in ("total", "count")
    }
    result: dict = {}

    def entry(project, currency) -> dict:
        return result.setdefault(
            (project, currency),
            {**empty, "covered": None, "overdisbursed_donors": 0, "budget": None},
        )

    for project, currency, kind, total, count in rows(TOTALS):
        entry(project, currency).update({f"{kind}_total": money(total), f"{kind}_count": count})
    for project, currency, covered in rows(COVERED):
        entry(project, currency)["covered"] = money(covered)
    for project, currency, donors in rows(OVERDISBURSED):
        entry(project, currency)["overdisbursed_donors"] = donors
    for project, currency, budget in rows(BUDGETS):
        entry(project, currency)["budget"] = money(budget)
    return result


def kept() -> dict[tuple[int, str], dict]:
    fields = [
        f.name for f in FundingSummary._meta.fields if f.name not in ("id", "project", "currency")
    ]
    return {
        (row.project_id, row.currency): {
            f: money(v) if isinstance(v := getattr(row, f), Decimal) else v for f in fields
        }
        for row in FundingSummary.objects.all()
    }


def org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def test_the_summary_kept_by_each_service_equals_a_fresh_aggregate(secretariat_user, sweden_donor):
    project = ProjectFactory()
    sweden, norway = org("sweden"), org("norway")

    interest = record_interest(project, donor=sweden, by=sweden_donor)
    assert kept() == fresh_aggregate()
    convert_interest_to_pledge(interest, amount=Decimal("900"), currency="eur", by=sweden_donor)
    assert kept() == fresh_aggregate()
    for kind, amount, currency in (
        ("commitment", "800", "EUR"),
        ("disbursement", "950", "EUR"),  # beyond the commitment: flagged
        ("pledge", "5000", "SEK"),
    ):
        record_funding(
            project,
            donor=sweden,
            kind=kind,
            amount=Decimal(amount),
            currency=currency,
            by=secretariat_user,
        )
        assert kept() == fresh_aggregate()
    record_funding(project, donor=norway, kind="interest", by=secretariat_user)
    record_budget(project, amount=Decimal("4000"), currency="EUR", by=secretariat_user)
    assert kept() == fresh_aggregate()
    record_budget(project, amount=Decimal("100"), currency="SEK", by=secretariat_user)
    record_budget(
        project, amount=Decimal("4500"), currency="EUR", kind="revised", by=secretariat_user
    )

    assert kept() == fresh_aggregate()
    eur = FundingSummary.objects.get(project=project, currency="EUR")
    assert (eur.covered, eur.budget, eur.overdisbursed_donors) == (Decimal(950), Decimal(4500), 1)
    assert not FundingSummary.objects.filter(project=project, currency="SEK", budget__isnull=False)


def test_the_summary_kept_by_the_loader_equals_a_fresh_aggregate(starter_dataset_path, tmp_path):
    data = yaml.safe_load(starter_dataset_path.read_text("utf-8"))
    project = next(p for p in data["projects"] if p.get("funding"))
    record = project["funding"][0]
    project["funding"].append(
        {**record, "key": "added-disbursement", "kind": "disbursement", "amount": 99999}
    )
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    load_dataset(path)
    assert kept() == fresh_aggregate()
    assert FundingSummary.objects.get(project__slug=project["slug"]).overdisbursed_donors == 1

    fewer = copy.deepcopy(data)
    next(p for p in fewer["projects"] if p["slug"] == project["slug"])["funding"] = []
    path.write_text(yaml.safe_dump(fewer, allow_unicode=True, sort_keys=False), "utf-8")
    load_dataset(path)

    assert kept() == fresh_aggregate()
    assert not FundingSummary.objects.filter(project__slug=project["slug"]).exists()


def test_the_summary_kept_by_the_generator_equals_a_fresh_aggregate():
    call_command("generate_dataset", "--scale", "1", "--seed", "7")

    assert kept() == fresh_aggregate()
    assert FundingSummary.objects.filter(project__slug__startswith="synthetic-").count() == 50


def test_the_rebuild_command_corrects_a_summary_written_around_the_services(capsys):
    FundingRecord.objects.filter(kind="commitment").update(amount=Decimal("1"))
    assert kept() != fresh_aggregate()

    call_command("rebuild_funding_summaries")

    assert kept() == fresh_aggregate()
    assert "1 funding summary rows corrected." in capsys.readouterr().out


def test_the_pages_read_from_the_summary_what_the_records_say(secretariat_user):
    project = Project.objects.get(slug="desir")
    record_budget(project, amount=Decimal("1000"), currency="EUR", by=secretariat_user)
    for donor, kind, amount, currency in (
        ("sweden", "pledge", "300", "EUR"),
        ("sweden", "commitment", "250", "EUR"),
        ("norway", "disbursement", "70", "EUR"),
        ("norway", "pledge", "40", "SEK"),
    ):
        record_funding(
            project,
            donor=org(donor),
            kind=kind,
            amount=Decimal(amount),
            currency=currency,
            by=secretariat_user,
        )

    from_records = funding.project_summaries(funding.projects_with_money())
    from_kept = funding.project_summaries()

    for left, right in zip(from_records, from_kept, strict=True):
        assert left.project == right.project
        assert (left.totals, left.covered, left.budgets) == (
            right.totals,
            right.covered,
            right.budgets,
        )
        assert (left.gaps, left.overdisbursed) == (right.gaps, right.overdisbursed)
        assert (left.has_money, left.interests, left.goals) == (
            right.has_money,
            right.interests,
            right.goals,
        )
    assert funding.overdisbursements() == funding.overdisbursed(from_records)
