"""Load reference data from its sources into the reference tables.

Called by the data migration (with historical models) and by ``medcorridor reference reload``.
"""

import csv
import gettext
from collections.abc import Iterable
from pathlib import Path

import pycountry

DATA_DIR = Path(__file__).resolve().parent / "data"
OTHER_UI_LANGUAGES = ("kk", "mn", "ko", "ky")
# Languages offered for international offices and interpreters: official languages of the partner
# countries plus the usual working languages of international patient departments.
OFFICE_LANGUAGES = ("ru", "en", "kk", "mn", "ko", "ky", "uz", "tg", "tr", "zh", "ja", "de", "be", "ar", "fr")


def translator(domain: str, language: str):
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def translated_names(domain: str, english: str) -> dict[str, str]:
    return {lang: translator(domain, lang).gettext(english) for lang in OTHER_UI_LANGUAGES}


def country_rows() -> Iterable[dict]:
    russian = translator("iso3166-1", "ru")
    for country in pycountry.countries:
        # Common names ("Korea, Republic of" -> common "South Korea") read better in lists.
        english = getattr(country, "common_name", None) or country.name
        yield {
            "code": country.alpha_2,
            "alpha3": country.alpha_3,
            "numeric": country.numeric,
            "name_en": english,
            "name_ru": russian.gettext(country.name),
            "names": translated_names("iso3166-1", country.name),
        }


# ISO 4217 codes that are no money anyone is paid in: funds and accounting units (Mvdol, US Dollar
# (Next day), Unidad de Fomento …), and the X-codes that are metals, bond units, SDR, test and "no currency".
FUND_CODES = frozenset({"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"})
UNIT_CODES = frozenset({"XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"})
NOT_MONEY = FUND_CODES | UNIT_CODES


def currency_rows() -> Iterable[dict]:
    russian = translator("iso4217", "ru")
    for currency in pycountry.currencies:
        if currency.alpha_3 in NOT_MONEY:
            continue
        yield {
            "code": currency.alpha_3,
            "numeric": getattr(currency, "numeric", ""),
            "name_en": currency.name,
            "name_ru": russian.gettext(currency.name),
            "names": translated_names("iso4217", currency.name),
        }


def language_rows() -> Iterable[dict]:
    russian = translator("iso639-3", "ru")
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if not code:
            continue
        yield {
            "code": code,
            "name_en": language.name,
            "name_ru": russian.gettext(language.name),
            "names": translated_names("iso639-3", language.name),
        }


def specialty_rows() -> Iterable[dict]:
    with (DATA_DIR / "specialties.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield {"code": row["code"], "name_en": row["name_en"], "name_ru": row["name_ru"], "names": {}}


def specialty_icd_blocks() -> dict[str, list[str]]:
    """Which ICD-10 ranges a specialty usually treats (used to seed offers and by matching)."""
    with (DATA_DIR / "specialties.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["icd_blocks"].split() for row in csv.DictReader(handle)}


def icd_rows() -> Iterable[dict]:
    with (DATA_DIR / "icd10.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["code"]
            yield {
                "code": code,
                "kind": row["kind"],
                "parent_id": row["parent"] or None,
                "category": code[:3] if row["kind"] in ("category", "subcategory") else "",
                "title_ru": row["title_ru"],
                "title_en": row["title_en"],
                "is_current": row["current"] == "1",
            }


def load_all(models) -> dict[str, int]:
    """Upsert every reference table; ``models`` maps a name to a model class (historical or real)."""
    counts = {}
    for name, rows, key in (
        ("Country", country_rows(), "code"),
        ("Currency", currency_rows(), "code"),
        ("Language", language_rows(), "code"),
        ("Specialty", specialty_rows(), "code"),
        ("IcdCode", icd_rows(), "code"),
    ):
        model = models[name]
        objects = [model(**row) for row in rows]
        fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
        model.objects.bulk_create(
            objects, batch_size=2000, update_conflicts=True, unique_fields=[key], update_fields=fields
        )
        counts[name] = len(objects)
    return counts
