"""Loading exchange rates from a CSV file (currency, on_date, units_per_usd)."""

import csv
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from .errors import ValidationFailed
from .models import Currency, ExchangeRate

DEMO_RATES = Path(__file__).resolve().parent / "data" / "exchange_rates.csv"


def load_rates(path: Path, *, source: str) -> int:
    known = set(Currency.objects.values_list("code", flat=True))
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                rate = Decimal(row["units_per_usd"])
                day = date.fromisoformat(row["on_date"])
            except (KeyError, InvalidOperation, ValueError) as error:
                raise ValidationFailed(f"{path.name}, row {number}: {error}") from error
            if row["currency"] not in known or rate <= 0:
                raise ValidationFailed(f"{path.name}, row {number}: unknown currency or non-positive rate")
            rows.append(ExchangeRate(currency_id=row["currency"], on_date=day, units_per_usd=rate, source=source))
    with transaction.atomic():
        ExchangeRate.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["currency", "on_date"],
            update_fields=["units_per_usd", "source"],
        )
    return len(rows)
