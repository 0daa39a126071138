"""What every portal page shows in its footer: as of when its data is."""

import datetime as dt

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from silkroutes.core.fuzzydates import FuzzyDate, Precision
from silkroutes.core.pagecache import data_version
from silkroutes.meetings.models import Meeting, MeetingStatus
from silkroutes.programme.models import FundingRecord, ProjectStatusChange

# Kept per data version (a change moves it) and day (a meeting of tomorrow is not yet the past).
AS_OF_SECONDS = 24 * 3600


def latest_dated_record(today: dt.date) -> FuzzyDate | None:
    """The latest date, up to today, that a record of the partnership's work is dated with: a
    meeting recorded as held, a project's status change, a funding record. A planned date is no
    fact yet, so it does not count. One query, since every page's footer may ask: one scalar
    subquery per kind and column in a single SELECT (a UNION of the three lists its columns in
    each model's own order in some processes, which PostgreSQL refuses)."""
    parts, params = [], []
    for queryset in (
        Meeting.objects.filter(status=MeetingStatus.HELD),
        ProjectStatusChange.objects.all(),
        FundingRecord.objects.all(),
    ):
        latest = queryset.filter(date__lte=today).order_by("-date", "-pk")
        for field in ("date", "date_precision"):
            sql, values = latest.values(field)[:1].query.sql_with_params()
            parts.append(f"({sql})")
            params.extend(values)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)  # the ORM's own SQL, joined
        row = cursor.fetchone()
    found = [
        (day if isinstance(day, dt.date) else dt.date.fromisoformat(day), precision)
        for day, precision in zip(row[::2], row[1::2], strict=True)
        if day is not None
    ]
    if not found:
        return None
    day, precision = max(found, key=lambda pair: pair[0])
    return FuzzyDate(day, precision or Precision.DAY)


def data_as_of(request) -> dict:
    """``data_as_of``: the latest dated record (a FuzzyDate, or None), read only when a template
    shows it and counted once per data version and day."""

    def read() -> FuzzyDate | None:
        today = timezone.localdate()
        key = f"silkroutes:data-as-of:{data_version()}:{today.isoformat()}"
        found = cache.get(key)
        if found is None:
            latest = latest_dated_record(today)
            found = (latest,)
            cache.set(key, found, AS_OF_SECONDS)
        return found[0]

    return {"data_as_of": SimpleLazyObject(read)}
