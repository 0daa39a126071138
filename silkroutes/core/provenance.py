"""The provenance of the records on a page, loaded at once: every record's citations (with their
sources) and the alternatives other sources give (with theirs), in two queries whatever the
number of records or of their models.

``record.provenance`` is a ``Provenance``; ``with_provenance(queryset)`` prefetches it through
``prefetch_related("provenance")``, and ``load_provenance(records)`` loads it for records of any
models gathered from a page. Django's prefetch of a ``GenericRelation`` builds a queryset per
record (about 0.3 ms each); here a record costs a dictionary look-up.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q

from .fuzzydates import FuzzyDate


@dataclass
class Provenance:
    """What a record rests on: its citations, and the alternatives (each with ``cited``)."""

    record_pk: int | None = None
    citations: list = field(default_factory=list)
    alternatives: list = field(default_factory=list)


def _keys(records: Iterable[Model]) -> dict[tuple[int, int], list[Model]]:
    """The records by (content type id, primary key): a record may be on a page twice."""
    keyed: dict[tuple[int, int], list[Model]] = {}
    for record in records:
        content_type = ContentType.objects.get_for_model(type(record))
        keyed.setdefault((content_type.pk, record.pk), []).append(record)
    return keyed


def _matching(keys: Iterable[tuple[int, int]]) -> Q:
    by_type: dict[int, list[int]] = {}
    for content_type_id, pk in keys:
        by_type.setdefault(content_type_id, []).append(pk)
    return reduce(
        or_, (Q(content_type_id=ct, object_id__in=pks) for ct, pks in sorted(by_type.items()))
    )


def provenance_by_key(records: Iterable[Model]) -> dict[tuple[int, int], Provenance]:
    """The provenance of ``records`` (of any models) by (content type id, primary key): one
    query for the alternatives, one for the citations of the records and of the alternatives."""
    # core.models defines the descriptor below on every sourced record.
    from .models import Alternative, Citation

    keyed = _keys(records)
    found = {key: Provenance(record_pk=key[1]) for key in keyed}
    if not keyed:
        return found
    alternatives = list(Alternative.objects.filter(_matching(keyed)).order_by("pk"))
    alternative_type = ContentType.objects.get_for_model(Alternative).pk
    cited_alternatives = {(alternative_type, a.pk): a for a in alternatives}
    for alternative in alternatives:
        alternative.cited = []
        found[(alternative.content_type_id, alternative.object_id)].alternatives.append(alternative)
    citations = (
        Citation.objects.filter(_matching([*keyed, *cited_alternatives]))
        .select_related("source")
        .order_by("pk")
    )
    for citation in citations:
        key = (citation.content_type_id, citation.object_id)
        if key in cited_alternatives:
            cited_alternatives[key].cited.append(citation)
        else:
            found[key].citations.append(citation)
    return found


def load_provenance(records: Iterable[Model]) -> None:
    """Give each of ``records`` (of any sourced models) its ``provenance``, in two queries."""
    records = [record for record in records if record is not None]
    found = provenance_by_key(records)
    for record in records:
        key = (ContentType.objects.get_for_model(type(record)).pk, record.pk)
        record.provenance = found[key]


class ProvenanceDescriptor:
    """``record.provenance``: set by a prefetch or ``load_provenance``, else loaded for this
    one record on first use (a non-data descriptor: the loaded value shadows it)."""

    name = "provenance"

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        load_provenance([instance])
        return instance.__dict__[self.name]

    def is_cached(self, instance) -> bool:
        return self.name in instance.__dict__

    def get_prefetch_querysets(self, instances, querysets=None):
        """Django's prefetch protocol: (related objects, their key, an instance's key, single,
        attribute, is a descriptor)."""
        found = provenance_by_key(instances)
        content_type = ContentType.objects.get_for_model(type(instances[0])).pk
        related = [provenance for (ct, _pk), provenance in found.items() if ct == content_type]
        return (
            related,
            lambda provenance: provenance.record_pk,
            lambda instance: instance.pk,
            True,
            self.name,
            True,
        )


def number_citations(provenance: Provenance) -> None:
    """Number a record's citations as its sources list shows them: its own first, then those
    of the alternatives, so that a mark beside a value can say which entry it points to."""
    cited = [*provenance.citations, *(c for a in provenance.alternatives for c in a.cited)]
    for number, citation in enumerate(cited, start=1):
        citation.number = number


def _names(quote: str, value) -> bool:
    if isinstance(value, FuzzyDate):
        value = value.first_day.year
    if isinstance(value, int):
        return re.search(rf"(?<!\d){value}(?!\d)", quote) is not None
    return str(value).casefold() in quote.casefold()


def supporting(citations: list, value=None) -> list:
    """The citations that support ``value`` of a record whose citations are per record
    (docs/decisions/0018-source-marks.md): those whose quote names it (a date's year, a
    number, the words), else all of them, since any of them may be the one that states it."""
    if value is None or value == "":
        return list(citations)
    naming = [c for c in citations if c.quote and _names(c.quote, value)]
    return naming or list(citations)
