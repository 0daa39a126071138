"""The stored text search index (silkroutes.core.search_index): search reads it instead of
every row. The columns are those of the search fields in ``search.py`` (every language)."""

from django.db import migrations

from silkroutes.core.search_index import CreateSearchIndex


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_lifecycle")]

    operations = [
        CreateSearchIndex(
            "body",
            ["name_en", "name_ru", "name_ar", "focus_en", "focus_ru", "focus_ar", "future_perspective_en", "future_perspective_ru", "future_perspective_ar"],
        ),
        CreateSearchIndex(
            "meeting",
            ["title_en", "title_ru", "title_ar", "description_en", "description_ru", "description_ar", "city"],
        ),
    ]
