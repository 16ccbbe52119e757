"""Directory search latency over a large synthetic directory, on SQLite and on PostgreSQL.

    .venv/bin/python bench/directory_bench.py [--db sqlite|postgres|both] [--offers 100000]
                                              [--requests 300] [--quick] [--seed 2026]

Each backend runs in its own subprocess of this script, so that ``DATABASE_URL`` and
``MEDCORRIDOR_DATA_DIR`` are set before ``django.setup()``: a throwaway SQLite file in a temporary
directory, or a throwaway PostgreSQL database ``mc_directory_bench`` (dropped and re-created; another
name with ``DIRECTORY_BENCH_PG_DB``). The
child migrates (which loads the reference data), loads the demo exchange rates, bulk-creates about
``offers / 20`` facilities with 20 offers each (``FacilityTerm`` and ``OfferIcdCategory`` rows built
the way ``services.reindex_facility`` and ``services.save_offer`` build them), then times
``GET /api/v1/directory/facilities`` through ``django.test.Client`` on a seeded, realistic query mix.

Every query spec runs twice, at page_size 20 and at page_size 100, so that the SQL query counts of the
two page sizes can be compared request by request. A bare ``cursor.execute`` of an indexed facility
page query is timed interleaved with the API requests (same process, same moment) as the baseline:
the machine is shared and noisy, so ratios to that baseline are the comparable figures.

Results: ``bench/results/directory-<db>.json`` per backend and ``bench/results/directory.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
TARGET_P99_MS = 20.0
PG_DSN = "postgresql://postgres@127.0.0.1:5432"
# Helpers share one PostgreSQL server: the throwaway database is named after this work area.
PG_DB = os.environ.get("DIRECTORY_BENCH_PG_DB", "mc_directory_bench")
OFFERS_PER_FACILITY = 20
PAGE_SIZES = (20, 100)

# --- synthetic names ---------------------------------------------------------------------------------
# (Latin, Cyrillic, original script) stems; the original script is Hangul in Korea.
STEMS = {
    "KR": [
        ("Severance", "Северанс", "세브란스"),
        ("Samsung", "Самсунг", "삼성"),
        ("Asan", "Асан", "아산"),
        ("Hanyang", "Ханян", "한양"),
        ("Kyung Hee", "Кёнхи", "경희"),
        ("Chosun", "Чосон", "조선"),
        ("Inha", "Инха", "인하"),
        ("Ewha", "Ихва", "이화"),
        ("Yonsei", "Ёнсе", "연세"),
        ("Hallym", "Халлим", "한림"),
        ("Konkuk", "Конгук", "건국"),
        ("Soonchunhyang", "Сунчхонхян", "순천향"),
        ("Dankook", "Данкук", "단국"),
        ("Wonkwang", "Вонгван", "원광"),
        ("Chung-Ang", "Чунан", "중앙"),
        ("Gachon", "Качхон", "가천"),
        ("Bundang", "Пундан", "분당"),
        ("Ajou", "Аджу", "아주"),
    ],
    "RU": [
        ("Sechenov", "Сеченов", ""),
        ("Pirogov", "Пирогов", ""),
        ("Botkin", "Боткин", ""),
        ("Burdenko", "Бурденко", ""),
        ("Almazov", "Алмазов", ""),
        ("Meshalkin", "Мешалкин", ""),
        ("Sklifosovsky", "Склифосовский", ""),
        ("Vishnevsky", "Вишневский", ""),
        ("Bakulev", "Бакулев", ""),
        ("Blokhin", "Блохин", ""),
        ("Shumakov", "Шумаков", ""),
        ("Filatov", "Филатов", ""),
    ],
    "KZ": [
        ("Syzganov", "Сызганов", ""),
        ("Zhandosov", "Жандосов", ""),
        ("Asfendiyarov", "Асфендияров", ""),
        ("Bayterek", "Байтерек", ""),
        ("Sunkar", "Сункар", ""),
    ],
    "KG": [("Ala-Too", "Ала-Тоо", ""), ("Manas", "Манас", ""), ("Akhunbaev", "Ахунбаев", "")],
    "BY": [("Alexandrov", "Александров", ""), ("Lode", "Лодэ", ""), ("Nesterovich", "Нестерович", "")],
    "TR": [
        ("Acibadem", "Аджибадем", "Acıbadem"),
        ("Memorial", "Мемориал", "Memorial"),
        ("Medipol", "Медипол", "Medipol"),
        ("Anadolu", "Анадолу", "Anadolu"),
        ("Liv", "Лив", "Liv"),
        ("Florence Nightingale", "Флоренс Найтингейл", "Florence Nightingale"),
    ],
    "DE": [
        ("Charite", "Шарите", "Charité"),
        ("Helios", "Хелиос", "Helios"),
        ("Asklepios", "Асклепиос", "Asklepios"),
        ("Vivantes", "Вивантес", "Vivantes"),
        ("Sana", "Зана", "Sana"),
        ("Rhon", "Рён", "Rhön"),
    ],
}
CITIES = {
    "KR": ["Seoul", "Busan", "Incheon", "Daegu", "Daejeon", "Suwon", "Gwangju", "Seongnam"],
    "RU": ["Moscow", "Saint Petersburg", "Kazan", "Novosibirsk", "Yekaterinburg", "Tomsk"],
    "KZ": ["Almaty", "Astana", "Shymkent", "Karaganda"],
    "KG": ["Bishkek", "Osh"],
    "BY": ["Minsk", "Gomel", "Brest"],
    "TR": ["Istanbul", "Ankara", "Izmir", "Antalya"],
    "DE": ["Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt"],
}
COUNTRY_WEIGHTS = {"KR": 30, "RU": 22, "KZ": 12, "KG": 5, "BY": 6, "TR": 15, "DE": 10}
KINDS = [
    ("University Hospital", "Университетская больница", "대학교병원", "hospital"),
    ("Medical Center", "Медицинский центр", "의료원", "hospital"),
    ("Cancer Center", "Онкологический центр", "암센터", "research"),
    ("Heart Institute", "Институт сердца", "심장병원", "research"),
    ("Clinic", "Клиника", "의원", "clinic"),
    ("Transplant Center", "Центр трансплантации", "이식센터", "transplant"),
    ("Rehabilitation Hospital", "Реабилитационный центр", "재활병원", "rehabilitation"),
    ("Diagnostic Center", "Диагностический центр", "검진센터", "diagnostic"),
]
BRANCHES = [
    "Central",
    "North",
    "South",
    "East",
    "West",
    "Gangnam",
    "Riverside",
    "Park",
    "City",
    "Children's",
    "Memorial",
    "International",
    "Regional",
    "Metropolitan",
    "Harbour",
    "Hill",
]
TIERS = [
    ("", ""),
    (" — standard package", " — стандартный пакет"),
    (" — premium package", " — премиум-пакет"),
    (" with follow-up", " с последующим наблюдением"),
    (" (minimally invasive)", " (малоинвазивно)"),
]
LANGUAGES = {
    "KR": ["ko", "en", "ru", "mn", "kk", "ky"],
    "RU": ["ru", "en", "kk", "ky"],
    "KZ": ["kk", "ru", "en"],
    "KG": ["ky", "ru", "en"],
    "BY": ["ru", "be", "en"],
    "TR": ["tr", "en", "ru", "ar"],
    "DE": ["de", "en", "ru", "ar"],
}
SCHEMES = ["jci", "kahf", "gha", "kr_foreign_patient", "national_licence", "iso"]

# Query vocabulary (diagnoses as people type them: Russian and English, everyday and clinical words).
ICD_CODES = [
    "C50",
    "C16",
    "C73",
    "I25",
    "I21",
    "M17",
    "M16",
    "H25",
    "N18",
    "C61",
    "C71",
    "E11",
    "C91.0",
    "K74.6",
]
ICD_WORDS = [
    "рак молочной железы",
    "рак желудка",
    "катаракта",
    "инфаркт",
    "инсульт",
    "диабет",
    "цирроз",
    "гонартроз",
    "лейкоз",
    "ХПН",
    "breast cancer",
    "stomach cancer",
    "cataract",
    "heart attack",
    "stroke",
    "leukaemia",
    "ckd",
    "prostate cancer",
    "thyroid cancer",
    "coxarthrosis",
]
PROCEDURE_WORDS = [
    "proton",
    "transplantation",
    "трансплантация печени",
    "катаракты",
    "эко",
    "ivf",
    "knee replacement",
    "шунтирование",
    "протонная",
    "check-up",
    "чекап",
    "rehabilitation",
    "простатэктомия",
]
SPECIALTIES = [
    "oncology",
    "cardiology",
    "cardiac-surgery",
    "transplantology",
    "orthopaedics",
    "ophthalmology",
    "hematology",
    "neurosurgery",
    "reproductive-medicine",
    "radiology",
]
FOREIGN_CEILINGS = [
    ("RUB", 1_500_000),
    ("RUB", 4_000_000),
    ("KZT", 10_000_000),
    ("KRW", 30_000_000),
    ("EUR", 20_000),
    ("KGS", 2_000_000),
    ("BYN", 60_000),
    ("USD", 15_000),
]


def typo(word: str, rng: random.Random) -> str:
    """One plausible slip: a doubled, dropped, swapped or replaced letter."""
    letters = list(word)
    i = rng.randrange(1, len(letters) - 1)
    kind = rng.choice(["double", "drop", "swap", "replace"])
    if kind == "double":
        letters.insert(i, letters[i])
    elif kind == "drop":
        del letters[i]
    elif kind == "swap":
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    else:
        pool = "аеиоуыклмнрст" if "а" <= letters[i].lower() <= "я" else "aeioulmnrst"
        letters[i] = rng.choice(pool)
    return "".join(letters)


# --- parent: one subprocess per backend ---------------------------------------------------------------


def run_parent(args) -> int:
    backends = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    offers, requests = (10_000, 100) if args.quick else (args.offers, args.requests)
    results = {}
    suffix = ("-quick" if args.quick else "") + (f"-{args.tag}" if args.tag else "")
    for backend in backends:
        out = RESULTS / f"directory-{backend}{suffix}.json"
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--child",
            backend,
            "--offers",
            str(offers),
            "--requests",
            str(requests),
            "--seed",
            str(args.seed),
            "--out",
            str(out),
        ]
        if args.sqlite_analyze:
            command.append("--sqlite-analyze")
        if args.no_profile:
            command.append("--no-profile")
        print(f"\n=== {backend}: {offers:,} offers, {requests} requests ===", flush=True)
        done = subprocess.run(command, cwd=ROOT, check=False)
        if done.returncode != 0:
            print(f"{backend} run failed ({done.returncode})", file=sys.stderr)
            return done.returncode
        results[backend] = json.loads(out.read_text(encoding="utf-8"))
    summary = {
        "command": " ".join(["bench/directory_bench.py", *sys.argv[1:]]),
        "target_p99_ms": TARGET_P99_MS,
        "machine": results[backends[0]]["machine"],
        "backends": {
            name: {
                "offers": r["data"]["offers"],
                "facilities": r["data"]["facilities"],
                "api": r["api"]["all"],
                "by_page_size": r["api"]["by_page_size"],
                "baseline": r["baseline"],
                "ratio": r["ratio"],
                "queries_equal_for_page_sizes": r["queries"]["equal_for_all_specs"],
                "meets_target": r["api"]["all"]["p99_ms"] <= TARGET_P99_MS,
                "profile_top": r.get("profile", {}).get("top", [])[:8],
            }
            for name, r in results.items()
        },
    }
    if args.db == "both":
        (RESULTS / f"directory{suffix}.json").write_text(
            json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    print_table(results)
    return 0


def print_table(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"GET /api/v1/directory/facilities (target p99 ≤ {TARGET_P99_MS:g} ms)")
    for column in (
        "db",
        "scope",
        "n",
        "median ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "CPU p50/p99 ms",
        "queries/req",
        "× baseline p50",
        "× baseline p99",
    ):
        table.add_column(column, justify="right" if column not in ("db", "scope") else "left")
    for name, r in results.items():
        base = r["baseline"]
        rows = [("all", r["api"]["all"])] + [(f"page_size {k}", v) for k, v in r["api"]["by_page_size"].items()]
        for scope, s in rows:
            table.add_row(
                name,
                scope,
                str(s["n"]),
                f"{s['median_ms']:.2f}",
                f"{s['p95_ms']:.2f}",
                f"{s['p99_ms']:.2f}",
                f"{s['max_ms']:.2f}",
                f"{s['cpu_median_ms']:.1f}/{s['cpu_p99_ms']:.1f}",
                s["queries"],
                f"{s['median_ms'] / base['median_ms']:.0f}",
                f"{s['p99_ms'] / base['p99_ms']:.0f}",
            )
        table.add_row(
            name,
            "baseline SQL",
            str(base["n"]),
            f"{base['median_ms']:.3f}",
            f"{base['p95_ms']:.3f}",
            f"{base['p99_ms']:.3f}",
            f"{base['max_ms']:.3f}",
            "",
            "1",
            "1",
            "1",
        )
    Console(width=150).print(table)


# --- child: one backend --------------------------------------------------------------------------------


def configure(backend: str, workdir: Path) -> None:
    """Environment for the settings module; must run before django.setup()."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "medcorridor.config.settings"
    os.environ["MEDCORRIDOR_DATA_DIR"] = str(workdir)
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    if backend == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'directory-bench.sqlite3'}"
    else:
        import psycopg

        with psycopg.connect(f"{PG_DSN}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {PG_DB}")
        os.environ["DATABASE_URL"] = f"{PG_DSN}/{PG_DB}"
    sys.path.insert(0, str(Path(os.environ.get("DIRECTORY_BENCH_SRC") or ROOT / "src").resolve()))


def drop_postgres() -> None:
    import psycopg

    with psycopg.connect(f"{PG_DSN}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def generate(n_offers: int, seed: int) -> dict:
    """Bulk-create the synthetic directory; returns what was made (and what the queries can ask for)."""
    from django.db import transaction
    from django.utils import timezone

    from medcorridor.accounts.models import Organisation
    from medcorridor.core.models import Country, ExchangeRate, Language, Specialty
    from medcorridor.core.progress import make_progress
    from medcorridor.core.textsearch import token_set
    from medcorridor.providers import icd
    from medcorridor.providers.demo import CURRENCY, PRICE_LEVEL, PROCEDURES
    from medcorridor.providers.lookup import city_key, city_spellings
    from medcorridor.providers.models import (
        Accreditation,
        Facility,
        FacilityOfferKey,
        FacilityTerm,
        Offer,
        OfferIcdCategory,
    )

    rng = random.Random(seed)
    n_facilities = max(1, n_offers // OFFERS_PER_FACILITY)
    rates = {}
    for currency, units in ExchangeRate.objects.order_by("on_date").values_list("currency_id", "units_per_usd"):
        rates[currency] = units  # latest wins, as money.rate_on picks it
    rates["USD"] = Decimal(1)
    countries = {c.code: c for c in Country.objects.filter(code__in=COUNTRY_WEIGHTS)}
    specialty_names = {s.code: (s.name_en, s.name_ru) for s in Specialty.objects.all()}
    known_languages = set(Language.objects.values_list("code", flat=True))
    categories_of = {p[3]: icd.expand(p[3]) for p in PROCEDURES}
    token_cache: dict[str, set[str]] = {}

    def terms_of(texts: list[str]) -> set[str]:
        found: set[str] = set()
        for text in texts:
            if text not in token_cache:
                token_cache[text] = token_set([text])
            found |= token_cache[text]
        return {t[:64] for t in found}

    today = date.today()
    now = timezone.now()
    cent = Decimal("0.01")
    country_codes, weights = zip(*COUNTRY_WEIGHTS.items(), strict=True)
    through = Facility.office_languages.through
    counts = {
        "facilities": 0,
        "offers": 0,
        "voided_offers": 0,
        "voided_facilities": 0,
        "organisations": 0,
        "facility_terms": 0,
        "offer_icd_categories": 0,
        "facility_offer_keys": 0,
        "accreditations": 0,
        "expired_accreditations": 0,
        "office_languages": 0,
        "hangul_aliases": 0,
        "cyrillic_aliases": 0,
    }
    chunk = 250
    started = time.perf_counter()
    with make_progress() as progress, transaction.atomic():
        task = progress.add_task("generating directory", total=n_facilities)
        for first in range(0, n_facilities, chunk):
            size = min(chunk, n_facilities - first)
            # Organisations: networks of one to three facilities.
            plans = []
            organisations = []
            while len(plans) < size:
                country = rng.choices(country_codes, weights)[0]
                stem_en, stem_ru, stem_orig = rng.choice(STEMS[country])
                group = Organisation(
                    kind="clinic",
                    name_en=f"{stem_en} Healthcare Group {first + len(plans)}",
                    name_ru=f"Группа клиник «{stem_ru}» {first + len(plans)}",
                    name_original=stem_orig,
                    short_name=stem_en,
                    country_id=country,
                )
                organisations.append(group)
                for _ in range(min(rng.randint(1, 3), size - len(plans))):
                    plans.append((country, stem_en, stem_ru, stem_orig, group))
            Organisation.objects.bulk_create(organisations)
            facilities = []
            for country, stem_en, stem_ru, stem_orig, group in plans:
                kind_en, kind_ru, kind_ko, kind = rng.choice(KINDS)
                branch = rng.choice(BRANCHES)
                aliases = []
                if stem_orig and country == "KR":
                    aliases.append(f"{stem_orig}{kind_ko}")  # Hangul compound, written without spaces
                    counts["hangul_aliases"] += 1
                if rng.random() < 0.4:
                    aliases.append(stem_ru)
                    counts["cyrillic_aliases"] += 1
                if rng.random() < 0.2:
                    aliases.append(f"{stem_en} {branch}")
                facilities.append(
                    Facility(
                        organisation=group,
                        kind=kind,
                        name_en=f"{stem_en} {branch} {kind_en}",
                        name_ru=f"{kind_ru} «{stem_ru}» ({branch})",
                        aliases=aliases,
                        name_original=f"{stem_orig} {kind_ko}" if country == "KR" else stem_orig,
                        country_id=country,
                        city=(city := rng.choice(CITIES[country])),
                        city_key=city_key(city),
                        address=f"{rng.randint(1, 300)} Main St",
                        website=f"https://{stem_en.lower().replace(' ', '')}-{first + len(facilities)}.test",
                        beds=rng.randint(40, 2500),
                        is_demo=True,
                        voided_at=None if rng.random() > 0.01 else now,
                    )
                )
            Facility.objects.bulk_create(facilities)
            counts["organisations"] += len(organisations)
            counts["facilities"] += len(facilities)
            counts["voided_facilities"] += sum(f.voided_at is not None for f in facilities)

            offers, offer_categories, terms, accreditations, languages = [], [], [], [], []
            for facility in facilities:
                country = facility.country_id
                currency = CURRENCY.get(country, "USD")
                level = PRICE_LEVEL.get(country, 1.0)
                procedures = rng.sample(PROCEDURES, rng.randint(6, 10))
                texts = [
                    *facility.all_names(),
                    *city_spellings(facility.city),
                    facility.organisation.name_en,
                    facility.organisation.name_ru,
                    facility.organisation.name_original,
                    countries[country].name_en,
                    countries[country].name_ru,
                ]
                for index in range(OFFERS_PER_FACILITY):
                    specialty, name_en, name_ru, codes, (low, high), (stay_low, stay_high), wait = procedures[
                        index % len(procedures)
                    ]
                    tier_en, tier_ru = TIERS[(index // len(procedures)) % len(TIERS)]
                    factor = level * rng.uniform(0.85, 1.15) * (1.3 if "premium" in tier_en else 1.0)
                    price_min = (Decimal(round(low * factor, -2)) * rates[currency]).quantize(cent, ROUND_HALF_UP)
                    price_max = (Decimal(round(high * factor, -2)) * rates[currency]).quantize(cent, ROUND_HALF_UP)
                    voided = rng.random() < 0.02
                    offers.append(
                        Offer(
                            facility=facility,
                            specialty_id=specialty,
                            procedure_en=name_en + tier_en,
                            procedure_ru=name_ru + tier_ru,
                            icd_codes=codes,
                            price_min=price_min,
                            price_max=price_max,
                            currency_id=currency,
                            price_min_usd=(price_min / rates[currency]).quantize(cent, ROUND_HALF_UP),
                            stay_days_min=stay_low,
                            stay_days_max=stay_high,
                            wait_days=max(1, int(wait * rng.uniform(0.5, 1.8))),
                            is_demo=True,
                            voided_at=now if voided else None,
                        )
                    )
                    if not voided:  # reindex_facility reads the facility's active offers only
                        texts += [name_en + tier_en, name_ru + tier_ru, *specialty_names[specialty]]
                terms += [FacilityTerm(facility=facility, term=t) for t in terms_of([t for t in texts if t])]
                for scheme in rng.sample(SCHEMES, rng.choice([0, 1, 1, 2, 2, 3])):
                    expired = rng.random() < 0.2
                    until = (
                        today - timedelta(days=rng.randint(20, 600))
                        if expired
                        else today + timedelta(days=rng.randint(60, 1100))
                    )
                    counts["expired_accreditations"] += expired
                    accreditations.append(
                        Accreditation(
                            facility=facility,
                            scheme=scheme,
                            reference=f"{scheme.upper()}-{rng.randint(1000, 99999)}",
                            valid_from=until - timedelta(days=3 * 365),
                            valid_until=until,
                        )
                    )
                spoken = [c for c in LANGUAGES[country] if c in known_languages]
                for code in rng.sample(spoken, rng.randint(1, len(spoken))):
                    languages.append(through(facility_id=facility.pk, language_id=code))
            Offer.objects.bulk_create(offers, batch_size=2000)
            for offer in offers:
                offer_categories += [
                    OfferIcdCategory(offer_id=offer.pk, category=c) for c in categories_of[offer.icd_codes]
                ]
            OfferIcdCategory.objects.bulk_create(offer_categories, batch_size=5000)
            offer_keys = offer_key_rows(offers, categories_of)
            FacilityOfferKey.objects.bulk_create(offer_keys, batch_size=5000)
            FacilityTerm.objects.bulk_create(terms, batch_size=5000)
            Accreditation.objects.bulk_create(accreditations, batch_size=2000)
            through.objects.bulk_create(languages, batch_size=5000)
            counts["offers"] += len(offers)
            counts["voided_offers"] += sum(o.voided_at is not None for o in offers)
            counts["offer_icd_categories"] += len(offer_categories)
            counts["facility_offer_keys"] += len(offer_keys)
            counts["facility_terms"] += len(terms)
            counts["accreditations"] += len(accreditations)
            counts["office_languages"] += len(languages)
            progress.update(task, advance=size, description=f"generating directory ({counts['offers']:,} offers)")
    counts["generate_seconds"] = round(time.perf_counter() - started, 1)
    return counts


def offer_key_rows(offers: list, categories_of: dict) -> list:
    """The ``FacilityOfferKey`` rows ``services.reindex_facility`` would write for these offers."""
    from medcorridor.providers.lookup import cheapest_by_key
    from medcorridor.providers.models import FacilityOfferKey

    live_by_facility: dict[int, list] = {}
    for offer in offers:
        if offer.voided_at is None:
            facts = (offer.specialty_id, offer.price_min_usd, categories_of[offer.icd_codes])
            live_by_facility.setdefault(offer.facility_id, []).append(facts)
    return [
        FacilityOfferKey(facility_id=facility, category=category, specialty=specialty, cheapest_usd=price)
        for facility, facts in live_by_facility.items()
        for (category, specialty), price in cheapest_by_key(facts).items()
    ]


def query_specs(n: int, seed: int, facilities: int) -> list[tuple[str, dict]]:
    """A seeded, realistic mix of directory searches: (category, GET parameters without page_size)."""
    rng = random.Random(seed + 1)
    latin = [s[0] for stems in STEMS.values() for s in stems]
    cyrillic = [s[1] for stems in STEMS.values() for s in stems]
    hangul = [s[2] for s in STEMS["KR"]]
    cities = [c for cs in CITIES.values() for c in cs]

    def deepest(share: float) -> int:
        # The last page that still exists at page_size 100 for a filter matching ``share`` of facilities.
        return max(2, int(facilities * share / max(PAGE_SIZES)))

    def one() -> tuple[str, dict]:
        kind = rng.choices(
            [
                "text-latin",
                "text-cyrillic",
                "text-hangul",
                "text-typo",
                "text+city",
                "procedure-words",
                "icd-code",
                "icd-words",
                "specialty",
                "country+language",
                "accreditation",
                "price-foreign",
                "combination",
                "deep-page",
                "browse",
            ],
            [8, 7, 5, 7, 5, 5, 7, 8, 6, 7, 5, 6, 10, 6, 4],
        )[0]
        country = rng.choices(list(COUNTRY_WEIGHTS), list(COUNTRY_WEIGHTS.values()))[0]
        if kind == "text-latin":
            return kind, {"q": rng.choice(latin).lower() if rng.random() < 0.5 else rng.choice(latin)}
        if kind == "text-cyrillic":
            return kind, {"q": rng.choice(cyrillic)}
        if kind == "text-hangul":
            return kind, {"q": rng.choice(hangul) + rng.choice(["", "", "병원", " 암센터"])}
        if kind == "text-typo":
            word = rng.choice([w for w in latin + cyrillic if len(w) >= 6 and " " not in w])
            return kind, {"q": typo(word, rng)}
        if kind == "text+city":
            stems = STEMS[country]
            return kind, {"q": f"{rng.choice(stems)[rng.choice([0, 1])]} {rng.choice(CITIES[country])}"}
        if kind == "procedure-words":
            return kind, {"q": rng.choice(PROCEDURE_WORDS)}
        if kind == "icd-code":
            return kind, {"icd": rng.choice(ICD_CODES)}
        if kind == "icd-words":
            return kind, {"icd": rng.choice(ICD_WORDS)}
        if kind == "specialty":
            return kind, {"specialty": rng.choice(SPECIALTIES)}
        if kind == "country+language":
            return kind, {"country": country, "language": rng.choice(["ru", "en", "kk", "mn", "ky"])}
        if kind == "accreditation":
            return kind, {"accreditation": rng.choice(SCHEMES)}
        if kind == "price-foreign":
            currency, amount = rng.choice(FOREIGN_CEILINGS)
            return kind, {"price_max": str(amount), "currency": currency}
        if kind == "combination":
            params = {"country": country}
            if rng.random() < 0.5:
                params["icd"] = rng.choice(ICD_CODES + ICD_WORDS)
            else:
                params["specialty"] = rng.choice(SPECIALTIES)
            if rng.random() < 0.5:
                params["language"] = "ru"
            if rng.random() < 0.4:
                params["accreditation"] = rng.choice(["jci", "national_licence", "kahf"])
            if rng.random() < 0.5:
                currency, amount = rng.choice(FOREIGN_CEILINGS)
                params.update(price_max=str(amount), currency=currency)
            if rng.random() < 0.4:
                params["q"] = rng.choice(cities if rng.random() < 0.5 else latin + cyrillic)
            return kind, params
        if kind == "deep-page":
            # Broad result sets only, so that page N exists at page_size 100 as well as at 20.
            return kind, rng.choice(
                [
                    {"page": str(rng.randint(2, deepest(0.9)))},
                    {"country": "KR", "page": str(rng.randint(2, deepest(0.25)))},
                    {"specialty": "oncology", "page": str(rng.randint(2, deepest(0.5)))},
                ]
            )
        return kind, {}

    return [one() for _ in range(n)]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p99 of 300 values is the 297th smallest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def stats_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 3),
        "p95_ms": round(percentile(ms, 0.95), 3),
        "p99_ms": round(percentile(ms, 0.99), 3),
        "max_ms": round(max(ms), 3),
        "min_ms": round(min(ms), 3),
    }


def queries_label(counts: list[int]) -> str:
    low, high = min(counts), max(counts)
    return str(low) if low == high else f"{low}–{high}"


def run_child(args) -> int:
    backend = args.child
    with tempfile.TemporaryDirectory(prefix="medcorridor-bench-") as workdir:
        configure(backend, Path(workdir))
        try:
            return measure(args, backend)
        finally:
            from django.db import connections

            connections.close_all()
            if backend == "postgres":
                drop_postgres()


def measure(args, backend: str) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from medcorridor.core.progress import make_progress
    from medcorridor.core.rates import DEMO_RATES, load_rates

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.perf_counter() - began
    load_rates(DEMO_RATES, source="indicative demo rates")
    data = generate(args.offers, args.seed)
    data["migrate_seconds"] = round(migrate_seconds, 1)
    analysed = backend == "postgres" or args.sqlite_analyze
    with connection.cursor() as cursor:
        if backend == "postgres":
            # What autovacuum does soon after a bulk load (since PostgreSQL 13 inserts trigger the vacuum
            # too): statistics, and the visibility map that lets index-only scans skip the table.
            cursor.execute("VACUUM ANALYZE")
        elif args.sqlite_analyze:
            cursor.execute("ANALYZE")
    data["analyze"] = analysed
    print(
        f"{backend}: {data['facilities']:,} facilities, {data['offers']:,} offers, "
        f"{data['facility_terms']:,} terms, {data['offer_icd_categories']:,} ICD rows "
        f"in {data['generate_seconds']} s (migrate {data['migrate_seconds']} s)",
        flush=True,
    )

    client = Client()
    url = "/api/v1/directory/facilities"
    specs = query_specs(max(1, args.requests // len(PAGE_SIZES)), args.seed, data["facilities"])
    baseline_sql = "SELECT id, name_en, city FROM providers_facility WHERE country_id = %s ORDER BY name_en LIMIT 20"
    countries = list(COUNTRY_WEIGHTS)

    def baseline_once(i: int) -> float:
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(baseline_sql, [countries[i % len(countries)]])
            cursor.fetchall()
        return time.perf_counter() - start

    def get(params: dict) -> tuple[float, int, float, float, dict]:
        # CPU time of this process besides the wall time: on a shared machine the wall time also counts
        # the waits for a free core. (It includes SQLite's work, which runs in process, not PostgreSQL's.)
        with CaptureQueriesContext(connection) as captured:
            start, cpu_start = time.perf_counter(), time.process_time()
            response = client.get(f"{url}?{urlencode(params)}")
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        if response.status_code != 200:
            raise SystemExit(f"{params}: HTTP {response.status_code} {response.content[:300]!r}")
        sql = sum(float(q["time"]) for q in captured.captured_queries)
        return elapsed, len(captured.captured_queries), sql, cpu, response.json()

    # Cold: the first request builds the term vocabulary and the ICD index (once per process).
    cold, cold_queries, _sql, _cpu, _body = get({"q": "severance"})
    # Warm-up: every category once at both page sizes, plus the baseline.
    for _category, params in query_specs(40, args.seed + 99, data["facilities"]):
        for size in PAGE_SIZES:
            get({**params, "page_size": size})
    for i in range(200):
        baseline_once(i)

    records = []
    baseline = []
    load_before = os.getloadavg()
    with make_progress() as progress:
        task = progress.add_task(f"{backend}: timing requests", total=len(specs) * len(PAGE_SIZES))
        for index, (category, params) in enumerate(specs):
            for size in PAGE_SIZES:
                baseline.append(baseline_once(index))
                elapsed, n_queries, sql, cpu, body = get({**params, "page_size": size})
                baseline.append(baseline_once(index + 1))
                records.append(
                    {
                        "spec": index,
                        "category": category,
                        "params": params,
                        "page_size": size,
                        "ms": round(elapsed * 1000, 3),
                        "queries": n_queries,
                        "sql_ms": round(sql * 1000, 3),
                        "cpu_ms": round(cpu * 1000, 3),
                        "items": len(body["items"]),
                        "count": body["count"],
                    }
                )
                progress.advance(task)

    result = summarise(backend, args, data, records, baseline, cold, cold_queries)
    # The 1-minute load average before and after the timed requests: how busy the shared machine was.
    result["machine"]["load_average_1min"] = [round(load_before[0], 2), round(os.getloadavg()[0], 2)]
    slow = result["api"]["all"]["p99_ms"] > TARGET_P99_MS
    if slow and not args.no_profile:
        result["profile"] = profile(get, records)
    out = Path(args.out or RESULTS / f"directory-{backend}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def summarise(backend, args, data, records, baseline, cold, cold_queries) -> dict:
    from django.db import connection

    def block(rows: list[dict]) -> dict:
        out = stats_ms([r["ms"] / 1000 for r in rows])
        out["queries"] = queries_label([r["queries"] for r in rows])
        out["sql_median_ms"] = round(statistics.median(r["sql_ms"] for r in rows), 3)
        out["sql_share_of_time"] = round(sum(r["sql_ms"] for r in rows) / sum(r["ms"] for r in rows), 3)
        cpu = [r["cpu_ms"] for r in rows]
        out["cpu_median_ms"], out["cpu_p99_ms"] = round(statistics.median(cpu), 3), round(percentile(cpu, 0.99), 3)
        return out

    by_size = {str(size): block([r for r in records if r["page_size"] == size]) for size in PAGE_SIZES}
    by_category = {}
    for category in sorted({r["category"] for r in records}):
        rows = [r for r in records if r["category"] == category]
        by_category[category] = {
            **block(rows),
            "hit_share": round(sum(r["count"] > 0 for r in rows) / len(rows), 2),
            "median_count": statistics.median(r["count"] for r in rows),
        }
    pairs = {}
    for r in records:
        pairs.setdefault(r["spec"], {})[r["page_size"]] = r
    unequal = [
        {
            "params": p[20]["params"],
            "queries_20": p[20]["queries"],
            "queries_100": p[100]["queries"],
            "items_20": p[20]["items"],
            "items_100": p[100]["items"],
        }
        for p in pairs.values()
        if p[20]["queries"] != p[100]["queries"]
    ]
    base = stats_ms(baseline)
    api = block(records)
    return {
        "backend": backend,
        "vendor": connection.vendor,
        "server_version": getattr(connection, "pg_version", None) or __import__("sqlite3").sqlite_version,
        "seed": args.seed,
        "data": data,
        "machine": {
            "python": platform.python_version(),
            "cpu": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
            "note": "shared machine, other jobs running",
        },
        "cold_first_request_ms": round(cold * 1000, 1),
        "cold_first_request_queries": cold_queries,
        "api": {"all": api, "by_page_size": by_size, "by_category": by_category},
        "queries": {
            "by_page_size": {
                str(s): sorted({r["queries"] for r in records if r["page_size"] == s}) for s in PAGE_SIZES
            },
            "equal_for_all_specs": not unequal,
            "unequal_specs": unequal[:10],
            "items_returned": {
                str(s): sorted({r["items"] for r in records if r["page_size"] == s})[-1:] for s in PAGE_SIZES
            },
        },
        "baseline": {
            **base,
            "sql": "SELECT id, name_en, city FROM providers_facility WHERE country_id = %s "
            "ORDER BY name_en LIMIT 20 (cursor.execute + fetchall), interleaved",
        },
        "ratio": {
            "median": round(api["median_ms"] / base["median_ms"], 1),
            "p99": round(api["p99_ms"] / base["p99_ms"], 1),
            **{f"median_page_size_{k}": round(v["median_ms"] / base["median_ms"], 1) for k, v in by_size.items()},
        },
        "slowest": sorted(records, key=lambda r: -r["ms"])[:10],
    }


def profile(get, records: list[dict]) -> dict:
    """cProfile over the slowest tenth of the requests, re-run: where the time goes."""
    slowest = sorted(records, key=lambda r: -r["ms"])[: max(10, len(records) // 10)]
    profiler = cProfile.Profile()
    profiler.enable()
    for r in slowest:
        get({**r["params"], "page_size": r["page_size"]})
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # total internal time
    top = []
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        short = filename.split("site-packages/")[-1].split("src/")[-1]
        top.append(
            {
                "function": f"{short}:{line}({name})",
                "calls": calls,
                "tottime_s": round(tottime, 4),
                "cumtime_s": round(cumtime, 4),
            }
        )
    by_cum = sorted(top, key=lambda t: -t["cumtime_s"])
    project = [t for t in by_cum if t["function"].startswith("medcorridor/")][:15]
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(15)
    return {
        "requests": len(slowest),
        "total_internal_s": round(total, 3),
        "top": sorted(top, key=lambda t: -t["tottime_s"])[:20],
        "project_cumulative": project,
        "pstats_tottime": text.getvalue()[-6000:],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300, help="timed requests (half at each page size)")
    parser.add_argument("--quick", action="store_true", help="10,000 offers and 100 requests")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--sqlite-analyze", action="store_true", help="run ANALYZE on SQLite too (the application never does)"
    )
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--tag", default="", help="suffix of the result files (e.g. a variant under test)")
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    return run_child(args) if args.child else run_parent(args)


if __name__ == "__main__":
    sys.exit(main())
