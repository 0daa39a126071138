from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from silkroutes.core.admin import PROVENANCE_INLINES

from .models import ActionItem, Area, Framework, GoalLabel, PriorityGoal


@admin.register(Framework)
class FrameworkAdmin(TranslationAdmin):
    list_display = ("title", "kind", "adopted", "period_start", "period_end")
    list_filter = ("kind",)
    search_fields = ("title", "slug")
    autocomplete_fields = ("adopted_at",)
    inlines = PROVENANCE_INLINES


class GoalLabelInline(TranslationTabularInline):
    model = GoalLabel
    extra = 0
    fields = ("framework", "order", "label")


@admin.register(PriorityGoal)
class PriorityGoalAdmin(TranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")
    inlines = [GoalLabelInline, *PROVENANCE_INLINES]


@admin.register(GoalLabel)
class GoalLabelAdmin(TranslationAdmin):
    list_display = ("framework", "order", "label", "goal")
    list_filter = ("framework",)
    list_select_related = ("framework", "goal")
    inlines = PROVENANCE_INLINES


@admin.register(Area)
class AreaAdmin(TranslationAdmin):
    list_display = ("order", "title", "framework")
    list_filter = ("framework",)
    search_fields = ("title", "code")
    list_select_related = ("framework",)
    inlines = PROVENANCE_INLINES


@admin.register(ActionItem)
class ActionItemAdmin(TranslationAdmin):
    list_display = ("code", "title", "framework", "status")
    list_filter = ("framework", "status")
    search_fields = ("code", "title", "key")
    list_select_related = ("framework",)
    filter_horizontal = ("goals", "responsible")
    inlines = PROVENANCE_INLINES
