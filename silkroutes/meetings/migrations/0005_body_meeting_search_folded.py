"""The search indexes of bodies and meetings again, without accents or case."""

from django.db import migrations

from silkroutes.core.search_index import FoldSearchIndex


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_body_meeting_search_index"), ("core", "0002_search_folding")]

    operations = [
        FoldSearchIndex(
            "body",
            ["name_en", "name_ru", "name_ar", "focus_en", "focus_ru", "focus_ar", "future_perspective_en", "future_perspective_ru", "future_perspective_ar"],
        ),
        FoldSearchIndex(
            "meeting",
            ["title_en", "title_ru", "title_ar", "description_en", "description_ru", "description_ar", "city"],
        ),
    ]
