"""The query parameters of each list: filters with the portal's meaning (the same query
functions do the filtering), the allowed orderings and expansions.

A filter value that names nothing (an unknown goal, body or organisation, a code that is not an
ISO country) is refused with 400 naming the parameter, as the portal's filter forms refuse it."""

from typing import Literal

from django.db.models import Model
from django.utils.translation import gettext as _
from django_countries import countries
from pydantic import Field

from silkroutes.actors.models import Organisation, Region, Role
from silkroutes.core.models import Source
from silkroutes.documents.models import Document
from silkroutes.meetings.models import Body, MeetingStatus
from silkroutes.outcomes.models import ActionPoint, Outcome
from silkroutes.programme.models import FundingRecord, Project, ProjectStatus, Result
from silkroutes.strategy.models import ActionItem, Area, Framework, PriorityGoal

from .params import CountryCode, ListQuery, Slug, StrictQuery, expansions
from .problems import invalid_parameter


def choice(values) -> type:
    return Literal[tuple(values)]  # type: ignore[valid-type]


def orderings(*keys: str):
    """The type of an ``ordering`` parameter: one of ``keys``, each also descending (``-key``)."""
    return choice([*keys, *(f"-{key}" for key in keys)])


def must_exist(name: str, value, model: type[Model], **lookup) -> None:
    if value and not model.objects.filter(**lookup).exists():
        raise invalid_parameter(name, _("“%(value)s” names nothing.") % {"value": value})


def iso_country(name: str, value: str | None) -> str:
    code = (value or "").upper()
    if code and code not in dict(countries):
        raise invalid_parameter(
            name, _("“%(value)s” is not an ISO 3166-1 country code.") % {"value": value}
        )
    return code


class DetailQuery(StrictQuery):
    """A single record: only the language can be chosen."""


class ProjectDetailQuery(StrictQuery):
    expand: expansions("participants", "funding", "status_history", "results")


class ProjectQuery(ListQuery):
    status: choice(ProjectStatus.values) = None
    goal: Slug = Field(None, description="A priority goal's code")
    area: Slug = Field(None, description="A programme area's code")
    funder: Slug = Field(None, description="An organisation in the role funding")
    implementer: Slug = Field(None, description="An organisation in the role implementing")
    country: CountryCode = Field(None, description="A recipient country's ISO code")
    year: int = Field(None, ge=1900, le=2100, description="Running in this year")
    expand: expansions("participants", "funding", "status_history", "results")
    ordering: orderings("start", "slug") = Field(None, description="Default: start")

    def filters(self) -> dict:
        """Keyword arguments of ``programme.queries.projects_matching``, each checked."""
        must_exist("goal", self.goal, PriorityGoal, code=self.goal)
        must_exist("area", self.area, Area, code=self.area)
        must_exist("funder", self.funder, Organisation, slug=self.funder)
        must_exist("implementer", self.implementer, Organisation, slug=self.implementer)
        values = {
            "status": self.status or "",
            "goal": self.goal or "",
            "area": self.area or "",
            "funder": self.funder or "",
            "implementer": self.implementer or "",
            "country": iso_country("country", self.country),
            "year": self.year,
        }
        return {key: value for key, value in values.items() if value not in ("", None)}


class FundingQuery(ListQuery):
    project: Slug = None
    donor: Slug = Field(None, description="An organisation's slug")
    kind: choice(FundingRecord.Kind.values) = None
    ordering: orderings("date", "key") = Field(None, description="Default: project, then date")

    def check(self) -> None:
        must_exist("project", self.project, Project, slug=self.project)
        must_exist("donor", self.donor, Organisation, slug=self.donor)


class MeetingQuery(ListQuery):
    body: Slug = Field(None, description="A body's slug")
    type: choice(Body.Kind.values) = Field(None, description="The kind of body")
    goal: Slug = Field(None, description="A priority goal's code")
    country: CountryCode = Field(None, description="The ISO code of the meeting's country")
    year: int = Field(None, ge=1900, le=2200, description="The year the meeting starts in")
    status: choice(MeetingStatus.values) = None
    ordering: orderings("date", "slug") = Field(None, description="Default: date")

    def filters(self) -> dict:
        """Keyword arguments of ``meetings.queries.timetable_meetings``, each checked."""
        must_exist("body", self.body, Body, slug=self.body)
        must_exist("goal", self.goal, PriorityGoal, code=self.goal)
        return {
            "body": self.body or "",
            "kind": self.type or "",
            "goal": self.goal or "",
            "country": iso_country("country", self.country),
            "year": self.year,
            "status": self.status or "",
        }


class BodyQuery(ListQuery):
    kind: choice(Body.Kind.values) = None
    region: Slug = Field(None, description="A region's code")

    def check(self) -> None:
        must_exist("region", self.region, Region, code=self.region)


class RoleQuery(ListQuery):
    kind: choice(Role.Kind.values) = None
    holder: Slug = Field(None, description="The holding organisation's slug")
    of: Slug = Field(None, description="The dialogue's or forum's slug")
    body: Slug = Field(None, description="The body's slug")

    def check(self) -> None:
        must_exist("holder", self.holder, Organisation, slug=self.holder)
        must_exist("of", self.of, Organisation, slug=self.of)
        must_exist("body", self.body, Body, slug=self.body)


class GoalQuery(ListQuery):
    framework: Slug = Field(None, description="Only the goals this framework words")

    def check(self) -> None:
        must_exist("framework", self.framework, Framework, slug=self.framework)


class AreaQuery(ListQuery):
    framework: Slug = None

    def check(self) -> None:
        must_exist("framework", self.framework, Framework, slug=self.framework)


class ResultQuery(ListQuery):
    project: Slug = Field(None, description="A project's slug")
    kind: choice(Result.Kind.values) = None
    category: choice(Result.Category.values) = None
    goal: Slug = Field(None, description="A priority goal's code")
    country: CountryCode = Field(None, description="The ISO code of the result's country")

    def check(self) -> None:
        must_exist("project", self.project, Project, slug=self.project)
        must_exist("goal", self.goal, PriorityGoal, code=self.goal)

    def country_code(self) -> str:
        return iso_country("country", self.country)


class ActionItemQuery(ListQuery):
    framework: Slug = Field(None, description="A framework's slug")
    goal: Slug = Field(None, description="A priority goal's code")
    responsible: Slug = Field(None, description="A responsible organisation's slug")
    status: choice(ActionItem.Status.values) = None

    def check(self) -> None:
        must_exist("framework", self.framework, Framework, slug=self.framework)
        must_exist("goal", self.goal, PriorityGoal, code=self.goal)
        must_exist("responsible", self.responsible, Organisation, slug=self.responsible)


class FrameworkQuery(ListQuery):
    kind: choice(Framework.Kind.values) = None


class OrganisationQuery(ListQuery):
    kind: choice(Organisation.Kind.values) = None
    country: CountryCode = Field(None, description="The ISO code of its country")
    expand: expansions("roles")

    def country_code(self) -> str:
        return iso_country("country", self.country)


class CountryQuery(ListQuery):
    region: Slug = Field(None, description="A region's code")

    def check(self) -> None:
        must_exist("region", self.region, Region, code=self.region)


class RegionQuery(ListQuery):
    country: CountryCode = Field(None, description="Only the regions this country is in")

    def country_code(self) -> str:
        return iso_country("country", self.country)


class PartnershipQuery(ListQuery):
    partner: Slug = Field(None, description="The partner organisation's slug")

    def check(self) -> None:
        must_exist("partner", self.partner, Organisation, slug=self.partner)


class SourceQuery(ListQuery):
    kind: choice(Source.Kind.values) = None


class OrganisationDetailQuery(StrictQuery):
    expand: expansions("roles")


class DocumentQuery(ListQuery):
    meeting: Slug = Field(None, description="A meeting's slug")
    body: Slug = Field(None, description="A body's slug (its own documents and its meetings')")
    kind: choice(Document.Kind.values) = None


class OutcomeQuery(ListQuery):
    meeting: Slug = Field(None, description="The slug of the meeting that adopted it")
    kind: choice(Outcome.Kind.values) = None
    goal: Slug = Field(None, description="A priority goal's code")


class ActionPointQuery(ListQuery):
    status: choice(ActionPoint.Status.values) = None
    owner: Slug = Field(None, description="The owning organisation's slug")
    body: Slug = Field(None, description="The owning body's slug")
    overdue: bool = Field(None, description="Only open action points past their due date")
