import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from silkroutes.core.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one archive (see core/backup.py)."

    def add_arguments(self, parser):
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        parser.add_argument("archive", nargs="?", default=f"var/backups/silkroutes-{stamp}.tar.gz")

    def handle(self, *args, archive, **options):
        try:
            manifest = make_backup(Path(archive))
        except (BackupError, OSError) as exc:
            raise CommandError(f"No backup was made: {exc}") from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"{archive}: {rows:,} rows in {len(manifest['tables'])} tables, "
            f"{len(manifest['files'])} files."
        )
