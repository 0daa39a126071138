"""The stored text search index (silkroutes.core.search_index): search reads it instead of
every row. The columns are those of the search fields in ``search.py`` (every language)."""

from django.db import migrations

from silkroutes.core.search_index import CreateSearchIndex


class Migration(migrations.Migration):
    dependencies = [("actors", "0003_alter_role_kind")]

    operations = [
        CreateSearchIndex(
            "organisation",
            ["name_en", "name_ru", "name_ar", "acronym"],
        ),
    ]
