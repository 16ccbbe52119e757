"""Demo registry: the agreements, meetings, officials, programmes, missions, donations and projects
reported by the five seed articles (facts only, no article text), plus a few peers marked as such.
Everything is ``is_demo``; written through the services, so search, merging and audit are exercised.
"""

from datetime import date
from decimal import Decimal

from medcorridor.accounts.demo import organisation
from medcorridor.providers.models import Facility

from . import services
from .enums import AgreementKind as K
from .enums import AgreementStatus as S
from .enums import DurationClass, MeetingKind, MissionKind, ProjectKind, ProjectStatus
from .models import Agreement, Donation, JointProject, Meeting, Mission, TrainingProgramme

SOURCES = {
    "000": "Монцамэ via a Russian-language news portal, 2026-02-02",
    "001": "zakon.kz, press service of the Prime Minister of Kazakhstan",
    "002": "КазТАГ, press service of the akimat of South Kazakhstan region",
    "003": "Lada.kz citing sputnik.kz, 2026-02-13",
    "004": "Minzdrav of Russia press release",
}
# spelling → demo organisation key: what the press writes and the directory does not
ALIASES = {
    "Национальный центр хирургии при Министерстве здравоохранения Киргизской Республики": "nsc-kg",
    "Национальный центр хирургии Киргизской Республики": "nsc-kg",
    "Каннам Северанс": "gangnam-severance",
    "Клиника Каннам Северанс": "gangnam-severance",
    "Институт развития индустрии здравоохранения": "khidi",
    "Институт развития индустрии здравоохранения Южной Кореи": "khidi",
    "Университетская клиника Аджу": "ajou",
    "Университетская больница Сеула": "snuh",
    'ФГБУ "ФНЦТИО им. ак. В.И. Шумакова" Минздрава России': "shumakov",
    "НМИЦ трансплантологии и искусственных органов им. Шумакова": "shumakov",
    "Министерство здравоохранения и социального обеспечения Республики Корея": "moh-kr",
    "Министерство здравоохранения Кыргызстана": "moh-kg",
}


def facility_of(key: str):
    return Facility.objects.filter(organisation=organisation(key)).first()


def _save(instance, **m2m):
    instance.is_demo = True
    return services.save_record(actor=None, instance=instance, m2m=m2m)


def _meeting(title, held_on, place, countries, areas, outcomes, people, source, kind=MeetingKind.MEETING):
    meeting = _save(
        Meeting(
            kind=kind,
            title=title,
            held_on=held_on,
            place=place,
            areas=areas,
            outcomes=outcomes,
            source=SOURCES[source],
        ),
        countries=countries,
    )
    for name, position, org_name, country, latin in people:
        official, held = services.upsert_official(
            actor=None,
            name=name,
            name_latin=latin,
            position=position,
            organisation_name=org_name,
            country=country,
            seen_on=held_on,
        )
        if not official.is_demo:
            official.is_demo = True
            official.save(update_fields=["is_demo"])
        services.add_participant(actor=None, meeting=meeting, official=official, position=held)
    return meeting


def load() -> str:
    for alias, key in ALIASES.items():
        services.add_alias(actor=None, organisation=organisation(key), alias=alias)

    # --- seed 004: Russia – Kyrgyzstan, transplantation
    shumakov_nsc = _save(
        Agreement(
            kind=K.AGREEMENT,
            status=S.SIGNED,
            signed_on=date(2025, 7, 1),
            signed_place="Москва, форум «Здоровое общество»",
            title="Соглашение о сотрудничестве между НМИЦ трансплантологии и искусственных органов им. Шумакова и "  # noqa: E501
            "Национальным центром хирургии при Министерстве здравоохранения Киргизской Республики",
            title_en="Cooperation agreement between the Shumakov Centre and the National Surgical Centre of Kyrgyzstan",  # noqa: E501
            areas=["transplantation", "training"],
            source=SOURCES["004"],
            obligations="Методическая поддержка и координация старта программы трансплантации печени в Киргизии.",  # noqa: E501
        ),
        countries=["RU", "KG"],
        parties=[organisation("shumakov"), organisation("nsc-kg")],
        facilities=[f for f in (facility_of("shumakov"), facility_of("nsc-kg")) if f],
    )
    moscow = _meeting(
        "Встреча министров здравоохранения России и Кыргызстана",
        date(2025, 10, 20),
        "Москва, Минздрав России",
        ["RU", "KG"],
        ["primary_care", "digital_health", "insurance", "transplantation", "training"],
        "Россия поможет в формировании нормативной базы донорства и трансплантации органов; обсуждены первичное "  # noqa: E501
        "звено, цифровая трансформация (ИИ), медицинское страхование и стратегия развития здравоохранения.",
        [
            (
                "Михаил Альбертович Мурашко",
                "министр здравоохранения",
                "Министерство здравоохранения Российской Федерации",
                "RU",
                "Mikhail Murashko",
            ),
            (
                "Алымкадыр Бейшеналиев",
                "министр здравоохранения",
                "Министерство здравоохранения Кыргызской Республики",
                "KG",
                "Alymkadyr Beishenaliev",
            ),
            (
                "Сергей Владимирович Готье",
                "главный внештатный трансплантолог Минздрава России",
                "Министерство здравоохранения Российской Федерации",
                "RU",
                "Sergey Gautier",
            ),
        ],
        "004",
    )
    moscow.agreements.add(shumakov_nsc)
    moscow.figures = [
        {"value": 198, "what": "специалистов обучено в 2023 году (НМИЦ им. Кулакова)"},
        {"value": 313, "what": "граждан Киргизии учатся в вузах Минздрава России"},
    ]
    moscow.save(update_fields=["figures"])
    _save(
        TrainingProgramme(
            title="Научно-практические семинары для медиков Киргизии (НМИЦ им. Кулакова)",
            host_organisation=organisation("kulakov"),
            sending_organisation=organisation("moh-kg"),
            specialty_text="акушерство и гинекология",
            duration_class=DurationClass.SHORT,
            trainees_per_year=198,
            year=2023,
            areas=["training"],
            source=SOURCES["004"],
        ),
        countries=["RU", "KG"],
    )
    _save(
        TrainingProgramme(
            title="Обучение граждан Киргизии в вузах Минздрава России (бакалавриат, специалитет, магистратура)",  # noqa: E501
            host_organisation=organisation("moh-ru"),
            sending_organisation=organisation("moh-kg"),
            duration_class=DurationClass.LONG,
            trainees_per_year=313,
            year=2025,
            areas=["training"],
            source=SOURCES["004"],
        ),
        countries=["RU", "KG"],
    )

    # --- seed 000: Mongolia – Korea
    _meeting(
        "Рабочий визит министра здравоохранения Монголии в Республику Корея",
        date(2026, 2, 2),
        "Сеул",
        ["MN", "KR"],
        ["medical_tourism", "training", "equipment_supply"],
        "Возобновить ежегодную межведомственную консультативную встречу; следующая — в марте в Сеуле. "
        "Меры поддержки монгольских граждан, лечащихся в Корее.",
        [
            (
                "Жигжидсурэнгийн Чинбурэн",
                "министр здравоохранения",
                "Министерство здравоохранения Монголии",
                "MN",
                "Jigjidsurengiin Chinburen",
            ),
            (
                "Ли Ки Ил",
                "первый заместитель министра здравоохранения и социального обеспечения",
                "Министерство здравоохранения и социального обеспечения Республики Корея",
                "KR",
                "Lee Ki-il",
            ),
        ],
        "000",
        kind=MeetingKind.VISIT,
    )
    _save(
        TrainingProgramme(
            title="Обучение монгольских врачей в Корее (кратко-, средне- и долгосрочное)",
            host_organisation=organisation("moh-kr"),
            sending_organisation=organisation("moh-mn"),
            duration_class=DurationClass.MEDIUM,
            year=2026,
            areas=["training"],
            is_published=False,
            source=SOURCES["000"],
        ),
        countries=["MN", "KR"],
    )

    # --- seed 001: Kazakhstan – Korea (Gangnam Severance)
    ministries = _save(
        Agreement(
            kind=K.MEMORANDUM,
            status=S.IN_FORCE,
            source=SOURCES["001"],
            title="Меморандумы между министерствами здравоохранения Казахстана и Кореи",
            areas=["medical_tourism", "training"],
        ),
        countries=["KZ", "KR"],
        parties=[organisation("moh-kz"), organisation("moh-kr")],
    )
    _meeting(
        "Встреча заместителя Премьер-Министра РК с делегацией Республики Корея",
        None,
        "Астана",
        ["KZ", "KR"],
        ["medical_tourism", "training", "equipment_supply", "emergency_care"],
        "Перспективы строительства медицинского центра и модернизации скорой помощи в регионах.",
        [
            (
                "Бердибек Сапарбаев",
                "заместитель Премьер-Министра",
                "Правительство Республики Казахстан",
                "KZ",
                "Berdibek Saparbayev",
            )
        ],
        "001",
    )
    _save(
        TrainingProgramme(
            title="Обучение казахстанских специалистов в клиниках Кореи",
            host_organisation=organisation("gangnam-severance"),
            sending_organisation=organisation("moh-kz"),
            duration_class=DurationClass.MEDIUM,
            agreement=ministries,
            areas=["training"],
            source=SOURCES["001"],
        ),
        countries=["KZ", "KR"],
    )
    _save(
        Mission(
            kind=MissionKind.CONSULTATION,
            title="Мастер-классы и консультативные приёмы корейских врачей в ВКО",
            team_organisation=organisation("gangnam-severance"),
            team="врачи клиники Каннам Северанс",
            place="Восточно-Казахстанская область",
            free_of_charge=True,
            agreement=ministries,
            areas=["training"],
            source=SOURCES["001"],
        ),
        countries=["KZ", "KR"],
    )
    _save(
        Mission(
            kind=MissionKind.SURGERY,
            title="Сложные операции ведущих врачей Каннам Северанс на безвозмездной основе",
            team_organisation=organisation("gangnam-severance"),
            place="Восточно-Казахстанская область",
            free_of_charge=True,
            agreement=ministries,
            source=SOURCES["001"],
        ),
        countries=["KZ", "KR"],
    )
    _save(
        Donation(
            description="Дорогостоящее диагностическое оборудование для областной больницы ВКО",
            donor=organisation("gangnam-severance"),
            recipient_name="Областная больница ВКО",
            agreement=ministries,
            areas=["equipment_supply"],
            source=SOURCES["001"],
        ),
        countries=["KZ", "KR"],
    )
    centre = _save(
        JointProject(
            kind=ProjectKind.DIAGNOSTIC_CENTRE,
            status=ProjectStatus.COMPLETED,
            title="Диагностический центр на базе КазНУ им. аль-Фараби с клиникой Каннам Северанс",
            started_on=date(2014, 12, 1),
            agreement=ministries,
            source=SOURCES["001"],
        ),
        countries=["KZ", "KR"],
        organisations=[organisation("kaznu"), organisation("gangnam-severance")],
    )
    services.add_milestone(
        actor=None, project=centre, title="Центр открыт", due_on=date(2014, 12, 1), done_on=date(2014, 12, 1)
    )
    _save(
        JointProject(
            kind=ProjectKind.MEDICAL_CENTRE,
            title="Строительство медицинского центра (Казахстан – Корея)",
            source=SOURCES["001"],
        ),
        countries=["KZ", "KR"],
    )
    ambulance = _save(
        JointProject(
            kind=ProjectKind.AMBULANCE,
            title="Модернизация системы скорой помощи в регионах Казахстана",
            areas=["emergency_care"],
            source=SOURCES["001"],
        ),
        countries=["KZ", "KR"],
    )
    services.add_milestone(
        actor=None,
        project=ambulance,
        title="Перечень регионов и технико-экономическое обоснование",
        due_on=date(2026, 12, 31),
    )

    # --- seed 002: South Kazakhstan region – Korea
    _save(
        Agreement(
            kind=K.MEMORANDUM,
            status=S.SIGNED,
            source=SOURCES["002"],
            title="Меморандум управления здравоохранения ЮКО с 4 ведущими клиниками Южной Кореи",
            areas=["training", "insurance"],
        ),
        countries=["KZ", "KR"],
    )
    _save(
        Agreement(
            kind=K.MEMORANDUM,
            status=S.SIGNED,
            source=SOURCES["002"],
            title="Меморандум о сотрудничестве с Институтом развития индустрии здравоохранения Южной Кореи (KHIDI)",  # noqa: E501
        ),
        countries=["KZ", "KR"],
        parties=[organisation("khidi")],
    )
    _meeting(
        "Визит врачей Южно-Казахстанской области в клиники Южной Кореи",
        None,
        "Провинция Кёнгидо",
        ["KZ", "KR"],
        ["insurance", "training", "digital_health", "rehabilitation", "primary_care"],
        "Активизировать санитарное просвещение, повысить уровень ПМСП, открыть реабилитационные отделения.",
        [
            (
                "Ибрагим Ташев",
                "главный врач Сарыагашской районной больницы",
                "Сарыагашская районная больница",
                "KZ",
                "Ibragim Tashev",
            ),
            (
                "Жанар Оспанова",
                "главный врач Шардаринской районной поликлиники",
                "Шардаринская районная поликлиника",
                "KZ",
                "Zhanar Ospanova",
            ),
            (
                "Ергали Алимбаев",
                "главный врач районной больницы города Арысь",
                "Районная больница города Арысь",
                "KZ",
                "Yergali Alimbayev",
            ),
        ],
        "002",
        kind=MeetingKind.DELEGATION,
    )

    # --- seed 003: Kazakhstan – Belarus
    _meeting(
        "Встреча министра здравоохранения Казахстана с послом Беларуси",
        date(2026, 2, 13),
        "Астана",
        ["KZ", "BY"],
        ["medical_tourism", "transplantation", "drug_regulation", "training"],
        "Совместные обучающие программы, регистрация лекарств, проекты в рамках Межправкомиссии, СНГ и ШОС.",
        [
            (
                "Акмарал Альназарова",
                "министр здравоохранения",
                "Министерство здравоохранения Республики Казахстан",
                "KZ",
                "Akmaral Alnazarova",
            ),
            (
                "Алексей Богданов",
                "посол Республики Беларусь",
                "Посольство Республики Беларусь в Казахстане",
                "BY",
                "Alexei Bogdanov",
            ),
        ],
        "003",
    )
    _save(
        Agreement(
            kind=K.ROADMAP,
            status=S.DRAFT,
            title="Дорожная карта сотрудничества Казахстан – Беларусь в здравоохранении (проект)",
            areas=["medical_tourism", "drug_regulation", "training"],
            source=SOURCES["003"],
            is_published=False,
        ),
        countries=["KZ", "BY"],
        parties=[organisation("moh-kz"), organisation("moh-by")],
    )

    # --- peers (demo only, not from the seeds)
    _save(
        TrainingProgramme(
            title="Стажировки трансплантологов Кыргызстана в Минском центре (демо)",
            host_organisation=organisation("minsk-transplant"),
            sending_organisation=organisation("nsc-kg"),
            specialty_text="трансплантология",
            duration_class=DurationClass.MEDIUM,
            trainees_per_year=6,
            year=2026,
            areas=["transplantation", "training"],
            source="demo",
        ),
        countries=["BY", "KG"],
    )
    _save(
        Mission(
            kind=MissionKind.SURGERY,
            title="Выездные операции кардиохирургов Acıbadem в Бишкеке (демо)",
            team_organisation=organisation("acibadem"),
            place="Бишкек",
            facility=facility_of("nsc-kg"),
            started_on=date(2025, 11, 10),
            ended_on=date(2025, 11, 14),
            operations=14,
            consultations=60,
            free_of_charge=False,
            source="demo",
        ),
        countries=["TR", "KG"],
    )
    _save(
        Agreement(
            kind=K.CONTRACT,
            status=S.IN_FORCE,
            title="Договор о лечении пациентов из Монголии в Asan Medical Center (демо)",
            signed_on=date(2024, 5, 2),
            valid_from=date(2024, 6, 1),
            valid_until=date(2027, 5, 31),
            signed_place="Улан-Батор",
            areas=["medical_tourism"],
            source="demo",
        ),
        countries=["MN", "KR"],
        parties=[organisation("moh-mn"), organisation("asan")],
        facilities=[f for f in [facility_of("asan")] if f],
    )
    _save(
        Donation(
            kind="medicines",
            description="Лекарственные препараты для онкологических больниц (демо)",
            donor=organisation("moh-ru"),
            recipient=organisation("moh-kg"),
            value=Decimal("25000000"),
            currency_id="RUB",
            donated_on=date(2025, 12, 5),
            source="demo",
        ),
        countries=["RU", "KG"],
    )
    return (
        f"{Agreement.objects.count()} agreements, {Meeting.objects.count()} meetings, "
        f"{TrainingProgramme.objects.count()} programmes, {Mission.objects.count()} missions, "
        f"{Donation.objects.count()} donations, {JointProject.objects.count()} projects"
    )
