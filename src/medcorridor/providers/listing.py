"""The directory list for the API as plain rows: the hot path reads values, never model objects.

Building 100 facilities with their offers, languages and accreditations as Django models costs more
than all of the page's SQL, so the list reads exactly the columns it shows, in four indexed queries
after the count, and assembles the page shape of ``schemas.FacilityPageOut`` itself.
"""

from datetime import date

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from .models import Accreditation, Facility, Offer
from .selectors import OFFERS_IN_LIST, DirectoryQuery, select_facilities

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
    rows = list(selection.page_of(selection.facilities).values(*FACILITY_COLUMNS))
    ids = [row["pk"] for row in rows]
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


def _facility(row: dict, offers: dict, accreditations: dict, languages: dict) -> dict:
    pk = row.pop("pk")
    return {
        **row,
        "id": row.pop("public_id"),
        "country": row.pop("country_id"),
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
        .values(*OFFER_COLUMNS)
    )
    grouped: dict[int, list[dict]] = {}
    for offer in ranked:
        facility = offer.pop("facility_id")
        grouped.setdefault(facility, []).append(
            {
                **offer,
                "id": offer.pop("public_id"),
                "specialty": offer.pop("specialty_id"),
                "currency": offer.pop("currency_id"),
            }
        )
    return grouped


def _accreditations(ids: list[int]) -> dict[int, list[dict]]:
    today = date.today()
    grouped: dict[int, list[dict]] = {}
    rows = (
        Accreditation.objects.filter(facility_id__in=ids, voided_at__isnull=True)
        .order_by("scheme", "-valid_until")
        .values("facility_id", "scheme", "reference", "valid_from", "valid_until")
    )
    for row in rows:
        facility = row.pop("facility_id")
        grouped.setdefault(facility, []).append(
            {**row, "expired": bool(row["valid_until"] and row["valid_until"] < today)}
        )
    return grouped


def _languages(ids: list[int]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    pairs = Facility.office_languages.through.objects.filter(facility_id__in=ids).order_by("language_id")
    for facility, language in pairs.values_list("facility_id", "language_id"):
        grouped.setdefault(facility, []).append(language)
    return grouped
