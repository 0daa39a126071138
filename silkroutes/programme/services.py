"""Writes of the programme: moving a project along its lifecycle, recording funding and budgets.

Each service takes the acting user (``by``) explicitly, checks that they may act
(``permissions``), validates with the models' rules, runs in one transaction and says in its
docstring what it changes. Errors are ``ValidationError`` with a message a person can act on."""

import datetime as dt
import hashlib
import secrets
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from silkroutes.actors.models import Organisation
from silkroutes.core.fuzzydates import FuzzyDate, Precision
from silkroutes.core.models import Citation, Source

from . import permissions
from .models import (
    Budget,
    FundingRecord,
    Participation,
    Project,
    ProjectStatus,
    ProjectStatusChange,
    check_transition,
)
from .summaries import refresh_funding_summary

When = FuzzyDate | dt.date | None


def _fuzzy(value: When) -> tuple[dt.date | None, str]:
    if value is None:
        return None, ""
    if isinstance(value, FuzzyDate):
        return value.first_day, value.precision
    return value, Precision.DAY


# -- the lifecycle ------------------------------------------------------------------------------


def launch_problems(project: Project) -> list[str]:
    """What keeps a project from being launched: it needs at least one funding (a funding
    participant, or a pledge, commitment or disbursement), an implementing participant and a
    start date (actual or planned). Empty when it may be launched."""
    problems = []
    # Read through .all(), so that a page listing many projects can prefetch what this needs.
    participations = list(project.participations.all())
    has_funder = any(p.role == Participation.Role.FUNDING for p in participations)
    has_money = any(r.kind in FundingRecord.MONEY_KINDS for r in project.funding.all())
    if not (has_funder or has_money):
        problems.append(
            _("It has no funding: record a funding participant, a pledge or a commitment.")
        )
    if not any(p.role == Participation.Role.IMPLEMENTING for p in participations):
        problems.append(_("It has no implementing organisation."))
    if project.start is None:
        problems.append(_("It has no start date, actual or planned."))
    return problems


@transaction.atomic
def move_project(
    project: Project,
    *,
    to: str,
    by,
    on: When = None,
    note: str = "",
    absorbed_into: Project | None = None,
) -> ProjectStatusChange:
    """Move a project to the status ``to`` on the date ``on`` (a day or a fuzzy date).

    Rules: only the Secretariat moves projects; the move must follow the lifecycle
    (``check_transition``); a launch needs funding, an implementer and a start date
    (``launch_problems``); an absorption names the project that absorbs it.

    Side effects: locks the project's row, saves its new status (and ``absorbed_into``), and
    records the step as a ProjectStatusChange with the date, ``by`` and the note."""
    permissions.require(permissions.can_move_projects(by))
    project = Project.objects.select_for_update().get(pk=project.pk)
    if to == project.status:
        raise ValidationError(_("The project is already “%(s)s”.") % {"s": ProjectStatus(to).label})
    check_transition(project.status, to)
    if to == ProjectStatus.LAUNCHED:
        problems = launch_problems(project)
        if problems:
            raise ValidationError([_("The project cannot be launched yet."), *problems])
    if to == ProjectStatus.ABSORBED:
        if absorbed_into is None:
            raise ValidationError(_("Say which project absorbs this one."))
        project.absorbed_into = absorbed_into
    elif absorbed_into is not None:
        raise ValidationError(_("Only an absorbed project names the project that took it in."))
    previous = project.status
    project.status = to
    project.full_clean()
    project.save(update_fields=["status", "absorbed_into"])
    day, precision = _fuzzy(on)
    change = ProjectStatusChange(
        project=project,
        previous_status=previous,
        status=to,
        date=day,
        date_precision=precision,
        recorded_by=by,
        note=note.strip(),
    )
    change.full_clean()
    change.save()
    return change


# -- funding ------------------------------------------------------------------------------------


def _new_key(kind: str, project: Project) -> str:
    return f"{kind}-{project.slug[:60]}-{secrets.token_hex(4)}"


def _cite(record, source_url: str, source_title: str = "", quote: str = "") -> None:
    """Cite a web page for a record written in the workspace (the page becomes a Source)."""
    if not source_url:
        return
    source = Source.objects.filter(url=source_url).first()
    if source is None:
        digest = hashlib.sha256(source_url.encode()).hexdigest()[:12]
        source = Source(key=f"page-{digest}", title=source_title or source_url, url=source_url)
        source.full_clean()
        source.save()
    Citation.objects.create(
        source=source,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        quote=quote,
    )


def _check_money(kind: str, amount: Decimal | None, currency: str) -> None:
    if kind == FundingRecord.Kind.INTEREST:
        return
    if amount is None:
        raise ValidationError(
            {"amount": _("A %(kind)s needs its amount.") % {"kind": FundingRecord.Kind(kind).label}}
        )
    if amount == 0:
        raise ValidationError({"amount": _("An amount must be more than zero.")})
    if not currency:
        raise ValidationError({"currency": _("An amount needs its currency.")})


@transaction.atomic
def record_funding(
    project: Project,
    *,
    donor: Organisation,
    kind: str,
    by,
    amount: Decimal | None = None,
    currency: str = "",
    on: When = None,
    firmness: str = FundingRecord.Firmness.UNKNOWN,
    note: str = "",
    follows: FundingRecord | None = None,
    source_url: str = "",
    source_title: str = "",
) -> FundingRecord:
    """Record an interest, pledge, commitment or disbursement of ``donor`` for ``project``.

    Rules: a donor's representative records interest and pledges for their own organisation,
    the Secretariat anything (``permissions.can_record_funding``); a pledge, commitment or
    disbursement needs an amount above zero and its ISO 4217 currency; no amount is negative.
    A disbursement beyond the commitments is recorded, not refused: ``funding.overdisbursed``
    flags it.

    Side effects: creates the FundingRecord (with ``by`` and the time), and a Citation of the
    web page ``source_url`` (creating its Source) when one is given; writes anew the project's
    funding summary."""
    permissions.require(permissions.can_record_funding(by, donor=donor, kind=kind))
    if kind not in FundingRecord.Kind.values:
        raise ValidationError({"kind": _("“%(k)s” is not a kind of funding.") % {"k": kind}})
    currency = (currency or "").strip().upper()
    _check_money(kind, amount, currency)
    day, precision = _fuzzy(on)
    record = FundingRecord(
        key=_new_key(kind, project),
        project=project,
        donor=donor,
        kind=kind,
        amount=amount,
        currency=currency,
        date=day,
        date_precision=precision,
        firmness=firmness,
        note=note.strip(),
        follows=follows,
        recorded_at=timezone.now(),
        recorded_by=by,
    )
    record.full_clean()
    record.save()
    _cite(record, source_url, source_title)
    refresh_funding_summary(project)
    return record


def record_interest(
    project: Project, *, donor: Organisation, by, on: When = None, note: str = "", **extra
) -> FundingRecord:
    """Record that ``donor`` is interested in supporting ``project`` (see ``record_funding``;
    an interest may carry an amount but need not). Refuses a second open interest of the same
    donor in the same project."""
    open_interest = project.funding.filter(
        donor=donor, kind=FundingRecord.Kind.INTEREST, followed_by__isnull=True
    )
    if open_interest.exists():
        raise ValidationError(
            _("%(donor)s has already expressed interest in this project.") % {"donor": donor}
        )
    extra.setdefault("firmness", FundingRecord.Firmness.INDICATIVE)
    return record_funding(
        project, donor=donor, kind=FundingRecord.Kind.INTEREST, by=by, on=on, note=note, **extra
    )


@transaction.atomic
def convert_interest_to_pledge(
    record: FundingRecord,
    *,
    amount: Decimal,
    currency: str,
    by,
    on: When = None,
    firmness: str = FundingRecord.Firmness.INDICATIVE,
    note: str = "",
) -> FundingRecord:
    """Turn an expressed interest into a pledge of ``amount`` ``currency``.

    Rules: the record is an interest not yet turned into a pledge; whoever may record a pledge
    for its donor may do it (``permissions.can_convert_interest``).

    Side effects: locks the interest, creates the pledge (``follows`` the interest, which stays
    as the record of the interest) and copies the interest's citations to it."""
    record = FundingRecord.objects.select_for_update().get(pk=record.pk)
    if record.kind != FundingRecord.Kind.INTEREST:
        raise ValidationError(_("Only an expressed interest can be turned into a pledge."))
    permissions.require(permissions.can_convert_interest(by, record))
    if record.followed_by.filter(kind=FundingRecord.Kind.PLEDGE).exists():
        raise ValidationError(_("This interest has already been turned into a pledge."))
    pledge = record_funding(
        record.project,
        donor=record.donor,
        kind=FundingRecord.Kind.PLEDGE,
        by=by,
        amount=amount,
        currency=currency,
        on=on,
        firmness=firmness,
        note=note,
        follows=record,
    )
    Citation.objects.bulk_create(
        Citation(
            source_id=c.source_id,
            content_type=c.content_type,
            object_id=pledge.pk,
            section=c.section,
            quote=c.quote,
        )
        for c in record.citations.all()
    )
    return pledge


@transaction.atomic
def record_budget(
    project: Project,
    *,
    amount: Decimal,
    currency: str,
    by,
    period_start: When = None,
    period_end: When = None,
    kind: str = Budget.Kind.ORIGINAL,
    status: str = Budget.Status.INDICATIVE,
    note: str = "",
    source_url: str = "",
) -> Budget:
    """Record a project's budget (the Secretariat only); the funding gap is measured against it.

    Side effects: creates the Budget (with ``by`` and the time), cites ``source_url`` and writes
    anew the project's funding summary."""
    permissions.require(permissions.can_record_budgets(by))
    start, start_precision = _fuzzy(period_start)
    end, end_precision = _fuzzy(period_end)
    budget = Budget(
        project=project,
        amount=amount,
        currency=(currency or "").strip().upper(),
        period_start=start,
        period_start_precision=start_precision,
        period_end=end,
        period_end_precision=end_precision,
        kind=kind,
        status=status,
        note=note.strip(),
        recorded_at=timezone.now(),
        recorded_by=by,
    )
    budget.full_clean()
    budget.save()
    _cite(budget, source_url)
    refresh_funding_summary(project)
    return budget
