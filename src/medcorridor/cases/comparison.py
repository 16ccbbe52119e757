"""The answers side by side, converted into one currency at the rate of one date."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from medcorridor.core.money import convert_with_date

from .enums import RequestStatus


@dataclass
class Row:
    request: object
    amount: Decimal | None
    rate_date: date | None
    per_day: Decimal | None
    cheapest: bool = False
    earliest: bool = False


@dataclass
class Table:
    rows: list[Row]
    currency: str
    on: date
    missing_rates: list[str]


def compare(requests, *, currency: str, on: date) -> Table:
    rows, missing = [], []
    for request in requests:
        if request.status != RequestStatus.ANSWERED:
            rows.append(Row(request, None, None, None))
            continue
        amount, rate_date = convert_with_date(request.estimate_amount, request.estimate_currency_id, currency, on)
        if amount is None:
            missing.append(request.estimate_currency_id)
        per_day = (amount / request.stay_days).quantize(Decimal("0.01")) if amount and request.stay_days else None
        rows.append(Row(request, amount, rate_date, per_day))
    priced = [r for r in rows if r.amount is not None]
    if priced:
        min(priced, key=lambda r: r.amount).cheapest = True
    dated = [r for r in rows if r.request.status == RequestStatus.ANSWERED and r.request.earliest_admission]
    if dated:
        min(dated, key=lambda r: r.request.earliest_admission).earliest = True
    rows.sort(key=lambda r: (r.amount is None, r.amount or 0, r.request.pk))
    return Table(rows=rows, currency=currency, on=on, missing_rates=sorted(set(missing)))
