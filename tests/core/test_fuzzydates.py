import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from silkroutes.core.fuzzydates import FuzzyDate, Precision, mismatch


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2015", dt.date(2015, 1, 1), dt.date(2015, 12, 31), Precision.YEAR),
        ("2015-Q2", dt.date(2015, 4, 1), dt.date(2015, 6, 30), Precision.QUARTER),
        ("2016-02", dt.date(2016, 2, 1), dt.date(2016, 2, 29), Precision.MONTH),
        ("2013-04-19", dt.date(2013, 4, 19), dt.date(2013, 4, 19), Precision.DAY),
    ],
)
def test_fuzzy_date_parses_each_precision_to_its_period(text, first, last, precision):
    value = FuzzyDate.parse(text)

    assert (value.first_day, value.last_day, value.precision) == (first, last, precision)
    assert str(value) == text


@pytest.mark.parametrize("text", ["15", "2015-13", "2015-Q5", "2015-02-30", "mid-2014", ""])
def test_fuzzy_date_refuses_text_that_is_no_date(text):
    with pytest.raises(ValidationError):
        FuzzyDate.parse(text)


@pytest.mark.parametrize(
    ("day", "precision"),
    [
        (dt.date(2015, 5, 1), Precision.QUARTER),
        (dt.date(2015, 3, 1), Precision.YEAR),
        (dt.date(2015, 3, 17), Precision.MONTH),
    ],
)
def test_fuzzy_date_whose_precision_and_value_disagree_is_refused(day, precision):
    assert mismatch(day, precision)
    with pytest.raises(ValidationError, match="first day|quarter starts|1 January"):
        FuzzyDate(day, precision)


def test_fuzzy_date_needs_both_parts():
    assert mismatch(dt.date(2015, 1, 1), "") == "A date needs both a value and a precision."
    assert mismatch(None, None) is None
