from django.core.management.base import BaseCommand

from silkroutes.core.search_index import rebuild_search_indexes


class Command(BaseCommand):
    help = (
        "Rebuild the text search index from the tables (the database keeps it on every write; "
        "this is for a database restored or edited outside the application)."
    )

    def handle(self, *args, **options):
        tables = rebuild_search_indexes()
        self.stdout.write(f"Search index rebuilt for {len(tables)} tables: {', '.join(tables)}.")
