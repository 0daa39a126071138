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


def check_text_in_admin_forms(site: admin.AdminSite, app_labels: set[str]) -> None:
    """Give every admin form (and inline form) of our apps the text rule of the workspace forms
    (``core.text.CheckedText``): the admin is an input boundary too, and a model admin or inline
    added later is covered without anyone thinking of it. Runs once, after autodiscovery."""
    from .text import CheckedText

    def checked(form_class):
        if issubclass(form_class, CheckedText):
            return form_class
        return type(f"Checked{form_class.__name__}", (CheckedText, form_class), {})

    for model, model_admin in site._registry.items():
        if model._meta.app_label not in app_labels:
            continue
        model_admin.form = checked(model_admin.form)
        for inline in model_admin.inlines:
            inline.form = checked(inline.form)
