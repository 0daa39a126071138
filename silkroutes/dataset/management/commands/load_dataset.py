from django.core.management.base import BaseCommand, CommandError

from silkroutes.dataset.loader import DatasetError, load_dataset


class Command(BaseCommand):
    help = "Load a dataset file (docs/data-format.md). Idempotent; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="e.g. data/silk-routes-2014-2016.yaml")

    def handle(self, *args, path, **options):
        try:
            log = load_dataset(path)
        except DatasetError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from None
        if not log.total:
            self.stdout.write(f"{path}: already up to date, no changes.")
            return
        self.stdout.write(f"{path}: {log.total} changes")
        for line in log.lines():
            self.stdout.write(f"  {line}")
