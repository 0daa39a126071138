"""The organisations' search index again, without accents or case ("turkiye" finds "Türkiye")."""

from django.db import migrations

from silkroutes.core.search_index import FoldSearchIndex


class Migration(migrations.Migration):
    dependencies = [("actors", "0004_organisation_search_index"), ("core", "0002_search_folding")]

    operations = [
        FoldSearchIndex("organisation", ["name_en", "name_ru", "name_ar", "acronym"]),
    ]
