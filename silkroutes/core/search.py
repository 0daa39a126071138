"""Text search over querysets, for every domain.

Every word of a query must occur, as a word or the start of one, in one of the searched fields,
whatever its case and accents ("turkiye" finds "Türkiye"). PostgreSQL answers with its full-text
search (configuration ``simple``, so that names match in every language, over the text folded by
``unaccent``) and ranks the results; SQLite with FTS5 (diacritics removed by its tokenizer). Both
read a stored index (silkroutes.core.search_index) instead of reading every row, and fold the query
as they folded the text. Each domain names its searchable fields and its public records in its own
``search.py``; this module only chooses the engine.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import Count, F, Func, Q, QuerySet, TextField, Value, Window
from django.db.models.expressions import Expression, RawSQL
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from .search_index import FOLD_FUNCTION, SEARCH_COLUMN, fts_table

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
RESULTS_PER_KIND = 20


class QueryTooLong(ValueError):
    """A query longer than MAX_QUERY_LENGTH characters."""


def search_terms(query: str) -> list[str]:
    """The words of a query, lower-cased, at most MAX_TERMS of them. Letters, digits and their
    marks make words; everything else (punctuation, the operators of PostgreSQL's tsquery syntax,
    underscores) separates them, so that no input can break a query. The accents stay: each
    engine folds the query as it folded the text it searches."""
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(query)
    # Composed first, so that "u" and a combining diaeresis typed apart are one letter; lower()
    # rather than casefold(), which would turn "ß" into "ss" where SQLite's index keeps "ß".
    return _words(unicodedata.normalize("NFC", query).lower())[:MAX_TERMS]


def _words(text: str) -> list[str]:
    # A mark alone is no word: folded away, it would leave an empty term for the engine.
    words = "".join(char if _in_word(char) else " " for char in text).split()
    return [word for word in words if any(char.isalnum() for char in word)]


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def fold(text: str) -> str:
    """Text without case or accents, for what is searched in memory (country names): "Türkiye"
    and "TURKIYE" both give "turkiye"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


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


def text_search(queryset: QuerySet, query: str, *, related: Q | None = None) -> QuerySet:
    """The records of ``queryset`` that match every word of ``query`` in the search index of its
    model (silkroutes.core.search_index: the columns its migration lists), best match first on
    PostgreSQL; and those that ``related`` selects (the bodies a country found chairs), after
    them. The queryset decides what may be found: the index covers every row."""
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return _full_text_search(queryset, terms, related)
    return _fts5_search(queryset, terms, related)


class _StoredDocument(Expression):
    """The stored ``search_document`` of the queried table, under whatever alias the query gives
    it (``V0`` inside a subquery). The column is not a model field: SQLite has none."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.{connection.ops.quote_name(SEARCH_COLUMN)}", []


def _full_text_search(queryset: QuerySet, terms: list[str], related: Q | None) -> QuerySet:
    # The terms hold letters, digits and marks only, so the raw tsquery cannot be malformed. It
    # is folded by the function that folded the stored text.
    raw = " & ".join(f"{term}:*" for term in terms)
    folded = Func(Value(raw), function=FOLD_FUNCTION, output_field=TextField())
    tsquery = SearchQuery(folded, search_type="raw", config="simple")
    ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
    found = Q(search_document=tsquery)
    return (
        queryset.alias(search_document=_StoredDocument())
        .filter(found | related if related else found)
        .annotate(search_rank=SearchRank(F("search_document"), tsquery))
        .order_by("-search_rank", *ordering)
    )


def _fts5_search(queryset: QuerySet, terms: list[str], related: Q | None) -> QuerySet:
    # Each term quoted (letters, digits and marks) and matched as a word prefix, as on
    # PostgreSQL; terms side by side must all occur. FTS5 folds them with the index's tokenizer.
    match = " ".join(f'"{term}"*' for term in terms)
    index = fts_table(queryset.model._meta.db_table)
    sql = f'SELECT rowid FROM "{index}" WHERE "{index}" MATCH %s'  # noqa: S608 - our table name
    found = Q(pk__in=RawSQL(sql, [match]))  # noqa: S611 - the match is a parameter
    return queryset.filter(found | related if related else found)


def matches_all(terms: Sequence[str], texts: Iterable[str]) -> bool:
    """For records searched in memory (country names come from django-countries, not from a
    column): whether every term starts a word of one of the texts, as in the stored index,
    whatever the case and accents."""
    words = {word for text in texts if text for word in _words(fold(text))}
    folded = [fold(term) for term in terms]
    return bool(folded) and all(any(w.startswith(t) for w in words) for t in folded)


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
