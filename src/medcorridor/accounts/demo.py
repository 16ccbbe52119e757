"""Demo organisations and one demo user per role. All passwords: DEMO_PASSWORD."""

from .enums import OrganisationKind as Kind
from .enums import Role
from .models import Organisation, User
from .services import add_membership, create_organisation, create_user

DEMO_PASSWORD = "medcorridor-demo"

# key: (kind, country, English name, Russian name, original-script name, short name)
ORGANISATIONS = {
    "moh-mn": (
        Kind.MINISTRY,
        "MN",
        "Ministry of Health of Mongolia",
        "Министерство здравоохранения Монголии",
        "Эрүүл мэндийн яам",
        "ЭМЯ",
    ),
    "moh-kz": (
        Kind.MINISTRY,
        "KZ",
        "Ministry of Health of the Republic of Kazakhstan",
        "Министерство здравоохранения Республики Казахстан",
        "Қазақстан Республикасы Денсаулық сақтау министрлігі",
        "МЗ РК",
    ),
    "moh-kg": (
        Kind.MINISTRY,
        "KG",
        "Ministry of Health of the Kyrgyz Republic",
        "Министерство здравоохранения Кыргызской Республики",
        "Кыргыз Республикасынын Саламаттык сактоо министрлиги",
        "Минздрав КР",
    ),
    "moh-ru": (
        Kind.MINISTRY,
        "RU",
        "Ministry of Health of the Russian Federation",
        "Министерство здравоохранения Российской Федерации",
        "",
        "Минздрав России",
    ),
    "moh-kr": (
        Kind.MINISTRY,
        "KR",
        "Ministry of Health and Welfare of the Republic of Korea",
        "Министерство здравоохранения и социального обеспечения Республики Корея",
        "보건복지부",
        "MOHW",
    ),
    "moh-by": (
        Kind.MINISTRY,
        "BY",
        "Ministry of Health of the Republic of Belarus",
        "Министерство здравоохранения Республики Беларусь",
        "Міністэрства аховы здароўя Рэспублікі Беларусь",
        "Минздрав Беларуси",
    ),
    "khidi": (
        Kind.AGENCY,
        "KR",
        "Korea Health Industry Development Institute",
        "Институт развития индустрии здравоохранения Кореи",
        "한국보건산업진흥원",
        "KHIDI",
    ),
    "gangnam-severance": (
        Kind.CLINIC,
        "KR",
        "Gangnam Severance Hospital",
        "Госпиталь Каннам Северанс",
        "강남세브란스병원",
        "Gangnam Severance",
    ),
    "severance": (
        Kind.CLINIC,
        "KR",
        "Severance Hospital (Yonsei University Health System)",
        "Госпиталь Северанс (Университет Ёнсе)",
        "세브란스병원",
        "Severance",
    ),
    "ajou": (Kind.CLINIC, "KR", "Ajou University Hospital", "Госпиталь Университета Аджу", "아주대학교병원", "Ajou"),
    "snuh": (
        Kind.CLINIC,
        "KR",
        "Seoul National University Hospital",
        "Сеульская национальная университетская больница",
        "서울대학교병원",
        "SNUH",
    ),
    "samsung": (Kind.CLINIC, "KR", "Samsung Medical Center", "Медицинский центр Самсунг", "삼성서울병원", "SMC"),
    "asan": (Kind.CLINIC, "KR", "Asan Medical Center", "Медицинский центр Асан", "서울아산병원", "AMC"),
    "shumakov": (
        Kind.CLINIC,
        "RU",
        "Shumakov National Medical Research Center of Transplantology and Artificial Organs",
        "НМИЦ трансплантологии и искусственных органов им. академика В. И. Шумакова",
        "",
        "ФНЦТИО им. Шумакова",
    ),
    "almazov": (
        Kind.CLINIC,
        "RU",
        "Almazov National Medical Research Centre",
        "НМИЦ им. В. А. Алмазова",
        "",
        "Центр Алмазова",
    ),
    "blokhin": (
        Kind.CLINIC,
        "RU",
        "N. N. Blokhin National Medical Research Center of Oncology",
        "НМИЦ онкологии им. Н. Н. Блохина",
        "",
        "Онкоцентр Блохина",
    ),
    "kulakov": (
        Kind.CLINIC,
        "RU",
        "Kulakov National Medical Research Center for Obstetrics, Gynecology and Perinatology",
        "НМИЦ акушерства, гинекологии и перинатологии им. академика В. И. Кулакова",
        "",
        "Центр Кулакова",
    ),
    "syzganov": (
        Kind.CLINIC,
        "KZ",
        "Syzganov National Scientific Center of Surgery",
        "Национальный научный центр хирургии им. А. Н. Сызганова",
        "А. Н. Сызғанов атындағы Ұлттық ғылыми хирургия орталығы",
        "ННЦХ им. Сызганова",
    ),
    "umc-astana": (
        Kind.CLINIC,
        "KZ",
        "University Medical Center (Astana)",
        "Университетский медицинский центр (Астана)",
        "Университеттік медициналық орталық",
        "UMC",
    ),
    "nsc-kg": (
        Kind.CLINIC,
        "KG",
        "National Surgical Center of the Ministry of Health of the Kyrgyz Republic",
        "Национальный хирургический центр Министерства здравоохранения Кыргызской Республики",
        "Кыргыз Республикасынын Улуттук хирургиялык борбору",
        "НХЦ",
    ),
    "minsk-transplant": (
        Kind.CLINIC,
        "BY",
        "Minsk Scientific and Practical Center for Surgery, Transplantology and Hematology",
        "Минский научно-практический центр хирургии, трансплантологии и гематологии",
        "",
        "МНПЦ ХТиГ",
    ),
    "acibadem": (
        Kind.CLINIC,
        "TR",
        "Acıbadem Maslak Hospital",
        "Больница Аджибадем Маслак",
        "Acıbadem Maslak Hastanesi",
        "Acıbadem",
    ),
    "memorial": (
        Kind.CLINIC,
        "TR",
        "Memorial Şişli Hospital",
        "Больница Мемориал Шишли",
        "Memorial Şişli Hastanesi",
        "Memorial",
    ),
    "kaznu": (
        Kind.UNIVERSITY,
        "KZ",
        "Al-Farabi Kazakh National University",
        "КазНУ им. аль-Фараби",
        "Әл-Фараби атындағы Қазақ ұлттық университеті",
        "KazNU",
    ),
    "who-europe": (
        Kind.INTERNATIONAL,
        "DK",
        "WHO Regional Office for Europe",
        "Европейское региональное бюро ВОЗ",
        "",
        "WHO/Europe",
    ),
    "operator": (
        Kind.INTERNATIONAL,
        "KZ",
        "medcorridor operations",
        "Оператор платформы medcorridor",
        "",
        "medcorridor",
    ),
}

# username: (organisation key, role, first name, last name)
USERS = {
    "coordinator.mn": ("moh-mn", Role.NATIONAL_COORDINATOR, "Oyuntsetseg", "Batbold"),
    "coordinator.kz": ("moh-kz", Role.NATIONAL_COORDINATOR, "Aigerim", "Seitkali"),
    "coordinator.kg": ("moh-kg", Role.NATIONAL_COORDINATOR, "Nurlan", "Osmonov"),
    "coordinator.by": ("moh-by", Role.NATIONAL_COORDINATOR, "Alena", "Kavalenka"),
    "clinic.severance": ("gangnam-severance", Role.CLINIC_STAFF, "Ji-won", "Park"),
    "clinic.ajou": ("ajou", Role.CLINIC_STAFF, "Min-seo", "Kim"),
    "clinic.shumakov": ("shumakov", Role.CLINIC_STAFF, "Irina", "Sokolova"),
    "clinic.syzganov": ("syzganov", Role.CLINIC_STAFF, "Daniyar", "Abenov"),
    "analyst": ("moh-kz", Role.ANALYST, "Saule", "Nurpeisova"),
    "transplant.kg": ("nsc-kg", Role.TRANSPLANT_COORDINATOR, "Aibek", "Toktogulov"),
    "auditor": ("operator", Role.AUDITOR, "Gulnara", "Ismailova"),
    "admin": ("operator", Role.ADMINISTRATOR, "Ruslan", "Karimov"),
}


def organisation(key: str) -> Organisation:
    """A demo organisation by its key in ORGANISATIONS."""
    return Organisation.objects.get(name_en=ORGANISATIONS[key][2], is_demo=True)


def user(username: str) -> User:
    return User.objects.get(username=username)


def load() -> str:
    for kind, country, name_en, name_ru, original, short in ORGANISATIONS.values():
        create_organisation(
            actor=None,
            kind=kind,
            name_en=name_en,
            name_ru=name_ru,
            country=country,
            name_original=original,
            short_name=short,
            is_demo=True,
        )
    for username, (org_key, role, first, last) in USERS.items():
        created = create_user(
            actor=None,
            username=username,
            password=DEMO_PASSWORD,
            email=f"{username}@demo.medcorridor.org",
            organisation=organisation(org_key),
            role=role,
            first_name=first,
            last_name=last,
            is_staff=role == Role.ADMINISTRATOR,
            check_password=False,
        )
        if role == Role.ADMINISTRATOR:
            created.is_superuser = True
            created.save(update_fields=["is_superuser"])
    add_membership(actor=None, user=user("transplant.kg"), organisation=organisation("moh-kg"), role=Role.ANALYST)
    return f"{len(ORGANISATIONS)} organisations, {len(USERS)} users (password {DEMO_PASSWORD})"
