"""The directory list for the API as plain rows: the hot path reads values, never model objects.

Building 100 facilities with their offers, languages and accreditations as Django models costs more
than all of the page's SQL, so the list reads exactly the columns it shows, in four indexed queries
after the selection, and assembles the page shape of ``schemas.FacilityPageOut`` itself.
"""

from datetime import date
from operator import itemgetter

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from .models import Accreditation, Facility, Offer
from .selectors import OFFERS_IN_LIST, DirectoryQuery, in_order, select_facilities

FACILITY_COLUMNS = (
    "pk",
    "public_id",
    "name_en",
    "name_ru",
    "name_original",
    "kind",
    "country_id",
    "city",
    "website",
    "is_demo",
)
OFFER_COLUMNS = (
    "facility_id",
    "public_id",
    "specialty_id",
    "procedure_en",
    "procedure_ru",
    "icd_codes",
    "price_min",
    "price_max",
    "currency_id",
    "stay_days_min",
    "stay_days_max",
    "wait_days",
    "is_demo",
)


def facility_page(user, query: DirectoryQuery) -> dict:
    selection = select_facilities(user, query)
    if selection is None:
        return _page([], 0, query.page, query.page_size, [])
    ids = selection.page_ids
    rows = in_order(list(Facility.objects.filter(pk__in=ids).values_list(*FACILITY_COLUMNS)), ids, itemgetter(0))
    offers, accreditations, languages = _offers(ids, selection.offer_condition), _accreditations(ids), _languages(ids)
    items = [_facility(row, offers, accreditations, languages) for row in rows]
    return _page(items, selection.total, selection.page, selection.page_size, selection.categories)


def _page(items: list, count: int, page: int, page_size: int, categories: list[str]) -> dict:
    return {
        "items": items,
        "count": count,
        "page": page,
        "pages": max(1, -(-count // page_size)),
        "page_size": page_size,
        "icd_categories": categories,
    }


# Values leave as JSON types (UUIDs, decimals and dates as the strings the API encoder would write), so
# that encoding a page of 100 facilities and 500 offers makes no per-value call back into Python.


def _text(value) -> str | None:
    return None if value is None else str(value)


def _facility(row: tuple, offers: dict, accreditations: dict, languages: dict) -> dict:
    pk, public_id, name_en, name_ru, name_original, kind, country, city, website, is_demo = row
    return {
        "id": str(public_id),
        "name_en": name_en,
        "name_ru": name_ru,
        "name_original": name_original,
        "kind": kind,
        "country": country,
        "city": city,
        "website": website,
        "is_demo": is_demo,
        "languages": languages.get(pk, []),
        "accreditations": accreditations.get(pk, []),
        "offers": offers.get(pk, []),
    }


def _offers(ids: list[int], condition) -> dict[int, list[dict]]:
    ranked = (
        Offer.objects.filter(condition, facility_id__in=ids)
        .annotate(rank=Window(RowNumber(), partition_by=[F("facility_id")], order_by=[F("procedure_en"), F("pk")]))
        .filter(rank__lte=OFFERS_IN_LIST)
        .order_by("facility_id", "rank")
        .values_list(*OFFER_COLUMNS)
    )
    grouped: dict[int, list[dict]] = {}
    for facility, public_id, specialty, procedure_en, procedure_ru, icd_codes, *rest in ranked:
        price_min, price_max, currency, stay_days_min, stay_days_max, wait_days, is_demo = rest
        grouped.setdefault(facility, []).append(
            {
                "id": str(public_id),
                "specialty": specialty,
                "procedure_en": procedure_en,
                "procedure_ru": procedure_ru,
                "icd_codes": icd_codes,
                "price_min": _text(price_min),
                "price_max": _text(price_max),
                "currency": currency,
                "stay_days_min": stay_days_min,
                "stay_days_max": stay_days_max,
                "wait_days": wait_days,
                "is_demo": is_demo,
            }
        )
    return grouped


def _accreditations(ids: list[int]) -> dict[int, list[dict]]:
    today = date.today()
    grouped: dict[int, list[dict]] = {}
    rows = (
        Accreditation.objects.filter(facility_id__in=ids, voided_at__isnull=True)
        .order_by("scheme", "-valid_until")
        .values_list("facility_id", "scheme", "reference", "valid_from", "valid_until")
    )
    for facility, scheme, reference, valid_from, valid_until in rows:
        grouped.setdefault(facility, []).append(
            {
                "scheme": scheme,
                "reference": reference,
                "valid_from": valid_from and valid_from.isoformat(),
                "valid_until": valid_until and valid_until.isoformat(),
                "expired": bool(valid_until and valid_until < today),
            }
        )
    return grouped


def _languages(ids: list[int]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    pairs = Facility.office_languages.through.objects.filter(facility_id__in=ids).order_by("language_id")
    for facility, language in pairs.values_list("facility_id", "language_id"):
        grouped.setdefault(facility, []).append(language)
    return grouped
