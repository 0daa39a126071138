"""Writes of the programme: moving a project along its lifecycle and recording funding, through
``silkroutes.programme.services`` with the token's user as the actor (the services ask
``programme.permissions`` and raise PermissionDenied, answered with 403)."""

from django.shortcuts import get_object_or_404
from ninja import Status

from silkroutes.actors.models import Organisation
from silkroutes.programme import services
from silkroutes.programme.models import FundingRecord, Project

from ..auth import REQUIRED_TOKEN
from ..openapi import write_responses
from ..params import Slug
from ..representation import Context
from ..schemas.input import FundingIn, MoveIn, PledgeIn
from ..schemas.output import FundingOut, StatusChangeOut
from .programme import funding_out, funding_records, router, status_change_out, status_changes
from .writing import acting, fuzzy_in, resolve

ERRORS = (400, 401, 403, 404, 422, 429)


def _render(request, render, record):
    ctx = Context.of(request)
    with ctx.rendering():
        return Status(201, render(ctx, record))


@router.post(
    "/projects/{slug}/moves",
    auth=REQUIRED_TOKEN,
    response=write_responses(StatusChangeOut, status=201, errors=ERRORS),
    url_name="project_move",
)
def project_move(request, slug: Slug, payload: MoveIn):
    """Move a project along its lifecycle (the Secretariat), on a day or a fuzzy date."""
    by = acting(request)
    project = get_object_or_404(Project, slug=slug)
    change = services.move_project(
        project,
        to=payload.to,
        on=fuzzy_in("on", payload.on),
        note=payload.note,
        absorbed_into=resolve(
            Project, "absorbed_into", payload.absorbed_into, slug=payload.absorbed_into
        ),
        by=by,
    )
    return _render(request, status_change_out, status_changes().get(pk=change.pk))


@router.post(
    "/projects/{slug}/funding",
    auth=REQUIRED_TOKEN,
    response=write_responses(FundingOut, status=201, errors=ERRORS),
    url_name="funding_record",
)
def funding_record(request, slug: Slug, payload: FundingIn):
    """Record an interest, pledge, commitment or disbursement: a donor's representative its own
    interest and pledges, the Secretariat anything."""
    by = acting(request)
    project = get_object_or_404(Project, slug=slug)
    donor = resolve(Organisation, "donor", payload.donor, slug=payload.donor)
    extra = {
        "amount": payload.amount,
        "currency": payload.currency or "",
        "source_url": payload.source_url or "",
        "source_title": payload.source_title,
    }
    if payload.firmness:
        extra["firmness"] = payload.firmness
    on = fuzzy_in("on", payload.on)
    if payload.kind == FundingRecord.Kind.INTEREST:
        record = services.record_interest(
            project, donor=donor, by=by, on=on, note=payload.note, **extra
        )
    else:
        record = services.record_funding(
            project, donor=donor, kind=payload.kind, by=by, on=on, note=payload.note, **extra
        )
    return _render(request, funding_out, funding_records().get(pk=record.pk))


@router.post(
    "/funding/{key}/pledge",
    auth=REQUIRED_TOKEN,
    response=write_responses(FundingOut, status=201, errors=ERRORS),
    url_name="funding_pledge",
)
def funding_pledge(request, key: Slug, payload: PledgeIn):
    """Turn an expressed interest into a pledge (the new record follows the interest)."""
    by = acting(request)
    interest = get_object_or_404(FundingRecord, key=key)
    extra = {"firmness": payload.firmness} if payload.firmness else {}
    pledge = services.convert_interest_to_pledge(
        interest,
        amount=payload.amount,
        currency=payload.currency,
        on=fuzzy_in("on", payload.on),
        note=payload.note,
        by=by,
        **extra,
    )
    return _render(request, funding_out, funding_records().get(pk=pledge.pk))
