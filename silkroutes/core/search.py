"""Text search over querysets, for every domain.

PostgreSQL answers with its full-text search (configuration ``simple``, so that names match in
every language, and every word also matches as a prefix); any other database with a portable
equivalent: every word must occur, case-insensitively, in one of the fields. Each domain names its
searchable fields and its public records in its own ``search.py``; this module only chooses the
engine.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Count, F, Q, QuerySet, TextField, Value, Window
from django.db.models.functions import Replace
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
RESULTS_PER_KIND = 20

# Letters and digits; everything else (punctuation, the operators of PostgreSQL's tsquery
# syntax, underscores) separates words, so that no input can break a query.
_WORD = re.compile(r"[^\W_]+")


class QueryTooLong(ValueError):
    """A query longer than MAX_QUERY_LENGTH characters."""


def search_terms(query: str) -> list[str]:
    """The words of a query, lower-cased, at most MAX_TERMS of them."""
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(query)
    return _WORD.findall(query.casefold())[:MAX_TERMS]


def searchable_columns(model, fields: Iterable[str]) -> list[str]:
    """The columns to search for ``fields``: a translated field (django-modeltranslation) is
    searched in every language, so a reader finds a record whatever language they type in."""
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    columns: list[str] = []
    for name in fields:
        if name in translated:
            columns.extend(build_localized_fieldname(name, lang) for lang in AVAILABLE_LANGUAGES)
        else:
            columns.append(name)
    return columns


def text_search(queryset: QuerySet, fields: Sequence[str], query: str) -> QuerySet:
    """The records of ``queryset`` that match every word of ``query`` in ``fields`` (fields of
    the model itself, so that no record appears twice), best match first on PostgreSQL."""
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    columns = searchable_columns(queryset.model, fields)
    if connections[queryset.db].vendor == "postgresql":
        return _full_text_search(queryset, columns, terms)
    return _portable_search(queryset, columns, terms)


def _without_angle_brackets(column: str) -> Replace:
    text = TextField()
    opening = Replace(column, Value("<"), Value(" "), output_field=text)
    return Replace(opening, Value(">"), Value(" "), output_field=text)


def _full_text_search(queryset: QuerySet, columns: list[str], terms: list[str]) -> QuerySet:
    # The terms hold letters and digits only, so the raw tsquery cannot be malformed.
    tsquery = SearchQuery(
        " & ".join(f"{term}:*" for term in terms), search_type="raw", config="simple"
    )
    ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
    # PostgreSQL's parser reads "<...>" as a markup tag and drops it with the words inside, so a
    # title such as "Meeting <draft>" would not be found by "draft": angle brackets become spaces.
    texts = [_without_angle_brackets(column) for column in columns]
    return (
        queryset.annotate(search_document=SearchVector(*texts, config="simple"))
        .filter(search_document=tsquery)
        .annotate(search_rank=SearchRank(F("search_document"), tsquery))
        .order_by("-search_rank", *ordering)
    )


def _portable_search(queryset: QuerySet, columns: list[str], terms: list[str]) -> QuerySet:
    condition = Q()
    for term in terms:
        in_any_column = Q()
        for column in columns:
            in_any_column |= Q(**{f"{column}__icontains": term})
        condition &= in_any_column
    return queryset.filter(condition)


def matches_all(terms: Sequence[str], texts: Iterable[str]) -> bool:
    """For records searched in memory (country names come from django-countries, not from a
    column): whether every term occurs in one of the texts, case-insensitively."""
    haystack = [text.casefold() for text in texts if text]
    return bool(terms) and all(any(term in text for text in haystack) for term in terms)


@dataclass
class Hits:
    """The first results of one kind and how many were found in all."""

    items: list = field(default_factory=list)
    total: int = 0

    @property
    def truncated(self) -> bool:
        return self.total > len(self.items)


def first_hits(queryset: QuerySet, limit: int = RESULTS_PER_KIND) -> Hits:
    """The first ``limit`` records and the number of all of them, in one query (a window
    count is computed before the limit applies)."""
    rows = list(queryset.annotate(search_total=Window(Count("pk")))[:limit])
    return Hits(items=rows, total=rows[0].search_total if rows else 0)


def hits_of(items: Sequence, limit: int = RESULTS_PER_KIND) -> Hits:
    """Hits of a search done in memory."""
    return Hits(items=list(items[:limit]), total=len(items))
