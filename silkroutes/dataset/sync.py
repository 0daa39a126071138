"""Idempotent writes: bring one record, its citations, alternatives and many-to-many links into
the state a dataset file describes, and count what actually changed."""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models

from silkroutes.core.models import Alternative, Citation, Source


def _counts_revisions(model: type[models.Model]) -> bool:
    return any(field.name == "revision" for field in model._meta.concrete_fields)


@dataclass(frozen=True)
class CitationSpec:
    source: Source
    section: str = ""
    quote: str = ""


@dataclass(frozen=True)
class AlternativeSpec:
    field: str
    value: str
    note: str
    citations: tuple[CitationSpec, ...]


@dataclass
class ChangeLog:
    """What a load changed, by model: created, updated and deleted rows."""

    counts: Counter = field(default_factory=Counter)

    def add(self, model: type[models.Model], action: str, n: int = 1) -> None:
        if n:
            self.counts[(model._meta.label, action)] += n

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        return [f"{label}: {n} {action}" for (label, action), n in sorted(self.counts.items())]


def _differs(obj: models.Model, name: str, value: object) -> bool:
    field = obj._meta.get_field(name)
    if field.many_to_one:  # compare keys, so that an unset relation can be read
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


class Syncer:
    def __init__(self, log: ChangeLog) -> None:
        self.log = log

    def upsert(self, model: type[models.Model], lookup: dict, values: dict) -> models.Model:
        """Create or update one row; validate it with the model's own rules before saving. A row
        with a ``revision`` counter (a meeting) counts the update, as the workspace does."""
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup)
        changed = [name for name, value in values.items() if _differs(obj, name, value)]
        for name in changed:
            setattr(obj, name, values[name])
        if changed and not created and _counts_revisions(model):
            obj.revision += 1  # a meeting changed by the file: calendars must see a new SEQUENCE
        if created or changed:
            obj.full_clean()
            obj.save()
            self.log.add(model, "created" if created else "updated")
        return obj

    def sync_m2m(self, obj: models.Model, name: str, targets: list[models.Model]) -> None:
        manager = getattr(obj, name)
        current = set(manager.values_list("pk", flat=True))
        wanted = {t.pk for t in targets}
        if current != wanted:
            manager.set(targets)
            self.log.add(type(obj), f"{name} changed")

    def sync_citations(self, obj: models.Model, specs: list[CitationSpec]) -> None:
        content_type = ContentType.objects.get_for_model(obj)
        existing = list(
            Citation.objects.filter(content_type=content_type, object_id=obj.pk).order_by("pk")
        )
        current = [(c.source_id, c.section, c.quote) for c in existing]
        wanted = [(s.source.pk, s.section, s.quote) for s in specs]
        if current == wanted:
            return
        Citation.objects.filter(pk__in=[c.pk for c in existing]).delete()
        Citation.objects.bulk_create(
            Citation(
                content_type=content_type,
                object_id=obj.pk,
                source=s.source,
                section=s.section,
                quote=s.quote,
            )
            for s in specs
        )
        self.log.add(type(obj), "citations changed")

    def sync_alternatives(self, obj: models.Model, specs: list[AlternativeSpec]) -> None:
        content_type = ContentType.objects.get_for_model(obj)
        existing = list(
            Alternative.objects.filter(content_type=content_type, object_id=obj.pk)
            .order_by("pk")
            .prefetch_related("citations")
        )

        def shape(alt: Alternative) -> tuple:
            cited = tuple((c.source_id, c.section, c.quote) for c in alt.citations.all())
            return (alt.field, alt.value, alt.note, cited)

        current = [shape(a) for a in existing]
        wanted = [
            (
                s.field,
                s.value,
                s.note,
                tuple((c.source.pk, c.section, c.quote) for c in s.citations),
            )
            for s in specs
        ]
        if current == wanted:
            return
        for alt in existing:
            alt.delete()  # its citations go with it (GenericRelation)
        for spec in specs:
            alt = Alternative.objects.create(
                content_type=content_type,
                object_id=obj.pk,
                field=spec.field,
                value=spec.value,
                note=spec.note,
            )
            self.sync_citations(alt, list(spec.citations))
        self.log.add(type(obj), "alternatives changed")

    def delete_missing(self, queryset: models.QuerySet, keep: set[int]) -> None:
        """Delete the rows of a child collection that the file no longer lists."""
        stale = queryset.exclude(pk__in=keep)
        for obj in stale:
            obj.delete()  # citations and alternatives go with it (GenericRelation)
            self.log.add(type(obj), "deleted")
