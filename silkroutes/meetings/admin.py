from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from silkroutes.actors.models import Role
from silkroutes.core.admin import PROVENANCE_INLINES

from .models import Body, Meeting


class ChairInline(admin.TabularInline):
    model = Role
    fk_name = "body"
    extra = 0
    fields = ("key", "kind", "holder", "start", "start_precision", "end", "end_precision")
    autocomplete_fields = ("holder",)
    verbose_name_plural = "Chairs and co-chairs"


@admin.register(Body)
class BodyAdmin(TranslationAdmin):
    list_display = ("name", "kind", "region", "established")
    list_filter = ("kind",)
    search_fields = ("name", "slug")
    inlines = [ChairInline, *PROVENANCE_INLINES]


@admin.register(Meeting)
class MeetingAdmin(TranslationAdmin):
    list_display = ("title", "body", "date", "date_precision", "status", "city", "country")
    list_filter = ("status", "body", "date_precision", "goals")
    search_fields = ("title", "city", "slug")
    date_hierarchy = "date"
    autocomplete_fields = ("body", "country", "host")
    filter_horizontal = ("goals",)
    list_select_related = ("body", "country")
    inlines = PROVENANCE_INLINES
