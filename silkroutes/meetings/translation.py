from modeltranslation.translator import TranslationOptions, register

from .models import Body, Meeting


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "focus", "future_perspective")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "description")
