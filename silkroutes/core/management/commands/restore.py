from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from silkroutes.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an EMPTY instance (fresh database, empty media folder), "
        "then check every table's row count and every file's checksum against the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore_backup(Path(archive))
        except (BackupError, OSError) as exc:
            raise CommandError(f"Restore failed: {exc}") from None
        self.stdout.write(
            f"Restored and verified: {len(manifest['tables'])} tables, "
            f"{len(manifest['files'])} files, all equal to the backup."
        )
