"""Dates known only to the day, month, quarter or year.

A fuzzy date is stored as two columns: the first day of the period and its precision. The pair is
valid only when the date *is* the first day of a period of that precision ("2015-Q2" is stored as
2015-04-01/quarter; 2015-05-01/quarter is refused). Strings use the forms "2015", "2015-Q2",
"2015-04" and "2015-04-17".
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    YEAR = "year", _("year")


# Precision.values builds the choice list (labels included) on every call: a check of every
# fuzzy date made asked for it once per row of a list.
_PRECISIONS = frozenset(Precision.values)

_PATTERNS = [
    (re.compile(r"^(\d{4})$"), Precision.YEAR),
    (re.compile(r"^(\d{4})-Q([1-4])$"), Precision.QUARTER),
    (re.compile(r"^(\d{4})-(\d{2})$"), Precision.MONTH),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), Precision.DAY),
]


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A period given by its first day and its precision."""

    first_day: dt.date
    precision: str

    def __post_init__(self) -> None:
        problem = mismatch(self.first_day, self.precision)
        if problem:
            raise ValidationError(problem, code="fuzzy_date_mismatch")

    @classmethod
    def parse(cls, text: str) -> "FuzzyDate":
        text = str(text).strip()
        for pattern, precision in _PATTERNS:
            match = pattern.match(text)
            if not match:
                continue
            parts = [int(p) for p in match.groups()]
            try:
                if precision == Precision.YEAR:
                    day = dt.date(parts[0], 1, 1)
                elif precision == Precision.QUARTER:
                    day = dt.date(parts[0], 3 * parts[1] - 2, 1)
                elif precision == Precision.MONTH:
                    day = dt.date(parts[0], parts[1], 1)
                else:
                    day = dt.date(parts[0], parts[1], parts[2])
            except ValueError as exc:
                raise ValidationError(
                    _("“%(text)s” is not a real date: %(reason)s"),
                    params={"text": text, "reason": exc},
                    code="invalid_date",
                ) from None
            return cls(day, precision)
        raise ValidationError(
            _("“%(text)s” is not a date; use 2015, 2015-Q2, 2015-04 or 2015-04-17."),
            params={"text": text},
            code="invalid_fuzzy_date",
        )

    @property
    def last_day(self) -> dt.date:
        year, month = self.first_day.year, self.first_day.month
        if self.precision == Precision.DAY:
            return self.first_day
        if self.precision == Precision.MONTH:
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if self.precision == Precision.QUARTER:
            end_month = month + 2
            return dt.date(year, end_month, calendar.monthrange(year, end_month)[1])
        return dt.date(year, 12, 31)

    @property
    def quarter(self) -> int:
        return (self.first_day.month - 1) // 3 + 1

    def __str__(self) -> str:
        day = self.first_day
        if self.precision == Precision.YEAR:
            return f"{day.year}"
        if self.precision == Precision.QUARTER:
            return f"{day.year}-Q{self.quarter}"
        if self.precision == Precision.MONTH:
            return f"{day.year}-{day.month:02d}"
        return day.isoformat()


def mismatch(day: dt.date | None, precision: str | None) -> str | None:
    """Say why a stored (first day, precision) pair is inconsistent, or None if it is fine."""
    if day is None and precision is None:
        return None
    if day is None or not precision:
        return str(_("A date needs both a value and a precision."))
    if precision not in _PRECISIONS:
        return str(_("Unknown date precision “%(p)s”.") % {"p": precision})
    if precision == Precision.DAY:
        return None
    if day.day != 1:
        return str(
            _("A date known only to the %(p)s must be stored as the first day of it, not %(d)s.")
            % {"p": Precision(precision).label, "d": day.isoformat()}
        )
    if precision == Precision.QUARTER and day.month not in (1, 4, 7, 10):
        return str(
            _("A quarter starts in January, April, July or October, not %(d)s.")
            % {"d": day.isoformat()}
        )
    if precision == Precision.YEAR and day.month != 1:
        return str(_("A year is stored as 1 January, not %(d)s.") % {"d": day.isoformat()})
    return None


def fuzzy(day: dt.date | None, precision: str | None) -> FuzzyDate | None:
    """The FuzzyDate of two stored columns, or None when the date is unknown."""
    if day is None:
        return None
    return FuzzyDate(day, precision or Precision.DAY)


def in_words(value: FuzzyDate | None) -> str:
    """A fuzzy date as words, never more precise than it is known: "2015", "Q2 2015",
    "April 2015", "17 April 2015" (month names and order follow the active language)."""
    if value is None:
        return gettext("date unknown")
    day = value.first_day
    if value.precision == Precision.YEAR:
        return str(day.year)
    if value.precision == Precision.QUARTER:
        return gettext("Q%(quarter)s %(year)s") % {"quarter": value.quarter, "year": day.year}
    if value.precision == Precision.MONTH:
        return date_format(day, "YEAR_MONTH_FORMAT")
    return date_format(day, "DATE_FORMAT")


def range_in_words(value: FuzzyDate | None, last_day: dt.date | None = None) -> str:
    """A meeting's dates in words: one day or period, or first to last day."""
    if value is None:
        return gettext("date unknown")
    if last_day is None or last_day == value.first_day or value.precision != Precision.DAY:
        return in_words(value)
    return gettext("%(start)s – %(end)s") % {
        "start": date_format(value.first_day, "DATE_FORMAT"),
        "end": date_format(last_day, "DATE_FORMAT"),
    }
