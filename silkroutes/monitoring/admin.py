"""The admin shows reporting cycles and entries for inspection; the reporting itself (and its
history) goes through the workspace and ``services.py``, so entries are read-only here."""

from django.contrib import admin

from .models import Initiative, InitiativeStatusChange, ReportingCycle


@admin.register(ReportingCycle)
class ReportingCycleAdmin(admin.ModelAdmin):
    list_display = ("title", "framework", "opens", "deadline", "status")
    list_filter = ("status", "framework")
    list_select_related = ("framework",)
    readonly_fields = ("opened_by", "created_at")


class StatusChangeInline(admin.TabularInline):
    model = InitiativeStatusChange
    extra = 0
    can_delete = False
    fields = ("at", "by", "previous_status", "status", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "state", "cycle", "kind", "status", "start")
    list_filter = ("status", "kind", "cycle")
    list_select_related = ("state", "cycle")
    search_fields = ("title", "description", "state__name")
    inlines = [StatusChangeInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
