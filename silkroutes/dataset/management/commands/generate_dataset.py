import sys
import time

from django.core.management.base import BaseCommand, CommandError

from silkroutes.dataset.synthetic import Generator, remove_synthetic


class Command(BaseCommand):
    help = (
        "Add a deterministic synthetic partnership (marked 'synthetic-', citing the source "
        "'synthetic') on top of the starter data, for benchmarks. --remove deletes it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="N: about 200·N meetings")
        parser.add_argument("--seed", type=int, default=2013)
        parser.add_argument("--remove", action="store_true", help="delete the synthetic data")

    def handle(self, *args, scale, seed, remove, **options):
        if remove:
            self.stdout.write(f"{remove_synthetic()} synthetic records deleted.")
            return
        if scale < 1:
            raise CommandError("--scale must be 1 or more")
        started = time.perf_counter()
        total = 0

        def progress(label: str, n: int) -> None:
            nonlocal total
            total += n
            rate = total / max(time.perf_counter() - started, 1e-6)
            sys.stderr.write(f"\r{total:>9,} records ({rate:,.0f}/s) — {label:<28}")
            sys.stderr.flush()

        created = Generator(scale=scale, seed=seed, progress=progress).run()
        seconds = time.perf_counter() - started
        sys.stderr.write("\n")
        self.stdout.write(
            f"{created:,} synthetic records in {seconds:.1f} s ({created / seconds:,.0f}/s)."
        )
