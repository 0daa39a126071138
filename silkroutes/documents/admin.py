from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from silkroutes.core.admin import HistoryAdmin

from .models import Document, DocumentFile


class DocumentFileInline(admin.TabularInline):
    """Language versions, read only: files are uploaded in the workspace, where their content
    is checked."""

    model = DocumentFile
    extra = 0
    can_delete = True
    fields = ("language", "original_name", "content_type", "size", "sha256", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ("title", "kind", "meeting", "body", "access_tier", "published_at", "version")
    list_filter = ("kind", "access_tier", "body")
    search_fields = ("title", "slug")
    autocomplete_fields = ("meeting", "body")
    readonly_fields = ("created_by", "created_at", "version")
    list_select_related = ("meeting", "body")
    inlines = [DocumentFileInline]

    def has_add_permission(self, request) -> bool:
        return False  # created in the workspace, where uploads are checked
