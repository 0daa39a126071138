"""Search without accents or case (silkroutes.core.search_index): PostgreSQL's ``unaccent`` and the
immutable function over it that folded indexes use; and the index of the sources."""

from django.db import migrations

from silkroutes.core.search_index import CreateFoldFunction, CreateSearchIndex


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        CreateFoldFunction(),
        CreateSearchIndex("source", ["title"], folded=True),
    ]
