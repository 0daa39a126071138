from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from silkroutes.core.admin import PROVENANCE_INLINES

from .models import (
    FundingRecord,
    Participation,
    Project,
    ProjectLink,
    ProjectStatusChange,
    RecipientCountry,
)


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ("organisation",)
    show_change_link = True  # its sources are edited on its own page


class RecipientInline(admin.TabularInline):
    model = RecipientCountry
    extra = 0
    autocomplete_fields = ("country",)
    show_change_link = True


class PredecessorInline(admin.TabularInline):
    model = ProjectLink
    fk_name = "project"
    extra = 0
    autocomplete_fields = ("builds_on",)
    verbose_name_plural = "Builds on (predecessors)"


class StatusChangeInline(admin.TabularInline):
    model = ProjectStatusChange
    extra = 0
    fields = (
        "previous_status",
        "status",
        "date",
        "date_precision",
        "note",
        "recorded_by",
        "recorded_at",
    )
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # the lifecycle moves through its service, which records each step


@admin.register(Project)
class ProjectAdmin(TranslationAdmin):
    list_display = ("display_title", "acronym", "status", "actual_start", "actual_end")
    list_filter = ("status", "goals", "areas")
    search_fields = ("title", "designation", "acronym", "slug", "description")
    filter_horizontal = ("goals", "areas")
    autocomplete_fields = ("absorbed_into",)
    inlines = [
        ParticipationInline,
        RecipientInline,
        PredecessorInline,
        StatusChangeInline,
        *PROVENANCE_INLINES,
    ]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ("project", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("project__title", "organisation__name")
    autocomplete_fields = ("project", "organisation")
    list_select_related = ("project", "organisation")
    inlines = PROVENANCE_INLINES


@admin.register(RecipientCountry)
class RecipientCountryAdmin(admin.ModelAdmin):
    list_display = ("project", "country", "level")
    list_filter = ("level",)
    autocomplete_fields = ("project", "country")
    list_select_related = ("project", "country")
    inlines = PROVENANCE_INLINES


@admin.register(ProjectStatusChange)
class ProjectStatusChangeAdmin(admin.ModelAdmin):
    list_display = ("project", "previous_status", "status", "date", "recorded_by")
    list_filter = ("status",)
    list_select_related = ("project", "recorded_by")
    readonly_fields = ("project", "previous_status", "status", "recorded_at", "recorded_by")
    inlines = PROVENANCE_INLINES


@admin.register(FundingRecord)
class FundingRecordAdmin(admin.ModelAdmin):
    list_display = ("project", "donor", "kind", "amount", "currency", "date")
    list_filter = ("kind", "currency")
    search_fields = ("project__title", "donor__name", "key")
    autocomplete_fields = ("project", "donor")
    list_select_related = ("project", "donor")
    inlines = PROVENANCE_INLINES
