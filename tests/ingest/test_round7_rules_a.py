"""Round 7 preparation (rules-a): organisations, areas, agreements and dates, one error class per
test, each on sentences written for the purpose (not taken from any article)."""

from __future__ import annotations

import pytest

from medcorridor.ingest.extract import extract_event
from medcorridor.ingest.extract.dates import event_date


def scored(text: str) -> dict:
    """The score dict of a text: the fields the quality tests compare with the gold."""
    return extract_event(text.encode("utf-8"), "t.txt").to_score_dict()


def areas(text: str) -> list[str]:
    return scored(text)["areas"]


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Министры обсудили информатизацию здравоохранения и обмен данными.", "digital_health"),
        ("Военные медики внедрят информационно-коммуникационные технологии в госпиталях.", "digital_health"),
        ("Стороны подпишут соглашение о производстве медицинской техники в Ташкенте.", "equipment_supply"),
        ("Министерство получило средства индивидуальной защиты и перчатки от банка.", "equipment_supply"),
        ("Больница получила медицинские изделия на сумму $40 тысяч.", "equipment_supply"),
        ("Передан набор медикаментов на случай чрезвычайных ситуаций.", "emergency_care"),
        (
            "План предусматривает оказание медицинской помощи гражданам Армении в российских клиниках.",
            "medical_tourism",
        ),
        ("Приезжие хирурги прочитали 12 лекций для коллег из районных больниц.", "training"),
        ("Японская сторона поможет создать систему университетских больниц.", "training"),
        ("Китай передал Монголии 10 карет скорой помощи.", "emergency_care"),
        ("Китай передал Монголии 10 карет скорой помощи.", "equipment_supply"),
        ("Врачи будут оказывать экстренную медицинскую помощь и развивать экстренную медицину.", "emergency_care"),
        ("Пациенты смогут получать консультации ведущих специалистов в режиме онлайн.", "digital_health"),
        ("Стороны договорились об обмене медицинскими кадрами.", "training"),
        ("Вузы расширят академическую мобильность студентов.", "training"),
    ],
)
def test_area_evidence_phrases(text: str, area: str) -> None:
    assert area in areas(text)


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Новая клиника оснащена современным оборудованием и принимает пациентов.", "equipment_supply"),
        ("В связи с чрезвычайной ситуацией в регионе министр отменил визит.", "emergency_care"),
        ("Врачи получили лечение в рамках программы.", "equipment_supply"),
        ("Граждане Казахстана получили помощь в своих поликлиниках.", "medical_tourism"),
        ("Встреча министров прошла в режиме онлайн.", "digital_health"),
    ],
)
def test_area_phrases_that_are_not_evidence(text: str, area: str) -> None:
    assert area not in areas(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("По данным посольства РФ в Ханое, врачи пройдут стажировку.", "Посольство Российской Федерации в Ханое"),
        ("Встреча прошла в посольстве Южной Кореи в Бишкеке.", "Посольство Республики Корея в Бишкеке"),
        (
            "Груз передало Посольство Турции в Кыргызской Республике.",
            "Посольство Турецкой Республики в Кыргызской Республике",
        ),
        ("Генеральное консульство Японии в Алматы передало аппараты.", "Генеральное консульство Японии в Алматы"),
        ("Заявление сделало посольство США в Душанбе.", "Посольство США в Душанбе"),
    ],
)
def test_an_embassy_is_named_by_its_countrys_official_name_and_its_host(text: str, expected: str) -> None:
    assert expected in scored(text)["organisations"]


def test_an_embassy_without_a_written_host_sits_in_the_other_country_of_the_story() -> None:
    text = (
        "Казахстан и Турция обсудили сотрудничество в медицине.\n"
        "Об этом сообщает пресс-служба посольства Республики Казахстан."
    )
    assert "Посольство Республики Казахстан в Турции" in scored(text)["organisations"]
    three_sides = text.replace("и Турция", ", Турция и Германия")
    assert "Посольство Республики Казахстан" in scored(three_sides)["organisations"]


def test_embassies_in_general_are_not_one_embassy() -> None:
    names = scored("Помощь больницам Казахстана передали посольства европейских стран.")["organisations"]
    assert not any(name.startswith("Посольств") for name in names)


def test_an_ambiguous_initialism_is_never_the_embassys_own_host() -> None:
    names = scored("Корейские врачи приехали в Астану. Посольство РК в Казахстане передало аппараты.")["organisations"]
    assert "Посольство Республики Корея в Казахстане" in names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Соглашение подписано с минздравом Кореи в Сеуле.", "Министерство здравоохранения Республики Корея"),
        ("Делегация Эксимбанка Кореи посетила Ташкент.", "Эксимбанк Кореи"),
        ('Грант выделен совместно с компанией "Памир Энерджи" на строительство.', "Компания «Памир Энерджи»"),
        ("Самолет авиакомпании «Узбекские авиалинии» доставил груз.", "Авиакомпания «Узбекские авиалинии»"),
        ("Делегация посетила РНПЦ «Кардиология» в Минске.", "РНПЦ «Кардиология»"),
        ("Помощь поступила при поддержке Европейского регионального бюро ВОЗ.", "Европейское региональное бюро ВОЗ"),
        ("Палатки передал Красный Полумесяц Турции.", "Красный Полумесяц Турции"),
        ("Фонд «Мехр» передал лекарства больнице.", "Фонд «Мехр»"),
        ("Договор подписали с МГМУ им. И.М. Сеченова в Москве.", "МГМУ им. И.М. Сеченова"),
    ],
)
def test_organisation_naming_variants(text: str, expected: str) -> None:
    assert expected in scored(text)["organisations"]


@pytest.mark.parametrize(
    "text",
    [
        "Врачи из Бурятии выезжают в клиники Южной Кореи на стажировку.",
        "В прошлом году в центре Алматы открылась турецкая клиника.",
    ],
)
def test_kinds_of_places_and_city_centres_are_not_organisations(text: str) -> None:
    assert scored(text)["organisations"] == []


def test_a_ministry_named_short_and_in_full_is_one_organisation() -> None:
    text = (
        "Министерство здравоохранения и социальной защиты населения Таджикистана получило помощь. "
        "По данным Минздрава Таджикистана, груз распределят по больницам."
    )
    assert scored(text)["organisations"] == ["Министерство здравоохранения и социальной защиты населения Таджикистана"]


def agreements(text: str) -> list[tuple[str, str]]:
    found = extract_event(text.encode("utf-8"), "t.txt").agreements
    return [(a.kind, a.status) for a in found]


def test_a_headline_below_site_lines_restates_the_bodys_document() -> None:
    text = (
        "Сайт новостей региона\n\n\nНовости\n\n"
        "Минздравы Армении и Ирана подписали меморандум о сотрудничестве\n\n"
        "Министры подписали меморандум о сотрудничестве в сфере подготовки медицинских кадров."
    )
    assert agreements(text) == [("memorandum", "signed")]


def test_a_shorter_and_a_longer_title_of_one_document_are_one_document() -> None:
    text = (
        "Стороны подписали соглашение о сотрудничестве. Позднее министры отметили, что "
        "соглашение о сотрудничестве в области трансплантологии вступит в силу в мае."
    )
    (agreement,) = extract_event(text.encode("utf-8"), "t.txt").agreements
    assert agreement.title.endswith("в области трансплантологии")  # the clause's verb ends the title (rules-e)


def test_signed_contracts_between_institutions_are_documents_but_contracts_in_general_are_not() -> None:
    assert agreements("Между вузами двух стран подписано около 30 договоров о сотрудничестве.") != []
    assert agreements("Между университетами двух стран подписано 12 договоров.") != []
    assert agreements("Клиника заключает договоры с поставщиками каждый год.") == []


def test_a_countrys_own_development_plan_is_no_cooperation_document() -> None:
    assert agreements("Посол рассказал о стратегическом плане развития Республики Казахстан до 2030 года.") == []
    assert agreements("Стороны утвердили план развития сотрудничества на 2026 год.") == [("plan", "signed")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Министры подписали меморандум о взаимопонимании в сфере здравоохранения.", ("memorandum", "signed")),
        ("Стороны намерены подписать соглашение о сотрудничестве в области медицины.", ("agreement", "planned")),
        ("Ведомства обсудили проект соглашения о сотрудничестве в сфере трансплантации.", ("agreement", "draft")),
        ("Министерства подготовят дорожную карту по развитию телемедицины к осени.", ("roadmap", "draft")),
        ("Главы ведомств подписали протокол о намерениях между клиниками.", ("protocol", "signed")),
        ("Стороны выразили намерение подписать меморандум о сотрудничестве.", ("memorandum", "planned")),
    ],
)
def test_agreement_kinds_and_statuses(text: str, expected: tuple[str, str]) -> None:
    assert agreements(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Новость\n12 окт. 2023, 14:20\nТекст", "2023-10-12"),
        ("Новость\n3 мар 2024\nТекст", "2024-03-03"),
        ("Бишкек, 28.10.18. /Агентство/. Министры встретились.", "2018-10-28"),
        ("Врачи приехали 5-го марта 2024 года в Душанбе.", "2024-03-05"),
        ("Новости от 12.03.2024\nТекст", "2024-03-12"),
        ("Новость\n2024.02.28 14:16\nТекст", "2024-02-28"),
        ("Новость\n2024/02/28\nТекст", "2024-02-28"),
        ("Версия 2024.13.45 вышла", None),
        ("Согласно договору от 3 июня 2014 года квота выросла.", None),
        ("Постановление № 12 от 05.05.2020 продлено, сообщил министр.", None),
        ("Квоты действуют до 1 января 2026 года.", None),
        ("Квоты, сообщил министр 2 мая 2025 года, действуют до 1 января 2026 года.", "2025-05-02"),
    ],
)
def test_date_formats_and_dates_that_are_not_the_storys(text: str, expected: str | None) -> None:
    assert event_date(text, None)[0] == expected


def test_a_regulators_remit_after_za_is_part_of_its_name() -> None:
    text = "Меморандум подписан с Управлением по контролю за продуктами питания и лекарствами Ирана."
    assert "Управление по контролю за продуктами питания и лекарствами Ирана" in scored(text)["organisations"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Гости осмотрели новый Республиканский диагностический центр в Бишкеке.",
            "Республиканский диагностический центр",
        ),
        ("Министр рассказал о возможностях нового Протонного центра в Алматы.", "Протонный центр"),
        ("Гости посетили строящийся Национальный центр детской хирургии.", "Национальный центр детской хирургии"),
    ],
)
def test_a_name_starts_at_its_first_capitalised_word(text: str, expected: str) -> None:
    assert scored(text)["organisations"] == [expected]
