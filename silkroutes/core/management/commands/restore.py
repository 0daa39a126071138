from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from silkroutes.core.backup import BackupError, restore_backup
from silkroutes.core.pagecache import bump_data_version


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an EMPTY instance (fresh database, empty media folder), "
        "then check every table's row count and every file's checksum against the backup; "
        "then apply every logged anonymisation again (`reapply_anonymisations`)."
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
        # A backup made before an anonymisation would bring the person back: the ledger, kept
        # outside the database, names everyone anonymised since (docs/decisions/0014). Called by
        # name, so that core imports no app of ours.
        call_command("reapply_anonymisations", stdout=self.stdout, stderr=self.stderr)
        # The restored data is not what the cache's copy of the data version and the stored
        # files describe: a new version makes pages and files anew.
        bump_data_version()
