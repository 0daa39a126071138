"""What the API returns for each resource. Every resource is ``Sourced`` (its citations and the
alternatives other sources give) and has ``href``, its address in the API; those with a portal
page have ``web_url`` too."""

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from silkroutes.actors.models import Organisation, Role
from silkroutes.core.models import Source
from silkroutes.meetings.models import Body, MeetingStatus
from silkroutes.programme.models import (
    FundingRecord,
    Participation,
    ProjectStatus,
    RecipientCountry,
    Result,
)
from silkroutes.strategy.models import ActionItem, Framework

from .common import (
    AreaRef,
    BodyRef,
    CountryRef,
    FrameworkRef,
    FuzzyDate,
    GoalRef,
    Link,
    MeetingRef,
    OptionalText,
    OrganisationRef,
    ProjectRef,
    RegionRef,
    Text,
    sourced,
)


def choices(values) -> type:
    return Literal[tuple(values)]  # type: ignore[valid-type]


class SourceOut(Schema):
    key: str
    kind: choices(Source.Kind.values)
    title: str
    url: str | None = Field(description="The document's or page's own address")
    href: Link
    web_url: Link


@sourced
class CountryOut(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2")
    name: Text
    regions: list[RegionRef]
    href: Link
    web_url: Link


@sourced
class RegionOut(Schema):
    code: str
    name: Text
    countries: list[CountryRef]
    href: Link


@sourced
class RoleOut(Schema):
    """A dated role: who held what, of which dialogue, forum or body (exactly one of ``of`` and
    ``body``), from when until when (null: not stated)."""

    key: str
    kind: choices(Role.Kind.values)
    holder: OrganisationRef
    of: OrganisationRef | None
    body: BodyRef | None
    start: FuzzyDate | None
    end: FuzzyDate | None
    href: Link


@sourced
class OrganisationOut(Schema):
    slug: str
    name: Text
    acronym: str | None
    kind: choices(Organisation.Kind.values)
    iati_type: choices(Organisation.IatiType.values) | None = Field(
        description="IATI OrganisationType code"
    )
    iati_ref: str | None = Field(description="IATI organisation identifier")
    country: CountryRef | None
    website: str | None
    roles: list[RoleOut] | Link = Field(
        description="The roles it held, embedded with ?expand=roles, else a link"
    )
    href: Link
    web_url: Link


@sourced
class PartnershipOut(Schema):
    slug: str
    partner: OrganisationRef
    purpose: Text
    start: FuzzyDate | None
    end: FuzzyDate | None
    href: Link


@sourced
class FrameworkOut(Schema):
    slug: str
    title: Text
    kind: choices(Framework.Kind.values)
    adopted: FuzzyDate | None
    adopted_at: MeetingRef | None
    period_start: FuzzyDate | None
    period_end: FuzzyDate | None
    href: Link


@sourced
class GoalLabelOut(Schema):
    framework: FrameworkRef
    order: int
    label: Text


@sourced
class GoalOut(Schema):
    code: str
    name: Text
    labels: list[GoalLabelOut] = Field(description="How each framework words and orders the goal")
    href: Link
    web_url: Link


@sourced
class ActionItemOut(Schema):
    """Something a framework commits the partnership to do."""

    key: str
    framework: FrameworkRef
    code: str
    order: int
    title: Text
    description: OptionalText
    goals: list[GoalRef]
    responsible: list[OrganisationRef]
    status: choices(ActionItem.Status.values)
    href: Link


@sourced
class AreaOut(Schema):
    code: str
    framework: FrameworkRef
    order: int
    title: Text
    href: Link


@sourced
class BodyOut(Schema):
    slug: str
    name: Text
    kind: choices(Body.Kind.values)
    region: RegionRef | None
    established: FuzzyDate | None
    focus: OptionalText
    future_perspective: OptionalText
    roles: list[RoleOut] = Field(description="Chairs, co-chairs and members over time")
    meetings: Link = Field(description="The body's meetings")
    href: Link
    web_url: Link


class AgendaItemOut(Schema):
    order: int
    title: Text
    goals: OptionalText = Field(description="What the item is to achieve")


@sourced
class MeetingOut(Schema):
    slug: str
    body: BodyRef
    number: int | None
    title: Text
    date: FuzzyDate = Field(description="The first day, or the period it is known to")
    end_date: dt.date | None = Field(description="The last day (only when the first is known)")
    status: choices(MeetingStatus.values)
    city: str | None
    country: CountryRef | None
    host: OrganisationRef | None
    goals: list[GoalRef]
    participants: int | None
    countries_count: int | None
    organisations_count: int | None
    description: OptionalText
    agenda: list[AgendaItemOut] = Field(description="The published agenda (empty until then)")
    agenda_published_at: dt.datetime | None
    revision: int = Field(description="Send it back as ``revision`` with a change")
    href: Link
    web_url: Link


@sourced
class ParticipationOut(Schema):
    organisation: OrganisationRef
    role: choices(Participation.Role.values)
    iati_role: int | None = Field(description="IATI OrganisationRole code (1-4), if any")


@sourced
class FundingOut(Schema):
    key: str
    project: ProjectRef
    donor: OrganisationRef
    kind: choices(FundingRecord.Kind.values)
    amount: str | None = Field(pattern=r"^\d+\.\d{2}$", description="A decimal, as a string")
    currency: str | None = Field(description="ISO 4217")
    date: FuzzyDate | None
    note: str | None
    firmness: choices(FundingRecord.Firmness.values)
    follows: str | None = Field(description="The key of the record this one follows")
    href: Link


@sourced
class StatusChangeOut(Schema):
    previous_status: choices(ProjectStatus.values) | None
    status: choices(ProjectStatus.values)
    date: FuzzyDate | None
    note: str | None


@sourced
class RecipientOut(Schema):
    country: CountryRef
    level: choices(RecipientCountry.Level.values)


@sourced
class IndicatorOut(Schema):
    """A measure of a result; each value null when no source states it."""

    title: Text
    unit: str | None
    baseline: str | None = Field(pattern=r"^-?\d+\.\d{2}$")
    baseline_year: int | None
    target: str | None = Field(pattern=r"^-?\d+\.\d{2}$")
    actual: str | None = Field(pattern=r"^-?\d+\.\d{2}$")


@sourced
class ResultOut(Schema):
    key: str
    project: ProjectRef
    kind: choices(Result.Kind.values)
    category: choices(Result.Category.values)
    title: Text
    date: FuzzyDate | None
    end_date: FuzzyDate | None
    place: str | None
    country: CountryRef | None
    people_count: int | None
    women_count: int | None
    institutions_count: int | None
    description: OptionalText
    goals: list[GoalRef]
    indicators: list[IndicatorOut]
    href: Link


@sourced
class ProjectOut(Schema):
    slug: str
    title: OptionalText = Field(description="null when no source gives the title")
    designation: OptionalText = Field(description="How a source describes an untitled project")
    acronym: str | None
    description: OptionalText
    status: choices(ProjectStatus.values)
    planned_start: FuzzyDate | None
    planned_end: FuzzyDate | None
    actual_start: FuzzyDate | None
    actual_end: FuzzyDate | None
    goals: list[GoalRef]
    areas: list[AreaRef]
    recipient_countries: list[RecipientOut]
    builds_on: list[ProjectRef] = Field(description="Predecessor projects")
    built_upon_by: list[ProjectRef] = Field(description="Successor projects")
    absorbed_into: ProjectRef | None
    participants: list[ParticipationOut] | Link = Field(
        description="Embedded with ?expand=participants, else a link"
    )
    funding: list[FundingOut] | Link = Field(
        description="Embedded with ?expand=funding, else a link"
    )
    status_history: list[StatusChangeOut] | Link = Field(
        description="Embedded with ?expand=status_history, else a link"
    )
    results: list[ResultOut] | Link = Field(
        description="Embedded with ?expand=results, else a link"
    )
    href: Link
    web_url: Link


class IndexOut(Schema):
    version: str
    openapi: Link
    docs: Link
    resources: dict[str, Link]
