"""Rules for the error classes round 6 showed (issue 4), each on a text written for the purpose."""

from __future__ import annotations

import pytest

from medcorridor.ingest.extract import extract_event
from medcorridor.ingest.extract.countries import codes_in, genitive_name
from medcorridor.ingest.extract.dates import event_date
from medcorridor.ingest.extract.figures import find_figures


def values(text: str) -> list[float]:
    return sorted(f.value for f in find_figures(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Новость\n06-06-2022\nТекст", "2022-06-06"),
        ("Новость\n12-11-2022, 14:24. Разместил: редактор\nТекст", "2022-11-12"),
        ("Новость\nоктября 23, 2023 - 14:09\nТекст", "2023-10-23"),
        ("Новость\n31-02-2022\nТекст", None),
        ("Счёт 12-11-20224 не дата", None),
    ],
)
def test_dashed_and_month_first_stamps(text: str, expected: str | None) -> None:
    assert event_date(text, None)[0] == expected


def test_a_date_after_the_lead_paragraph_is_a_past_event_not_the_story_date() -> None:
    lead = "Министр здравоохранения рассказала в интервью о сотрудничестве двух стран в медицине. " * 3
    text = f"Заголовок\n{lead}\nЦентр открыл свои двери 31 мая 2019 года."
    assert event_date(text, None)[0] is None
    assert event_date(f"Заголовок\n15 мая 2024 года\n{lead}", None)[0] == "2024-05-15"
    assert event_date(text, "2019-11-26")[0] == "2019-11-26"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Доставлены медикаменты на сумму 21 миллионов 188 тысяч 509 долларов США.", [21188509]),
        ("Переданы лекарства на 6 миллионов 628 тысяч 628 долларов.", [6628628]),
        ("Кредит составит 1 млрд 200 млн долларов.", [1200000000]),
        ("Сборы выросли с 5 тысяч 20 тысяч рублей в прошлом году.", [5000, 20000]),
    ],
)
def test_an_amount_written_in_parts_is_one_figure(text: str, expected: list[float]) -> None:
    assert values(text) == expected


def test_an_amount_in_parts_keeps_its_currency() -> None:
    (figure,) = find_figures("Помощь на 3 миллиона 500 тысяч долларов поступила в клинику.")
    assert (figure.value, figure.unit) == (3500000, "USD")


def test_an_upper_case_scale_in_a_headline() -> None:
    (figure,) = find_figures("В СТРАНУ ПОСТУПИЛИ МЕДИКАМЕНТЫ НА СУММУ СВЫШЕ $ 22 МЛН.\nТекст без чисел.")
    assert (figure.value, figure.unit) == (22000000, "USD")


def test_anniversaries_names_stamps_and_reading_times_are_not_figures() -> None:
    text = (
        "Министр принял участие в конференции по случаю 72-летия республики и 30-летию вуза.\n"
        "Об этом сообщили в программе Новости «24 часа», передает «МИР 24».\n"
        "Время для прочтения менее\n1 минуты\n12-11-2022, 14:24\nоктября 23, 2023 - 14:09\n"
        "В клинику прибыли 40 врачей, проект «Здоровье матери и ребенка — 2030 и далее» продолжен."
    )
    assert values(text) == [40]


def test_a_headline_figure_repeated_in_the_subtitle_and_the_body_counts_once() -> None:
    body = "Число граждан, которые получат лечение бесплатно, увеличено на 50 – до 180 человек в год. " * 2
    text = f"Квота расширена до 180 мест\nКвота увеличена до 180 человек в год\n{body}"
    assert values(text) == [50, 50, 180, 180]
    short = "Квота расширена до 180 мест\nКвота увеличена до 180 человек\nЕщё 180 человек"
    assert values(short) == [180, 180]


def organisations(text: str) -> list[str]:
    return extract_event(text).organisations


def test_latin_page_furniture_keys_codes_and_outlets_are_not_organisations() -> None:
    text = (
        "Top.Mail.Ru\nMain page\nМинистр здравоохранения встретился с делегацией компании Mindray в Ташкенте.\n"
        "Несмотря на пандемию Covid-19, стороны продолжили работу, сообщает TurkicWorld.\n"
        "Решение опубликовано в Resmi Gazete, передает Mir24.TV Belarus.\n"
        "Если вы нашли ошибку, выделите фрагмент текста и нажмите Ctrl+Enter."
    )
    assert organisations(text) == ["Компания Mindray"]


def test_a_summit_or_a_region_named_by_its_acronym_is_not_a_party() -> None:
    hosted = "Россия поможет Таджикистану провести саммиты ОДКБ и ШОС, а также встречу глав вузов стран СНГ."
    assert organisations(hosted) == []
    platform = "Стороны будут взаимодействовать на площадках международных организаций, включая СНГ и ШОС."
    assert organisations(platform) == ["СНГ", "ШОС"]


def test_a_common_adjective_and_a_kind_of_place_opening_a_sentence_is_no_name() -> None:
    text = "В районе открыли новый корпус. Детская больница на 50 коек оснащена современным оборудованием."
    assert organisations(text) == []
    named = "В районе открыли новый корпус. Республиканская детская больница оснащена оборудованием."
    assert organisations(named) == ["Республиканская детская больница"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Сирийская сторона высоко оценила помощь.", ["SY"]),
        ("Кубинская делегация посетила клинику вместе с кубинцами из посольства.", ["CU"]),
        ("Подписан сирийско-иракский протокол.", ["SY", "IQ"]),
        ("Врачи из Бразилии и бразильские медсёстры.", ["BR"]),
        ("Делегация нигерийских врачей прибыла в столицу.", []),  # Niger's or Nigeria's
    ],
)
def test_adjectives_and_demonyms_of_countries_outside_the_gazetteer(text: str, expected: list[str]) -> None:
    assert codes_in(text) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("CU", "Республики Куба"),
        ("SY", "Сирийской Арабской Республики"),
        ("CA", "Канады"),
        ("KZ", "Республики Казахстан"),
    ],
)
def test_official_genitive_names_of_every_country(code: str, expected: str) -> None:
    assert genitive_name(code) == expected


def officials(text: str) -> list[tuple[str, str]]:
    return [(o.name, o.position) for o in extract_event(text).officials]


def test_a_speaker_holds_a_position() -> None:
    text = "Делегацию принял спикер парламента Нурланбек Шакиев."
    assert officials(text) == [("Нурланбек Шакиев", "спикер парламента")]


def test_a_surname_alone_after_a_long_title_and_a_rank() -> None:
    text = (
        "Гостей принял начальник управления медицинского обеспечения полковник медицинской службы "
        "Абдулахатов. Стороны обсудили сотрудничество."
    )
    assert officials(text) == [("Абдулахатов", "начальник управления медицинского обеспечения")]


def test_a_commander_with_a_rank_before_the_name() -> None:
    text = "Делегацию возглавил командующий Медицинским командованием генерал Чой Бьюнг Сеоп."
    assert officials(text) == [("Чой Бьюнг Сеоп", "командующий Медицинским командованием")]


def test_phrases_of_a_headline_in_capitals_are_not_organisations() -> None:
    text = "ЛЕКАРСТВА ПОСТУПИЛИ В БОЛЬНИЦЫ ТАДЖИКИСТАНА\nПомощь передал фонд ЮНИСЕФ."
    assert organisations(text) == ["Фонд ЮНИСЕФ"]
