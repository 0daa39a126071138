"""Planner statistics after bulk loads.

PostgreSQL chooses how to join from its statistics of each table. After a bulk load they still
describe the tables as they were (autovacuum gathers them later, if ever, for a load that fits in
one transaction): at scale 100 the planner chose nested loops over 9.5 million joined rows and the
timetable took 622 ms instead of 153 ms. So a load ends by gathering them.
"""

from django.db import connections, transaction


def gather_statistics_on_commit(using: str = "default") -> None:
    """ANALYZE the database once the current transaction commits (at once outside one);
    nothing on other databases."""
    if connections[using].vendor != "postgresql":
        return
    transaction.on_commit(lambda: _analyze(using), using=using)


def _analyze(using: str) -> None:
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
