from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from silkroutes.accounts.retention import purge_personal_data


class Command(BaseCommand):
    help = (
        "Delete, blank or anonymise the personal data past its retention period "
        "(PERSONAL_DATA_RETENTION_DAYS) and print the count per kind. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count what is past its period; change nothing"
        )

    def handle(self, *args, dry_run, **options):
        try:
            lines = purge_personal_data(dry_run=dry_run)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        for line in lines:
            action = f"would be {line.action}" if dry_run else line.action
            self.stdout.write(f"{line.description}: {line.count} {action}")
