"""What the API accepts: the bodies of write requests. Separate from the output shapes: a client
sends references by slug or code, dates as strings, and the version it last read."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, field_validator

from silkroutes.core.text import validate_single_line, validate_text
from silkroutes.documents.tiers import AccessTier
from silkroutes.outcomes.models import ActionPoint, Outcome
from silkroutes.programme.models import FundingRecord, ProjectStatus

FUZZY_PATTERN = r"^\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)?$"
FuzzyText = Annotated[
    str, Field(pattern=FUZZY_PATTERN, description="2015, 2015-Q2, 2015-04 or 2015-04-17")
]


def _pydantic(validator):
    """A text validator of ``silkroutes.core.text`` as pydantic wants it: the message in a
    ValueError, so that the 422 names the field and says what is wrong."""

    def check(value):
        try:
            validator(value)
        except ValidationError as error:
            raise ValueError(" ".join(error.messages)) from None
        return value

    return check


Line = AfterValidator(_pydantic(validate_single_line))  # titles, names, cities: no line break
Ref = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)]
ShortText = Annotated[str, Field(max_length=300), Line]
LongText = Annotated[str, Field(max_length=20_000)]
Revision = Annotated[
    int | None,
    Field(
        None,
        ge=0,
        description="The meeting's revision you last read: refused with 409 if it changed since",
    ),
]


def choices(values) -> type:
    return Literal[tuple(values)]  # type: ignore[valid-type]


def _refuse_control(value):
    """Any text of a body, in a list or not: no character that a download cannot carry (422)."""
    for text in value if isinstance(value, list) else [value]:
        _pydantic(validate_text)(text)
    return value


class Input(Schema):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*")
    @classmethod
    def _no_control_characters(cls, value):
        return _refuse_control(value)


class ForeseeIn(Input):
    body: Ref = Field(description="The body's slug")
    date: FuzzyText
    title: ShortText


class ScheduleIn(Input):
    revision: Revision
    first_day: dt.date
    last_day: dt.date | None = None
    city: ShortText
    country: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 code")]
    host: Ref | None = Field(None, description="The hosting organisation's slug")


class AgendaItemIn(Input):
    title: ShortText
    goals: LongText = ""


class AgendaIn(Input):
    revision: Revision
    items: list[AgendaItemIn] = Field(max_length=200)


class PostponeIn(Input):
    revision: Revision
    reason: LongText
    new_date: FuzzyText | None = None


class CancelIn(Input):
    revision: Revision
    reason: LongText


NonNegative = Annotated[int | None, Field(None, ge=0, le=1_000_000)]


class HoldIn(Input):
    revision: Revision
    participants: NonNegative
    countries_count: NonNegative
    organisations_count: NonNegative


class InviteIn(Input):
    organisations: list[Ref] = Field(min_length=1, max_length=500, description="Slugs")


class DelegationMemberIn(Input):
    name: ShortText
    function: ShortText = ""
    email: Annotated[str, Field(max_length=254), Line] = ""
    phone: Annotated[str, Field(max_length=40), Line] = ""
    is_head: bool = False


class DelegationIn(Input):
    members: list[DelegationMemberIn] = Field(min_length=1, max_length=200)


class PresentIn(Input):
    organisation: Ref
    persons: NonNegative


class PresentMemberIn(Input):
    state: Ref = Field(description="The slug of the member's state")
    name: ShortText


class AttendanceIn(Input):
    organisations: list[PresentIn] = Field(max_length=500)
    present_members: list[PresentMemberIn] = Field(default_factory=list, max_length=2000)


class AdoptIn(Input):
    kind: choices(Outcome.Kind.values)
    title: ShortText
    text: LongText
    goals: list[Ref] = Field(default_factory=list, max_length=20)
    projects: list[Ref] = Field(default_factory=list, max_length=200)
    bodies: list[Ref] = Field(default_factory=list, max_length=50)
    access_tier: choices(AccessTier.values) = AccessTier.PUBLIC
    publish: bool = False


class ReviseIn(Input):
    title: ShortText
    text: LongText
    expected_version: int = Field(ge=1, description="The version you last read")


class ActionPointIn(Input):
    description: LongText
    owner_organisation: Ref | None = None
    owner_body: Ref | None = None
    due_date: dt.date | None = None


class ActionPointStatusIn(Input):
    status: choices(ActionPoint.Status.values)
    expected_version: int | None = Field(None, ge=1, description="The version you last read")


class MoveIn(Input):
    to: choices(ProjectStatus.values)
    on: FuzzyText | None = None
    note: LongText = ""
    absorbed_into: Ref | None = Field(None, description="For ``absorbed``: the project's slug")


Amount = Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=2)]


class FundingIn(Input):
    donor: Ref
    kind: choices(FundingRecord.Kind.values)
    amount: Amount | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")] | None = None
    on: FuzzyText | None = None
    firmness: choices(FundingRecord.Firmness.values) | None = None
    note: LongText = ""
    source_url: Annotated[str, Field(max_length=500, pattern=r"^https?://\S+$")] | None = None
    source_title: ShortText = ""


class PledgeIn(Input):
    amount: Amount
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")]
    on: FuzzyText | None = None
    firmness: choices(FundingRecord.Firmness.values) | None = None
    note: LongText = ""


class InvitedOut(Schema):
    invited: list[str] = Field(description="Slugs of the organisations newly invited")
