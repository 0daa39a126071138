"""Provenance shared by every domain record: sources, citations and conflicting alternatives."""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .fuzzydates import Precision, fuzzy, mismatch
from .provenance import ProvenanceDescriptor

STRATEGY_SOURCE_KEY = "strategy"


def section_anchor(section: str) -> str:
    """Where a section of the strategy is on its page: "1.launched.a" → "section-1-launched-a"."""
    return "section-" + section.replace(".", "-")


class Source(models.Model):
    """A document or public page that facts rest on. The strategy document is the source with
    the key ``strategy``; its citations name a section."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        WEB_PAGE = "web-page", _("web page")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.WEB_PAGE)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("URL"), max_length=500, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title

    @property
    def is_strategy(self) -> bool:
        return self.key == STRATEGY_SOURCE_KEY


class Citation(models.Model):
    """One record (or one field of it) rests on one source."""

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    section = models.CharField(
        _("section"), max_length=40, blank=True, help_text=_("Section of a document, e.g. 2.a")
    )
    quote = models.TextField(_("quote"), blank=True, help_text=_("The words the fact rests on"))

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self) -> str:
        if self.section:
            return f"{self.source} §{self.section}"
        return str(self.source)

    @property
    def strategy_anchor(self) -> str:
        """Where the cited section of the strategy is on the strategy's page ("" if none)."""
        if self.section and self.source.key == STRATEGY_SOURCE_KEY:
            return section_anchor(self.section)
        return ""


class Alternative(models.Model):
    """A value that another source gives for a field of a record, kept beside the preferred
    value that the record itself holds."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=60)
    value = models.TextField(_("alternative value"))
    note = models.TextField(_("note"), blank=True)
    citations = GenericRelation(Citation)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("alternative value")
        verbose_name_plural = _("alternative values")

    def __str__(self) -> str:
        return f"{self.field}: {self.value}"

    @cached_property
    def cited(self) -> list[Citation]:
        """The citations with their sources (``load_provenance`` sets them for a whole page)."""
        return list(self.citations.select_related("source"))

    @property
    def field_label(self) -> str:
        """The field's name as a reader knows it ("actual end"), from the cached content type."""
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        try:
            return str(model._meta.get_field(self.field).verbose_name)
        except (AttributeError, FieldDoesNotExist):
            return self.field


class Sourced(models.Model):
    """A record whose facts carry sources and may have conflicting alternatives."""

    citations = GenericRelation(Citation)
    alternatives = GenericRelation(Alternative)
    # Citations and alternatives for reading: prefetched with core.queries.with_provenance.
    provenance = ProvenanceDescriptor()

    # Pairs (date field, precision field) validated together; set by subclasses.
    fuzzy_date_fields: tuple[tuple[str, str], ...] = ()

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        for date_field, precision_field in self.fuzzy_date_fields:
            problem = mismatch(getattr(self, date_field), getattr(self, precision_field) or None)
            if problem:
                errors.setdefault(date_field, []).append(problem)
        if errors:
            raise ValidationError(errors)

    def fuzzy_value(self, date_field: str):
        precision_field = dict(self.fuzzy_date_fields)[date_field]
        return fuzzy(getattr(self, date_field), getattr(self, precision_field))


def precision_field(verbose_name: str) -> models.CharField:
    return models.CharField(verbose_name, max_length=10, choices=Precision, blank=True)


def check_ordered_dates(first, last, *, field: str, message: str) -> None:
    """Refuse an end before a start; both are FuzzyDate or None."""
    if first is not None and last is not None and last.last_day < first.first_day:
        raise ValidationError({field: message})


class DataVersion(models.Model):
    """The one row that numbers the state of the platform's data: it moves once per committed
    transaction that changed a record (``silkroutes.core.pagecache``). Kept in the database, not
    only in the cache, because files are stored under it: a counter that restarted after a
    cache flush would name an old file as current."""

    number = models.PositiveBigIntegerField(default=1)
    moved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return str(self.number)
