"""The stored text search index (silkroutes.core.search_index): search reads it instead of
every row. The columns are those of the search fields in ``search.py`` (every language)."""

from django.db import migrations

from silkroutes.core.search_index import CreateSearchIndex


class Migration(migrations.Migration):
    dependencies = [("programme", "0002_funding_results_budgets_rates")]

    operations = [
        CreateSearchIndex(
            "project",
            ["title_en", "title_ru", "title_ar", "designation_en", "designation_ru", "designation_ar", "acronym", "description_en", "description_ru", "description_ar"],
        ),
    ]
