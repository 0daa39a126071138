"""What every portal page shows in its footer: as of when its data is."""

import datetime as dt

from django.core.cache import cache
from django.db.models import F, Subquery
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from silkroutes.core.fuzzydates import FuzzyDate, Precision
from silkroutes.core.pagecache import data_version
from silkroutes.meetings.models import Meeting, MeetingStatus
from silkroutes.programme.models import FundingRecord, ProjectStatusChange

# Kept per data version (a change moves it) and day (a meeting of tomorrow is not yet the past).
AS_OF_SECONDS = 24 * 3600


def _latest(queryset, today: dt.date):
    """The rows of the queryset on its latest date up to today, as (date, precision)."""
    latest = queryset.filter(date__lte=today).order_by("-date").values("date")[:1]
    # Named annotations keep the columns in this order in every part of the UNION (plain field
    # names follow each model's own field order, which differs between these models, and
    # PostgreSQL refuses a date column united with a text one).
    return (
        queryset.filter(date=Subquery(latest))
        .order_by()
        .annotate(on=F("date"), precision=F("date_precision"))
        .values_list("on", "precision")
    )


def latest_dated_record(today: dt.date) -> FuzzyDate | None:
    """The latest date, up to today, that a record of the partnership's work is dated with: a
    meeting recorded as held, a project's status change, a funding record. A planned date is no
    fact yet, so it does not count. One query, since every page's footer may ask."""
    found = (
        _latest(Meeting.objects.filter(status=MeetingStatus.HELD), today)
        .union(_latest(ProjectStatusChange.objects.all(), today))
        .union(_latest(FundingRecord.objects.all(), today))
    )
    rows = [row for row in found if row[0] is not None]
    if not rows:
        return None
    day, precision = max(rows, key=lambda row: row[0])
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
