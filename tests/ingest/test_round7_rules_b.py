"""Officials, countries and figures: error classes found before round 7 (docs/ingest.md, "Round 7
preparation: rules-b"). Every sentence is written for the purpose, none is taken from an article."""

from __future__ import annotations

import pytest

from medcorridor.ingest.extract import extract_event
from medcorridor.ingest.extract.countries import codes_in
from medcorridor.ingest.extract.figures import find_figures
from medcorridor.ingest.extract.names import country_by_name_form, has_post_soviet_form


def officials(text: str) -> dict[str, tuple[str, str]]:
    event = extract_event(text, "probe.txt")
    return {o.name: (o.position, o.country) for o in event.officials}


@pytest.mark.parametrize(
    ("text", "name", "position"),
    [
        (
            "Делегацию возглавил вице-губернатор провинции Хэбэй Ван Лэй, гостей принял министр.",
            "Ван Лэй",
            "вице-губернатор",
        ),
        ("На встрече выступил замглавы Минздрава Узбекистана Бахтиёр Каримов.", "Бахтиёр Каримов", "заместитель главы"),
        ("Документ подписал гендиректор компании «Медтех» Олжас Сапаров.", "Олжас Сапаров", "генеральный директор"),
        ("Эмир Катара шейх Хамад бин Халид Аль Тани принял министра.", "Хамад бин Халид Аль Тани", "эмир"),
    ],
)
def test_contracted_compound_and_royal_offices_head_a_position(text: str, name: str, position: str) -> None:
    found = officials(text)
    assert name in found
    assert found[name][0].startswith(position)
    assert "шейх" not in found[name][0]


def test_a_title_followed_by_the_next_persons_name_is_not_an_apposition() -> None:
    text = (
        "В церемонии участвовали замглавы Минздрава Киргизии Бакыт Осмонов, представитель ЮНИСЕФ в "
        "республике Анна Лоренц и посол Японии Кэндзи Ямада."
    )
    found = officials(text)
    assert found["Бакыт Осмонов"] == ("заместитель главы Минздрава Киргизии", "KG")
    assert found["Анна Лоренц"][1] == ""


def test_a_colleague_from_a_country_takes_the_title_and_that_country() -> None:
    text = "Министр здравоохранения Армении Анаит Саркисян и ее коллега из Южной Кореи Пак Мин Су открыли форум."
    found = officials(text)
    assert found["Пак Мин Су"] == ("министр здравоохранения", "KR")
    text = "Министр здравоохранения Грузии Зураб Беридзе и его коллега из Азербайджана Эльчин Гасанов обсудили обмен."
    assert officials(text)["Эльчин Гасанов"] == ("министр здравоохранения", "AZ")


@pytest.mark.parametrize(
    "organisation",
    [
        "Азиатского банка развития",
        "Организации тюркских государств",
        "ПРООН",
        "Европейского союза",
    ],
)
def test_staff_of_international_organisations_speak_for_no_country(organisation: str) -> None:
    text = (
        f"Вице-президент {organisation} Мария Лопес посетила Бишкек и обсудила с министром здравоохранения "
        "Кыргызстана Эрланом Абдыкеримовым поставки вакцин."
    )
    found = officials(text)
    assert found["Мария Лопес"][1] == ""
    assert found["Эрлан Абдыкеримов"][1] == "KG"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Касым-Жомарт Токаев", True),
        ("Бактыгуль Жапарова", True),
        ("Канат Карыбай уулу", True),
        ("Джамшед Абдуллозода", True),
        ("Арман Мурадян", True),
        ("Сергей Станкевич", True),
        ("Мехмет Шахин", False),
        ("Ли Мин", False),
        ("Ким Ён Хо", False),
        ("Ахмет Доган", False),
    ],
)
def test_post_soviet_name_forms(name: str, expected: bool) -> None:
    assert has_post_soviet_form(name) is expected


def test_a_post_soviet_name_goes_to_the_one_post_soviet_side() -> None:
    assert country_by_name_form("Касым-Жомарт Токаев", "TR", ["TR", "KZ"]) == "KZ"
    assert country_by_name_form("Касым-Жомарт Токаев", "KZ", ["TR", "KZ"]) == ""  # already there
    assert country_by_name_form("Касым-Жомарт Токаев", "TR", ["TR", "KZ", "UZ"]) == ""  # which one?
    assert country_by_name_form("Сергей Петров", "KZ", ["KZ", "RU"]) == "RU"  # a Russian given name
    assert country_by_name_form("Мехмет Шахин", "KZ", ["KZ", "TR"]) == ""


def test_a_head_of_state_with_a_post_soviet_name_is_not_placed_on_the_foreign_side() -> None:
    text = (
        "Министр здравоохранения Турции Кемаль Озер принял в Анкаре посла Узбекистана Ойбека Усмонова. "
        "Посол рассказал, что по поручению президента Шавката Мирзиёева в стране строят 20 больниц. "
        "Турция готова направить в Турцию и Узбекистан врачей, Турция поддержит проект."
    )
    assert officials(text)["Шавкат Мирзиёев"][1] == "UZ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Британские врачи прибыли в Ташкент", ["GB", "UZ"]),
        ("Делегация Великобритании посетила Лондон", ["GB"]),
        ("польские и шведские клиники", ["PL", "SE"]),
        ("Варшава и Рига договорились", ["PL", "LV"]),
        ("В Дамаске и Гаване прошли встречи", ["SY", "CU"]),
        ("Посольство ЮАР", ["ZA"]),
        ("Египет и Шри-Ланка", ["EG", "LK"]),
        ("В Нур-Султане прошла встреча", ["KZ"]),
        ("Минздрав РУз сообщил", ["UZ"]),
        ("глава Росздравнадзора и Россотрудничество", ["RU"]),
        ("вены и артерии; Рост числа; София Иванова", []),
    ],
)
def test_more_country_names_adjectives_capitals_and_abbreviations(text: str, expected: list[str]) -> None:
    assert codes_in(text) == expected


def test_rt_is_tajikistan_unless_the_story_is_russian_regional() -> None:
    assert codes_in("Минздрав РТ и посольство Японии в Душанбе") == ["TJ", "JP"]
    assert codes_in("В Казани Минздрав РТ и Россия") == ["RU"]


def values(text: str) -> list[float]:
    return sorted(f.value for f in find_figures(text))


@pytest.mark.parametrize(
    "text",
    [
        "Справки по телефону 8 (7172) 55-21-90, факс +7 (727) 301-44-12.",
        "Приемная: тел.: 24-56-78, моб. +996 555 123 456.",
        "Главная / Новости / 24.kg / Общество",
        "Погода в Душанбе: +12, ветер",
        "Индекс 720040, Бишкек; сеть 5G; печать 3D.",
        "Согласно статье 15, пункту 3 и приложению 2, на стр. 4 документа.",
        "Просмотров: 585 Комментарии (3)",
        "Врачи работали с 3 по 9 сентября, в XXI веке и в 21 веке.",
        "Гостей принимали в 10-ю городскую больницу и 2-й корпус.",
    ],
)
def test_phones_sites_weather_references_counters_and_ordinals_are_not_figures(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Кредит составит от 2 до 3 млн долларов.", [2e6, 3e6]),
        ("Ежегодно проводят 1,5–2 тыс. консультаций и 300-350 операций.", [300, 350, 1500, 2000]),
        ("Итоги миссии: 78 осмотров и 16 операций.", [16, 78]),
        ("За десять лет здесь прошли лечение свыше 2000 пациентов, в 2023 году — 1990 человек.", [1990, 2000]),
        ("В 2024 году открыто отделение, к 2030 году их будет больше.", []),
    ],
)
def test_ranges_counts_after_a_colon_and_counts_that_look_like_years(text: str, expected: list[float]) -> None:
    assert values(text) == expected


def test_a_range_takes_the_currency_of_its_second_end() -> None:
    first, second = find_figures("Проект оценивается от 5 до 7 млн евро.")
    assert (first.value, first.unit, second.unit) == (5e6, "EUR", "EUR")


def test_compound_offices_and_courtesy_titles() -> None:
    text = (
        "Советник-посланник посольства Японии Т. Накамура и министр здравоохранения Турции доктор Эрдем Кая "
        "обсудили грант."
    )
    found = officials(text)
    assert found["Т. Накамура"][0] == "советник-посланник посольства Японии"
    assert found["Эрдем Кая"] == ("министр здравоохранения", "TR")


def test_a_mans_surname_in_the_nominative_stays_whatever_case_the_title_is_in() -> None:
    text = "Исполняющий обязанности министра здравоохранения Кыргызстана Нурлан Асанов встретился с послом Турции."
    assert "Нурлан Асанов" in officials(text)


def test_a_colleague_of_a_title_named_earlier_in_the_sentence_and_a_long_name_the_tagger_cut() -> None:
    text = (
        "Министр здравоохранения Грузии Зураб Беридзе открыл форум.\n"
        "В своем выступлении министр здравоохранения Грузии напомнил о встрече со своим кубинским "
        "коллегой Мануэлем Хосе Гомесом Вальдесом в Женеве."
    )
    found = officials(text)
    assert found["Мануэль Хосе Гомес Вальдес"] == ("министр здравоохранения", "CU")


def test_a_sentence_run_into_the_next_without_a_space_still_ends() -> None:
    text = (
        "Делегация посетила больницу Улан-Батора.Министр здравоохранения Монголии Батбаяр Ганбат рассказал о "
        "планах.Директор больницы Д. Отгонбаяр провел экскурсию."
    )
    found = officials(text)
    assert found["Батбаяр Ганбат"] == ("министр здравоохранения", "MN")
    assert found["Д. Отгонбаяр"][0] == "директор больницы"


def test_money_names_no_country() -> None:
    assert codes_in("Груз на сумму 300 тысяч долларов США и 2 млн японских иен") == []
    assert codes_in("Посольство США передало американские аппараты") == ["US"]


def test_korea_in_a_story_about_the_north_that_never_names_the_south_is_the_north() -> None:
    assert codes_in("Россия примет врачей из КНДР. Корейские врачи пройдут стажировку.") == ["RU", "KP"]
    assert codes_in("Врачи КНДР и Республики Корея встретились.") == ["KP", "KR"]


def test_countries_named_together_after_between_are_parties() -> None:
    lead = "Больница в Кулябе построена по проекту, который обсуждали министерства здравоохранения. " * 5
    text = f"В Кулябе открыли больницу\n{lead}\nОна построена в рамках соглашения между Таджикистаном и Германией."
    assert extract_event(text, "probe.txt").countries == ["TJ", "DE"]


def test_a_family_name_alone_later_is_the_same_person() -> None:
    text = (
        "Министр здравоохранения Монголии принял посла Республики Корея Пака Чон Хо. "
        "Посол Пак отметил рост потока пациентов."
    )
    found = officials(text)
    assert list(found) == ["Пак Чон Хо"]


def test_a_chinese_province_places_its_governor_and_a_cabinet_of_ministers_is_no_ministry() -> None:
    text = "Министр здравоохранения Беларуси Олег Петров принял губернатора провинции Хэнань Ван Кая."
    assert officials(text)["Ван Кай"][1] == "CN"
    text = "Заместитель Председателя Кабинета Министров Туркменистана Мерет Оразов принял посла Японии Кэндзи Ито."
    event = extract_event(text, "probe.txt")
    (oraz,) = [o for o in event.officials if o.name == "Мерет Оразов"]
    assert oraz.organisation == "Кабинет Министров Туркменистана"


def test_surnames_and_diagnoses_that_look_like_places_are_no_countries() -> None:
    assert codes_in("операции по удалению катаракты провел хирург Бахром Алматов") == []
    assert codes_in("Алматы, алматинские врачи, Бухара и Бухарест") == ["KZ", "UZ", "RO"]


def test_a_country_named_only_where_the_story_recalls_other_cooperation_is_no_side() -> None:
    text = (
        "Казахстанские врачи прошли стажировку в Южной Корее. Как отметила руководитель управления "
        "здравоохранения Алматы Сауле Шайкенова, 25 специалистов обучились в клиниках Сеула. "
        "Ранее аналогичная программа была реализована с Германией."
    )
    assert extract_event(text, "probe.txt").countries == ["KZ", "KR"]
    text = "Ранее Казахстан и Корея подписали меморандум. Казахстан и Корея продолжат обучение врачей."
    assert extract_event(text, "probe.txt").countries == ["KZ", "KR"]


def test_a_bracketed_abbreviation_inside_a_title_and_the_hakim_spelling() -> None:
    text = (
        "Глава Японского агентства международного сотрудничества (JICA) в Таджикистане Исао Сато и хаким "
        "Самаркандской области Эркинжон Турдимов открыли центр."
    )
    found = officials(text)
    assert found["Исао Сато"][0].startswith("глава Японского агентства международного сотрудничества (JICA)")
    assert found["Эркинжон Турдимов"] == ("хаким Самаркандской области", "UZ")


def test_a_title_in_brackets_after_the_name() -> None:
    text = "Встречу провели Нурлан Исаев (посол Казахстана в Корее) и Чо Гю Хон (министр здравоохранения Кореи)."
    found = officials(text)
    assert found["Нурлан Исаев"] == ("посол Казахстана в Корее", "KZ")
    assert found["Чо Гю Хон"][1] == "KR"


def test_turkish_names_by_given_name_and_surname_suffix() -> None:
    from medcorridor.ingest.extract.names import name_countries

    assert name_countries("Шевки Сарылар") == ["TR"]
    assert name_countries("Хакан Демирлер") == ["TR"]
    assert name_countries("Нурлан Исаев") == []
    assert name_countries("Айгуль Бекова") == []
