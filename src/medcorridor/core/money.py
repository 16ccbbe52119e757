"""Currency conversion at dated reference rates (``ExchangeRate``: units per one US dollar)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .models import ExchangeRate

CENT = Decimal("0.01")


def rate_on(currency: str, day: date | None = None) -> Decimal | None:
    """The latest rate on or before ``day`` (today by default); None when the currency has none."""
    if currency == "USD":
        return Decimal(1)
    rates = ExchangeRate.objects.filter(currency_id=currency)
    if day is not None:
        rates = rates.filter(on_date__lte=day)
    return rates.order_by("-on_date").values_list("units_per_usd", flat=True).first()


def convert(amount: Decimal | None, source: str, target: str, day: date | None = None) -> Decimal | None:
    if amount is None:
        return None
    if source == target:
        return amount
    source_rate, target_rate = rate_on(source, day), rate_on(target, day)
    if source_rate is None or target_rate is None:
        return None
    return (Decimal(amount) / source_rate * target_rate).quantize(CENT, rounding=ROUND_HALF_UP)
