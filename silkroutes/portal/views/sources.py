"""Sources: every document and page the facts rest on, what each one supports, and where
sources disagree."""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from silkroutes.actors import queries as actors
from silkroutes.actors.models import Partnership, Region
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.core.models import Alternative, Citation, Source
from silkroutes.core.queries import alternatives_of, citations_of, sources_in_order
from silkroutes.meetings import search as meetings
from silkroutes.portal.allow_lists import reads_parameters
from silkroutes.portal.templatetags.portal import fuzzy
from silkroutes.programme import search as programme
from silkroutes.strategy.models import ActionItem, Area, Framework, GoalLabel, PriorityGoal

# A record without a page of its own is shown on the page of the record it belongs to.
PARENT = {
    "participation": "project",
    "recipientcountry": "project",
    "fundingrecord": "project",
    "projectstatuschange": "project",
    "projectlink": "project",
    "role": "holder",
    "goallabel": "goal",
    "result": "project",
    "indicator": "result",
}


def public_records() -> list:
    """What anyone may see of each sourced model, decided by each domain. The strategy's
    frameworks, goals and areas are all public."""
    return [
        *programme.public_records(),
        *meetings.public_records(),
        *actors.public_records(),
        Framework.objects.all(),
        PriorityGoal.objects.all(),
        GoalLabel.objects.select_related("goal", "framework"),
        Area.objects.all(),
        ActionItem.objects.select_related("framework"),
    ]


@reads_parameters()
def source_list(request):
    records = public_records()
    sources = list(sources_in_order(counted=[qs.model for qs in records] + [Alternative]))
    return render(
        request,
        "portal/sources/source_list.html",
        {
            "strategy": [source for source in sources if source.is_strategy],
            "web_sources": [source for source in sources if not source.is_strategy],
            "conflicts": [Conflict.of(alternative) for alternative in alternatives_of(records)],
        },
    )


def source_detail(request, key):
    source = Source.objects.filter(key=key).first()
    if source is None:
        raise Http404(_("No source has this key."))
    records = public_records()
    citations = citations_of(source, records)
    conflicts = [Conflict.of(alternative) for alternative in alternatives_of(records, source)]
    return render(
        request,
        "portal/sources/source_detail.html",
        {
            "source": source,
            "groups": _grouped(citations),
            "conflicts": conflicts,
            "fact_count": len(citations) + len(conflicts),
        },
    )


@dataclass
class CitedRecord:
    """One record as a source page shows it: what it is, where to read it, what it rests on."""

    label: str
    url: str | None
    context: str = ""
    citations: list[Citation] = field(default_factory=list)

    @classmethod
    def of(cls, record) -> "CitedRecord":
        parent = getattr(record, PARENT.get(record._meta.model_name, ""), None)
        label = str(record)
        context = str(parent) if parent is not None and str(parent) not in label else ""
        return cls(label=label, url=public_url(record), context=context)


def public_url(record) -> str | None:
    """The public page where a record is shown (its own, or its parent's), or None."""
    if hasattr(record, "get_absolute_url"):
        return record.get_absolute_url()
    parent = getattr(record, PARENT.get(record._meta.model_name, ""), None)
    if parent is not None:
        return public_url(parent)
    if isinstance(record, Partnership):
        return f"{reverse('portal:partnerships')}#partnership-{record.slug}"
    if isinstance(record, Region):
        return f"{reverse('portal:countries')}#region-{record.code}"
    return None


def _grouped(citations: list[Citation]) -> list[tuple[str, list[tuple[CitedRecord, Citation]]]]:
    """(kind of record, [(record, citation)…]) in the order of first appearance."""
    groups: dict[str, list] = {}
    for citation in citations:
        kind = str(citation.record._meta.verbose_name_plural).capitalize()
        groups.setdefault(kind, []).append((CitedRecord.of(citation.record), citation))
    return list(groups.items())


@dataclass
class Conflict:
    """A value that sources disagree on: the recorded one with the record's sources, and the
    other one with its own."""

    record: CitedRecord
    kind: str
    field_label: str
    recorded: str
    other: str
    note: str
    recorded_citations: list[Citation]
    other_citations: list[Citation]

    @classmethod
    def of(cls, alternative: Alternative) -> "Conflict":
        record = alternative.record
        other_citations = list(alternative.citations.all())
        other_sources = {citation.source_id for citation in other_citations}
        return cls(
            record=CitedRecord.of(record),
            kind=str(record._meta.verbose_name).capitalize(),
            field_label=alternative.field_label,
            recorded=recorded_value(record, alternative.field),
            other=other_value(record, alternative.field, alternative.value),
            note=alternative.note,
            # The record's sources that do not also give the other value.
            recorded_citations=[
                c for c in record.citations.all() if c.source_id not in other_sources
            ],
            other_citations=other_citations,
        )


def recorded_value(record, name: str) -> str:
    """The value a record holds for a field, as a reader reads it (never a day that is not
    known); the record's many-to-many values must be prefetched."""
    if name in dict(getattr(record, "fuzzy_date_fields", ())):
        return fuzzy(record.fuzzy_value(name))
    try:
        model_field = record._meta.get_field(name)
    except FieldDoesNotExist:
        return str(_("not recorded"))
    if model_field.many_to_many:
        return ", ".join(str(item) for item in getattr(record, name).all())
    if model_field.choices:
        return str(getattr(record, f"get_{name}_display")())
    value = getattr(record, name)
    return str(_("not recorded")) if value in (None, "") else str(value)


def other_value(record, name: str, value: str) -> str:
    """An alternative value (stored as text) in the same words as the recorded one."""
    if name in dict(getattr(record, "fuzzy_date_fields", ())):
        try:
            return fuzzy(FuzzyDate.parse(value))
        except ValidationError:
            return value
    try:
        model_field = record._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if model_field.choices:
        labels = {str(key): label for key, label in model_field.flatchoices}
        return str(labels.get(value, value))
    return value
