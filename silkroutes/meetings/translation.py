import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, Body, Meeting


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "focus", "future_perspective")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "description")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "goals")


# Every version of a meeting (who, when, before/after). Registered here, after modeltranslation
# has added the per-language columns: a ``HistoricalRecords()`` attribute on a translated model
# fails on save (django-simple-history #209, #1131).
simple_history.register(Meeting)
