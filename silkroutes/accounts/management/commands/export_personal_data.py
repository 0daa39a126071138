import json

from django.core.management.base import BaseCommand

from silkroutes.accounts.privacy_export import export_personal_data

from ._person import add_person_arguments, person_from


class Command(BaseCommand):
    help = (
        "Print as JSON everything held about one person: account, memberships, API tokens "
        "(without secrets), delegation memberships, sign-in records, notifications."
    )

    def add_arguments(self, parser):
        add_person_arguments(parser)

    def handle(self, *args, **options):
        data = export_personal_data(person_from(options))
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
