"""Converting amounts between currencies, only with exchange rates loaded with date and source."""

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from .models import ExchangeRate, FundingRecord

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Conversion:
    """An amount converted with one loaded rate (``inverted``: the rate was given the other way
    round, 1 to_currency = rate from_currency, and is divided by)."""

    record: FundingRecord
    amount: Decimal
    rate: ExchangeRate
    inverted: bool


class Rates:
    """The loaded exchange rates, by currency pair and date."""

    def __init__(self, rates: list[ExchangeRate]) -> None:
        self._by_pair: dict[tuple[str, str], list[ExchangeRate]] = {}
        for rate in sorted(rates, key=lambda r: r.date):
            self._by_pair.setdefault((rate.from_currency, rate.to_currency), []).append(rate)

    @classmethod
    def loaded(cls) -> "Rates":
        """Every rate in the database (one query), with its source."""
        return cls(list(ExchangeRate.objects.select_related("source")))

    def find(self, from_currency: str, to_currency: str, day: dt.date | None):
        """(rate, inverted) of the latest rate on or before ``day`` (any date when ``day`` is
        None), direct or inverse; None when no loaded rate applies."""
        found = []
        for pair, inverted in (
            ((from_currency, to_currency), False),
            ((to_currency, from_currency), True),
        ):
            rates = self._by_pair.get(pair, [])
            if day is not None:
                rates = rates[: bisect_right([r.date for r in rates], day)]
            if rates:
                found.append((rates[-1], inverted))
        if not found:
            return None
        return max(found, key=lambda pair: pair[0].date)

    def convert(self, record: FundingRecord, currency: str) -> Conversion | None:
        """The record's amount in ``currency`` at the rate of its date, or None."""
        found = self.find(record.currency, currency, record.date)
        if found is None or record.amount is None:
            return None
        rate, inverted = found
        amount = record.amount / rate.rate if inverted else record.amount * rate.rate
        return Conversion(record, amount.quantize(CENT), rate, inverted)
