"""The directory list for the API as plain rows: the hot path reads values, never model objects.

Building 100 facilities with their offers, languages and accreditations as Django models costs more
than all of the page's SQL, so the list reads exactly the columns it shows, in four indexed queries
after the selection, and assembles the page shape of ``schemas.FacilityPageOut`` itself.

The four page queries are plain SQL, valid on SQLite and PostgreSQL alike: compiling them as querysets
(a hundred ``IN`` parameters prepared one by one, the window filter wrapped in a sub-select) and
converting every value back to Python cost more than running them. Only the offer filter, which
``selectors`` defines once for the web pages too, is compiled from its ``Q``.
"""

from datetime import date
from operator import itemgetter
from string import Formatter

from django.db import connection
from django.db.models import Q

from .models import Accreditation, Facility, Offer
from .selectors import OFFERS_IN_LIST, DirectoryQuery, in_order, select_facilities

FACILITY_TABLE = Facility._meta.db_table
OFFER_TABLE = Offer._meta.db_table
ACCREDITATION_TABLE = Accreditation._meta.db_table
LANGUAGE_TABLE = Facility.office_languages.through._meta.db_table
PRICE_PLACES = Offer._meta.get_field("price_min").decimal_places

# Identifiers and dates leave the database as the text the API writes ({uuid} is ``_uuid_sql``; dates
# are ISO text on both backends).
FACILITIES_SQL = f"""
    SELECT id, {{uuid}}, name_en, name_ru, name_original, kind, country_id, city, website, is_demo
    FROM {FACILITY_TABLE} WHERE id IN ({{ids}})
"""
# The first five matching offers of each facility: ranked over the partial index (facility, procedure_en,
# id) WHERE voided_at IS NULL, which holds everything the ranking reads, then only the five are read from
# the table (ranking rows read whole cost twice as much at page size 100: 2,000 rows for 500 kept).
# The outer facility condition is implied by the inner one but tells the planner how few rows there are:
# PostgreSQL expects the ranking to keep all 2,000 and would otherwise hash-join a scan of every offer.
OFFERS_SQL = f"""
    SELECT facility_id, {{uuid}}, specialty_id, procedure_en, procedure_ru, icd_codes, price_min, price_max,
           currency_id, stay_days_min, stay_days_max, wait_days, is_demo
    FROM {OFFER_TABLE}
    WHERE facility_id IN ({{ids}}) AND id IN (
        SELECT id FROM (
            SELECT id, ROW_NUMBER() OVER (PARTITION BY facility_id ORDER BY procedure_en, id) AS rank
            FROM {OFFER_TABLE} WHERE facility_id IN ({{ids}}) AND {{condition}}
        ) ranked
        WHERE rank <= {OFFERS_IN_LIST}
    )
    ORDER BY facility_id, procedure_en, id
"""
ACCREDITATIONS_SQL = f"""
    SELECT facility_id, scheme, reference, CAST(valid_from AS TEXT), CAST(valid_until AS TEXT)
    FROM {ACCREDITATION_TABLE} WHERE facility_id IN ({{ids}}) AND voided_at IS NULL
    ORDER BY scheme, valid_until DESC
"""
LANGUAGES_SQL = f"""
    SELECT facility_id, language_id FROM {LANGUAGE_TABLE} WHERE facility_id IN ({{ids}}) ORDER BY language_id
"""
# Where the 32 hex digits of Django's SQLite UUIDs take their dashes: (start, length) of each group.
UUID_GROUPS = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))


def facility_page(user, query: DirectoryQuery) -> dict:
    selection = select_facilities(user, query)
    if selection is None:
        return _page([], 0, query.page, query.page_size, [])
    ids = selection.page_ids
    items = []
    if ids:
        with connection.cursor() as cursor:
            rows = in_order(_read(cursor, FACILITIES_SQL, ids), ids, itemgetter(0))
            offers = _offers(cursor, ids, selection.offer_condition)
            accreditations, languages = _accreditations(cursor, ids), _languages(cursor, ids)
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


def _read(cursor, template: str, ids: list[int], where: str = "", where_params: tuple = ()) -> list[tuple]:
    """Rows of ``template`` for the facilities ``ids``: every {ids} takes the ids, {condition} the SQL
    ``where`` with its parameters, {uuid} the public id as text; parameters follow the fields' order."""
    placeholders = ", ".join(["%s"] * len(ids))
    params = []
    for _text, field, _spec, _conversion in Formatter().parse(template):
        params += ids if field == "ids" else where_params if field == "condition" else ()
    sql = template.format(ids=placeholders, condition=where, uuid=_uuid_sql("public_id"))
    cursor.execute(sql, params)
    return cursor.fetchall()


def _uuid_sql(column: str) -> str:
    """``column`` (a UUIDField) as its dashed text: PostgreSQL casts its uuid type so; SQLite stores the
    32 hex digits, dashed here in SQL rather than once per value in Python."""
    if connection.features.has_native_uuid_field:
        return f"CAST({column} AS TEXT)"
    return " || '-' || ".join(f"substr({column}, {start}, {length})" for start, length in UUID_GROUPS)


def _offer_where(condition: Q) -> tuple[str, tuple]:
    """The offer filter as SQL on the unaliased offer table (what ``Offer.objects.filter`` compiles)."""
    query = Offer.objects.filter(condition).query
    return query.get_compiler(connection=connection).compile(query.where)


# Values leave as JSON types (UUIDs, decimals and dates as the strings the API encoder would write), so
# that encoding a page of 100 facilities and 500 offers makes no per-value call back into Python.


def _money_text(value) -> str | None:
    # SQLite hands back an int or a float (its numeric affinity drops trailing zeros), PostgreSQL a
    # Decimal: both written with the field's decimal places, as the Decimal the ORM would build.
    return None if value is None else f"{value:.{PRICE_PLACES}f}"


def _facility(row: tuple, offers: dict, accreditations: dict, languages: dict) -> dict:
    pk, public_id, name_en, name_ru, name_original, kind, country, city, website, is_demo = row
    return {
        "id": public_id,
        "name_en": name_en,
        "name_ru": name_ru,
        "name_original": name_original,
        "kind": kind,
        "country": country,
        "city": city,
        "website": website,
        "is_demo": bool(is_demo),
        "languages": languages.get(pk, []),
        "accreditations": accreditations.get(pk, []),
        "offers": offers.get(pk, []),
    }


def _offers(cursor, ids: list[int], condition: Q) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = {}
    rows = _read(cursor, OFFERS_SQL, ids, *_offer_where(condition))
    for facility, public_id, specialty, procedure_en, procedure_ru, icd_codes, *rest in rows:
        price_min, price_max, currency, stay_days_min, stay_days_max, wait_days, is_demo = rest
        grouped.setdefault(facility, []).append(
            {
                "id": public_id,
                "specialty": specialty,
                "procedure_en": procedure_en,
                "procedure_ru": procedure_ru,
                "icd_codes": icd_codes,
                "price_min": _money_text(price_min),
                "price_max": _money_text(price_max),
                "currency": currency,
                "stay_days_min": stay_days_min,
                "stay_days_max": stay_days_max,
                "wait_days": wait_days,
                "is_demo": bool(is_demo),
            }
        )
    return grouped


def _accreditations(cursor, ids: list[int]) -> dict[int, list[dict]]:
    today = date.today().isoformat()  # ISO dates compare as text
    grouped: dict[int, list[dict]] = {}
    for facility, scheme, reference, valid_from, valid_until in _read(cursor, ACCREDITATIONS_SQL, ids):
        grouped.setdefault(facility, []).append(
            {
                "scheme": scheme,
                "reference": reference,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "expired": valid_until is not None and valid_until < today,
            }
        )
    return grouped


def _languages(cursor, ids: list[int]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for facility, language in _read(cursor, LANGUAGES_SQL, ids):
        grouped.setdefault(facility, []).append(language)
    return grouped
