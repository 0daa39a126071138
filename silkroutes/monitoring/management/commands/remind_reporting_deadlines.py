"""Remind the national focal points of each open reporting cycle's deadline, 14, 7 and 1 day(s)
before it. Run it once a day (cron, a systemd timer, or the task worker's scheduler); running it
more often sends nothing twice, and a day it did not run is caught up by the next run."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from silkroutes.monitoring.services import REMINDER_DAYS, send_deadline_reminders


class Command(BaseCommand):
    help = "E-mail the focal points of each open reporting cycle before its deadline."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Act as if today were this day (YYYY-MM-DD); default: today."
        )
        parser.add_argument(
            "--days",
            default=",".join(str(d) for d in REMINDER_DAYS),
            help="Days before the deadline to remind on, comma-separated (default: %(default)s).",
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
        try:
            days = [int(part) for part in options["days"].split(",") if part.strip()]
        except ValueError:
            raise CommandError(
                f"--days must be whole numbers separated by commas, not {options['days']!r}"
            ) from None
        if not days or min(days) < 0:
            raise CommandError("--days needs at least one number of days, none negative")
        sent = send_deadline_reminders(today=today, days=days)
        self.stdout.write(f"Deadline reminders sent: {sent}.")
