from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from silkroutes.actors.models import Role
from silkroutes.core.admin import PROVENANCE_INLINES, HistoryAdmin

from .models import (
    AgendaItem,
    Attendance,
    Body,
    Delegation,
    DelegationMember,
    Invitation,
    Meeting,
    MeetingStatusChange,
)


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


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    extra = 0


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    autocomplete_fields = ("organisation",)
    readonly_fields = ("invited_at", "invited_by")


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ("organisation",)
    readonly_fields = ("recorded_at", "recorded_by")


class StatusChangeInline(admin.TabularInline):
    """The lifecycle is written by the services only; the admin shows it."""

    model = MeetingStatusChange
    extra = 0
    can_delete = False
    fields = ("changed_at", "previous_status", "status", "changed_by", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ("title", "body", "date", "date_precision", "status", "city", "country")
    list_filter = ("status", "body", "date_precision", "goals")
    search_fields = ("title", "city", "slug")
    date_hierarchy = "date"
    autocomplete_fields = ("body", "country", "host")
    filter_horizontal = ("goals",)
    list_select_related = ("body", "country")
    readonly_fields = ("revision", "agenda_published_at")
    inlines = [
        AgendaItemInline,
        InvitationInline,
        AttendanceInline,
        StatusChangeInline,
        *PROVENANCE_INLINES,
    ]

    def save_model(self, request, obj, form, change):
        if change:  # an edit here is a change like any other: the calendar entry's SEQUENCE
            obj.revision += 1
        super().save_model(request, obj, form, change)


class DelegationMemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 0


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("state", "meeting", "registered_at", "updated_at")
    list_filter = ("meeting__body",)
    search_fields = ("state__name", "meeting__title", "members__name")
    autocomplete_fields = ("meeting", "state")
    readonly_fields = ("registered_at", "registered_by", "updated_at")
    list_select_related = ("state", "meeting")
    inlines = [DelegationMemberInline]
