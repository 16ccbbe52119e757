"""Currency conversion at dated reference rates (``ExchangeRate``: units of a currency per one US dollar)."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .models import ExchangeRate

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Rate:
    currency: str
    units_per_usd: Decimal
    on_date: date | None


def rate(currency: str, on: date) -> Rate | None:
    """The latest rate on or before ``on``; None when there is none."""
    if currency == "USD":
        return Rate("USD", Decimal(1), on)
    row = (
        ExchangeRate.objects.filter(currency_id=currency, on_date__lte=on)
        .order_by("-on_date")
        .values_list("units_per_usd", "on_date")
        .first()
    )
    return Rate(currency, row[0], row[1]) if row else None


def convert_with_date(
    amount: Decimal | None, source: str | None, target: str, on: date
) -> tuple[Decimal | None, date | None]:
    """``amount`` in ``target`` and the date of the older of the two rates used (None when impossible)."""
    if amount is None or not source:
        return None, None
    if source == target:
        return Decimal(amount), on
    source_rate, target_rate = rate(source, on), rate(target, on)
    if source_rate is None or target_rate is None:
        return None, None
    converted = (Decimal(amount) / source_rate.units_per_usd * target_rate.units_per_usd).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    dates = [d for d in (source_rate.on_date, target_rate.on_date) if d]
    return converted, min(dates) if dates else on


def convert(amount: Decimal | None, source: str | None, target: str, on: date | None = None) -> Decimal | None:
    """``amount`` in ``target`` at the rates of ``on`` (today by default); None when a rate is missing."""
    return convert_with_date(amount, source, target, on or date.today())[0]


def to_usd(amount: Decimal | None, currency: str | None, on: date) -> Decimal | None:
    return convert(amount, currency, "USD", on)
