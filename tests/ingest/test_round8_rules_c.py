"""After rounds 7 and 8 (rules-c): organisations, agreements, figures, areas and dates, one error
class per test, each on sentences written for the purpose (not taken from any article)."""

from __future__ import annotations

import pytest

from medcorridor.ingest.extract import extract_event


def scored(text: str) -> dict:
    return extract_event(text.encode("utf-8"), "t.txt").to_score_dict()


def organisations(text: str) -> list[str]:
    return scored(text)["organisations"]


def test_a_plural_ministry_head_with_several_countries_names_each_ministry() -> None:
    found = organisations("Министерства здравоохранения Молдовы, Армении и ЮНФПА обсудили совместный проект.")
    assert "Министерство здравоохранения Республики Молдова" in found
    assert "Министерство здравоохранения Республики Армения" in found


def test_one_ministry_with_an_international_body_stays_one_ministry() -> None:
    found = organisations("Представители министерства здравоохранения Армении и ВОЗ обсудили проект.")
    assert "Министерство здравоохранения Республики Армения" in found
    assert len([name for name in found if name.startswith("Министерство")]) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Об этом сообщает пресс-служба минздрава Молдовы.", "Министерство здравоохранения Республики Молдова"),
        ("Делегация Минздрава Белоруссии прибыла в Ереван.", "Министерство здравоохранения Республики Беларусь"),
    ],
)
def test_a_short_ministry_name_takes_any_country_the_text_names(text: str, expected: str) -> None:
    assert expected in organisations(text)


@pytest.mark.parametrize(
    "text",
    [
        "Министерство здравоохранения страны получило новые аппараты.",
        "Как отметили в Министерстве здравоохранения нашей страны, аппараты уже работают.",
    ],
)
def test_a_ministry_of_an_unnamed_country_names_no_one(text: str) -> None:
    assert organisations(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Парламент ратифицировал соглашение между Кабинетом Министров Кыргызской Республики и фондом.",
            "Кабинет министров Кыргызской Республики",
        ),
        (
            "Комитет одобрил проект договора между кабмином Кыргызстана и банком.",
            "Кабинет министров Кыргызской Республики",
        ),
    ],
)
def test_a_cabinet_of_ministers_is_named_by_its_states_official_name(text: str, expected: str) -> None:
    assert expected in organisations(text)


def test_a_government_acting_on_its_own_is_named_by_its_states_official_name() -> None:
    assert organisations("Правительство Норвегии выделило грант больнице.") == ["Правительство Королевства Норвегия"]


def test_a_government_inside_an_officials_title_is_only_his_title() -> None:
    assert organisations("Заявление сделал премьер-министр правительства Норвегии Ула Хансен.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Больница сможет приобрести ультразвуковую систему Mindscope.",
        "Склады рассчитаны на такие вакцины, как Vaxira и Immunol.",
    ],
)
def test_a_latin_brand_after_a_product_is_no_organisation(text: str) -> None:
    assert organisations(text) == []


def test_a_maker_named_as_a_company_after_a_product_is_an_organisation() -> None:
    found = organisations("Больница получила оборудование компании Mindscope для отделения.")
    assert any("Mindscope" in name for name in found)


def test_an_agencys_acronym_after_a_programme_is_the_agency() -> None:
    found = organisations("Врачи пройдут обучение по программе KOICA в Сеуле.")
    assert any("KOICA" in name for name in found)


@pytest.mark.parametrize(
    "text",
    [
        "Фото Минздрава Молдовы\nВрачи осмотрели 200 пациентов.",
        "Фото: пресс-служба Министерства здравоохранения Армении\nВрачи осмотрели 200 пациентов.",
    ],
)
def test_a_photo_credit_is_not_an_organisation_of_the_story(text: str) -> None:
    assert organisations(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Об этом сообщает Молдавское телеграфное агентство.",
        "Новость опубликовал Telegram-канал ведомства.",
    ],
)
def test_news_agencies_and_channels_are_media(text: str) -> None:
    assert organisations(text) == []


def test_a_nationality_and_a_bare_kind_of_place_is_no_name() -> None:
    assert organisations("Молдавская больница получит грант на оборудование.") == []


def test_lower_case_latin_words_inside_a_name_belong_to_it() -> None:
    found = organisations("В Бишкеке откроется филиал клиники Sunrise medical Group из Индии.")
    assert any(name.endswith("Sunrise medical Group") for name in found)


def test_an_initialism_of_azerbaijan_is_the_same_ministry() -> None:
    text = (
        "Министерство здравоохранения Азербайджанской Республики подписало меморандум. "
        "Министерство здравоохранения АР сообщило подробности."
    )
    assert len([name for name in organisations(text) if name.startswith("Министерство")]) == 1


def figures(text: str) -> list[float]:
    return [figure["value"] for figure in scored(text)["figures"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Число пациентов достигло 3 тысячи 415 человек.", [3415]),
        ("В прошлом году клиники приняли 1 тысячу 760 иностранных пациентов.", [1760]),
        ("Выздоровели 2 тысячи 108 человек, а 300 человек ещё лечатся.", [2108, 300]),
    ],
)
def test_a_thousand_written_as_a_word_and_the_digits_below_it_are_one_number(text: str, expected: list) -> None:
    assert figures(text) == expected


def test_an_ordinal_with_a_non_breaking_hyphen_is_no_figure() -> None:
    assert figures("Министры приняли участие в 5\u2011м заседании комиссии.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Врачи осмотрели пациентов.\n12,480ПодписчикиПодписаться\n3,101ЧитателиЧитать",
        "Врачи осмотрели пациентов.\nТоп статей за 7 дней",
        "1. Здоровье\n  2. Общество\nВрачи осмотрели пациентов.",
    ],
)
def test_page_widgets_and_menu_numbers_are_no_figures(text: str) -> None:
    assert figures(text) == []


def test_the_same_number_of_different_things_is_two_figures() -> None:
    text = "Больница расширяется\nВ этом году больница получила 12 аппаратов и обучила 12 врачей из района."
    assert figures(text) == [12, 12]


def agreements(text: str) -> list[tuple[str, str]]:
    return [(a.kind, a.title) for a in extract_event(text.encode("utf-8"), "t.txt").agreements]


def test_an_agreement_and_a_quoted_roadmap_are_two_documents_with_their_own_titles() -> None:
    found = agreements("Минздравы Молдовы и Армении подписали соглашение и «дорожную карту» на 2026 год.")
    assert [kind for kind, _ in found] == ["agreement", "roadmap"]
    assert found[0][1] == "соглашение"


def test_a_bilateral_agreement_told_again_is_the_same_document() -> None:
    text = (
        "Министры подписали соглашение о сотрудничестве в сфере медицины.\n"
        "По итогам встречи подписано двустороннее соглашение, сообщили в министерстве."
    )
    assert [kind for kind, _ in agreements(text)] == ["agreement"]


def test_kinds_of_documents_listed_in_the_plural_are_not_documents() -> None:
    text = (
        "Стороны подписали меморандум о взаимопонимании в области цифровой медицины.\n"
        "Всего подписаны 15 документов - меморандумы, протоколы, договоры, соглашения."
    )
    assert [kind for kind, _ in agreements(text)] == ["memorandum"]


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Клиника получит грант на приобретение медоборудования.", "equipment_supply"),
        ("Благодаря гранту больница сможет приобрести эндоскоп.", "equipment_supply"),
        ("Районные больницы пополнятся 12 новыми машинами скорой помощи.", "equipment_supply"),
        ("Хирург прочитал лекцию для местных врачей о новых методах.", "training"),
        ("Молодым врачам предстоит перенять опыт турецких коллег.", "training"),
        ("Министр поручил внедрять передовой опыт Кореи в больницах.", "training"),
        ("Нашим врачам есть чему поучиться у корейских специалистов.", "training"),
    ],
)
def test_purchases_of_equipment_and_experience_taken_over_are_areas(text: str, area: str) -> None:
    assert area in scored(text)["areas"]


def test_a_domestic_purchase_of_ambulances_is_no_supply() -> None:
    assert "equipment_supply" not in scored("В этом году в области закуплено 40 машин скорой помощи.")["areas"]


def test_a_weekday_dated_line_in_the_header_is_the_sites_clock() -> None:
    text = (
        "Новости региона\nСреда, 14 мая, 2025\n\nМинистры обсудили сотрудничество\n\n"
        "В Бишкеке министры здравоохранения двух стран обсудили обмен опытом, сообщили 3 марта 2023 года."
    )
    assert scored(text)["date"] == "2023-03-03"


def test_a_weekday_in_a_sentence_still_dates_the_story() -> None:
    text = (
        "Новости\n\nВо вторник, 13 мая 2025 года в Бишкеке министры здравоохранения двух стран обсудили обмен опытом."
    )
    assert scored(text)["date"] == "2025-05-13"


def test_an_officials_agency_or_un_body_is_listed_but_his_hospital_is_only_his_title() -> None:
    text = (
        "Министры встретились в Ашхабаде\n"
        "На встрече присутствовали представитель ЮНИСЕФ в Туркменистане Анна Петрова и главный врач "
        "Городской клинической больницы № 3 Иван Сидоров, сообщает пресс-служба."
    )
    found = organisations(text)
    assert any("ЮНИСЕФ" in name for name in found)
    assert not any("больниц" in name.lower() for name in found)


def test_a_bloc_after_v_is_a_region_but_a_body_after_v_is_a_party() -> None:
    assert not any("СНГ" in name for name in organisations("Молдова вышла на первое место в СНГ по числу операций."))
    assert any("ВОЗ" in name for name in organisations("Министерство направило обращение в ВОЗ о поставках."))
