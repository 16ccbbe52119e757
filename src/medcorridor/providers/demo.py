"""Demo partner directory: the institutions of the seed articles and their peers, with synthetic offers.

Everything created here is marked ``is_demo``: prices, stays and waits are plausible, not quoted.
``PROCEDURES`` is also the catalogue the directory benchmark draws its synthetic offers from.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from medcorridor.accounts.demo import organisation
from medcorridor.core.rates import DEMO_RATES, load_rates

from .enums import AccreditationScheme as Scheme
from .enums import FacilityKind as Kind
from .models import Contact
from .services import create_facility, reindex_facility, save_accreditation, save_offer

# (specialty, English, Russian, ICD-10, typical USD price low-high at Korean prices, stay days, wait days)
PROCEDURES = [
    (
        "oncology",
        "Breast cancer surgery and chemotherapy",
        "Хирургия и химиотерапия рака молочной железы",
        "C50",
        (18000, 45000),
        (7, 21),
        14,
    ),
    ("oncology", "Proton therapy", "Протонная терапия", "C00-C97", (40000, 90000), (30, 45), 30),
    (
        "oncology",
        "Gastric cancer robotic gastrectomy",
        "Роботизированная гастрэктомия при раке желудка",
        "C16",
        (20000, 40000),
        (10, 14),
        10,
    ),
    ("oncology", "Thyroid cancer surgery", "Хирургия рака щитовидной железы", "C73", (9000, 16000), (4, 7), 7),
    (
        "hematology",
        "Bone marrow transplantation",
        "Трансплантация костного мозга",
        "C91-C95 D61",
        (90000, 200000),
        (40, 60),
        45,
    ),
    (
        "cardiac-surgery",
        "Coronary artery bypass grafting",
        "Аортокоронарное шунтирование",
        "I20-I25",
        (25000, 45000),
        (10, 14),
        14,
    ),
    (
        "cardiology",
        "Coronary angioplasty and stenting",
        "Коронарная ангиопластика и стентирование",
        "I20-I25",
        (9000, 18000),
        (3, 5),
        7,
    ),
    (
        "cardiac-surgery",
        "Heart valve replacement",
        "Протезирование клапана сердца",
        "I34-I37 I05-I08",
        (30000, 55000),
        (10, 16),
        21,
    ),
    (
        "transplantology",
        "Living-donor liver transplantation",
        "Трансплантация печени от живого донора",
        "K70-K77 C22",
        (150000, 250000),
        (30, 45),
        60,
    ),
    (
        "transplantology",
        "Living-donor kidney transplantation",
        "Трансплантация почки от живого донора",
        "N18",
        (60000, 110000),
        (14, 21),
        45,
    ),
    (
        "neurosurgery",
        "Brain tumour removal",
        "Удаление опухоли головного мозга",
        "C71 D33",
        (30000, 60000),
        (10, 21),
        14,
    ),
    ("spine-surgery", "Spinal fusion", "Спондилодез", "M40-M54", (20000, 38000), (7, 10), 21),
    (
        "orthopaedics",
        "Total knee replacement",
        "Эндопротезирование коленного сустава",
        "M17",
        (15000, 25000),
        (7, 14),
        30,
    ),
    (
        "orthopaedics",
        "Total hip replacement",
        "Эндопротезирование тазобедренного сустава",
        "M16",
        (16000, 27000),
        (7, 14),
        30,
    ),
    ("ophthalmology", "Cataract surgery", "Хирургия катаракты", "H25-H26", (2500, 5000), (1, 2), 7),
    ("reproductive-medicine", "IVF cycle", "Цикл ЭКО", "N97", (7000, 12000), (14, 21), 30),
    (
        "gastroenterology",
        "Endoscopic submucosal dissection",
        "Эндоскопическая подслизистая диссекция",
        "C15-C20 D12",
        (6000, 12000),
        (3, 5),
        10,
    ),
    ("urology", "Robotic prostatectomy", "Роботизированная простатэктомия", "C61", (25000, 40000), (5, 8), 14),
    (
        "rehabilitation",
        "Post-stroke rehabilitation (4 weeks)",
        "Реабилитация после инсульта (4 недели)",
        "I60-I69",
        (8000, 15000),
        (28, 28),
        7,
    ),
    (
        "paediatric-surgery",
        "Congenital heart defect repair in children",
        "Коррекция врождённого порока сердца у детей",
        "Q20-Q26",
        (25000, 50000),
        (10, 21),
        21,
    ),
    (
        "radiology",
        "Comprehensive health check-up with PET-CT",
        "Комплексный чекап с ПЭТ-КТ",
        "Z00-Z13",
        (2000, 5000),
        (1, 2),
        3,
    ),
    (
        "endocrinology",
        "Diabetes assessment and treatment plan",
        "Обследование и лечение сахарного диабета",
        "E10-E14",
        (1500, 3500),
        (2, 4),
        5,
    ),
]

# Price level against Korean prices: what the same care usually costs in each country.
PRICE_LEVEL = {"KR": 1.0, "RU": 0.55, "KZ": 0.45, "KG": 0.3, "BY": 0.4, "TR": 0.7, "DE": 1.6}
CURRENCY = {"KR": "KRW", "RU": "RUB", "KZ": "KZT", "KG": "KGS", "BY": "BYN", "TR": "USD", "DE": "EUR"}

# organisation key: (kind, city, address, Russian-script and other spellings, languages, specialties, accreditations)
FACILITIES = {
    "gangnam-severance": (
        Kind.HOSPITAL,
        "Seoul",
        "211 Eonju-ro, Gangnam-gu",
        ["Каннам Северанс", "Северанс"],
        ["ko", "en", "ru", "mn", "kk"],
        ["oncology", "spine-surgery", "cardiology", "rehabilitation", "radiology", "endocrinology"],
        ["jci", "kahf", "kr_foreign_patient"],
    ),
    "severance": (
        Kind.HOSPITAL,
        "Seoul",
        "50-1 Yonsei-ro, Seodaemun-gu",
        ["Северанс", "Yonsei Severance"],
        ["ko", "en", "ru", "mn"],
        ["oncology", "hematology", "cardiac-surgery", "transplantology", "neurosurgery"],
        ["jci", "kahf", "kr_foreign_patient"],
    ),
    "ajou": (
        Kind.HOSPITAL,
        "Suwon",
        "164 World cup-ro, Yeongtong-gu",
        ["Аджу", "Аджоу"],
        ["ko", "en", "ru", "kk"],
        ["oncology", "orthopaedics", "gastroenterology", "emergency-medicine"],
        ["kahf", "kr_foreign_patient"],
    ),
    "snuh": (
        Kind.HOSPITAL,
        "Seoul",
        "101 Daehak-ro, Jongno-gu",
        ["Сеульский национальный университет"],
        ["ko", "en", "ru", "mn"],
        ["oncology", "transplantology", "paediatric-surgery", "ophthalmology"],
        ["kahf", "kr_foreign_patient"],
    ),
    "samsung": (
        Kind.HOSPITAL,
        "Seoul",
        "81 Irwon-ro, Gangnam-gu",
        ["Самсунг"],
        ["ko", "en", "ru", "mn", "kk"],
        ["oncology", "cardiology", "hematology", "radiology"],
        ["jci", "kr_foreign_patient"],
    ),
    "asan": (
        Kind.HOSPITAL,
        "Seoul",
        "88 Olympic-ro 43-gil, Songpa-gu",
        ["Асан"],
        ["ko", "en", "ru", "mn"],
        ["transplantology", "cardiac-surgery", "oncology"],
        ["jci", "kahf", "kr_foreign_patient"],
    ),
    "shumakov": (
        Kind.TRANSPLANT,
        "Moscow",
        "1 Shchukinskaya St",
        ["Shumakov Center", "ФНЦТИО"],
        ["ru", "en"],
        ["transplantology", "cardiac-surgery"],
        ["national_licence"],
    ),
    "almazov": (
        Kind.RESEARCH,
        "Saint Petersburg",
        "2 Akkuratova St",
        ["Almazov Centre"],
        ["ru", "en"],
        ["cardiology", "cardiac-surgery", "paediatric-surgery", "endocrinology"],
        ["national_licence"],
    ),
    "blokhin": (
        Kind.RESEARCH,
        "Moscow",
        "24 Kashirskoye Shosse",
        ["Blokhin Cancer Center"],
        ["ru", "en"],
        ["oncology", "hematology"],
        ["national_licence"],
    ),
    "kulakov": (
        Kind.RESEARCH,
        "Moscow",
        "4 Akademika Oparina St",
        ["Kulakov Center"],
        ["ru", "en"],
        ["reproductive-medicine", "paediatric-surgery"],
        ["national_licence"],
    ),
    "syzganov": (
        Kind.RESEARCH,
        "Almaty",
        "62 Zheltoksan St",
        ["Syzganov Center", "ННЦХ"],
        ["kk", "ru", "en"],
        ["transplantology", "cardiac-surgery", "general-surgery"],
        ["jci", "national_licence"],
    ),
    "umc-astana": (
        Kind.HOSPITAL,
        "Astana",
        "2 Syganak St",
        ["УМЦ", "University Medical Center"],
        ["kk", "ru", "en"],
        ["oncology", "paediatric-surgery", "rehabilitation", "orthopaedics"],
        ["jci", "national_licence"],
    ),
    "nsc-kg": (
        Kind.RESEARCH,
        "Bishkek",
        "19 Toktogul St",
        ["Национальный центр хирургии", "НХЦ"],
        ["ky", "ru"],
        ["transplantology", "general-surgery"],
        ["national_licence"],
    ),
    "minsk-transplant": (
        Kind.TRANSPLANT,
        "Minsk",
        "8 Semashko St",
        ["9-я больница Минска", "МНПЦ ХТиГ"],
        ["ru", "be", "en"],
        ["transplantology", "hematology"],
        ["national_licence"],
    ),
    "acibadem": (
        Kind.HOSPITAL,
        "Istanbul",
        "Büyükdere Cd. 40, Sarıyer",
        ["Аджибадем", "Acibadem"],
        ["tr", "en", "ru", "ar"],
        ["oncology", "orthopaedics", "reproductive-medicine", "ophthalmology"],
        ["jci", "gha"],
    ),
    "memorial": (
        Kind.HOSPITAL,
        "Istanbul",
        "Piyale Paşa Blv., Şişli",
        ["Мемориал"],
        ["tr", "en", "ru"],
        ["transplantology", "cardiac-surgery", "oncology"],
        ["jci"],
    ),
}


def _offer_fields(country: str, procedure, rng: random.Random) -> dict:
    specialty, name_en, name_ru, codes, (low, high), (stay_low, stay_high), wait = procedure
    level = PRICE_LEVEL.get(country, 1.0) * rng.uniform(0.85, 1.15)
    currency = CURRENCY.get(country, "USD")
    from medcorridor.core.money import convert

    def local(usd: float) -> Decimal:
        return convert(Decimal(round(usd * level, -2)), "USD", currency)

    return {
        "specialty_id": specialty,
        "procedure_en": name_en,
        "procedure_ru": name_ru,
        "icd_codes": codes,
        "price_min": local(low),
        "price_max": local(high),
        "currency_id": currency,
        "stay_days_min": stay_low,
        "stay_days_max": stay_high,
        "wait_days": max(1, int(wait * rng.uniform(0.5, 1.8))),
        "is_demo": True,
    }


def _accreditations(facility, schemes: list[str], rng: random.Random) -> None:
    today = date.today()
    for index, scheme in enumerate(schemes):
        # One in five demo registrations has lapsed, so the "expired" marking shows up in the demo.
        expired = rng.random() < 0.2 and index > 0
        until = (
            today - timedelta(days=rng.randint(20, 300)) if expired else today + timedelta(days=rng.randint(90, 1100))
        )
        save_accreditation(
            actor=None,
            facility=facility,
            scheme=Scheme(scheme),
            reference=f"{scheme.upper()}-{rng.randint(1000, 9999)}",
            valid_from=until - timedelta(days=3 * 365),
            valid_until=until,
        )


def load() -> str:
    rng = random.Random(2026)
    load_rates(DEMO_RATES, source="indicative demo rates")
    offers = 0
    for key, (kind, city, address, aliases, languages, specialties, schemes) in FACILITIES.items():
        operator = organisation(key)
        facility = create_facility(
            actor=None,
            organisation=operator,
            kind=kind,
            name_en=operator.name_en,
            name_ru=operator.name_ru,
            name_original=operator.name_original,
            aliases=[*aliases, operator.short_name],
            country_id=operator.country_id,
            city=city,
            address=address,
            website="",
            is_demo=True,
            languages=languages,
        )
        for procedure in PROCEDURES:
            if procedure[0] in specialties:
                save_offer(
                    actor=None, facility=facility, reindex=False, **_offer_fields(operator.country_id, procedure, rng)
                )
                offers += 1
        _accreditations(facility, schemes, rng)
        Contact.objects.create(
            facility=facility,
            name="International Patient Centre",
            role="coordinator",
            email=f"international@{key}.demo.medcorridor.org",
            phone="+00 000 000 000",
        )
        reindex_facility(facility)
    return f"{len(FACILITIES)} facilities, {offers} offers (synthetic prices)"
