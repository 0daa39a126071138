from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, Partnership, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("purpose",)
