"""A project as the programme list shows it: plain strings worked out once per project and
language (its dates in words, its status label, the addresses of its goals and participants)."""

from collections.abc import Iterable
from dataclasses import dataclass

from silkroutes.core.fuzzydates import in_words
from silkroutes.core.presenters import labels, url_maker

from .models import Project, ProjectStatus


@dataclass(slots=True)
class ProjectRow:
    project: Project
    url: str
    title: str  # empty for a project the strategy describes without a title
    designation: str
    acronym: str
    status: str
    status_label: str
    start: str  # in words, empty when not stated
    start_planned: bool
    end: str
    end_planned: bool
    goals: list[tuple[str, str]]  # (address, name)
    funders: list[tuple[str, str]]
    implementers: list[tuple[str, str]]


def project_rows(projects: Iterable[Project]) -> list[ProjectRow]:
    """The rows of ``projects`` as ``projects_for_listing`` loads them, in the active language."""
    project_url, goal_url = url_maker("portal:project"), url_maker("portal:goal")
    organisation_url = url_maker("portal:organisation")
    statuses = labels(ProjectStatus)

    def organisations(participations) -> list[tuple[str, str]]:
        return [
            (organisation_url(p.organisation.slug), p.organisation.name) for p in participations
        ]

    rows = []
    for project in projects:
        start, end = project.start, project.end
        rows.append(
            ProjectRow(
                project=project,
                url=project_url(project.slug),
                title=project.title,
                designation=project.designation,
                acronym=project.acronym,
                status=project.status,
                status_label=statuses[project.status],
                start=in_words(start) if start else "",
                start_planned=not project.actual_start,
                end=in_words(end) if end else "",
                end_planned=not project.actual_end,
                goals=[(goal_url(goal.code), goal.name) for goal in project.goal_list],
                funders=organisations(project.funders),
                implementers=organisations(project.implementers),
            )
        )
    return rows
