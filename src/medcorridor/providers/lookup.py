"""Precomputed search keys of the directory, as pure functions (no database).

* Cities: one key per city whatever the script it was typed in. Folding (``core.textsearch.fold``)
  already merges transliterations (Seoul / Сеул / 서울 / Seúl all fold to "seul"); the spellings in
  ``data/city_spellings.csv`` add the exonyms folding cannot reach (Moscow / Москва, Köln / Cologne).
* Offers: the rows of ``models.FacilityOfferKey`` a facility's live offers give.
"""

import csv
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from medcorridor.core.textsearch import fold

CITY_SPELLINGS = Path(__file__).resolve().parent / "data" / "city_spellings.csv"
ANY_CATEGORY = ""
ANY_SPECIALTY = ""


@lru_cache(maxsize=1)
def _city_groups() -> dict[str, tuple[str, ...]]:
    """Folded spelling -> every spelling of that city (the English one first)."""
    groups: dict[str, tuple[str, ...]] = {}
    with CITY_SPELLINGS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            spellings = tuple(
                dict.fromkeys(s for s in (row["en"], row["ru"], row["original"], *row["other"].split("|")) if s)
            )
            for spelling in spellings:
                groups[fold(spelling)] = spellings
    return groups


def city_key(city: str) -> str:
    """The comparable form of a city name: the same for every known spelling of one city."""
    folded = fold(city)
    group = _city_groups().get(folded)
    return fold(group[0]) if group else folded


def city_spellings(city: str) -> tuple[str, ...]:
    """The known spellings of a city (for the free-text index); the name itself when none is known."""
    return _city_groups().get(fold(city), (city,))


OfferFacts = tuple[str, Decimal | None, Iterable[str]]  # specialty, price_min_usd, ICD-10 categories


def cheapest_by_key(offers: Iterable[OfferFacts]) -> dict[tuple[str, str], Decimal | None]:
    """(category, specialty) -> the lowest known USD price of the live offers with that key, where each
    offer counts under its categories and ANY_CATEGORY crossed with its specialty and ANY_SPECIALTY.
    None when none of them has a price."""
    cheapest: dict[tuple[str, str], Decimal | None] = {}
    for specialty, price, categories in offers:
        for category in (ANY_CATEGORY, *categories):
            for key in ((category, specialty), (category, ANY_SPECIALTY)):
                known = cheapest.get(key)
                if key not in cheapest or (price is not None and (known is None or price < known)):
                    cheapest[key] = price
    return cheapest
