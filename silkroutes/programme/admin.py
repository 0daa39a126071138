from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from silkroutes.core.admin import PROVENANCE_INLINES

from .models import (
    Budget,
    ExchangeRate,
    FundingRecord,
    Indicator,
    Participation,
    Project,
    ProjectLink,
    ProjectStatusChange,
    RecipientCountry,
    Result,
)
from .summaries import refresh_funding_summaries


def _refresh(project_ids) -> None:
    refresh_funding_summaries(Project.objects.filter(pk__in=[p for p in project_ids if p]))


class KeepsFundingSummary:
    """Funding records and budgets edited here keep the projects' funding summaries, as the
    services do (a record moved to another project changes both)."""

    def save_model(self, request, obj, form, change):
        before = form.initial.get("project") if change else None
        super().save_model(request, obj, form, change)
        _refresh({obj.project_id, getattr(before, "pk", before)})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _refresh({obj.project_id})

    def delete_queryset(self, request, queryset):
        projects = set(queryset.values_list("project", flat=True))
        super().delete_queryset(request, queryset)
        _refresh(projects)


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


class BudgetInline(admin.TabularInline):
    model = Budget
    extra = 0
    fields = (
        "kind",
        "status",
        "amount",
        "currency",
        "period_start",
        "period_start_precision",
        "period_end",
        "period_end_precision",
    )
    show_change_link = True


class ResultInline(admin.TabularInline):
    model = Result
    extra = 0
    fields = ("key", "kind", "category", "title", "date", "date_precision")
    show_change_link = True  # indicators and sources are edited on the result's page


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
        BudgetInline,
        ResultInline,
        *PROVENANCE_INLINES,
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _refresh({form.instance.pk})  # the budgets edited inline


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
class FundingRecordAdmin(KeepsFundingSummary, admin.ModelAdmin):
    list_display = ("project", "donor", "kind", "amount", "currency", "date", "firmness")
    list_filter = ("kind", "firmness", "currency")
    search_fields = ("project__title", "donor__name", "key")
    autocomplete_fields = ("project", "donor", "follows")
    list_select_related = ("project", "donor")
    readonly_fields = ("recorded_at", "recorded_by")
    inlines = PROVENANCE_INLINES


@admin.register(Budget)
class BudgetAdmin(KeepsFundingSummary, admin.ModelAdmin):
    list_display = ("project", "kind", "status", "amount", "currency", "period_start", "period_end")
    list_filter = ("kind", "status", "currency")
    autocomplete_fields = ("project",)
    list_select_related = ("project",)
    readonly_fields = ("recorded_at", "recorded_by")
    inlines = PROVENANCE_INLINES


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    """Rates with their date and source: the only way an amount is ever converted."""

    list_display = ("from_currency", "to_currency", "rate", "date", "source")
    list_filter = ("from_currency", "to_currency")
    autocomplete_fields = ("source",)
    list_select_related = ("source",)
    inlines = PROVENANCE_INLINES


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ("title", "unit", "baseline", "baseline_year", "target", "actual")
    show_change_link = True  # its sources are edited on its own page


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "kind", "category", "date", "country")
    list_filter = ("kind", "category")
    search_fields = ("title", "key", "description", "project__title")
    autocomplete_fields = ("project", "country")
    filter_horizontal = ("goals",)
    list_select_related = ("project", "country")
    inlines = [IndicatorInline, *PROVENANCE_INLINES]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("title", "result", "baseline", "target", "actual", "unit")
    search_fields = ("title", "result__title")
    autocomplete_fields = ("result",)
    list_select_related = ("result",)
    inlines = PROVENANCE_INLINES
