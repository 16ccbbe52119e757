"""Rules-e (issue 4, after rounds 5–8): organisations, agreements and officials' titles, one class of
phrasing per test, each on sentences written for the purpose (not taken from any article)."""

from __future__ import annotations

import pytest

from medcorridor.ingest.extract import extract_event


def scored(text: str) -> dict:
    return extract_event(text.encode("utf-8"), "t.txt").to_score_dict()


def organisations(text: str) -> list[str]:
    return scored(text)["organisations"]


def positions(text: str) -> list[str]:
    return [official["position"] for official in scored(text)["officials"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Грант выделило Управление ЮНЕП по поддержке прибрежных районов.",
            "Управление ЮНЕП по поддержке прибрежных районов",
        ),
        (
            "Комитет по образованию, науке, культуре и спорту Мажилиса рассмотрел проект.",
            "Комитет по образованию, науке, культуре и спорту Мажилиса",
        ),
    ],
)
def test_a_remit_after_the_owner_and_a_listed_remit_belong_to_the_name(text: str, expected: str) -> None:
    assert expected in organisations(text)


def test_a_full_name_with_its_acronym_in_two_scripts_is_one_body() -> None:
    text = (
        "Кредит выдала Африканская ассоциация развития (АФАР). "
        "Средства Африканской ассоциации развития (AFAR) пойдут на больницы."
    )
    assert len([name for name in organisations(text) if "ассоциация развития" in name]) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Закон о ратификации соглашения одобрен Жогорку Кенешем в третьем чтении.", "Жогорку Кенеш"),
        ("Проект поддержал Олий Мажлис, сообщили в пресс-службе.", "Олий Мажлис"),
        ("Поездку врачей организовало Россотрудничество.", "Россотрудничество"),
        ("Лаборатории передали по линии Роспотребнадзора.", "Роспотребнадзор"),
        ("Документ направлен в Государственную думу.", "Государственная дума"),
    ],
)
def test_a_parliament_or_federal_agency_named_on_its_own_is_an_organisation(text: str, expected: str) -> None:
    assert expected in organisations(text)


def test_a_parliament_inside_an_officials_title_is_only_his_title() -> None:
    text = "Депутат Жогорку Кенеша Марат Исаев посетил больницу в Оше."
    assert "Жогорку Кенеш" not in organisations(text)


def test_a_lower_case_council_is_not_the_parliament() -> None:
    assert organisations("Вопрос обсудил меджлис старейшин села.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("В Ташкент прибыл замминистра здравоохранения Узбекистана Рустам Каримов.", "заместитель министра"),
        ("Встречу провел гендиректор клиники Андрей Соколов.", "генеральный директор"),
        ("Письмо направил президент РФ Иван Петров.", "президент Российской Федерации"),
    ],
)
def test_compressed_titles_and_the_countrys_initials_are_written_out(text: str, expected: str) -> None:
    assert any(position.startswith(expected) for position in positions(text))


def agreements(text: str) -> list:
    return scored(text)["agreements"]


def test_a_quoted_full_title_and_a_short_mention_of_its_words_are_one_document() -> None:
    text = (
        "Стороны подписали меморандум о взаимопонимании в области ядерной медицины. "
        '"Меморандум о взаимопонимании между Министерством здравоохранения Республики Армения и '
        'Министерством здравоохранения Республики Молдова о сотрудничестве в области ядерной медицины", '
        "- говорится в перечне документов."
    )
    assert len(agreements(text)) == 1


def test_a_document_whose_parties_are_only_referred_to_is_the_one_already_told() -> None:
    text = (
        "Министры подписали меморандум о взаимопонимании в сфере охраны здоровья. "
        "Подписание меморандума о сотрудничестве между ведомствами двух стран откроет новые программы."
    )
    assert len(agreements(text)) == 1


def test_two_memoranda_with_named_parties_stay_two() -> None:
    text = (
        "Подписан меморандум о сотрудничестве в области онкологии. "
        "Кроме того, подписан меморандум о сотрудничестве между университетами Еревана и Кишинёва."
    )
    assert len(agreements(text)) == 2


def test_a_capitalised_word_a_dictionary_reads_as_a_particle_stays_in_a_name() -> None:
    assert "Фонд Ага Хана" in organisations("Клинику построили на средства Фонда Ага Хана в Хороге.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Врачи стажировались в детской клинике “Сфера” в Казани.", "Детская клиника «Сфера»"),
        ("Больница подписала меморандум с организацией «Врачи мира».", "Организация «Врачи мира»"),
    ],
)
def test_a_head_with_a_name_in_curly_quotes_or_an_organisation_head_is_named(text: str, expected: str) -> None:
    assert expected in organisations(text)


def officials(text: str) -> dict[str, str]:
    return {official["name"]: official["country"] for official in scored(text)["officials"]}


def test_an_officials_institution_introduced_with_its_country_gives_his_country() -> None:
    text = (
        "В Ереване начнет работу программа с участием бельгийского медицинского центра «Верде». "
        "Министр здравоохранения Армении Анна Петросян и директор центра «Верде» Люк Мартенс подписали план."
    )
    assert officials(text)["Люк Мартенс"] == "BE"


def test_an_institution_named_next_to_another_party_gives_no_country() -> None:
    text = (
        "Министерство здравоохранения Армении и ООО «Верде» подписали договор. Министр здравоохранения "
        "Армении Анна Петросян и директор ООО «Верде» Гурген Саакян обсудили поставки из Бельгии."
    )
    assert officials(text)["Гурген Саакян"] != "BE"


def test_a_regional_health_authority_in_its_heads_title_is_listed_like_a_ministry() -> None:
    text = "Меморандум подписал начальник управления здравоохранения Хорезмской области Бахром Юсупов."
    assert "Управление здравоохранения Хорезмской области" in organisations(text)


def test_a_hospital_in_its_head_doctors_title_stays_only_his_title() -> None:
    text = "Меморандум подписал главный врач областной больницы Хорезмской области Бахром Юсупов."
    assert organisations(text) == []


def test_a_document_another_one_implements_is_the_one_already_told() -> None:
    text = (
        "В 2021 году подписано соглашение о сотрудничестве в области здравоохранения. "
        "Стороны утвердили план мероприятий по реализации соглашения на 2026–2027 годы."
    )
    assert [title.split()[0] for title in agreements(text)] == ["соглашение", "план"]


def test_a_preposition_is_not_read_as_a_rare_noun_form_heading_a_title() -> None:
    text = "Об этом заявили после встречи главы Минздрава Армении Анны Петросян с делегацией."
    found = {official["name"]: official["position"] for official in scored(text)["officials"]}
    assert found["Анна Петросян"].startswith("глава")


@pytest.mark.parametrize(
    "text",
    [
        "Новый корпус увеличит возможности больницы по приему пациентов.",
        "Фельдшеры пройдут обучение на базе центра по программам помощи пострадавшим.",
    ],
)
def test_a_lower_case_place_with_what_it_does_after_po_is_no_name(text: str) -> None:
    assert organisations(text) == []


def test_a_lower_case_agency_with_its_remit_is_still_named() -> None:
    text = "Соглашение подписали с Государственным агентством по обязательному медицинскому страхованию."
    assert any(name.startswith("Государственное агентство по обязательному") for name in organisations(text))


def test_a_lower_case_place_still_to_be_opened_has_no_name_yet() -> None:
    text = "В министерстве сообщили, что в столице планируется открыть отдельный центр детской нефрологии."
    assert organisations(text) == []


def test_a_place_opened_with_a_quoted_name_is_named() -> None:
    text = "В Ереване был официально открыт французский медицинский центр «Лион»."
    assert any("«Лион»" in name for name in organisations(text))


def test_the_clauses_verb_ends_a_documents_title() -> None:
    text = "Соответствующее соглашение подписали в Ереване министры здравоохранения Армении и Молдовы."
    assert agreements(text) == ["соглашение"]
