"""Remind owners of action points due in seven days and of overdue ones. Run it once a day
(cron, a systemd timer, or the task worker's scheduler); running it twice a day sends nothing
twice."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from silkroutes.outcomes.services import send_action_point_reminders


class Command(BaseCommand):
    help = "E-mail the owners of action points due in seven days, and of overdue ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Act as if today were this day (YYYY-MM-DD); default: today.",
        )

    def handle(self, *args, **options):
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today must be a date YYYY-MM-DD, not {options['today']!r}"
                ) from None
        counts = send_action_point_reminders(today=today)
        self.stdout.write(
            f"Reminders sent: {counts['due']} due in seven days, {counts['overdue']} overdue."
        )
