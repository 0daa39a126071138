"""The documents' search index again, without accents or case."""

from django.db import migrations

from silkroutes.core.search_index import FoldSearchIndex


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_document_search_index"), ("core", "0002_search_folding")]

    operations = [
        FoldSearchIndex("document", ["title_en", "title_ru", "title_ar"]),
    ]
