from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from silkroutes.accounts.privacy import anonymise_person, ledger_path

from ._person import add_person_arguments, person_from


class Command(BaseCommand):
    help = (
        "Anonymise one person everywhere (account, delegation memberships, sign-in records, "
        "admin log, queued e-mails), keeping attendance figures; logged, and applied again "
        "after a restore. Cannot be undone."
    )

    def add_arguments(self, parser):
        add_person_arguments(parser)
        parser.add_argument(
            "--by",
            required=True,
            metavar="USERNAME",
            help="the member of the Secretariat who decided it",
        )

    def handle(self, *args, by, **options):
        acting = get_user_model().objects.filter(username=by, is_active=True).first()
        if acting is None:
            raise CommandError(f"There is no active account “{by}” (--by).")
        person = person_from(options)
        try:
            entry = anonymise_person(person, by=acting)
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(
                f"Nothing was anonymised: the ledger {ledger_path()} cannot be written ({error})."
            ) from None
        changed = ", ".join(f"{kind.replace('_', ' ')}: {n}" for kind, n in entry.counts.items())
        self.stdout.write(f"Anonymised as “{entry.pseudonym}” (log entry {entry.key}). {changed}.")
