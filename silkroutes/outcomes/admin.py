from django.contrib import admin

from silkroutes.core.admin import HistoryAdmin

from .models import ActionPoint, Outcome, OutcomeRevision


class RevisionInline(admin.TabularInline):
    """Every revision, read only: texts are revised in the workspace, where two editors cannot
    overwrite each other."""

    model = OutcomeRevision
    extra = 0
    can_delete = False
    fields = ("number", "title", "text", "author", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ActionPointInline(admin.TabularInline):
    model = ActionPoint
    extra = 0
    fields = ("description", "owner_organisation", "owner_body", "due_date", "status")
    autocomplete_fields = ("owner_organisation", "owner_body")
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # added in the workspace, with their author


@admin.register(Outcome)
class OutcomeAdmin(HistoryAdmin):
    list_display = ("title", "kind", "meeting", "access_tier", "published_at", "version")
    list_filter = ("kind", "access_tier")
    search_fields = ("title", "text")
    autocomplete_fields = ("meeting",)
    filter_horizontal = ("goals", "projects", "bodies")
    readonly_fields = ("title", "text", "version", "adopted_by", "adopted_at", "updated_at")
    list_select_related = ("meeting",)
    inlines = [RevisionInline, ActionPointInline]

    def has_add_permission(self, request) -> bool:
        return False  # adopted in the workspace (``services.adopt_outcome``)


@admin.register(ActionPoint)
class ActionPointAdmin(HistoryAdmin):
    list_display = ("description", "owner_organisation", "owner_body", "due_date", "status")
    list_filter = ("status",)
    search_fields = ("description",)
    autocomplete_fields = ("owner_organisation", "owner_body")
    raw_id_fields = ("outcome",)
    readonly_fields = ("version", "done_at", "created_by", "created_at", "last_reminded_on")
    list_select_related = ("owner_organisation", "owner_body")

    def has_add_permission(self, request) -> bool:
        return False  # added in the workspace (``services.add_action_point``)
