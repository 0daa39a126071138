from django.core.management.base import BaseCommand

from silkroutes.programme.summaries import rebuild_funding_summaries


class Command(BaseCommand):
    help = (
        "Write the funding summary of every project anew from its funding records and budgets "
        "(after records were changed outside the services, the admin and the loaders)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild_funding_summaries()} funding summary rows corrected.")
