from django.core.management.base import BaseCommand, CommandError

from silkroutes.accounts.privacy import (
    anonymisation_table_exists,
    ledger_path,
    reapply_anonymisations,
)


class Command(BaseCommand):
    help = (
        "Apply every logged anonymisation again (the database's log and the ledger file): run by "
        "`restore`, so that restoring an older backup brings nobody back. Idempotent."
    )

    def handle(self, *args, **options):
        if not anonymisation_table_exists():
            raise CommandError(
                "The database has no anonymisation log yet (a backup older than it): run "
                "`manage.py migrate`, then `manage.py reapply_anonymisations`. Until then, "
                "anonymised persons may be back."
            )
        try:
            result = reapply_anonymisations()
        except (OSError, ValueError) as error:
            raise CommandError(
                f"Anonymisations were not applied again: ledger {ledger_path()}: {error}"
            ) from None
        changed = sum(result.counts.values())
        self.stdout.write(
            f"Anonymisations applied again: {result.entries} "
            f"({result.from_ledger} only in the ledger), {changed} rows anonymised again"
            + (
                f", {result.written_to_ledger} written back to the ledger."
                if result.written_to_ledger
                else "."
            )
        )
