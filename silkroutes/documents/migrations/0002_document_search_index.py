"""The stored text search index (silkroutes.core.search_index): search reads it instead of
every row. The columns are those of the search fields in ``search.py`` (every language)."""

from django.db import migrations

from silkroutes.core.search_index import CreateSearchIndex


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        CreateSearchIndex(
            "document",
            ["title_en", "title_ru", "title_ar"],
        ),
    ]
