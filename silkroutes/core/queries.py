"""Reads shared by every app."""

from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models
from django.db.models import Case, Count, Prefetch, Q, QuerySet, When

from .models import STRATEGY_SOURCE_KEY, Alternative, Citation, Source
from .search import text_search

SOURCE_SEARCH_FIELDS = ("title",)


def with_provenance(queryset: QuerySet, prefix: str = "") -> QuerySet:
    """Prefetch the ``provenance`` (citations and alternatives, core.provenance) of the
    queryset's records, or of a relation of them given as ``prefix``: two queries, whatever
    the number of records."""
    return queryset.prefetch_related(f"{prefix}__provenance" if prefix else "provenance")


def public_sources() -> QuerySet[Source]:
    """The sources anyone may see: all of them (the sources page lists every one)."""
    return Source.objects.all()


def search_sources(query: str) -> QuerySet[Source]:
    return text_search(public_sources(), query)


def sources_in_order(counted: Iterable[type[models.Model]] = ()) -> QuerySet[Source]:
    """The sources, the strategy document first and then the others by title, each with
    ``fact_count``: its citations counted in SQL (only those of records of the ``counted``
    models when they are given, so that records nobody may see are not counted)."""
    citations = Q()
    if counted:
        content_types = ContentType.objects.get_for_models(*counted).values()
        citations = Q(citations__content_type__in=[ct.pk for ct in content_types])
    strategy_first = Case(When(key=STRATEGY_SOURCE_KEY, then=0), default=1)
    return Source.objects.annotate(fact_count=Count("citations", filter=citations)).order_by(
        strategy_first, "title", "key"
    )


def citations_of(source: Source, records: Sequence[QuerySet]) -> list[Citation]:
    """The citations of a source whose record is in one of the ``records`` querysets (one per
    model, each deciding what is public), with the record loaded as ``record``. Citations of
    any other record, of another model or filtered out, are left out: unknown means hidden."""
    content_types = ContentType.objects.get_for_models(*(qs.model for qs in records)).values()
    citations = (
        Citation.objects.filter(source=source, content_type__in=[ct.pk for ct in content_types])
        .select_related("content_type")
        .prefetch_related(GenericPrefetch("record", list(records)))
        .order_by("content_type", "object_id", "pk")
    )
    return [citation for citation in citations if citation.record is not None]


def alternatives_of(records: Sequence[QuerySet], source: Source | None = None) -> list[Alternative]:
    """The conflicting values of the records in ``records`` (one queryset per model), or only
    those citing ``source``. Each comes with its citations and sources, and its ``record``
    with the record's own citations and many-to-many values (the preferred value may be one)."""
    content_types = ContentType.objects.get_for_models(*(qs.model for qs in records)).values()
    with_values = [
        qs.prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
            *(field.name for field in qs.model._meta.many_to_many),
        )
        for qs in records
    ]
    alternatives = Alternative.objects.filter(content_type__in=[ct.pk for ct in content_types])
    if source is not None:
        alternatives = alternatives.filter(
            pk__in=Citation.objects.filter(
                source=source, content_type=ContentType.objects.get_for_model(Alternative)
            ).values("object_id")
        )
    alternatives = alternatives.select_related("content_type").prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("source")),
        GenericPrefetch("record", with_values),
    )
    return [alternative for alternative in alternatives if alternative.record is not None]
