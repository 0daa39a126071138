"""What the API returns for records that not everyone may read: documents' metadata, outcomes
and action points, delegations. Each list holds only what the acting user may see (the same
predicates as the portal and the workspace)."""

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from silkroutes.documents.models import Document
from silkroutes.documents.tiers import AccessTier
from silkroutes.outcomes.models import ActionPoint, Outcome

from .common import BodyRef, GoalRef, Link, MeetingRef, OrganisationRef, ProjectRef


def choices(values) -> type:
    return Literal[tuple(values)]  # type: ignore[valid-type]


class DocumentFileOut(Schema):
    language: str
    name: str = Field(description="The name of the uploaded file")
    size: int = Field(description="Bytes")
    content_type: str
    download_url: Link = Field(description="Answers only those who may read the document")


class DocumentOut(Schema):
    slug: str
    title: str
    kind: choices(Document.Kind.values)
    meeting: MeetingRef | None
    body: BodyRef | None
    access_tier: choices(AccessTier.values)
    embargo_until: dt.datetime | None = Field(description="Public from this moment")
    published_at: dt.datetime | None = Field(description="null: a draft (Secretariat only)")
    files: list[DocumentFileOut] = Field(description="One per language version")
    href: Link


class OutcomeBrief(Schema):
    id: int
    title: str
    href: Link


class ActionPointOut(Schema):
    id: int
    outcome: OutcomeBrief | None = Field(
        description="null when you may not read the outcome (see outcome_restricted)"
    )
    outcome_restricted: bool = Field(
        description="true: the action point is yours, but the outcome it follows from is "
        "restricted to others, so neither its title nor its address is given"
    )
    description: str
    owner_organisation: OrganisationRef | None
    owner_body: BodyRef | None
    due_date: dt.date | None
    status: choices(ActionPoint.Status.values)
    overdue: bool
    done_at: dt.datetime | None
    version: int = Field(description="Send it back as expected_version when changing the status")
    href: Link


class OutcomeOut(Schema):
    id: int
    meeting: MeetingRef
    kind: choices(Outcome.Kind.values)
    title: str
    text: str
    goals: list[GoalRef]
    projects: list[ProjectRef]
    bodies: list[BodyRef] = Field(description="The bodies it concerns besides the meeting's")
    access_tier: choices(AccessTier.values)
    published_at: dt.datetime | None = Field(description="null: a draft (Secretariat only)")
    version: int = Field(description="Send it back as expected_version when revising")
    action_points: list[ActionPointOut]
    href: Link


class DelegationMemberOut(Schema):
    name: str
    function: str | None
    email: str | None
    phone: str | None
    is_head: bool
    attended: bool | None = Field(description="null until attendance is recorded")


class DelegationOut(Schema):
    """A state's delegation: personal data, shown to the Secretariat and that state's focal
    points only."""

    meeting: MeetingRef
    state: OrganisationRef
    registered_at: dt.datetime
    updated_at: dt.datetime
    members: list[DelegationMemberOut]
