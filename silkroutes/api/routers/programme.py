"""Projects with their participants, funding and status history; funding records."""

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from silkroutes.core.queries import with_provenance
from silkroutes.programme.models import (
    FundingRecord,
    Participation,
    Project,
    ProjectLink,
    ProjectStatusChange,
    RecipientCountry,
)
from silkroutes.programme.queries import projects_matching
from silkroutes.strategy.queries import areas_in_order, goals_in_founding_order

from ..filters import DetailQuery, FundingQuery, ProjectDetailQuery, ProjectQuery
from ..openapi import responses
from ..params import ListQuery, Slug
from ..representation import Context
from ..schemas.common import page_of
from ..schemas.output import (
    FundingOut,
    ParticipationOut,
    ProjectOut,
    ResultOut,
    StatusChangeOut,
)
from .common import one, page, page_response
from .results import result_out, results_for_api

router = Router(tags=["programme"])

PROJECT_ORDERINGS = {
    "start": (F("start_day").asc(nulls_last=True), "slug"),
    "-start": (F("start_day").desc(nulls_last=True), "-slug"),
    "slug": ("slug",),
    "-slug": ("-slug",),
}
FUNDING_ORDERINGS = {
    "date": (F("date").asc(nulls_last=True), "key"),
    "-date": (F("date").desc(nulls_last=True), "-key"),
    "key": ("key",),
    "-key": ("-key",),
}


# -- reads ------------------------------------------------------------------------------------


def participations() -> QuerySet[Participation]:
    return with_provenance(
        Participation.objects.select_related("organisation").order_by("role", "organisation__slug")
    )


def funding_records() -> QuerySet[FundingRecord]:
    return with_provenance(
        FundingRecord.objects.select_related("project", "donor", "follows").order_by(
            "project__slug", F("date").asc(nulls_last=True), "key"
        )
    )


def status_changes() -> QuerySet[ProjectStatusChange]:
    return with_provenance(ProjectStatusChange.objects.order_by("pk"))


def with_project_details(projects: QuerySet[Project], expand: frozenset[str]) -> QuerySet:
    """Everything a project's representation shows, prefetched: a fixed number of queries."""
    lookups = [
        Prefetch("goals", queryset=goals_in_founding_order()),
        Prefetch("areas", queryset=areas_in_order()),
        Prefetch(
            "recipients",
            queryset=with_provenance(
                RecipientCountry.objects.select_related("country").order_by("level", "country")
            ),
        ),
        Prefetch(
            "predecessor_links",
            queryset=ProjectLink.objects.select_related("builds_on").order_by("builds_on__slug"),
        ),
        Prefetch(
            "successor_links",
            queryset=ProjectLink.objects.select_related("project").order_by("project__slug"),
        ),
    ]
    if "participants" in expand:
        lookups.append(Prefetch("participations", queryset=participations()))
    if "funding" in expand:
        lookups.append(Prefetch("funding", queryset=funding_records()))
    if "status_history" in expand:
        lookups.append(Prefetch("status_changes", queryset=status_changes()))
    if "results" in expand:
        lookups.append(Prefetch("results", queryset=results_for_api()))
    return with_provenance(
        projects.select_related("absorbed_into").prefetch_related(None).prefetch_related(*lookups)
    )


# -- representations --------------------------------------------------------------------------


def participation_out(ctx: Context, participation: Participation) -> dict:
    return {
        "organisation": ctx.organisation_ref(participation.organisation),
        "role": participation.role,
        "iati_role": Participation.IATI_ROLE_CODES.get(participation.role),
        **ctx.provenance(participation),
    }


def funding_out(ctx: Context, record: FundingRecord) -> dict:
    return {
        "key": record.key,
        "project": ctx.project_ref(record.project),
        "donor": ctx.organisation_ref(record.donor),
        "kind": record.kind,
        "amount": f"{record.amount:.2f}" if record.amount is not None else None,
        "currency": record.currency or None,
        "date": ctx.date(record, "date"),
        "note": record.note or None,
        "firmness": record.firmness,
        "follows": record.follows.key if record.follows_id else None,
        "href": ctx.link("funding", record.key),
        **ctx.provenance(record),
    }


def status_change_out(ctx: Context, change: ProjectStatusChange) -> dict:
    return {
        "previous_status": change.previous_status or None,
        "status": change.status,
        "date": ctx.date(change, "date"),
        "note": change.note or None,
        **ctx.provenance(change),
    }


def _expandable(ctx: Context, project: Project, name: str, related: str, render) -> list | str:
    if name in ctx.expand:
        return [render(ctx, item) for item in getattr(project, related).all()]
    return ctx.link("projects", project.slug, name)


def project_out(ctx: Context, project: Project) -> dict:
    return {
        "slug": project.slug,
        "title": ctx.text(project, "title") if project.title else None,
        "designation": ctx.text(project, "designation") if project.designation else None,
        "acronym": project.acronym or None,
        "description": ctx.text(project, "description") if project.description else None,
        "status": project.status,
        **{name: ctx.date(project, name) for name in dict(project.fuzzy_date_fields)},
        "goals": [ctx.goal_ref(goal) for goal in project.goals.all()],
        "areas": [ctx.area_ref(area) for area in project.areas.all()],
        "recipient_countries": [
            {"country": ctx.country_ref(r.country), "level": r.level, **ctx.provenance(r)}
            for r in project.recipients.all()
        ],
        "builds_on": [ctx.project_ref(link.builds_on) for link in project.predecessor_links.all()],
        "built_upon_by": [ctx.project_ref(link.project) for link in project.successor_links.all()],
        "absorbed_into": ctx.project_ref(project.absorbed_into),
        "participants": _expandable(
            ctx, project, "participants", "participations", participation_out
        ),
        "funding": _expandable(ctx, project, "funding", "funding", funding_out),
        "status_history": _expandable(
            ctx, project, "status_history", "status_changes", status_change_out
        ),
        "results": _expandable(ctx, project, "results", "results", result_out),
        "href": ctx.link("projects", project.slug),
        "web_url": ctx.web_of("portal:project", project.slug),
        **ctx.provenance(project),
    }


# -- endpoints --------------------------------------------------------------------------------


@router.get("/projects", response=responses(page_of(ProjectOut)), url_name="projects")
def project_list(request, query: Query[ProjectQuery]):
    """The programme's projects, filtered as on the portal's programme page."""
    ctx = Context.of(request, query)
    projects = projects_matching(**query.filters()).order_by(
        *PROJECT_ORDERINGS[query.ordering or "start"]
    )
    details = with_project_details(projects, ctx.expand)
    return page_response(request, query, details, project_out, ctx)


@router.get("/projects/{slug}", response=responses(ProjectOut), url_name="project")
def project_detail(request, slug: Slug, query: Query[ProjectDetailQuery]):
    ctx = Context.of(request, query)
    project = get_object_or_404(with_project_details(Project.objects.all(), ctx.expand), slug=slug)
    with ctx.rendering():
        return project_out(ctx, project)


def _project_part(request, slug: Slug, query: ListQuery, items, render):
    project = get_object_or_404(Project.objects.only("pk"), slug=slug)
    return page(request, query, items.filter(project=project), render)


@router.get(
    "/projects/{slug}/participants",
    response=responses(page_of(ParticipationOut)),
    url_name="project_participants",
)
def project_participants(request, slug: Slug, query: Query[ListQuery]):
    """The organisations taking part in a project, in each role, with their sources."""
    return _project_part(request, slug, query, participations(), participation_out)


@router.get(
    "/projects/{slug}/funding",
    response=responses(page_of(FundingOut)),
    url_name="project_funding",
)
def project_funding(request, slug: Slug, query: Query[ListQuery]):
    """Interest, pledges, commitments and disbursements for a project."""
    return _project_part(request, slug, query, funding_records(), funding_out)


@router.get(
    "/projects/{slug}/status_history",
    response=responses(page_of(StatusChangeOut)),
    url_name="project_status_history",
)
def project_status_history(request, slug: Slug, query: Query[ListQuery]):
    """The steps of a project's lifecycle, oldest first."""
    return _project_part(request, slug, query, status_changes(), status_change_out)


@router.get(
    "/projects/{slug}/results",
    response=responses(page_of(ResultOut)),
    url_name="project_results",
)
def project_results(request, slug: Slug, query: Query[ListQuery]):
    """What a project produced, with its indicators."""
    return _project_part(request, slug, query, results_for_api(), result_out)


@router.get("/funding", response=responses(page_of(FundingOut)), url_name="funding")
def funding_list(request, query: Query[FundingQuery]):
    """Funding records of every project."""
    query.check()
    records = funding_records()
    if query.project:
        records = records.filter(project__slug=query.project)
    if query.donor:
        records = records.filter(donor__slug=query.donor)
    if query.kind:
        records = records.filter(kind=query.kind)
    if query.ordering:
        records = records.order_by(*FUNDING_ORDERINGS[query.ordering])
    return page(request, query, records, funding_out)


@router.get("/funding/{key}", response=responses(FundingOut), url_name="funding_record")
def funding_detail(request, key: Slug, query: Query[DetailQuery]):
    return one(request, query, funding_records(), funding_out, key=key)
