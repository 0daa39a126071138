"""Query parameters shared by every read: the language, pagination, expansions and orderings.

Each endpoint declares one query schema derived from ``StrictQuery``; a parameter that the
schema does not declare is refused with 400 naming it, so that a misspelt filter never silently
returns everything. Optional parameters are typed without ``None`` (their default is ``None``,
which pydantic does not validate), so that the OpenAPI description does not offer ``null``, which a
query string cannot carry."""

import re
from typing import Annotated, Literal

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, Field, ValidationInfo, model_validator

from .problems import FieldError, Problem

LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
Language = Literal[LANGUAGES]  # type: ignore[valid-type]

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_PAGE = 100_000

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=100)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")]


class StrictQuery(Schema):
    """Declares ``lang`` and refuses undeclared parameters."""

    lang: Language = Field(
        None,
        description=(
            "Give every multilingual field as one string in this language (falling back to "
            "English) instead of an object with one entry per language."
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _refuse_unknown_parameters(cls, data, info: ValidationInfo):
        request = (info.context or {}).get("request")
        if request is None:
            return data
        known = {field.alias or name for name, field in cls.model_fields.items()}
        unknown = sorted(set(request.GET) - known)
        if unknown:
            allowed = ", ".join(sorted(known))
            raise Problem(
                "invalid-parameter",
                _("Unknown parameter: %(names)s. This endpoint accepts: %(allowed)s.")
                % {"names": ", ".join(unknown), "allowed": allowed},
                errors=[
                    FieldError(name, "query", _("This endpoint has no such parameter."))
                    for name in unknown
                ],
            )
        return data


class ListQuery(StrictQuery):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="The page of results, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Results per page (at most {MAX_PAGE_SIZE}).",
    )


def expansions(*names: str):
    """The type of an ``expand`` parameter: a comma-separated list of some of ``names``."""
    choice = "|".join(re.escape(name) for name in names)
    pattern = rf"^({choice})(,({choice}))*$"

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        unknown = [part for part in value.split(",") if part not in names]
        if unknown or not value:
            raise ValueError(
                _("cannot expand “%(parts)s”; this endpoint can expand: %(allowed)s")
                % {"parts": ", ".join(unknown) or value, "allowed": ", ".join(names)}
            )
        return value

    return Annotated[
        str,
        Field(
            None,
            description=(
                "Embed these related collections (comma-separated) instead of a link to each: "
                + ", ".join(names)
                + "."
            ),
            json_schema_extra={"pattern": pattern},
        ),
        AfterValidator(check),
    ]


def expanded(value: str | None) -> frozenset[str]:
    return frozenset(value.split(",")) if value else frozenset()
