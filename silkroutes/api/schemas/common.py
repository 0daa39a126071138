"""Shapes shared by every resource: multilingual texts, fuzzy dates, provenance, references,
pages of results and problem details."""

import datetime as dt
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, create_model

from silkroutes.api.params import LANGUAGES
from silkroutes.core.fuzzydates import Precision

Link = Annotated[str, Field(json_schema_extra={"format": "uri"})]

TranslatedText = create_model(
    "TranslatedText",
    __base__=Schema,
    __doc__="A text in each language; null where the language has no text.",
    **dict.fromkeys(LANGUAGES, (str | None, ...)),
)
# A multilingual field: one object by language, or with ``?lang=`` one string.
Text = TranslatedText | str
OptionalText = TranslatedText | str | None


class FuzzyDate(Schema):
    """A date known to the day, month, quarter or year."""

    value: str = Field(examples=["2015-Q2"], description="2015, 2015-Q2, 2015-04 or 2015-04-17")
    precision: Literal[tuple(Precision.values)]  # type: ignore[valid-type]
    first_day: dt.date
    last_day: dt.date


class SourceBrief(Schema):
    key: str
    title: str
    url: str | None


class Citation(Schema):
    """One source a record rests on: for the strategy document a section, and the words."""

    source: SourceBrief
    section: str | None
    quote: str | None


class Alternative(Schema):
    """A value another source gives for a field of the record (the record holds the preferred
    value)."""

    field: str
    value: str
    note: str | None
    sources: list[Citation]


def sourced(schema: type[Schema]) -> type[Schema]:
    """The schema with ``sources`` and ``alternatives`` added after its own fields."""
    return create_model(
        schema.__name__,
        __base__=schema,
        __module__=schema.__module__,
        __doc__=schema.__doc__,
        sources=(list[Citation], Field(description="The citations the record rests on")),
        alternatives=(
            list[Alternative],
            Field(description="Values other sources give for its fields"),
        ),
    )


class CountryRef(Schema):
    code: str
    name: Text
    href: Link


class RegionRef(Schema):
    code: str
    name: Text
    href: Link


class OrganisationRef(Schema):
    slug: str
    name: Text
    href: Link


class BodyRef(Schema):
    slug: str
    name: Text
    href: Link


class MeetingRef(Schema):
    slug: str
    title: Text
    href: Link


class ProjectRef(Schema):
    slug: str
    title: OptionalText
    href: Link


class GoalRef(Schema):
    code: str
    name: Text
    href: Link


class AreaRef(Schema):
    code: str
    title: Text
    href: Link


class FrameworkRef(Schema):
    slug: str
    title: Text
    href: Link


def page_of(item: type[Schema]) -> type[Schema]:
    """The schema of a page of ``item``s, named after it (``ProjectPage``)."""
    name = item.__name__.removesuffix("Out") + "Page"
    return create_model(
        name,
        __base__=Schema,
        __doc__=f"One page of results; follow ``next`` for the following page ({name}).",
        count=(int, Field(description="Results on all pages together")),
        next=(Link | None, Field(description="The next page, or null on the last")),
        previous=(Link | None, Field(description="The previous page, or null on the first")),
        results=(list[item], ...),
    )


# "in" is a Python keyword, so the model is made with create_model.
FieldProblem = create_model(
    "FieldProblem",
    __base__=Schema,
    __doc__="One parameter or field of the request and what is wrong with it.",
    field=(str | None, Field(description="The parameter or field; null for the whole request")),
    message=(str, ...),
    **{"in": (Literal["query", "path", "header", "body"], Field(description="Where it was"))},
)


class ProblemDetail(Schema):
    """An error (RFC 9457), served as ``application/problem+json``."""

    type: Link
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldProblem] = Field(
        None, description="For invalid input: each parameter or field and what is wrong with it"
    )


class ProblemType(Schema):
    type: Link
    title: str
    status: int
    description: str
