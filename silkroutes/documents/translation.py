import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Document


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)


# Every version of a document (who, when, before/after). Registered here, after modeltranslation
# has added the per-language columns: a ``HistoricalRecords()`` attribute on a translated model
# fails on save (django-simple-history #209, #1131).
simple_history.register(Document)
