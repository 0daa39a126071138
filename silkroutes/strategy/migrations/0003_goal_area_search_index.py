"""Search indexes of the priority goals and the programme's areas, in every language, without
accents or case (silkroutes.core.search_index)."""

from django.db import migrations

from silkroutes.core.search_index import CreateSearchIndex


class Migration(migrations.Migration):
    dependencies = [("strategy", "0002_action_items"), ("core", "0002_search_folding")]

    operations = [
        CreateSearchIndex("prioritygoal", ["name_en", "name_ru", "name_ar"], folded=True),
        CreateSearchIndex("area", ["title_en", "title_ru", "title_ar"], folded=True),
    ]
