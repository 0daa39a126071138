"""What the row presenters (``MeetingRow``, ``ProjectRow``, ``OrganisationRow``) share: the
parts of a row that are the same for a whole list in one language, worked out once for the list
instead of once per row (a ``reverse()``, a translated choice list, a country name each cost a
few dozen microseconds, and a list of 200 rows asks for them a thousand times)."""

import functools
from collections.abc import Callable

from django.conf import settings
from django.db.models import Choices
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django_countries import countries

# A key that no slug or code takes, substituted in the one URL reversed for a list.
_SLOT = "0-row-key-0"


def url_maker(viewname: str) -> Callable[[str], str]:
    """The URL of ``viewname`` for a key (a slug or a code: they need no quoting), in the active
    language, from one ``reverse()``."""
    head, tail = reverse(viewname, args=[_SLOT]).split(_SLOT)
    return lambda key: f"{head}{key}{tail}"


@functools.cache
def _country_names(language: str) -> dict[str, str]:
    with translation.override(language):
        return {code: str(name) for code, name in countries}


def country_names(language: str | None = None) -> dict[str, str]:
    """Every country's name by its ISO code, in ``language`` (by default the active one)."""
    return _country_names(language or get_language() or settings.LANGUAGE_CODE)


def country_name(code: str, language: str | None = None) -> str:
    """As ``Country.name``: the name in ``language`` (or the active one), else the code."""
    return country_names(language).get(code) or code


def labels(choices: type[Choices]) -> dict[str, str]:
    """The labels of a choice list by value, in the active language."""
    return {value: str(label) for value, label in choices.choices}
