"""The projects' search index again, without accents or case, and an index of their results."""

from django.db import migrations

from silkroutes.core.search_index import CreateSearchIndex, FoldSearchIndex


class Migration(migrations.Migration):
    dependencies = [("programme", "0004_funding_summary"), ("core", "0002_search_folding")]

    operations = [
        FoldSearchIndex(
            "project",
            ["title_en", "title_ru", "title_ar", "designation_en", "designation_ru", "designation_ar", "acronym", "description_en", "description_ru", "description_ar"],
        ),
        CreateSearchIndex("result", ["title", "description", "place"], folded=True),
    ]
