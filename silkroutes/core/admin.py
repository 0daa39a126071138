from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import Alternative, Citation, Source


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, its history list without the inline style that the strict
    Content-Security-Policy blocks (``tests/browser/test_hostile_input.py`` watches for
    violations on the history pages)."""

    object_history_list_template = "core/admin/object_history_list.html"


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
    # A URL typed without a scheme is an https address (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Alternative)
class AlternativeAdmin(admin.ModelAdmin):
    list_display = ("field", "value", "content_type", "object_id", "record")
    list_filter = ("content_type", "field")
    search_fields = ("value", "note")
    inlines = [CitationInline]
    readonly_fields = ("content_type", "object_id")
