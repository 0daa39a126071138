from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from .models import Alternative, Citation, Source


class CitationInline(GenericTabularInline):
    """The sources of a record, shown and editable under the record itself."""

    model = Citation
    extra = 0
    fields = ("source", "section", "quote")
    autocomplete_fields = ("source",)
    verbose_name_plural = "Sources of this record"


class AlternativeInline(GenericTabularInline):
    model = Alternative
    extra = 0
    fields = ("field", "value", "note")
    show_change_link = True
    verbose_name_plural = "Conflicting values from other sources"


PROVENANCE_INLINES = [CitationInline, AlternativeInline]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "key", "kind", "url")
    list_filter = ("kind",)
    search_fields = ("title", "key", "url")


@admin.register(Alternative)
class AlternativeAdmin(admin.ModelAdmin):
    list_display = ("field", "value", "content_type", "object_id", "record")
    list_filter = ("content_type", "field")
    search_fields = ("value", "note")
    inlines = [CitationInline]
    readonly_fields = ("content_type", "object_id")
