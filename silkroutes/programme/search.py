"""What of the programme is public, and how it is searched.

Every public page, the search and any other interface reads projects and their participants
through these functions, so that a restriction added later applies everywhere at once."""

from django.db.models import QuerySet

from silkroutes.core.queries import with_provenance
from silkroutes.core.search import text_search

from .models import (
    FundingRecord,
    Indicator,
    Participation,
    Project,
    ProjectLink,
    ProjectStatusChange,
    RecipientCountry,
    Result,
)

PROJECT_SEARCH_FIELDS = ("title", "designation", "acronym", "description")
RESULT_SEARCH_FIELDS = ("title", "description", "place")


def public_projects() -> QuerySet[Project]:
    """The projects anyone may see: all of them in the current model."""
    return Project.objects.all()


def public_participations() -> QuerySet[Participation]:
    """Participations in public projects, with project, organisation and provenance loaded."""
    return with_provenance(
        Participation.objects.filter(project__in=public_projects()).select_related(
            "project", "organisation"
        )
    )


def public_recipients() -> QuerySet[RecipientCountry]:
    """Recipient countries of public projects, with project, country and provenance loaded."""
    return with_provenance(
        RecipientCountry.objects.filter(project__in=public_projects()).select_related(
            "project", "country"
        )
    )


def search_projects(query: str) -> QuerySet[Project]:
    return text_search(public_projects(), query)


def public_results() -> QuerySet[Result]:
    """The results (outputs and outcomes) of public projects."""
    return Result.objects.filter(project__in=public_projects())


def search_results(query: str) -> QuerySet[Result]:
    return text_search(public_results().select_related("project"), query)


def public_funding_records() -> QuerySet[FundingRecord]:
    """Funding records of public projects, with project, donor and provenance loaded."""
    return with_provenance(
        FundingRecord.objects.filter(project__in=public_projects()).select_related(
            "project", "donor"
        )
    )


def public_records() -> list[QuerySet]:
    """One queryset per sourced model of the programme: what anyone may see of it, loaded for
    naming a record (its ``str``) and linking it to its project (pages listing citations)."""
    projects = public_projects()
    return [
        projects,
        ProjectStatusChange.objects.filter(project__in=projects).select_related("project"),
        ProjectLink.objects.filter(project__in=projects).select_related("project", "builds_on"),
        RecipientCountry.objects.filter(project__in=projects).select_related("project", "country"),
        Participation.objects.filter(project__in=projects).select_related(
            "project", "organisation"
        ),
        FundingRecord.objects.filter(project__in=projects).select_related("project", "donor"),
        Result.objects.filter(project__in=projects).select_related("project"),
        Indicator.objects.filter(result__project__in=projects).select_related("result__project"),
        # Budgets and exchange rates are not shown on public pages yet: left out until then.
    ]
