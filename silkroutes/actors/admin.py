from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from silkroutes.core.admin import PROVENANCE_INLINES

from .models import Country, Organisation, Partnership, Region, Role


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code",)
    inlines = PROVENANCE_INLINES


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
    filter_horizontal = ("countries",)
    inlines = PROVENANCE_INLINES


class RoleInline(admin.TabularInline):
    model = Role
    fk_name = "holder"
    extra = 0
    fields = (
        "key",
        "kind",
        "of_organisation",
        "body",
        "start",
        "start_precision",
        "end",
        "end_precision",
    )
    autocomplete_fields = ("of_organisation", "body")
    verbose_name_plural = "Roles held"


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ("name", "acronym", "kind", "iati_type", "country")
    list_filter = ("kind", "iati_type")
    search_fields = ("name", "acronym", "slug")
    autocomplete_fields = ("country",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [RoleInline, *PROVENANCE_INLINES]
    # A website typed without a scheme is an https address (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = (
        "holder",
        "kind",
        "of_organisation",
        "body",
        "start",
        "start_precision",
        "end",
        "end_precision",
    )
    list_filter = ("kind", "body", "of_organisation")
    search_fields = ("holder__name", "key")
    autocomplete_fields = ("holder", "of_organisation", "body")
    list_select_related = ("holder", "of_organisation", "body")
    inlines = PROVENANCE_INLINES


@admin.register(Partnership)
class PartnershipAdmin(TranslationAdmin):
    list_display = ("partner", "start", "end")
    search_fields = ("partner__name", "purpose")
    autocomplete_fields = ("partner",)
    list_select_related = ("partner",)
    inlines = PROVENANCE_INLINES
