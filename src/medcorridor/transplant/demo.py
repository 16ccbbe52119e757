"""Demo data: a Kyrgyz kidney and liver waitlist at the National Surgical Center (Bishkek) with
related living donors, a kidney paired-exchange pool (with a pair from a partner centre in
Kazakhstan under a cooperation agreement) and one match run. All names are fictitious."""

from datetime import date, timedelta

from medcorridor.accounts import demo as accounts_demo

from . import services
from .enums import CheckStatus, Organ, RecipientStatus
from .models import ExchangePool

TODAY = date.today()

# (name, organ, sex, birth, blood group, HLA A/B/DR, unacceptable, cPRA, MELD, urgency, days listed, weight)
RECIPIENTS = [
    (
        "Асель Жумабекова",
        Organ.KIDNEY,
        "female",
        date(1986, 3, 4),
        "A",
        ("A2 A24", "B7 B35", "DR4 DR15"),
        "",
        12,
        None,
        "routine",
        420,
        61,
    ),
    (
        "Бакыт Исмаилов",
        Organ.KIDNEY,
        "male",
        date(1979, 11, 20),
        "B",
        ("A1 A3", "B8 B51", "DR3 DR7"),
        "A11",
        35,
        None,
        "routine",
        380,
        74,
    ),
    (
        "Нурбек Садыков",
        Organ.KIDNEY,
        "male",
        date(1991, 6, 9),
        "O",
        ("A2 A11", "B35 B44", "DR1 DR11"),
        "",
        5,
        None,
        "routine",
        300,
        69,
    ),
    (
        "Гульмира Токтосунова",
        Organ.KIDNEY,
        "female",
        date(1983, 1, 15),
        "A",
        ("A3 A24", "B18 B35", "DR11 DR13"),
        "B7 DR4",
        68,
        None,
        "urgent",
        250,
        58,
    ),
    (
        "Эрлан Абдыкадыров",
        Organ.KIDNEY,
        "male",
        date(1975, 8, 30),
        "AB",
        ("A1 A2", "B8 B44", "DR3 DR4"),
        "",
        0,
        None,
        "routine",
        120,
        80,
    ),
    (
        "Айпери Маматова",
        Organ.LIVER,
        "female",
        date(1988, 4, 12),
        "O",
        ("A2 A24", "B35 B51", "DR4 DR11"),
        "",
        0,
        24,
        "urgent",
        90,
        57,
    ),
    (
        "Тимур Кадыров",
        Organ.LIVER,
        "male",
        date(1969, 2, 2),
        "A",
        ("A1 A11", "B7 B8", "DR15 DR3"),
        "",
        0,
        18,
        "routine",
        200,
        78,
    ),
    (
        "Жылдыз Осмонова",
        Organ.LIVER,
        "female",
        date(2016, 9, 1),
        "B",
        ("A3 A24", "B44 B51", "DR7 DR13"),
        "",
        0,
        None,
        "super_urgent",
        30,
        21,
    ),
]
# (recipient index or None, name, sex, birth, blood group, HLA, relationship, liver volume, graft volume)
DONORS = [
    (
        0,
        "Марат Жумабеков",
        "male",
        date(1984, 5, 5),
        "B",
        ("A1 A24", "B7 B8", "DR4 DR3"),
        "spouse",
        None,
        None,
    ),
    (
        1,
        "Айгуль Исмаилова",
        "female",
        date(1982, 7, 7),
        "A",
        ("A2 A3", "B44 B51", "DR7 DR15"),
        "spouse",
        None,
        None,
    ),
    (
        2,
        "Самат Садыков",
        "male",
        date(1965, 3, 3),
        "A",
        ("A2 A11", "B35 B7", "DR1 DR4"),
        "parent",
        None,
        None,
    ),
    (
        3,
        "Азамат Токтосунов",
        "male",
        date(1980, 12, 1),
        "B",
        ("A1 A3", "B7 B18", "DR4 DR11"),
        "sibling",
        None,
        None,
    ),
    (
        4,
        "Чолпон Абдыкадырова",
        "female",
        date(1978, 10, 10),
        "O",
        ("A1 A2", "B8 B44", "DR3 DR4"),
        "spouse",
        None,
        None,
    ),
    (
        5,
        "Бекзат Маматов",
        "male",
        date(1985, 1, 25),
        "O",
        ("A2 A11", "B35 B7", "DR4 DR1"),
        "sibling",
        1650,
        640,
    ),
    (
        6,
        "Данияр Кадыров",
        "male",
        date(1994, 6, 18),
        "A",
        ("A1 A2", "B7 B44", "DR15 DR1"),
        "child",
        1500,
        560,
    ),
    (
        7,
        "Эльмира Осмонова",
        "female",
        date(1990, 8, 8),
        "B",
        ("A3 A2", "B44 B35", "DR7 DR4"),
        "parent",
        1400,
        260,
    ),
    (
        None,
        "Канат Бейшеев",
        "male",
        date(1977, 4, 4),
        "O",
        ("A2 A3", "B7 B35", "DR15 DR1"),
        "non_directed",
        None,
        None,
    ),
]


def _hla(values):
    return dict(zip(("hla_a", "hla_b", "hla_dr"), values, strict=True))


def load() -> str:
    centre = accounts_demo.organisation("nsc-kg")
    actor = accounts_demo.user("transplant.kg")
    recipients = []
    for name, organ, sex, birth, bg, hla, unacceptable, cpra, meld, urgency, days, weight in RECIPIENTS:
        recipients.append(
            services.list_recipient(
                actor=actor,
                centre=centre,
                organ=organ,
                full_name=name,
                sex=sex,
                birth_date=birth,
                blood_group=bg,
                unacceptable_antigens=unacceptable,
                cpra=cpra,
                meld=meld,
                urgency=urgency,
                listed_on=TODAY - timedelta(days=days),
                weight_kg=weight,
                is_demo=True,
                **_hla(hla),
            )
        )
    donors = []
    for index, name, sex, birth, bg, hla, relationship, liver, graft in DONORS:
        recipient = recipients[index] if index is not None else None
        donors.append(
            services.register_donor(
                actor=actor,
                centre=centre,
                recipient=recipient,
                full_name=name,
                sex=sex,
                birth_date=birth,
                blood_group=bg,
                relationship=relationship,
                liver_volume_ml=liver,
                graft_volume_ml=graft,
                relationship_evidence="" if relationship == "non_directed" else "Свидетельство (демо)",
                is_demo=True,
                **_hla(hla),
            )
        )
    for number, donor in enumerate(donors[:7], start=1):
        services.update_checklist(
            actor=actor,
            donor=donor,
            medical_check=CheckStatus.PASSED,
            psychological_check=CheckStatus.PASSED,
            consent_check=CheckStatus.PASSED,
            ethics_approval_reference=f"ЭК-2026/{number:03d}",
            ethics_approved_on=TODAY - timedelta(days=30),
        )
        donors[number - 1] = services.approve_donor(actor=actor, donor=donor)
    # A living-related liver transplant done a while ago: follow-ups, one of them overdue.
    liver_donor = donors[6]
    services.record_transplant(
        actor=actor, recipient=recipients[6], donor=liver_donor, performed_on=TODAY - timedelta(days=120)
    )
    services.change_recipient_status(
        actor=actor,
        recipient=recipients[7],
        status=RecipientStatus.SUSPENDED,
        reason="Интеркуррентная инфекция",
    )
    pool = services.create_pool(
        actor=actor,
        centre=centre,
        name="НХЦ — парный обмен почек",
        description="Демо-пул: несовместимые пары и альтруистический донор",
        is_demo=True,
    )
    partner = accounts_demo.organisation("syzganov")
    for donor in donors[:4]:
        services.add_to_pool(actor=actor, pool=pool, donor=donor)
    services.add_to_pool(actor=actor, pool=pool, donor=donors[8])
    # A Kazakh pair (registered at the coordinating centre under the cooperation agreement).
    kz_recipient = services.list_recipient(
        actor=actor,
        centre=centre,
        organ=Organ.KIDNEY,
        full_name="Ерлан Сапаров (ННЦХ, Алматы)",
        sex="male",
        birth_date=date(1981, 2, 14),
        blood_group="O",
        cpra=20,
        listed_on=TODAY - timedelta(days=200),
        is_demo=True,
        **_hla(("A1 A2", "B7 B44", "DR15 DR4")),
    )
    kz_donor = services.register_donor(
        actor=actor,
        centre=centre,
        recipient=kz_recipient,
        full_name="Динара Сапарова",
        sex="female",
        birth_date=date(1983, 9, 9),
        blood_group="A",
        relationship="spouse",
        relationship_evidence="Свидетельство о браке",
        is_demo=True,
        **_hla(("A3 A24", "B35 B51", "DR1 DR11")),
    )
    services.add_to_pool(
        actor=actor,
        pool=pool,
        donor=kz_donor,
        partner_organisation=partner,
        agreement_reference="KG-KZ-2026-TX-01",
    )
    run = services.run_match(actor=actor, pool=pool)
    assert ExchangePool.objects.filter(pk=pool.pk).exists()
    return (
        f"{len(recipients) + 1} waitlist recipients, {len(donors) + 1} living donors, 1 exchange pool, "
        f"1 match run ({run.transplants} transplants)"
    )
